"""A budget section whose first line carries no amount ("- Kéo cáp: doanh nghiệp tự đầu tư")
is still read as budget lines, with its stated total. All plan text here is invented."""

from __future__ import annotations

from rag.tables.parse import PlanParser

PLAN = """KẾ HOẠCH
Chuyển đổi số xã Suối Ngọc năm 2027

III. KINH PHÍ

- Phủ sóng di động thôn Khe Mơ: nhà mạng tự đầu tư, không dùng ngân sách.
- Trang bị máy tính cho Bộ phận Một cửa: 64.000.000 đồng.
- Gắn biển mã QR tại các điểm du lịch: 17.500.000 đồng.

Tổng cộng: 81.500.000 đồng.
"""


def test_budget_lines_after_an_unpriced_first_line() -> None:
    doc = PlanParser().parse(PLAN, "suoi-ngoc", "Suối Ngọc", "Kế hoạch năm 2027")
    lines = {r.indicator: r for r in doc.records if r.kind == "budget"}
    priced = {k: r.budget for k, r in lines.items() if r.budget is not None}
    assert priced == {
        "Trang bị máy tính cho Bộ phận Một cửa": 64_000_000,
        "Gắn biển mã QR tại các điểm du lịch": 17_500_000,
    }
    assert any("Phủ sóng" in k and r.budget is None for k, r in lines.items())
    assert [c.stated_raw for c in doc.budget_checks] == ["81.500.000"]


def test_sources_question_is_not_answered_with_the_item_list(tmp_path) -> None:
    from rag.tables.answer import TableAnswerer
    from rag.tables.build import PlanSource, build_store

    plan = PLAN.replace(
        "Tổng cộng: 81.500.000 đồng.",
        "Tổng cộng: 81.500.000 đồng. Nguồn: ngân sách xã và nguồn xã hội hóa.",
    )
    build_store(
        [PlanSource("suoi-ngoc", "Kế hoạch năm 2027", "Suối Ngọc", "", plan)],
        tmp_path / "t.sqlite",
    )
    found = TableAnswerer(tmp_path / "t.sqlite").answer(
        "Suối Ngọc kinh phí lấy từ nguồn nào", ["Suối Ngọc"]
    )
    assert found is None or "xã hội hóa" in found.text
