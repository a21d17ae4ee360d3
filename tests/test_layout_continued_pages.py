"""A table read from glyph positions (rag.understand.pdf_grid) replaces its words in the plain
text even when it runs over pages whose tops carry a stray glyph of a wrapped header cell and a
blank line before the repeated header (text invented for this test)."""

from __future__ import annotations

from collections import Counter

from rag.understand.pdf_layout import LayoutTable, rebuild_tables

HEADER = ["STT", "Nhiệm vụ", "Phòng Kinh tế", "Công an xã", "Thời hạn"]
ROWS = [
    ["1", "Lắp camera tại ngã ba chợ Đình", "CT", "PH", "Tháng 6/2026"],
    ["2", "Số hóa sổ hộ khẩu cũ của 5 thôn", "PH", "CT", "Quý III/2026"],
    ["3", "Mở điểm thanh toán không tiền mặt ở chợ", "CT", "", "Tháng 11/2026"],
]
PLAIN = "\n".join(
    [
        "2. Phân công",
        "STT Nhiệm vụ Phòng Kinh tế Công an xã Thời hạn",
        "1 Lắp camera tại ngã ba chợ Đình CT PH Tháng 6/2026",
        "2 Số hóa sổ hộ khẩu cũ của 5 thôn PH CT Quý III/2026",
        "Ủ",
        "",
        "STT Nhiệm vụ Phòng Kinh tế Công an xã Thời hạn",
        "3 Mở điểm thanh toán không tiền mặt ở chợ CT Tháng 11/2026",
        "3. Kinh phí",
    ]
)


def _grid() -> LayoutTable:
    words = Counter(" ".join(HEADER).split() * 2)
    for row in ROWS:
        words += Counter(" ".join(row).split())
    return LayoutTable(0, 0, HEADER, ROWS, words)


def test_a_glyph_table_continued_after_a_stray_glyph_and_a_blank_line_replaces_its_text() -> None:
    text = rebuild_tables(PLAIN, "", [_grid()])
    lines = text.split("\n")
    assert "| STT | Nhiệm vụ | Phòng Kinh tế | Công an xã | Thời hạn |" in lines
    assert "| 3 | Mở điểm thanh toán không tiền mặt ở chợ | CT |  | Tháng 11/2026 |" in lines
    assert lines[0] == "2. Phân công" and lines[-1] == "3. Kinh phí"
    assert not any(line.startswith("STT Nhiệm vụ") for line in lines)
