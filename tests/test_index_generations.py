"""At most two index generations stay stored (the pointer's and the one before it), whatever an
interrupted ingest left: a half-written generation newer than the pointer, or an old one whose
delete failed or was cut short. Every later ingest removes them, on either ingest path; a failed
delete is logged, never swallowed."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pytest

import rag.ingest
from rag.engine import Engine
from rag.index import ChromaIndex, make_client
from rag.ingest import Ingestor
from rag.settings import Settings

PLAN = "003_5de626574d4b83a5.txt"
QUESTION = "Tỷ lệ hồ sơ trực tuyến toàn trình năm 2026 của xã Phú Trung là bao nhiêu?"


class FailingDeletes:
    """A Chroma client whose collection deletes fail while `failing` is set (a store that
    refuses, or a delete cut short); everything else goes to the real client."""

    def __init__(self, client) -> None:
        self._client = client
        self.failing = True

    def delete_collection(self, name: str) -> None:
        if self.failing:
            raise RuntimeError(f"không xóa được {name}")
        self._client.delete_collection(name)

    def __getattr__(self, name: str):
        return getattr(self._client, name)


def _edit(corpus: Path, n: int) -> None:
    path = corpus / "plans" / PLAN
    path.write_text(path.read_text(encoding="utf-8") + f"\n\nGhi chú bổ sung số {n}.\n", "utf-8")


def _stored(data: Path) -> tuple[str, set[str]]:
    index = ChromaIndex(make_client(data))
    return index.current()["current"], index.generations()


def test_a_failed_delete_is_logged_and_retried_by_the_next_ingest(
    ingested_copy: Path, corpus_copy: Path, fake_embedder, monkeypatch, caplog
) -> None:
    data = ingested_copy
    settings = Settings(data_dir=data, corpus_dir=corpus_copy)
    monkeypatch.setattr(rag.ingest, "DELTA_MAX_SHARE", 0.0)  # every change: a new generation
    Ingestor(settings, embedder=fake_embedder).run(progress=False)
    flaky = FailingDeletes(make_client(data))
    for n in (1, 2):
        _edit(corpus_copy, n)
        Ingestor(settings, embedder=fake_embedder, index=ChromaIndex(flaky)).run(progress=False)
    current, stored = _stored(data)
    assert len(stored) == 3, stored  # the oldest could not be deleted...
    warned = [r for r in caplog.records if r.levelno >= logging.WARNING and "000001" in r.message]
    assert warned, "a failed delete must be logged"  # ...and that was said

    # The next ingest takes the in-place path (no new generation) and still retries it.
    monkeypatch.setattr(rag.ingest, "DELTA_MAX_SHARE", 10.0)
    _edit(corpus_copy, 3)
    report = Ingestor(settings, embedder=fake_embedder).run(progress=False)
    assert report.updated and report.generation.startswith(current + ".u"), report.generation
    after, stored = _stored(data)
    assert after == current and len(stored) == 2 and current in stored, stored
    answer = Engine(settings, embedder=fake_embedder).ask(QUESTION)
    assert not answer.refused and answer.citations


@pytest.mark.parametrize("changed", [False, True])
def test_a_half_written_generation_is_removed_by_any_next_ingest(
    ingested_copy: Path, corpus_copy: Path, fake_embedder, monkeypatch, changed: bool
) -> None:
    data = ingested_copy
    settings = Settings(data_dir=data, corpus_dir=corpus_copy)
    monkeypatch.setattr(rag.ingest, "DELTA_MAX_SHARE", 10.0)  # the in-place path when changed
    Ingestor(settings, embedder=fake_embedder).run(progress=False)
    current, before = _stored(data)
    # What an ingest killed before its switch leaves: a collection never pointed to.
    client = make_client(data)
    orphan = client.create_collection("troly_gen_000009")
    orphan.add(ids=["x"], documents=["nửa chừng"], embeddings=np.ones((1, 256)).tolist())
    assert "troly_gen_000009" in ChromaIndex(client).generations()
    if changed:
        _edit(corpus_copy, 1)
    Ingestor(settings, embedder=fake_embedder).run(progress=False)  # as the admin route runs it
    after, stored = _stored(data)
    assert after == current and stored == before, stored
