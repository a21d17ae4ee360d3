"""Document frequencies of diacritic-preserving terms ("lương" and "lượng" stay apart)."""

from __future__ import annotations

import math
from collections import Counter

from rag.text import words_exact


class ExactTermStats:
    def __init__(self, texts: list[str]) -> None:
        df: Counter[str] = Counter()
        for text in texts:
            toks = words_exact(text)
            df.update(set(toks) | {f"{a}_{b}" for a, b in zip(toks, toks[1:], strict=False)})
        self._df = df
        self._deletes: set[str] | None = None
        self.n = max(len(texts), 1)

    def df(self, term: str) -> int:
        return self._df.get(term, 0)

    def idf(self, term: str) -> float:
        f = self._df.get(term, 0)
        return math.log(1 + (self.n - f + 0.5) / (f + 0.5))

    def near(self, term: str) -> bool:
        """True if a corpus word is one edit away (a typo: letter dropped, added, changed or
        two letters swapped), found with a symmetric-delete index built on first use."""
        if self._deletes is None:
            index: set[str] = set()
            for t in self._df:
                if "_" not in t and len(t) >= 3:
                    index.add(t)
                    index.update(_deletes(t))
            self._deletes = index
        return term in self._deletes or any(d in self._deletes for d in _deletes(term))


def _deletes(term: str) -> set[str]:
    return {term[:i] + term[i + 1 :] for i in range(len(term))}
