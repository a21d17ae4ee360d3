"""Units a table states outside its amount headers: a bare "Đơn vị" column of unit words, and a
currency unit in the caption line above the table ("đơn vị tính: nghìn đồng")."""

from __future__ import annotations

from rag.tables.parse import PlanParser

PLAN = """KẾ HOẠCH
Chuyển đổi số xã Vĩnh Hòa Tây năm 2027

I. CHỈ TIÊU
TT\tChỉ tiêu\tĐơn vị\tNăm 2027
1\tTỷ lệ thửa đất có bản đồ số\t%\t60
2\tSố điểm phát wifi\tđiểm\t9

II. PHÂN CÔNG
TT\tNhiệm vụ\tĐơn vị\tThời hạn
1\tCập nhật bản đồ số đất đai\tPhòng Kinh tế\tQuý III/2027

III. KINH PHÍ
Dự toán chi tiết như sau (đơn vị tính: triệu đồng):
TT\tNội dung\tNgân sách xã\tVốn doanh nghiệp\tTổng
1\tBản đồ số đất đai\t40\t10\t50
2\tĐiểm phát wifi\t0\t72\t72
\tTổng cộng\t40\t82\t122
"""


def _doc():
    return PlanParser().parse(PLAN, "vinh-hoa-tay", "Vĩnh Hòa Tây", "Kế hoạch năm 2027")


def test_bare_unit_column_gives_the_unit_of_each_indicator() -> None:
    rows = {r.indicator: r for r in _doc().records if r.kind == "indicator"}
    assert rows["Tỷ lệ thửa đất có bản đồ số"].unit == "%"
    assert rows["Số điểm phát wifi"].unit == "điểm"


def test_bare_unit_header_over_agencies_is_not_a_unit() -> None:
    tasks = [r for r in _doc().records if r.kind == "task"]
    assert tasks and all(r.unit == "" for r in tasks)


def test_amount_columns_of_a_table_captioned_with_a_currency() -> None:
    doc = _doc()
    budget = {r.indicator: r for r in doc.records if r.kind == "budget"}
    wifi = budget["Điểm phát wifi"]
    assert wifi.budget == 72 and wifi.budget_unit == "triệu đồng"
    assert wifi.budget_parts.get("Vốn doanh nghiệp") == "72"
    check = next(c for c in doc.budget_checks if c.rows == 2)
    assert check.stated_total == 122 and check.computed_total == 122
