"""Incremental ingest at scale: plans added, changed and removed in place (no new generation),
answers follow, a crash before the pointer switch leaves the previous state readable."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import rag.ingest
from rag.cli import main as troly
from rag.engine import Engine
from rag.index import ChromaIndex
from rag.ingest import Ingestor
from rag.settings import Settings

NOTE = "\nGhi chú bổ sung: chỉ tiêu thử nghiệm mới đạt 77%.\n"


@pytest.fixture
def small_share(monkeypatch: pytest.MonkeyPatch) -> None:
    """Five plans are a tiny index: let any change go through the in-place path."""
    monkeypatch.setattr(rag.ingest, "DELTA_MAX_SHARE", 10.0)


def _new_plan(corpus: Path, tmp: Path) -> Path:
    """A copy of a bundled plan renamed to another commune, in its own folder."""
    src = next((corpus / "plans").glob("001_*.txt"))
    folder = tmp / "new"
    folder.mkdir()
    text = src.read_text(encoding="utf-8").replace("Phú Trung", "Hòa Khánh Tây")
    out = folder / "hoa_khanh_tay.txt"
    out.write_text(text + NOTE, encoding="utf-8")
    return out


def test_adding_changing_and_removing_a_plan_happen_in_place(
    tmp_path: Path, ingested_copy: Path, corpus_copy: Path, fake_embedder, small_share
) -> None:
    data = ingested_copy
    settings = Settings(data_dir=data, corpus_dir=corpus_copy)
    first = Ingestor(settings, embedder=fake_embedder).run(progress=False)
    collection = ChromaIndex.from_settings(settings).current()["current"]

    plan = _new_plan(corpus_copy, tmp_path)
    added = Ingestor(settings, embedder=fake_embedder).run(plan, progress=False)
    assert len(added.added) == 1 and not added.updated and not added.removed
    assert added.generation != first.generation
    assert added.chunks > first.chunks
    assert ChromaIndex.from_settings(settings).current()["current"] == collection

    engine = Engine(settings, embedder=fake_embedder)
    assert "Hòa Khánh Tây" in engine.communes
    answer = engine.ask("Ghi chú bổ sung chỉ tiêu thử nghiệm mới của xã Hòa Khánh Tây?")
    assert "77%" in answer.answer
    assert {c.commune for c in answer.citations} == {"Hòa Khánh Tây"}

    plan.write_text(plan.read_text(encoding="utf-8").replace("77%", "88%"), encoding="utf-8")
    changed = Ingestor(settings, embedder=fake_embedder).run(plan, progress=False)
    assert changed.updated == added.added and changed.chunks == added.chunks
    engine = Engine(settings, embedder=fake_embedder)
    answer = engine.ask("Ghi chú bổ sung chỉ tiêu thử nghiệm mới của xã Hòa Khánh Tây?")
    assert "88%" in answer.answer and "77%" not in answer.answer

    removed = Ingestor(settings, embedder=fake_embedder).remove(changed.updated)
    assert removed.removed == changed.updated and removed.chunks == first.chunks
    engine = Engine(settings, embedder=fake_embedder)
    assert "Hòa Khánh Tây" not in engine.communes
    # The five bundled plans still answer.
    assert "Phú Trung" in engine.communes


def test_a_crash_before_the_switch_leaves_the_previous_state(
    tmp_path: Path, ingested_copy: Path, corpus_copy: Path, fake_embedder, small_share, monkeypatch
) -> None:
    data = ingested_copy
    settings = Settings(data_dir=data, corpus_dir=corpus_copy)
    first = Ingestor(settings, embedder=fake_embedder).run(progress=False)

    def crash(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(rag.index, "point_to_views", crash)
    with pytest.raises(OSError):
        Ingestor(settings, embedder=fake_embedder).run(
            _new_plan(corpus_copy, tmp_path), progress=False
        )
    engine = Engine(settings, embedder=fake_embedder)
    assert engine.generation == first.generation
    assert "Hòa Khánh Tây" not in engine.communes
    assert len(engine.chunks) == first.chunks
    answer = engine.ask("Ghi chú bổ sung chỉ tiêu thử nghiệm mới của xã Hòa Khánh Tây?")
    assert "77%" not in answer.answer


def test_remove_names_unknown_ids_in_vietnamese(tmp_path: Path, capsys, corpus_copy) -> None:
    shutil.rmtree(corpus_copy / "guides")
    assert troly(["ingest", "--remove", "khong-co"]) == 1
    out = capsys.readouterr()
    assert "chưa có chỉ mục" in out.out or "không có tài liệu" in out.out
