"""Communes typed as their initials: "hlt" for Hòa Lạc Tây, "bmđ" for Bình Minh Đông.

People type a long commune name as the first letters of its words. Such a token is read as the
commune only when it is the initials of exactly one commune of the index and is not a word in its
own right: not a word the plans use, not chat shorthand or an administrative abbreviation ("kh",
"ubnd", "ct", "ph"), not a stop word. Two letters ("ll") are too short to be told apart from
shorthand, so they count only right after "xã"/"phường" ("xã LL"). A question that names a
commune in full is left as it is: a short token there is shorthand, not a second commune.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from rag.text import STOPWORDS, expand_abbreviations, fold, nfc

# Generic abbreviations of Vietnamese administration and of plan tables (matrix columns "CT"/"PH",
# "TT" for the row number, agencies, document kinds): never a commune's initials.
ADMIN_ABBREVIATIONS = frozenset(
    """
    ubnd hdnd ub tw ttg bch mttq ct ph tt stt nq qd ck kh tb cv tu ht bc dt vp cb cc
    ccvc cbcc bnd hnd ccb dtn hlhpn hpn lhpn ca bchqs qs ttyt tyt gd gddt dvt tr trd ha km
    """.split()
)
# 2-letter initials count only right after one of these words.
_PLACE_WORDS = frozenset({"xa", "phuong"})
# A token right after an amount is its unit ("500 triệu vnđ", "bao nhiêu vnđ"), not a commune.
_AMOUNT_WORDS = frozenset({"trieu", "ty", "nghin", "ngan", "dong", "nhieu", "bn"})
_TOKEN_RE = re.compile(r"(?<![\w/.-])([^\W\d_]{2,6})(?![^\W\d_]|[/-])")
_MIN_BARE = 3


@dataclass(frozen=True)
class InitialsMention:
    """A token of a question read as the initials of one commune."""

    start: int
    end: int
    token: str
    commune: str


def initials_of(name: str) -> str:
    """The lower-case first letters of a name's words, "đ" kept: "Bình Minh Đông" -> "bmđ"."""
    return "".join(w[0] for w in nfc(name).lower().split() if w)


def _fits(token: str, initials: str) -> bool:
    """The typed token spells these initials; a typed "đ" must be a name's "Đ", a plain "d"
    may be either ("bmd" and "bmđ" both spell Bình Minh Đông)."""
    if len(token) != len(initials):
        return False
    for typed, letter in zip(token, initials, strict=True):
        if typed == "đ":
            if letter != "đ":
                return False
        elif fold(typed) != fold(letter):
            return False
    return True


def _forms(token: str) -> set[str]:
    """The token as typed, folded, and with each plain "d" read as "đ" (abbreviations carry no
    other marks): a plan that writes "VNĐ" makes "vnd" a word too."""
    low = token.lower()
    out = {low, fold(low)}
    plain = fold(low)
    if "d" in plain and len(plain) <= 6:
        out.add(plain.replace("d", "đ"))
    return out


class CommuneInitials:
    """Initials of the communes of the index, resolved in questions."""

    def __init__(self, communes: Sequence[str], word_count: Callable[[str], int] | None = None):
        self.communes = [c for c in communes if c and len(c.split()) >= 2]
        self.word_count = word_count  # how many plan passages write a word so (0: never)
        self._by_length: dict[int, list[tuple[str, str]]] = {}
        for name in self.communes:
            key = initials_of(name)
            self._by_length.setdefault(len(key), []).append((key, name))

    def is_word(self, token: str) -> bool:
        """A token that is a word in its own right: shorthand, a stop word, an administrative
        abbreviation, or a word the plans write."""
        for form in _forms(token):
            if form in STOPWORDS or form in ADMIN_ABBREVIATIONS or _is_shorthand(form):
                return True
            if self.word_count is not None and self.word_count(form) > 0:
                return True
        return False

    def commune_of(self, token: str) -> str | None:
        """The one commune whose initials the token spells; None when none or several do."""
        low = nfc(token).lower()
        found = {name for key, name in self._by_length.get(len(low), []) if _fits(low, key)}
        return found.pop() if len(found) == 1 else None

    def mentions(self, text: str, named: Iterable[str] = ()) -> list[InitialsMention]:
        """Tokens of the text read as a commune's initials (none when `named` — the communes
        the text names in full — is not empty)."""
        if list(named) or not self.communes:
            return []
        text = nfc(text)
        out: list[InitialsMention] = []
        for m in _TOKEN_RE.finditer(text):
            token = m.group(1)
            before = fold(_word_before(text, m.start()))
            if len(token) < _MIN_BARE and before not in _PLACE_WORDS:
                continue
            if before in _AMOUNT_WORDS or before[:1].isdigit():
                continue
            commune = self.commune_of(token)
            if commune is None or self.is_word(token):
                continue
            out.append(InitialsMention(m.start(1), m.end(1), token, commune))
        return out

    def spelled_out(self, text: str, named: Iterable[str] = ()) -> str:
        """The text with every commune typed as initials written as its name."""
        text = nfc(text)
        for mention in reversed(self.mentions(text, named)):
            text = text[: mention.start] + mention.commune + text[mention.end :]
        return text


def _is_shorthand(token: str) -> bool:
    """Chat shorthand or an administrative abbreviation rag.text spells out ("bn", "kh")."""
    return expand_abbreviations(token) != token


def _word_before(text: str, start: int) -> str:
    words = re.findall(r"[^\W_]+", text[:start])
    return words[-1] if words else ""
