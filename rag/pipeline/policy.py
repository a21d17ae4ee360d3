"""Policy refusals decided by the route: personal data of a person, and targets of an authority
(province, ministry, government) that the communes' plans do not state.

Word lists live in policy.json beside this file. Phrases are matched on folded words (no
diacritics), so questions typed without diacritics are handled the same way.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rag.text import fold, nfc

POLICY_FILE = Path(__file__).with_name("policy.json")
_WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)
_SENTENCE_RE = re.compile(r"(?<=[.;!?])\s+|\n+")


@dataclass(frozen=True)
class Token:
    text: str  # as typed (NFC)
    folded: str

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


@dataclass(frozen=True)
class ScopeTarget:
    """An authority above the commune whose targets were asked ("tỉnh Nghệ An", "Bộ Công an")."""

    label: str  # as typed
    key: str  # folded words a passage must contain to state its targets


def tokens(text: str) -> list[Token]:
    return [Token(m.group(0), fold(m.group(0))) for m in _WORD_RE.finditer(nfc(text))]


def _phrases(items: list[str]) -> list[tuple[str, ...]]:
    """Folded phrases as word tuples, longest first."""
    return sorted({tuple(fold(x).split()) for x in items if x.strip()}, key=len, reverse=True)


def _match_at(words: list[str], i: int, phrases: list[tuple[str, ...]]) -> int:
    """Length of the longest phrase starting at word i (0 if none)."""
    for ph in phrases:
        if tuple(words[i : i + len(ph)]) == ph:
            return len(ph)
    return 0


class Policy:
    """Detects the questions the assistant refuses on principle."""

    def __init__(self, path: Path = POLICY_FILE) -> None:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
        self.version = str(raw["version"])
        self.fields = _phrases(raw["personal_fields"])
        self.roles = _phrases(raw["person_roles"])
        self.statistic_words = _phrases(raw["statistic_words"])
        self.count_words = _phrases(raw["count_words"])
        self.marked = {nfc(x).lower() for x in raw["honorifics_marked"]}
        self.folded_honorifics = {fold(x) for x in raw["honorifics_folded"]}
        self.self_words = _phrases(raw["self_words"])
        self.owner_links = _phrases(raw["owner_link_words"])
        self.place_heads = _phrases(raw["place_heads"])
        self.process = _phrases(raw["process_words"])
        self.gap = _phrases(raw["field_person_gap"])
        self.not_data = _phrases(raw["field_not_data_after"])
        self.honorifics_after_field = {fold(x) for x in raw["honorifics_after_field"]}
        self.max_gap = int(raw["max_person_field_gap"])
        self.targets = _phrases(raw["target_words"])
        self.authorities = _phrases(raw["authorities"])
        self.heads = _phrases(raw["authority_heads"])
        self.heads_marked = {
            fold(k): nfc(v).lower() for k, v in raw["authority_heads_marked"].items()
        }
        self.name_stops = {fold(x) for x in raw["name_stop_words"]}
        self.sectors = _phrases(raw.get("marked_head_sectors", []))
        self.links = _phrases(raw["scope_link_words"])
        self.verbs = _phrases(raw["scope_verbs"])
        self.max_name = int(raw["max_name_words"])
        self.commune_heads = _phrases(raw["commune_heads"])
        self.locator_links = _phrases(raw["locator_links"])
        self.name_breaks = {fold(x) for x in raw["commune_name_breaks"]}
        if self.max_gap < 0 or self.max_name < 1:
            raise ValueError("policy.json: gaps must be ≥ 0, names ≥ 1 word")

    # ---------------------------------------------------------------- personal data
    def asks_personal_data(self, question: str, communes: Sequence[str] = ()) -> bool:
        """True for a request for a (named or described) person's personal data; False for
        statistics ("bao nhiêu CCCD đã cấp") and for one's own data ("cách cập nhật số điện
        thoại của tôi"). `communes`: the known communes the question names; their words are
        a place, never a person's name ("Hòa Lạc Đông người dân có điện thoại thông minh")."""
        toks = tokens(question)
        words = [t.folded for t in toks]
        fields = [
            f
            for f in self._spans(words, self.fields)
            if not self._own(toks, f[1]) and not _match_at(words, f[1], self.not_data)
        ]
        if not fields or self._statistic(question, words):
            return False
        names = [tuple(fold(c).split()) for c in communes if c.strip()]
        places = self._name_words(words, names)
        persons = [p for p in self._persons(toks) if not set(range(*p)) & places]
        for f_start, f_end in fields:
            if self._honorific_after(toks, f_end):
                return True  # "so dien thoai ba nguyen thi x" typed without capitals
            for p_start, p_end in persons:
                if p_start >= f_end and self._only(words[f_end:p_start], self.gap):
                    return True  # "số điện thoại (của) ông X", "sđt của chủ tịch xã"
                gap = words[p_end:f_start]
                if (
                    p_end <= f_start
                    and len(gap) <= self.max_gap
                    and not self._has(gap, self.process)
                ):
                    return True  # "chủ tịch xã Giao An số điện thoại là gì"
        return False

    def _honorific_after(self, toks: list[Token], end: int) -> bool:
        """A person's title right after a datum (past link words), then a name: "sdt ba
        nguyen thi x". Typed without capitals the name cannot be seen; the title after the
        datum is the person. In a question typed with diacritics the title must carry its
        own ("địa chỉ ba thôn" is three hamlets, "địa chỉ bà Lan" a person)."""
        words = [t.folded for t in toks]
        i = end
        while i < len(words):
            n = _match_at(words, i, self.gap)
            if not n:
                break
            i += n
        if i + 1 >= len(words) or words[i] not in self.honorifics_after_field:
            return False
        typed_plain = all(t.text.lower() == t.folded for t in toks)
        return typed_plain or toks[i].text.lower() in self.marked

    def _statistic(self, question: str, words: list[str]) -> bool:
        """A question about many people ("bao nhiêu % cán bộ dùng thư điện tử", "mấy người có
        email công vụ"): a ratio, or a count word right before a role or person word."""
        if "%" in question or self._has(words, self.statistic_words):
            return True
        counted = self.roles + [("nguoi",)]
        return any(
            _match_at(words, end, counted) for _, end in self._spans(words, self.count_words)
        )

    def _own(self, toks: list[Token], end: int) -> bool:
        """The datum ending at word `end` is the asker's own: "số điện thoại (của) tôi/mình".

        A self word elsewhere does not count: "cho mình xin số điện thoại của…" asks for
        someone else's, and a capitalised "Minh" is part of a name."""
        words = [t.folded for t in toks]
        for i in (end, end + _match_at(words, end, self.owner_links)):
            n = _match_at(words, i, self.self_words)
            if n and not any(t.capitalised for t in toks[i : i + n]):
                return True
        return False

    def _persons(self, toks: list[Token]) -> list[tuple[int, int]]:
        words = [t.folded for t in toks]
        found = list(self._spans(words, self.roles))
        places = self._place_words(toks)
        for i, t in enumerate(toks):
            named = i + 1 < len(toks) and toks[i + 1].capitalised
            if t.text.lower() in self.marked or (t.folded in self.folded_honorifics and named):
                found.append((i, i + 1))
            # Two or more capitalised words after a field are a name ("Hoàng Văn Thảo").
            if (
                i
                and t.capitalised
                and i + 1 < len(toks)
                and toks[i + 1].capitalised
                and not {i, i + 1} & places
            ):
                found.append((i, i + 2))
        return found

    def _place_words(self, toks: list[Token]) -> set[int]:
        """Indexes of the capitalised words naming a place: "xã Giao An", "thôn Bản Mới"."""
        words = [t.folded for t in toks]
        out: set[int] = set()
        for _, end in self._spans(words, self.place_heads):
            while end < len(toks) and toks[end].capitalised:
                out.add(end)
                end += 1
        return out

    @staticmethod
    def _spans(words: list[str], phrases: list[tuple[str, ...]]) -> list[tuple[int, int]]:
        spans = []
        i = 0
        while i < len(words):
            n = _match_at(words, i, phrases)
            if n:
                spans.append((i, i + n))
                i += n
            else:
                i += 1
        return spans

    def _has(self, words: list[str], phrases: list[tuple[str, ...]]) -> bool:
        return bool(self._spans(words, phrases))

    def _only(self, words: list[str], phrases: list[tuple[str, ...]]) -> bool:
        """words is empty or made only of the given phrases."""
        i = 0
        while i < len(words):
            n = _match_at(words, i, phrases)
            if not n:
                return False
            i += n
        return True

    # ------------------------------------------------------------------- scope
    def scope_target(self, question: str, communes: Sequence[str] = ()) -> ScopeTarget | None:
        """The authority whose own targets are asked ("chỉ tiêu của tỉnh Nghệ An", "Bộ Công an
        đặt mục tiêu gì"), or None. `communes`: the known communes the question names; an
        authority right after one of them ("Phú Trung, tỉnh Đồng Nai đặt …") locates it."""
        toks = tokens(question)
        words = [t.folded for t in toks]
        targets = self._spans(words, self.targets)
        if not targets:
            return None
        names = [tuple(fold(c).split()) for c in communes if c.strip()]
        inside = self._name_words(words, names)
        for a_start, a_end in self._authority_spans(toks):
            if a_start in inside:
                continue  # "xã Tịnh Dương": folded, the name's "tinh" reads like "tỉnh"
            if self._locates_a_commune(words, a_start) or self._follows_a_name(
                words, a_start, names
            ):
                continue  # "xã Phú Trung, tỉnh Đồng Nai": the province says where the commune is
            for t_start, t_end in targets:
                between = words[t_end:a_start]
                if t_end <= a_start and self._only(between, self.links):
                    return self._target(toks, a_start, a_end)
                after = words[a_end:t_start]
                if a_end <= t_start and len(after) <= 3 and self._has(after, self.verbs):
                    return self._target(toks, a_start, a_end)
        return None

    @staticmethod
    def _name_words(words: list[str], names: list[tuple[str, ...]]) -> set[int]:
        """Positions of the words that belong to one of these commune names in the question."""
        inside: set[int] = set()
        for name in names:
            for i in range(len(words) - len(name) + 1):
                if name and tuple(words[i : i + len(name)]) == name:
                    inside.update(range(i, i + len(name)))
        return inside

    def _follows_a_name(self, words: list[str], start: int, names: list[tuple[str, ...]]) -> bool:
        """Whether one of these commune names ends right before word `start`, or before a
        locator link that ends there ("Phú Trung tỉnh …", "Phú Trung thuộc tỉnh …")."""
        ends = [start]
        for i in range(max(0, start - 2), start):
            n = _match_at(words, i, self.locator_links)
            if n and i + n == start:
                ends.append(i)
        return any(
            name and end >= len(name) and tuple(words[end - len(name) : end]) == name
            for end in ends
            for name in names
        )

    def _locates_a_commune(self, words: list[str], start: int) -> bool:
        """Whether the authority starting at word `start` follows a commune's name ("xã A, tỉnh
        B", "xa a thuoc tinh b"): a commune head, then a name of 1..max_name words with no target
        word or name stop in it, then (optionally a locator link and) the authority."""
        end = start
        for i in range(max(0, start - 2), start):
            n = _match_at(words, i, self.locator_links)
            if n and i + n == start:
                end = i
        for k in range(end - 1, max(-1, end - 2 - self.max_name), -1):
            n = _match_at(words, k, self.commune_heads)
            if not n or k + n >= end:
                continue
            name = words[k + n : end]
            if len(name) <= self.max_name and not any(
                w in self.name_stops
                or w in self.name_breaks
                or _match_at(words, k + n + j, self.targets)
                for j, w in enumerate(name)
            ):
                return True
        return False

    def _authority_spans(self, toks: list[Token]) -> list[tuple[int, int]]:
        words = [t.folded for t in toks]
        typed_plain = all(t.text.lower() == t.folded for t in toks)
        spans = list(self._spans(words, self.authorities))
        for h_start, h_end in self._spans(words, self.heads):
            if any(s <= h_start < e for s, e in spans):
                continue
            marked = self.heads_marked.get(words[h_start])
            if marked and not typed_plain and toks[h_start].text.lower() != marked:
                continue  # "số", "sổ" are not "Sở"
            if marked and typed_plain and not _match_at(words, h_end, self.sectors):
                continue  # "so ho kinh doanh": "số"; "so noi vu": "Sở Nội vụ"
            end = h_end
            while (
                end < len(words)
                and end - h_end < self.max_name
                and words[end] not in self.name_stops
                and not words[end].isdigit()
                and not _match_at(words, end, self.targets)
            ):
                end += 1
            if end > h_end:  # a head needs a name: "tỉnh Nghệ An", "Bộ Công an"
                spans.append((h_start, end))
        return spans

    @staticmethod
    def _target(toks: list[Token], start: int, end: int) -> ScopeTarget:
        label = " ".join(t.text for t in toks[start:end])
        return ScopeTarget(label, " ".join(t.folded for t in toks[start:end]))

    def states_targets(
        self, target: ScopeTarget, passages: list[str], years: list[str] | None = None
    ) -> bool:
        """Whether one sentence of a passage names the authority together with a target word
        (and every asked year)."""
        for text in passages:
            for sentence in _SENTENCE_RE.split(text):
                words = [t.folded for t in tokens(sentence)]
                if (
                    f" {target.key} " in f" {' '.join(words)} "
                    and self._has(words, self.targets)
                    and all(y in words for y in years or [])
                ):
                    return True
        return False


@lru_cache(maxsize=2)
def load_policy(path: Path = POLICY_FILE) -> Policy:
    return Policy(path)
