"""Reader version stamp: a file whose bytes did not change is read again when the code that
reads files changed (rag.reader_version), without embedding its unchanged passages again; a
re-read that fails keeps the stored version."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import rag.chunking
import rag.ingest
import rag.reader_version
from rag.doctor import check_reader
from rag.engine import Engine
from rag.index import ChromaIndex
from rag.ingest import Ingestor
from rag.settings import Settings
from tests.fakes import FakeEmbedder

PLAN = """ỦY BAN NHÂN DÂN XÃ ĐỒNG LÂM THƯỢNG
Số: 12/KH-UBND
Đồng Lâm Thượng, ngày 10 tháng 01 năm 2026

KẾ HOẠCH
Chuyển đổi số xã Đồng Lâm Thượng năm 2026

I. MỤC TIÊU
Đến hết năm 2026, 80% hộ gia đình trên địa bàn xã có cáp quang.

II. NHIỆM VỤ
1. Tập huấn kỹ năng số cho người dân các thôn. Đơn vị chủ trì: Công an xã. Thời gian hoàn thành: Quý II/2026.
"""
QUESTION = "Đồng Lâm Thượng bao nhiêu phần trăm hộ gia đình có cáp quang năm 2026?"


class CountingEmbedder(FakeEmbedder):
    """The fake embedder, counting the passages it was asked to embed."""

    def __init__(self) -> None:
        super().__init__()
        self.embedded = 0

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        self.embedded += len(texts)
        return super().embed_passages(texts)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus" / "plans"
    folder.mkdir(parents=True)
    (folder / "dong_lam_thuong.txt").write_text(PLAN, encoding="utf-8")
    return folder.parent


@pytest.fixture(params=["full", "in_place"])
def path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """A re-read of every document goes through a new generation; allow also the in-place path."""
    if request.param == "in_place":
        monkeypatch.setattr(rag.ingest, "DELTA_MAX_SHARE", 100.0)
    return request.param


def _new_reader(monkeypatch: pytest.MonkeyPatch, stamp: str = "reader-of-tomorrow") -> None:
    """The code that reads files has changed (an upgraded install)."""
    monkeypatch.setattr(rag.reader_version, "current", lambda: stamp)


def _reader_check(settings: Settings):
    return check_reader(settings, ChromaIndex.from_settings(settings).current())


def test_unchanged_stamp_skips_and_a_new_stamp_re_reads_without_embedding(
    tmp_path: Path, corpus: Path, path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings(data_dir=tmp_path / "data", corpus_dir=corpus)
    embedder = CountingEmbedder()
    first = Ingestor(settings, embedder=embedder).run(progress=False)
    assert len(first.added) == 1 and not first.failed
    again = Ingestor(settings, embedder=embedder).run(progress=False)
    assert again.unchanged == first.added and not again.changed
    assert _reader_check(settings).ok

    assert Engine(settings, embedder=embedder).stale == ""

    _new_reader(monkeypatch)
    stale = _reader_check(settings)
    assert not stale.ok and "1/1" in stale.detail and "troly ingest" in stale.fix
    assert "1/1" in Engine(settings, embedder=embedder).stale  # serving says so too
    embedded = embedder.embedded
    reread = Ingestor(settings, embedder=embedder).run(progress=False)
    assert reread.reread == first.added and not reread.updated and not reread.added
    assert "Đọc lại / re-read: 1" in reread.summary()
    assert embedder.embedded == embedded  # the same passages: all from the embedding cache
    assert _reader_check(settings).ok
    engine = Engine(settings, embedder=embedder)
    assert engine.stale == "" and "80%" in engine.ask(QUESTION).answer

    last = Ingestor(settings, embedder=embedder).run(progress=False)
    assert last.unchanged == first.added and not last.changed


def test_a_failed_re_read_keeps_the_stored_version(
    tmp_path: Path, corpus: Path, path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings(data_dir=tmp_path / "data", corpus_dir=corpus)
    embedder = FakeEmbedder()
    first = Ingestor(settings, embedder=embedder).run(progress=False)

    _new_reader(monkeypatch)

    def broken(self, doc_id: str, text: str):  # noqa: ARG001 - a bug in the new reader
        raise ValueError("bảng không hợp lệ")

    monkeypatch.setattr(rag.chunking.PlanChunker, "split", broken)
    report = Ingestor(settings, embedder=embedder).run(progress=False)
    assert [name for name, _ in report.failed] == ["dong_lam_thuong.txt"]
    assert "giữ nguyên" in report.failed[0][1]
    assert not report.reread and not report.removed
    assert [doc for doc, _ in report.stale] == first.added
    assert report.chunks == first.chunks
    assert not _reader_check(settings).ok  # still stale: the next ingest tries again
    assert "80%" in Engine(settings, embedder=embedder).ask(QUESTION).answer


def test_a_document_added_from_another_folder_is_re_read_with_its_given_metadata(
    tmp_path: Path, corpus: Path, path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings(data_dir=tmp_path / "data", corpus_dir=corpus)
    embedder = CountingEmbedder()
    uploads = tmp_path / "uploads"
    uploads.mkdir()
    # A plan whose text does not name its commune: the operator gave it when adding it.
    nameless = PLAN.split("KẾ HOẠCH", 1)[1].replace("xã Đồng Lâm Thượng", "xã")
    (uploads / "ke_hoach_2026.txt").write_text(nameless, encoding="utf-8")
    given = {"commune": "Tân Mỹ", "province": "tỉnh Hòa Bình"}
    Ingestor(settings, embedder=embedder).run(progress=False)
    added = Ingestor(settings, embedder=embedder).run(uploads, overrides=given, progress=False)
    assert len(added.added) == 1 and not added.failed

    _new_reader(monkeypatch)
    embedded = embedder.embedded
    bundled = Ingestor(settings, embedder=embedder).run(progress=False)  # `troly ingest`
    assert len(bundled.reread) == 2 and not bundled.failed and not bundled.stale
    assert not bundled.added and not bundled.removed
    assert embedder.embedded == embedded
    assert _reader_check(settings).ok
    engine = Engine(settings, embedder=embedder)
    assert "Tân Mỹ" in engine.communes
    answer = engine.ask("Tân Mỹ bao nhiêu phần trăm hộ gia đình có cáp quang năm 2026?")
    assert "80%" in answer.answer and {c.commune for c in answer.citations} == {"Tân Mỹ"}


def test_a_stale_document_whose_file_is_gone_is_kept_and_named_with_its_folder(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings(data_dir=tmp_path / "data", corpus_dir=corpus)
    embedder = FakeEmbedder()
    other = tmp_path / "other"
    other.mkdir()
    plan = other / "tan_my.txt"
    plan.write_text(
        PLAN.replace("ĐỒNG LÂM THƯỢNG", "TÂN MỸ").replace("Đồng Lâm Thượng", "Tân Mỹ"),
        encoding="utf-8",
    )
    Ingestor(settings, embedder=embedder).run(progress=False)
    Ingestor(settings, embedder=embedder).run(other, progress=False)
    plan.unlink()

    _new_reader(monkeypatch)
    bundled = Ingestor(settings, embedder=embedder).run(progress=False)
    assert len(bundled.reread) == 1 and not bundled.removed
    assert bundled.stale == [("tan-my-tan-my", str(other.resolve()))]
    assert f"tan-my-tan-my ({other.resolve()})" in bundled.summary()
    check = _reader_check(settings)
    assert not check.ok and "1/2" in check.detail
    assert "Không còn tệp gốc của 1 tài liệu (tan-my-tan-my)" in check.fix
    assert "Tân Mỹ" in Engine(settings, embedder=embedder).communes
