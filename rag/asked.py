"""Does a passage state what was asked? Coverage of the question's key terms.

Key terms are the question's content words (folded, so typed with or without diacritics) after
removing commune names, question words (rag.compose.QUESTION_NOISE) and the words dropped by the
analysis. Each is weighted by its IDF in the indexed passages, scaled to [0, 1] by the IDF of a
word found in one passage: generic plan vocabulary (words in most passages: "kế hoạch",
"nhiệm vụ", "xã") weighs near zero, the entity a question is about ("camera") near one. No word
list of plans is involved: the weights come from the corpus statistics of the index served.

A key term is covered by a text when the text has it, or has every word of its known long form
(rag.text.abbreviation_forms: "tthc" -> "thủ tục hành chính"). Words found in no passage are left
out (typos and shorthand; the decision has its own features for them).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from rag.text import abbreviation_forms, fold, words

# Words that only phrase the asking of a deadline or a request, not what is asked about; the
# rest of the question vocabulary is rag.compose.QUESTION_NOISE.
ASKING_WORDS = frozenset(
    "xong han chot hoi biet giup minh toi oi nhe vay ha phai liet ke het lau gom ra sao chuc vu".split()
)
MAX_ACRONYM = 6  # an acronym stands for at most this many words
_INITIALS = "^"  # marks the initials of a run of words in `text_terms`
# One Vietnamese syllable (folded): onset, vowels, coda. A token that is not one ("attt",
# "khcn", "dmst") is read as an acronym.
_SYLLABLE = re.compile(
    r"^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]+(ng|nh|ch|[cmnpt])?$"
)


@dataclass(frozen=True)
class KeyTerm:
    term: str  # folded
    weight: float  # IDF scaled to [0, 1]


@dataclass(frozen=True)
class Coverage:
    """How well a text states the key terms of a question."""

    share: float  # weighted share of the key terms the text has (1.0 without key terms)
    missing_max: float  # weight of the heaviest key term the text lacks (0.0 if none)
    missing: tuple[str, ...] = ()


def text_terms(text: str) -> frozenset[str]:
    """The folded words of a text, and the initials of its runs of 2 to MAX_ACRONYM words, so
    an acronym typed in a question ("ĐMST", "attt") is found in a text that spells it out
    ("đổi mới sáng tạo", "an toàn thông tin")."""
    toks = words(text)
    out = set(toks)
    for n in range(2, MAX_ACRONYM + 1):
        out.update(
            _INITIALS + "".join(t[0] for t in toks[i : i + n]) for i in range(len(toks) - n + 1)
        )
    return frozenset(out)


class AskedCheck:
    """Key terms of a question and their coverage by passages, records or a whole plan.

    `df(term)` is the number of indexed passages with the folded term, `n` the number of
    passages; `plan_terms(commune)` the folded words of that commune's plan (None: unknown).
    """

    def __init__(
        self,
        df: Callable[[str], int],
        n: int,
        noise: Callable[[str], bool],
        plan_terms: Callable[[str], frozenset[str] | None] | None = None,
    ) -> None:
        if n < 1:
            raise ValueError("n must be at least 1")
        self.df = df
        self.n = n
        self.noise = noise
        self.plan_terms = plan_terms
        self._top = self._idf(1)

    def _idf(self, f: int) -> float:
        return math.log(1 + (self.n - f + 0.5) / (f + 0.5))

    def key_terms(
        self, question: str, drop: set[str] | frozenset[str] = frozenset()
    ) -> list[KeyTerm]:
        """The question's key terms, heaviest first (commune names already removed by caller or
        listed in `drop` as folded words)."""
        out: dict[str, float] = {}
        for tok in words(question):
            if tok in drop or tok in out or tok.isdigit() or tok in ASKING_WORDS or self.noise(tok):
                continue
            f = self.df(tok)
            if f > 0:
                out[tok] = round(min(1.0, self._idf(f) / self._top), 4)
                continue
            long_form = abbreviation_forms(tok)  # "tmdt" typed, "thương mại điện tử" written
            for part in words(long_form) if long_form else []:
                g = self.df(part)
                if g > 0 and part not in drop and not self.noise(part):
                    out.setdefault(part, round(min(1.0, self._idf(g) / self._top), 4))
        return sorted((KeyTerm(t, w) for t, w in out.items()), key=lambda k: -k.weight)

    @staticmethod
    def _has(term: str, have: frozenset[str]) -> bool:
        if term in have:
            return True
        if not _SYLLABLE.match(term) and _INITIALS + term in have:
            return True
        if term[-1:] in "iy" and term[:-1] + ("y" if term[-1] == "i" else "i") in have:
            return True  # both spellings are in use: "tỉ lệ" / "tỷ lệ", "kĩ" / "kỹ"
        long_form = abbreviation_forms(term)
        alt = words(long_form) if long_form else []
        return bool(alt) and all(a in have for a in alt)

    def coverage(self, terms: list[KeyTerm], have: frozenset[str]) -> Coverage:
        """Coverage of `terms` by a text's folded words (`text_terms`)."""
        if not terms:
            return Coverage(1.0, 0.0)
        total = sum(k.weight for k in terms) or 1.0
        missing = [k for k in terms if not self._has(k.term, have)]
        got = total - sum(k.weight for k in missing)
        return Coverage(
            round(max(0.0, got) / total, 4),
            max((k.weight for k in missing), default=0.0),
            tuple(k.term for k in missing),
        )

    def text_coverage(self, terms: list[KeyTerm], text: str) -> Coverage:
        return self.coverage(terms, text_terms(text))

    def plan_coverage(self, terms: list[KeyTerm], commune: str) -> Coverage | None:
        """Coverage by the whole plan of one commune; None when its words are not known."""
        if self.plan_terms is None:
            return None
        have = self.plan_terms(commune)
        if have is None:
            return None
        return self.coverage(terms, have)


def fold_drop(names: list[str]) -> frozenset[str]:
    """The folded words of names (communes) to leave out of key terms."""
    return frozenset(w for n in names for w in fold(n).split())
