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
        self._dropped: set[str] | None = None
        self.n = max(len(texts), 1)

    def df(self, term: str) -> int:
        return self._df.get(term, 0)

    def idf(self, term: str) -> float:
        f = self._df.get(term, 0)
        return math.log(1 + (self.n - f + 0.5) / (f + 0.5))

    def near(self, term: str) -> bool:
        """True if the term is a corpus word with one typing slip: a letter doubled or added,
        a letter dropped, or two neighbouring letters swapped. A changed letter does not count:
        in Vietnamese that is usually another word ("nóng" / "nông")."""
        if self._dropped is None:
            index: set[str] = set()
            for t in self._df:
                if "_" not in t and len(t) >= 3:
                    index.update(t[:i] + t[i + 1 :] for i in range(len(t)))
            self._dropped = index
        vocab = self._df
        if any(term[:i] + term[i + 1 :] in vocab for i in range(len(term))):  # letter added
            return True
        if term in self._dropped:  # letter dropped
            return True
        swaps = (term[:i] + term[i + 1] + term[i] + term[i + 2 :] for i in range(len(term) - 1))
        return any(s != term and s in vocab for s in swaps)
