"""Deterministic test doubles."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pytest

from rag.answer import Answer
from rag.engine import Engine
from rag.ingest import Ingestor
from rag.settings import Settings
from rag.text import words


class FakeEmbedder:
    """Hashing bag-of-words embedder: deterministic, instant, no model files."""

    def __init__(self, dim: int = 256, name: str = "fake-hash") -> None:
        self.dim = dim
        self.name = f"{name}-{dim}"

    def _vec(self, text: str) -> np.ndarray:
        v = np.zeros(self.dim, dtype=np.float32)
        toks = words(text)
        for tok in toks + [f"{a}_{b}" for a, b in zip(toks, toks[1:], strict=False)]:
            h = int(hashlib.md5(tok.encode()).hexdigest()[:8], 16)
            v[h % self.dim] += 1.0 if (h >> 8) % 2 else -1.0
        n = np.linalg.norm(v)
        return v / n if n else v

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return (
            np.stack([self._vec(t) for t in texts])
            if texts
            else np.zeros((0, self.dim), np.float32)
        )

    def embed_query(self, text: str) -> np.ndarray:
        return self._vec(text)


def engine_for_plan(tmp_path_factory: pytest.TempPathFactory, plan: Path, name: str) -> Engine:
    """An Engine over a data dir holding only `plan` (ingested flagless, fake embedder)."""

    data = tmp_path_factory.mktemp(name) / "data"
    embedder = FakeEmbedder()
    Ingestor(Settings(data_dir=data), embedder=embedder).run(plan, progress=False)
    return Engine(Settings(data_dir=data), embedder=embedder)


def answer_body(answer: Answer) -> str:
    """The answer's text without its source list."""
    return answer.answer.split("\n\nNguồn:")[0]
