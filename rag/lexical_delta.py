"""Incremental updates of the persisted lexical index: a base plus a small delta.

bm25s builds its score matrix in one go (no per-document add), and rebuilding it at 1,000
communes takes tens of seconds. An ingest that adds, changes or removes a few plans therefore
keeps the base index untouched and writes a delta next to it: the base rows removed (tombstones)
and the new documents' term counts. Delta documents are scored with the base's statistics (its
idf, its mean length), so their scores are on the same scale as the base's; the statistics
drift a little as deltas accumulate, and the next full ingest (or a delta grown past a share of
the base, see rag.ingest) rebuilds one index. We chose a delta over shards per commune because
questions without a commune (guides, comparisons) rank across the whole corpus, which sharded
bm25s indexes with per-shard idf would not do consistently.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from rag.lexical import LexicalDoc, LexicalIndex
from rag.text import terms

DELTA_FILE = "delta.json"


@dataclass
class Delta:
    """Rows removed from the base, and documents added after it (rows from `first_row` on)."""

    removed: list[int] = field(default_factory=list)
    first_row: int = 0
    docs: list[dict] = field(default_factory=list)  # {row, tf: {term: n}, len, commune, doc_type}

    def add(self, row: int, doc: LexicalDoc) -> None:
        words = terms(doc.text)
        self.docs.append(
            {
                "row": row,
                "tf": dict(Counter(words)),
                "len": len(words),
                "commune": doc.commune,
                "doc_type": doc.doc_type,
            }
        )

    def remove_rows(self, rows: list[int]) -> None:
        gone = set(rows)
        self.docs = [d for d in self.docs if d["row"] not in gone]
        self.removed = sorted(set(self.removed) | {r for r in gone if r < self.first_row})

    @property
    def next_row(self) -> int:
        return max([self.first_row - 1] + [d["row"] for d in self.docs]) + 1

    def save(self, path: Path) -> None:
        data = {"removed": self.removed, "first_row": self.first_row, "docs": self.docs}
        Path(path).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> Delta | None:
        path = Path(path)
        if not path.exists():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(data["removed"], int(data["first_row"]), data["docs"])


class LayeredLexical:
    """rag.lexical.LexicalIndex's reading interface over a base index and its delta."""

    def __init__(self, base: LexicalIndex, delta: Delta) -> None:
        self.base = base
        self.delta = delta
        self.k1, self.b = base.k1, base.b
        self.n = max(base.n, delta.next_row)
        self._alive = np.ones(base.n, dtype=bool)
        if delta.removed:
            self._alive[np.asarray(delta.removed, dtype=np.int64)] = False
        lengths = [d["len"] for d in delta.docs]
        self._avgdl = base.avgdl or (sum(lengths) / max(len(lengths), 1)) or 1.0

    def df(self, term: str) -> int:
        return self.base.df(term)

    def term_idf(self, term: str) -> float:
        return self.base.term_idf(term)

    def allowed(self, communes: list[str] | None, doc_types: set[str] | None) -> np.ndarray:
        ids = self.base.allowed(communes, doc_types)
        ids = ids[self._alive[ids]]
        extra = [
            d["row"]
            for d in self.delta.docs
            if (not communes or d["commune"] in communes)
            and (not doc_types or d["doc_type"] in doc_types)
        ]
        return np.concatenate([ids, np.asarray(sorted(extra), dtype=np.int64)])

    def scores(self, query: str, allowed: np.ndarray | None = None) -> list[tuple[int, float]]:
        if allowed is None:
            allowed = self.allowed(None, None)
        allowed = np.asarray(allowed, dtype=np.int64)
        base_ids = allowed[allowed < self.base.n]
        out = self.base.scores(query, base_ids)
        wanted = set(allowed[allowed >= self.base.n].tolist())
        q = {t for t in terms(query) if t}
        extra: list[tuple[int, float]] = []
        for d in self.delta.docs:
            if d["row"] not in wanted:
                continue
            norm = self.k1 * (1 - self.b + self.b * d["len"] / self._avgdl)
            s = 0.0
            for t in q:
                tf = d["tf"].get(t, 0)
                if tf:
                    s += self.term_idf(t) * tf * (self.k1 + 1) / (tf + norm)
            if s > 0:
                extra.append((d["row"], s))
        if not extra:
            return out
        merged = out + extra
        merged.sort(key=lambda x: (-x[1], x[0]))
        return merged


def open_lexical(directory: Path) -> LexicalIndex | LayeredLexical | None:
    """The lexical index stored in a views folder, with its delta when there is one."""
    base = LexicalIndex.load(Path(directory) / "lexical")
    if base is None:
        return None
    delta = Delta.load(Path(directory) / DELTA_FILE)
    return base if delta is None else LayeredLexical(base, delta)
