"""Word plans, and the parts of OCR that need no Tesseract: number checks, page layout from
words, page spans and labels, the message when Tesseract is missing."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.engine import Engine
from rag.ingest import Ingestor
from rag.scan.layout import page_text
from rag.scan.numbers import check_numbers
from rag.scan.ocr import PageWords, Word
from rag.scan.pages import PageSpan, pages_of, scan_label
from rag.scan.pdf import join_pages
from rag.scan.synth import scanned_pdf
from rag.settings import Settings
from rag.understand.tables import find_tables
from tests.fakes import FakeEmbedder

PLAN = (Path(__file__).parent / "data" / "scan_plan.txt").read_text(encoding="utf-8")
QUESTIONS = [
    "Tỷ lệ người dân có tài khoản định danh điện tử mức độ 2 năm 2026 của xã Thạch Bàn Thượng?",
    "xa Thach Ban Thuong lap bao nhieu diem wifi mien phi nam 2026",
    "Tổng kinh phí thực hiện kế hoạch năm 2026 của xã Thạch Bàn Thượng?",
    "Cơ quan nào chủ trì chỉ tiêu cáp quang băng rộng của xã Thạch Bàn Thượng?",
    "Tỷ lệ hồ sơ trực tuyến toàn trình năm 2026 xã Thạch Bàn Thượng?",
]


def _write_docx(text: str, path: Path) -> Path:
    """The plan as a Word file: numbered headings as Heading styles, pipe rows as a table."""
    import docx

    document = docx.Document()
    lines = [ln for ln in text.split("\n") if ln.strip(" \t\f")]
    i = 0
    while i < len(lines):
        line = lines[i].strip()
        if line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                if "---" not in lines[i]:
                    rows.append([c.strip() for c in lines[i].strip().strip("|").split("|")])
                i += 1
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    table.cell(r, c).text = value
            continue
        if line[:3] in ("I. ", "II.", "III", "IV."):
            document.add_heading(line, level=1)
        else:
            document.add_paragraph(line)
        i += 1
    document.save(str(path))
    return path


def _answers(data: Path, folder: Path) -> list[str]:
    Ingestor(Settings(data_dir=data), embedder=FakeEmbedder()).run(folder, progress=False)
    engine = Engine(Settings(data_dir=data), embedder=FakeEmbedder())
    return [engine.ask(q).answer for q in QUESTIONS]


def test_a_docx_plan_with_a_table_answers_like_the_txt_plan(tmp_path: Path):
    (tmp_path / "txt").mkdir()
    (tmp_path / "docx").mkdir()
    (tmp_path / "txt" / "ke-hoach.txt").write_text(PLAN.replace("\f", ""), encoding="utf-8")
    _write_docx(PLAN, tmp_path / "docx" / "ke-hoach.docx")
    from_txt = _answers(tmp_path / "d1", tmp_path / "txt")
    from_docx = _answers(tmp_path / "d2", tmp_path / "docx")
    assert "85%" in from_txt[0] and "12" in from_txt[1] and "450" in from_txt[2]
    assert "Phòng Kinh tế" in from_txt[3] and "72%" in from_txt[4]
    assert from_docx == from_txt


def test_a_broken_docx_is_reported_and_the_rest_ingested(tmp_path: Path):
    (tmp_path / "hong.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (tmp_path / "ke-hoach.txt").write_text(PLAN.replace("\f", ""), encoding="utf-8")
    report = Ingestor(Settings(data_dir=tmp_path / "d"), embedder=FakeEmbedder()).run(
        tmp_path, progress=False
    )
    assert report.added == ["thach-ban-thuong-ke-hoach"]
    assert "tệp Word hỏng" in dict(report.failed)["hong.docx"]


def test_without_tesseract_a_scan_gets_the_install_command_and_others_ingest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("TROLY_TESSERACT", str(tmp_path / "no-tesseract"))
    scanned_pdf(PLAN, tmp_path / "ban-scan.pdf")
    (tmp_path / "ke-hoach.txt").write_text(PLAN.replace("\f", ""), encoding="utf-8")
    report = Ingestor(Settings(data_dir=tmp_path / "d"), embedder=FakeEmbedder()).run(
        tmp_path, progress=False
    )
    assert report.added == ["thach-ban-thuong-ke-hoach"]
    reason = dict(report.failed)["ban-scan.pdf"]
    assert "bản scan" in reason and "cần OCR" in reason
    assert "apt-get install -y tesseract-ocr tesseract-ocr-vie" in reason


def test_number_confusions_are_repaired_and_named():
    checked = check_numbers("QĐÐ số 12 năm 2O26, đạt l00% và 1.5OO hồ sơ; lớp B1; I. Mục tiêu")
    assert checked.text == "QĐ số 12 năm 2026, đạt 100% và 1.500 hồ sơ; lớp B1; I. Mục tiêu"
    assert [fixed for _, fixed in checked.repaired] == ["2026", "100%", "1.500"]


def _words(rows: list[list[tuple[int, str]]], conf: float = 95.0) -> PageWords:
    """Fake Tesseract words: each row a list of (x, word), 30 px high, one line per row."""
    out = []
    for n, row in enumerate(rows):
        for x, text in row:
            out.append(Word(text, conf, x, 100 + 50 * n, 16 * len(text), 30, (1, 1, n + 1)))
    return PageWords(out)


def test_page_layout_turns_aligned_columns_into_a_table_the_reader_reads():
    page = _words(
        [
            [(100, "KẾ"), (150, "HOẠCH")],
            [(100, "STT"), (300, "Chỉ"), (370, "tiêu"), (900, "Năm"), (970, "2026")],
            [(100, "T"), (300, "Tỷ"), (350, "lệ"), (400, "hộ"), (450, "có"), (900, "8O%")],
            [(300, "cáp"), (370, "quang")],
            [(100, "2"), (300, "Số"), (350, "điểm"), (440, "wifi"), (900, "12")],
        ]
    )
    read = page_text(page)
    lines = read.text.split("\n")
    assert lines[0] == "KẾ HOẠCH"
    assert "| 1 | Tỷ lệ hộ có cáp quang | 80% |" in lines
    assert "80%" in read.untrusted  # repaired from "8O%": quoted, never a bare fact
    (table,) = find_tables(read.text)
    assert table.header == ["STT", "Chỉ tiêu", "Năm 2026"] and len(table.rows) == 2


def test_a_two_column_header_stays_two_columns_not_a_table():
    page = _words([[(100, "ỦY"), (150, "BAN"), (700, "CỘNG"), (800, "HÒA")]])
    assert page_text(page).text == "ỦY BAN     CỘNG HÒA"


def test_pages_keep_their_spans_and_a_table_runs_on_across_pages():
    first = "I. MỤC TIÊU\n\n| STT | Chỉ tiêu |\n| --- | --- |\n| 1 | Wifi |"
    second = "| 2 | Camera |\n| --- | --- |\n| 3 | Loa |\n\nII. NHIỆM VỤ"
    text, spans = join_pages(
        [(PageSpan(1, ocr=True), first), (PageSpan(2, ocr=True, flagged=True), second)]
    )
    assert "| 1 | Wifi |\n| 2 | Camera |\n| 3 | Loa |" in text
    (table,) = find_tables(text)
    assert len(table.rows) == 3
    start = text.index("II. NHIỆM VỤ")
    assert [p.number for p in pages_of(spans, start, start + 5)] == [2]
    assert scan_label(pages_of(spans, 0, 5)) == "bản quét, trang 1"
    assert scan_label(spans) == "bản quét, trang 1–2, độ tin cậy OCR thấp"


def test_a_citation_of_ocr_text_names_the_numbers_to_check():
    spans = [PageSpan(3, 0, 100, ocr=True, untrusted=["80%"])]
    label = scan_label(spans, "Tỷ lệ hộ có cáp quang đạt 80% năm 2026")
    assert label == "bản quét, trang 3, số cần đối chiếu bản gốc: 80%"
    assert scan_label(spans, "Tỷ lệ hộ có cáp quang năm 2026") == "bản quét, trang 3"
