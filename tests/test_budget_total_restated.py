"""A plan whose prose states a budget total that differs from the total row of its budget
table: both totals are shown, each with its quote; the same total in other units is not a
contradiction."""

from __future__ import annotations

from pathlib import Path

from rag.tables.answer import TableAnswerer
from rag.tables.build import PlanSource, build_store

TABLE = """Phụ lục. Dự toán

| STT | Nội dung | Đơn vị thực hiện | Kinh phí (triệu đồng) |
|---|---|---|---|
| 1 | Mua máy chủ lưu trữ hồ sơ số | Văn phòng xã | 1.500 |
| 2 | Thuê phần mềm quản lý lò giết mổ | Tổ Kinh tế xã | 800 |
| | Tổng cộng | | 2.300 |
"""


def _plan(total: str) -> str:
    return (
        "Chương 4. Nguồn lực\n\n"
        f"Tổng kinh phí thực hiện kế hoạch năm 2027 là {total}, lấy từ ngân sách xã.\n\n" + TABLE
    )


def _ask(tmp_path: Path, total: str):
    build_store(
        [PlanSource("x", "Kế hoạch năm 2027", "Thử", "", _plan(total))], tmp_path / "t.sqlite"
    )
    answers = TableAnswerer(tmp_path / "t.sqlite")
    return answers.answer("Tổng kinh phí kế hoạch 2027 của xã Thử là bao nhiêu?", ["Thử"])


def test_a_total_stated_twice_with_two_amounts_shows_both(tmp_path: Path) -> None:
    found = _ask(tmp_path, "2,5 tỷ đồng")
    assert found is not None
    assert "2.300" in found.text and "2,5 tỷ đồng" in found.text
    quotes = [c.quote for c in found.citations]
    assert any("2,5 tỷ đồng" in q for q in quotes)
    assert any("2.300" in q for q in quotes)


def test_the_same_total_in_another_unit_is_not_a_contradiction(tmp_path: Path) -> None:
    found = _ask(tmp_path, "2,3 tỷ đồng")
    assert found is not None and "2.300" in found.text
    assert "không khớp" not in found.text
