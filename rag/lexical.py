"""The persisted lexical index: Okapi BM25 over diacritics-free unigrams and bigrams (bm25s).

Built once at ingest, saved next to the index generation, and loaded memory-mapped at start-up:
nothing here grows with the corpus when the engine starts beyond opening files. Documents carry a
commune code and a doc-type code, so a commune's documents are found with one vectorised mask
over small integer arrays instead of a pass over every chunk.

Scores equal those of the reference BM25 in tests/reference_bm25.py (same idf, same tf saturation, the same (k1 + 1) factor), and
ties rank in index order, so the answers do not depend on which of the two is used.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from rag import fault_points
from rag.text import terms

K1 = 1.2
B = 0.75
_MARKER = "complete.json"


@contextmanager
def atomic_directory(directory: Path, prefix: str) -> Iterator[Path]:
    """A temporary folder beside `directory` that replaces it, whole, when the block ends
    without error; a reader sees the old folder or the complete new one, never a half."""
    directory = Path(directory)
    directory.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=prefix, dir=directory.parent))
    try:
        yield tmp
        if directory.exists():
            shutil.rmtree(directory, ignore_errors=True)
        fault_points.reach("publish")
        try:
            os.replace(tmp, directory)
        except OSError:
            # Another writer of the same folder (a reload racing an ingest of the same
            # generation) put its complete copy there first: keep theirs.
            if not directory.is_dir():
                raise
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


@dataclass(frozen=True)
class LexicalDoc:
    """One document of the lexical index: the searched text and the metadata it is filtered by."""

    text: str
    commune: str = ""
    doc_type: str = "plan"


class LexicalIndex:
    """bm25s scores plus per-document commune / doc-type codes."""

    def __init__(self, bm25, communes: list[str], doc_types: list[str], codes: np.ndarray,
                 types: np.ndarray, n: int) -> None:  # fmt: skip
        self._bm25 = bm25
        self._commune_code = {c: i for i, c in enumerate(communes)}
        self._type_code = {t: i for i, t in enumerate(doc_types)}
        self._codes = codes
        self._types = types
        self.n = n
        self.k1, self.b = K1, B
        self._unknown_idf = math.log(1 + (n + 0.5) / 0.5)
        self.avgdl = 0.0  # mean document length in terms (read by the delta, rag.lexical_delta)

    # ------------------------------------------------------------------ building
    @classmethod
    def build(cls, docs: list[LexicalDoc]) -> LexicalIndex:
        import bm25s

        communes = sorted({d.commune for d in docs})
        doc_types = sorted({d.doc_type for d in docs})
        c_code = {c: i for i, c in enumerate(communes)}
        t_code = {t: i for i, t in enumerate(doc_types)}
        codes = np.array([c_code[d.commune] for d in docs], dtype=np.int32)
        types = np.array([t_code[d.doc_type] for d in docs], dtype=np.int32)
        bm25 = None
        corpus = [terms(d.text) for d in docs]
        if any(corpus):  # bm25s needs one term somewhere; documents without terms keep their ids
            bm25 = bm25s.BM25(k1=K1, b=B, method="lucene", dtype="float64")
            bm25.index(corpus, show_progress=False)
        index = cls(bm25, communes, doc_types, codes, types, len(docs))
        index.avgdl = sum(map(len, corpus)) / max(len(corpus), 1)
        return index

    def save(self, directory: Path) -> None:
        """Write atomically: a reader sees the complete index or none."""
        with atomic_directory(directory, ".lexical-") as tmp:
            if self._bm25 is not None:
                self._bm25.save(str(tmp / "bm25"))
            np.save(tmp / "communes.npy", self._codes)
            np.save(tmp / "doc_types.npy", self._types)
            meta = {
                "n": self.n,
                "communes": list(self._commune_code),
                "doc_types": list(self._type_code),
                "avgdl": self.avgdl,
            }
            (tmp / _MARKER).write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, directory: Path) -> LexicalIndex | None:
        """The saved index (score matrices memory-mapped), or None if it is missing or partial."""
        directory = Path(directory)
        marker = directory / _MARKER
        if not marker.exists():
            return None
        import bm25s

        meta = json.loads(marker.read_text(encoding="utf-8"))
        bm25 = None
        if (directory / "bm25").is_dir():
            bm25 = bm25s.BM25.load(str(directory / "bm25"), mmap=True, show_progress=False)
        codes = np.load(directory / "communes.npy", mmap_mode="r")
        types = np.load(directory / "doc_types.npy", mmap_mode="r")
        index = cls(bm25, meta["communes"], meta["doc_types"], codes, types, int(meta["n"]))
        index.avgdl = float(meta.get("avgdl", 0.0))
        return index

    # ------------------------------------------------------------------ reading
    def df(self, term: str) -> int:
        if self._bm25 is None:
            return 0
        tid = self._bm25.vocab_dict.get(term)
        if tid is None or not term:
            return 0
        indptr = self._bm25.scores["indptr"]
        return int(indptr[tid + 1] - indptr[tid])

    def term_idf(self, term: str) -> float:
        f = self.df(term)
        if not f:
            return self._unknown_idf
        return math.log(1 + (self.n - f + 0.5) / (f + 0.5))

    def allowed(self, communes: list[str] | None, doc_types: set[str] | None) -> np.ndarray:
        """Sorted ids of the documents of these communes and doc types (None = any)."""
        mask = np.ones(self.n, dtype=bool)
        if communes:
            wanted = [self._commune_code[c] for c in communes if c in self._commune_code]
            mask &= np.isin(self._codes, wanted)
        if doc_types:
            wanted = [self._type_code[t] for t in doc_types if t in self._type_code]
            mask &= np.isin(self._types, wanted)
        return np.flatnonzero(mask)

    def scores(self, query: str, allowed: np.ndarray | None = None) -> list[tuple[int, float]]:
        """(doc id, score) of the documents matching any query term, best first, ties in index
        order; only `allowed` documents (sorted ids) when given."""
        if self._bm25 is None:
            return []
        vocab = self._bm25.vocab_dict
        ids = sorted({vocab[t] for t in set(terms(query)) if t and t in vocab})
        if not ids:
            return []
        full = self._bm25.get_scores(ids)
        docs = np.arange(self.n) if allowed is None else np.asarray(allowed, dtype=np.int64)
        sub = full[docs] * (self.k1 + 1)
        keep = sub > 0
        docs, sub = docs[keep], sub[keep]
        order = np.argsort(-sub, kind="stable")
        return [(int(docs[j]), float(sub[j])) for j in order]
