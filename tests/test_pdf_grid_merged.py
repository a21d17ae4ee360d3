"""Merged (rowspan) cells of a ruled PDF table (rag.understand.pdf_grid): an HTML table
printed by Chromium (source: tests/fixtures/rowspan_plan.html) with cells centred
vertically, a lead cell merged over three rows, a partner cell over two, a deadline cell
over two, cells left empty on purpose and Roman-numbered group rows spanning the table."""

from __future__ import annotations

from pathlib import Path

from rag.documents import read_pdf
from rag.understand.pdf_grid import find_grid_tables

FIXTURE = Path(__file__).parent / "fixtures" / "rowspan_plan.pdf"


def _rows() -> dict[str, list[str]]:
    (table,) = find_grid_tables(FIXTURE)
    assert table.header == ["STT", "Nội dung công việc", "Thời hạn", "Phối hợp", "Chủ trì"]
    return {r[0]: r for r in table.rows}


def test_every_row_under_a_merged_cell_gets_its_text() -> None:
    rows = _rows()
    assert [rows[n][4] for n in ("1", "2", "3")] == ["Ban Tư pháp xã"] * 3
    assert [rows[n][3] for n in ("1", "2")] == ["Bưu điện huyện Đồi Thông"] * 2
    assert rows["3"][3] == "Văn phòng xã"
    assert [rows[n][2] for n in ("5", "6")] == ["Năm 2026"] * 2
    assert [rows[n][4] for n in ("5", "6")] == ["Đoàn xã"] * 2


def test_a_cell_left_empty_stays_empty() -> None:
    rows = _rows()
    assert rows["3"][2] == ""  # no deadline: ruled off from the rows around it
    assert rows["4"][4] == ""  # no lead
    assert rows["4"][3] == "Trung tâm Viễn thông Đồi Thông"


def test_group_rows_keep_their_title_and_the_task_column() -> None:
    rows = _rows()
    assert rows["I."][1] == "Nhóm việc hành chính"
    assert rows["II."][1] == "Nhóm việc cộng đồng"
    assert rows["2"][1] == "Cập nhật dữ liệu đất đai lên phần mềm quản lý"
    assert "4." not in rows  # the paragraph after the table is no group row


def test_read_pdf_gives_each_task_its_lead() -> None:
    text = read_pdf(FIXTURE)
    line = next(ln for ln in text.splitlines() if "Cập nhật dữ liệu đất đai" in ln)
    assert "Ban Tư pháp xã" in line and "Bưu điện huyện Đồi Thông" in line


def test_rows_on_a_page_without_the_header_repeated_continue_the_table() -> None:
    # tests/fixtures/long_table.html: 30 numbered rows over two pages, no <thead>
    (table,) = find_grid_tables(Path(__file__).parent / "fixtures" / "long_table.pdf")
    assert [r[0] for r in table.rows] == [str(n) for n in range(1, 31)]
    assert table.rows[-1][2] == "Công an xã"
    assert table.rows[-1][3] == "Tháng 7/2026"
