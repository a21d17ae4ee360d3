"""Scanned plans end to end: a plan rendered to page images in the test, saved as an image-only
PDF, ingested with Tesseract (slow), answered with page numbers and the OCR note."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PIL import Image

from rag.engine import Engine
from rag.ingest import Ingestor
from rag.scan.synth import ScanStyle, render_pages, save_pdf, scanned_pdf
from rag.settings import Settings, get_settings
from tests.fakes import FakeEmbedder

PLAN = (Path(__file__).parent / "data" / "scan_plan.txt").read_text(encoding="utf-8")
APPENDIX = "\n".join(
    ["PHỤ LỤC", "Danh sách các thôn trên địa bàn xã và điểm sinh hoạt cộng đồng"]
    + [f"Thôn số {n}: nhà văn hóa thôn, điểm phát wifi công cộng." for n in range(1, 16)]
)
needs_tesseract = pytest.mark.skipif(
    shutil.which("tesseract") is None, reason="Tesseract chưa cài (apt-get install tesseract-ocr)"
)


def _poor_copy(page: Image.Image, factor: float = 0.25) -> Image.Image:
    """A scan at a quarter of the resolution, blown up again: Tesseract reads it badly."""
    w, h = page.size
    small = page.resize((int(w * factor), int(h * factor)), Image.Resampling.BOX)
    return small.resize((w, h), Image.Resampling.NEAREST)


@pytest.fixture(scope="module")
def scanned(tmp_path_factory: pytest.TempPathFactory):
    """A folder with a scanned plan (page 1 plain and skewed, page 2 blank, page 3 upside
    down with the table, page 4 a poor copy) and a password-protected scan; ingested once."""
    folder = tmp_path_factory.mktemp("scans")
    style = ScanStyle(skew_degrees=0.8, upside_down_pages=(2,), blank_pages_after=(1,))
    pages = render_pages(PLAN, style) + [_poor_copy(render_pages(APPENDIX)[0])]
    assert len(pages) == 4
    save_pdf(pages, folder / "ke-hoach-scan.pdf")
    scanned_pdf(PLAN, folder / "ban-khoa.pdf", password="matkhau")
    data = tmp_path_factory.mktemp("scan-data") / "data"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TROLY_DATA_DIR", str(data))  # the OCR cache lives in the data dir
        get_settings.cache_clear()
        report = Ingestor(Settings(data_dir=data), embedder=FakeEmbedder()).run(
            folder, progress=False
        )
    get_settings.cache_clear()
    return folder, data, report


@needs_tesseract
@pytest.mark.slow
def test_scanned_plan_is_ingested_with_pages_and_ocr_flags(scanned):
    _folder, data, report = scanned
    assert report.added == ["thach-ban-thuong-ke-hoach-scan"]
    said = dict(report.scanned)["ke-hoach-scan.pdf"]
    assert "trang trắng: 2" in said and "trang đã xoay lại: 3" in said
    assert [(name, page) for name, page, _ in report.low_confidence] == [("ke-hoach-scan.pdf", 4)]
    assert "ke-hoach-scan.pdf, trang 4" in report.summary()
    failed = dict(report.failed)
    assert "mật khẩu" in failed["ban-khoa.pdf"] and "gỡ mật khẩu" in failed["ban-khoa.pdf"]

    engine = Engine(Settings(data_dir=data), embedder=FakeEmbedder())
    chunks = [c for c in engine.chunks if c.meta.get("doc_id") == "thach-ban-thuong-ke-hoach-scan"]
    assert chunks and all(c.meta.get("ocr") for c in chunks)
    row = next(
        c for c in chunks if "wifi miễn phí nơi công cộng" in c.text and c.meta["kind"] == "row"
    )
    assert row.meta["page"] == 3 and "bản quét, trang 3" in row.meta["section"]
    poor = [c for c in chunks if c.meta["page"] == 4]
    assert poor and all(c.meta["ocr_flagged"] for c in poor)
    assert all("độ tin cậy OCR thấp" in c.meta["section"] for c in poor)
    assert not any(c.meta["ocr_flagged"] for c in chunks if c.meta["page"] < 4)


@needs_tesseract
@pytest.mark.slow
def test_answers_from_a_scan_quote_it_with_page_and_ocr_note(scanned):
    _folder, data, _report = scanned
    engine = Engine(Settings(data_dir=data), embedder=FakeEmbedder())
    ans = engine.ask(
        "Tỷ lệ người dân có tài khoản định danh điện tử mức độ 2 năm 2026 "
        "của xã Thạch Bàn Thượng là bao nhiêu?"
    )
    assert "85%" in ans.answer
    assert any("bản quét, trang 3" in c.section for c in ans.citations)
    ans = engine.ask("Tỷ lệ hồ sơ giải quyết trực tuyến toàn trình năm 2026 xã Thach Ban Thuong?")
    assert "72%" in ans.answer
    assert any("bản quét, trang 1" in c.section for c in ans.citations)
    ans = engine.ask("Tổng kinh phí thực hiện kế hoạch năm 2026 của xã Thạch Bàn Thượng?")
    assert "450" in ans.answer
    assert all("bản quét" in c.section for c in ans.citations)


@needs_tesseract
@pytest.mark.slow
def test_reingest_reads_the_ocr_cache_not_tesseract(scanned, tmp_path, monkeypatch):
    folder, data, _report = scanned
    copy = tmp_path / "data"
    shutil.copytree(data, copy)
    monkeypatch.setenv("TROLY_DATA_DIR", str(copy))
    monkeypatch.setenv("TROLY_TESSERACT", str(tmp_path / "no-tesseract"))  # OCR would fail
    get_settings.cache_clear()
    report = Ingestor(Settings(data_dir=copy), embedder=FakeEmbedder()).run(
        folder / "ke-hoach-scan.pdf", progress=False
    )
    assert report.unchanged == ["thach-ban-thuong-ke-hoach-scan"] and not report.failed
