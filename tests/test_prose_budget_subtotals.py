"""A budget written as a total paragraph followed by numbered source headings that carry their
own subtotal ("1. Vốn sự nghiệp của xã: 300 triệu đồng, gồm:") with item lines under them, and
a source heading with no items under it."""

from __future__ import annotations

from pathlib import Path

from rag.tables.answer import TableAnswerer
from rag.tables.build import PlanSource, build_store

PLAN = """CHƯƠNG 5. NGUỒN LỰC

Tổng kinh phí cần cho các việc năm 2027 ước 700 triệu đồng, như sau:

A. Vốn sự nghiệp của xã: 300 triệu đồng, gồm:
   - Mua máy quét tài liệu cho bộ phận một cửa: 120 triệu đồng;
   - Thuê đường truyền cáp quang cho nhà văn hóa: 180 triệu đồng.

B. Quỹ hỗ trợ của hợp tác xã: 400 triệu đồng (dựng kho lạnh có cảm biến nhiệt độ cho rau quả).

CHƯƠNG 6. TỔ CHỨC THỰC HIỆN

Các bộ phận báo cáo kết quả về Văn phòng xã.
"""


def _answerer(tmp_path: Path) -> TableAnswerer:
    build_store([PlanSource("x", "Kế hoạch năm 2027", "Thử", "", PLAN)], tmp_path / "t.sqlite")
    return TableAnswerer(tmp_path / "t.sqlite")


def test_item_under_a_subtotal_heading_answers_its_amount(tmp_path: Path) -> None:
    found = _answerer(tmp_path).answer(
        "Xã Thử chi bao nhiêu tiền thuê đường truyền cáp quang cho nhà văn hóa?", ["Thử"]
    )
    assert found is not None and not getattr(found, "refused", False)
    assert "180 triệu đồng" in found.text


def test_source_heading_without_items_answers_amount_and_purpose(tmp_path: Path) -> None:
    found = _answerer(tmp_path).answer(
        "Kinh phí từ quỹ hỗ trợ của hợp tác xã ở xã Thử là bao nhiêu?", ["Thử"]
    )
    assert found is not None and not getattr(found, "refused", False)
    assert "400 triệu đồng" in found.text and "kho lạnh" in found.text


def test_plan_total_is_checked_against_the_subtotals_not_their_items(tmp_path: Path) -> None:
    build_store([PlanSource("x", "Kế hoạch năm 2027", "Thử", "", PLAN)], tmp_path / "t.sqlite")
    from rag.tables.store import TableStore

    (check,) = TableStore(tmp_path / "t.sqlite").budget_checks("Thử")
    assert check["stated_total"] == 700 and check["computed_total"] == 700
