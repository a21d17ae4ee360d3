"""Document frequencies of diacritic-preserving terms ("lương" and "lượng" stay apart)."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable

from rag.text import words_exact


def exact_df(texts: Iterable[str]) -> tuple[Counter[str], int]:
    """(document frequency of every word and word pair, number of documents)."""
    df: Counter[str] = Counter()
    n = 0
    for text in texts:
        toks = words_exact(text)
        df.update(set(toks) | {f"{a}_{b}" for a, b in zip(toks, toks[1:], strict=False)})
        n += 1
    return df, n


def dropped_forms(vocab: Iterable[str]) -> set[str]:
    """Every single word (3+ letters) of the vocabulary with one letter removed."""
    out: set[str] = set()
    for t in vocab:
        if "_" not in t and len(t) >= 3:
            out.update(t[:i] + t[i + 1 :] for i in range(len(t)))
    return out


def is_near(term: str, in_vocab: Callable[[str], bool], in_dropped: Callable[[str], bool]) -> bool:
    """True if the term is a corpus word with one typing slip: a letter doubled or added, a
    letter dropped, or two neighbouring letters swapped. A changed letter does not count: in
    Vietnamese that is usually another word ("nóng" / "nông")."""
    if any(in_vocab(term[:i] + term[i + 1 :]) for i in range(len(term))):  # letter added
        return True
    if in_dropped(term):  # letter dropped
        return True
    swaps = (term[:i] + term[i + 1] + term[i] + term[i + 2 :] for i in range(len(term) - 1))
    return any(s != term and in_vocab(s) for s in swaps)


class ExactTermStats:
    """In memory, from texts (tests, small corpora); rag.corpus_views.StoredTermStats reads the
    same statistics from the files written at ingest."""

    def __init__(self, texts: list[str]) -> None:
        df, n = exact_df(texts)
        self._df = df
        self._dropped: set[str] | None = None
        self.n = max(n, 1)

    def df(self, term: str) -> int:
        return self._df.get(term, 0)

    def idf(self, term: str) -> float:
        f = self._df.get(term, 0)
        return math.log(1 + (self.n - f + 0.5) / (f + 0.5))

    def near(self, term: str) -> bool:
        if self._dropped is None:
            self._dropped = dropped_forms(self._df)
        return is_near(term, self._df.__contains__, self._dropped.__contains__)
