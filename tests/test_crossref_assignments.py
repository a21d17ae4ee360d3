"""Tasks listed as numbered points without agencies, assigned by reference in a later section
("Giao … chủ trì thực hiện nhiệm vụ tại điểm 2, 3 mục II; phối hợp: …") and costed per task
number ("Nhiệm vụ 3: 40 triệu đồng"): the parser gives each point its lead, partners and money."""

from __future__ import annotations

from rag.tables.parse import PlanParser

PLAN = """KẾ HOẠCH
Ứng dụng công nghệ số xã Hòn Vọng năm 2027

I. MỤC TIÊU
Phấn đấu 70% hồ sơ được giải quyết trực tuyến.

II. NHIỆM VỤ
1. Mở điểm bưu chính số tại thôn Bãi Dài, hoàn thành trước ngày 30/4/2027.
2. Cấp chữ ký số cho 25 tổ trưởng tổ dân cư, hoàn thành trong Quý II/2027.
3. Xây dựng bản đồ số các điểm du lịch cộng đồng, hoàn thành trước ngày 31/10/2027.

III. KINH PHÍ
Nhiệm vụ 3: 40 triệu đồng.

IV. TỔ CHỨC THỰC HIỆN
1. Giao Phòng Kinh tế chủ trì thực hiện nhiệm vụ tại điểm 1, 3 mục II; phối hợp: Bưu điện xã.
2. Giao Công an xã chủ trì thực hiện nhiệm vụ tại điểm 2 mục II.
"""


def _tasks() -> dict[str, object]:
    doc = PlanParser().parse(PLAN, "hon-vong", "Hòn Vọng", "Kế hoạch năm 2027")
    return {r.row_no: r for r in doc.records if r.kind == "task"}, doc


def test_points_get_the_lead_named_by_reference() -> None:
    tasks, _ = _tasks()
    assert set(tasks) == {"1", "2", "3"}
    assert "bưu chính số" in tasks["1"].indicator and tasks["1"].lead == "Phòng Kinh tế"
    assert "bản đồ số" in tasks["3"].indicator and tasks["3"].lead == "Phòng Kinh tế"
    assert "chữ ký số" in tasks["2"].indicator and tasks["2"].lead == "Công an xã"
    assert any("Bưu điện" in p for p in tasks["1"].partners)
    assert tasks["2"].partners == []
    assert "31/10/2027" in tasks["3"].deadline
    # the quote shows the point and the sentence that assigns it
    assert "điểm 1, 3 mục II" in tasks["3"].quote and "bản đồ số" in tasks["3"].quote


def test_referring_sentence_is_not_a_task_of_its_own() -> None:
    tasks, doc = _tasks()
    assert not [r for r in doc.records if r.kind == "task" and "điểm 1, 3" in r.indicator]


def test_amount_given_per_task_number() -> None:
    tasks, doc = _tasks()
    budgets = [r for r in doc.records if r.kind == "budget"]
    assert len(budgets) == 1 and "bản đồ số" in budgets[0].indicator
    assert budgets[0].budget == 40 and budgets[0].budget_unit == "triệu đồng"
    assert tasks["3"].budget_raw == "40"
