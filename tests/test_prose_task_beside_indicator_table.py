"""A task sentence that names its lead is kept even when an indicator table of the plan (no
agency column) has a row with nearly the same words: only the sentence says who leads."""

from __future__ import annotations

from rag.tables.parse import PlanParser

PLAN = """KẾ HOẠCH
Chuyển đổi số xã Mỹ Lợi Đông năm 2027

I. CHỈ TIÊU
TT\tChỉ tiêu\tĐơn vị\tNăm 2027
1\tTỷ lệ hộ nuôi tôm dùng cảm biến đo môi trường nước\t%\t40
2\tSố điểm wifi miễn phí\tđiểm\t5

II. NHIỆM VỤ
1. Hỗ trợ hộ nuôi tôm dùng cảm biến đo môi trường nước. Giao Hội Nông dân xã chủ trì, phối hợp với Trạm Khuyến nông, hoàn thành trước ngày 30/9/2027.
"""


def test_task_sentence_with_lead_is_kept_beside_indicator_row() -> None:
    doc = PlanParser().parse(PLAN, "my-loi-dong", "Mỹ Lợi Đông", "Kế hoạch năm 2027")
    tasks = [r for r in doc.records if r.kind == "task" and "cảm biến" in r.indicator]
    assert tasks and tasks[0].lead.startswith("Hội Nông dân")
    # the indicator row stays with its value and unit
    rows = [r for r in doc.records if r.kind == "indicator" and "cảm biến" in r.indicator]
    assert rows and rows[0].targets == {"2027": "40"} and rows[0].unit == "%"
