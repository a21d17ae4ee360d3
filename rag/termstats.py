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
        self.n = max(len(texts), 1)

    def df(self, term: str) -> int:
        return self._df.get(term, 0)

    def idf(self, term: str) -> float:
        f = self._df.get(term, 0)
        return math.log(1 + (self.n - f + 0.5) / (f + 0.5))
