"""Embedding at scale: device and batch size from the settings, chars/s in the ingest report."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.embedders import SentenceTransformerEmbedder, embed_options, make_embedder
from rag.ingest import Ingestor
from rag.settings import Settings
from tests.test_embedders import _tiny_model


def test_device_and_batch_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    assert embed_options(Settings()) == {}
    monkeypatch.setenv("TROLY_EMBED_DEVICE", "cpu")
    monkeypatch.setenv("TROLY_EMBED_BATCH", "128")
    assert embed_options(Settings()) == {"device": "cpu", "batch_size": 128}


@pytest.mark.slow
def test_a_sentence_transformers_model_runs_on_the_configured_device(
    tmp_path: Path, corpus_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = _tiny_model(tmp_path)
    embedder = make_embedder(str(model), device="cpu", batch_size=7)
    assert isinstance(embedder, SentenceTransformerEmbedder)
    assert (embedder.device, embedder.batch_size) == ("cpu", 7)
    assert embedder.embed_passages(["một", "hai", "ba"]).shape == (3, 32)
    monkeypatch.setenv("TROLY_EMBED_DEVICE", "cpu")
    settings = Settings(data_dir=tmp_path / "data", corpus_dir=corpus_copy, embed_model=str(model))
    first = Ingestor(settings).run(progress=False)
    assert "ký tự/giây" in first.summary()
    again = Ingestor(settings).run(progress=False)  # everything is in the vector cache
    assert not again.changed and "ký tự/giây" not in again.summary()
