"""The reference Okapi BM25 (in memory, pure Python) that rag.lexical must score like."""

from __future__ import annotations

import math
from collections import Counter

from rag.text import terms


class BM25:
    """In-memory BM25; documents are given as plain strings."""

    def __init__(self, texts: list[str], k1: float = 1.2, b: float = 0.75) -> None:
        if k1 <= 0 or not 0 <= b <= 1:
            raise ValueError("k1 must be > 0 and 0 <= b <= 1")
        self.k1, self.b = k1, b
        self.docs = [Counter(terms(t)) for t in texts]
        self.lengths = [sum(d.values()) for d in self.docs]
        self.avg = (sum(self.lengths) / len(self.lengths)) if self.lengths else 1.0
        df: Counter[str] = Counter()
        for d in self.docs:
            df.update(d.keys())
        n = len(self.docs)
        self.idf = {t: math.log(1 + (n - f + 0.5) / (f + 0.5)) for t, f in df.items()}
        self.n = n

    def term_idf(self, term: str) -> float:
        return self.idf.get(term, math.log(1 + (self.n + 0.5) / 0.5))

    def scores(self, query: str, allowed: set[int] | None = None) -> list[tuple[int, float]]:
        q = [t for t in set(terms(query)) if t in self.idf]
        out = []
        # Only the allowed documents are visited (one commune of a province-sized index), in
        # index order so ties rank as before.
        order = range(len(self.docs)) if allowed is None else sorted(allowed)
        for i in order:
            doc = self.docs[i]
            s = 0.0
            norm = self.k1 * (1 - self.b + self.b * self.lengths[i] / self.avg)
            for t in q:
                f = doc.get(t)
                if f:
                    s += self.idf[t] * f * (self.k1 + 1) / (f + norm)
            if s > 0:
                out.append((i, s))
        out.sort(key=lambda x: -x[1])
        return out
