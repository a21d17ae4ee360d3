"""Two values for the same indicator and year in one plan (e.g. target section vs phụ lục)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rag.tables.parse import Record
from rag.text import fold

_WEAK = set(
    "ty le dat tren tu toi thieu phan dau co cac cua va duoc xa tro len it nhat la so "
    "trong voi cho den nam khong the".split()
)
MIN_SCORE = 0.5


@dataclass
class Conflict:
    doc_id: str
    commune: str
    year: str
    a: Record
    b: Record
    score: float

    def as_dict(self) -> dict:
        def side(r: Record) -> dict:
            return {
                "indicator": r.indicator,
                "value": r.targets.get(self.year, ""),
                "section": r.table or r.section,
                "quote": r.quote,
                "line": r.line_start,
                "lead": r.lead,
            }

        return {
            "doc_id": self.doc_id,
            "commune": self.commune,
            "year": self.year,
            "a": side(self.a),
            "b": side(self.b),
        }


def _toks(text: str) -> list[str]:
    return [t for t in re.findall(r"[a-z]+", fold(text)) if t not in _WEAK]


def _window(text: str) -> set[str]:
    """Words naming what a percentage measures: after it ("35% hộ gia đình …"), else before."""
    m = re.search(r"\d+(?:[.,]\d+)?\s*%", text)
    if not m:
        return set()
    after = re.split(r"[,;.(]", text[m.end() :], maxsplit=1)[0]
    toks = _toks(after)[:10]
    if len(toks) >= 2:
        return set(toks)
    before = re.split(r"[;]", text[: m.start()])[-1]
    return set(_toks(before)[-10:])


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _words(text: str) -> tuple[set[str], set[str]]:
    """(words around the percentage, all words) of an indicator, compared by `_similar`."""
    return _window(text), set(_toks(text))


def _similar(a: tuple[set[str], set[str]], b: tuple[set[str], set[str]]) -> float:
    return max(_jaccard(a[0], b[0]), _jaccard(a[1], b[1]))


def similarity(a: str, b: str) -> float:
    return _similar(_words(a), _words(b))


def find_conflicts(records: list[Record]) -> list[Conflict]:
    """Mutually best-matching records of different sections with different values."""
    out: list[Conflict] = []
    by_doc: dict[str, list[Record]] = {}
    for r in records:
        if r.target_values:
            by_doc.setdefault(r.doc_id, []).append(r)
    for doc_id, recs in by_doc.items():
        sources = sorted({r.table or r.section for r in recs})
        for i, sa in enumerate(sources):
            for sb in sources[i + 1 :]:
                left = [r for r in recs if (r.table or r.section) == sa]
                right = [r for r in recs if (r.table or r.section) == sb]
                out.extend(_pair(doc_id, left, right))
    return out


def _pair(doc_id: str, left: list[Record], right: list[Record]) -> list[Conflict]:
    out = []
    words = {id(r): _words(r.indicator) for r in (*left, *right)}  # once per record
    scores = {(id(a), id(b)): _similar(words[id(a)], words[id(b)]) for a in left for b in right}
    for a in left:
        best_b = max(right, key=lambda b: scores[(id(a), id(b))], default=None)
        if best_b is None:
            continue
        s = scores[(id(a), id(best_b))]
        best_a = max(left, key=lambda x: scores[(id(x), id(best_b))])
        if best_a is not a or s < MIN_SCORE:
            continue
        for year in sorted(set(a.target_values) & set(best_b.target_values)):
            va, vb = a.target_values[year], best_b.target_values[year]
            if va["value"] != vb["value"]:
                out.append(Conflict(doc_id, a.commune, year, a, best_b, round(s, 3)))
    return out
