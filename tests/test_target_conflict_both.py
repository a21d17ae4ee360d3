"""A plan that states one indicator's target twice with different values (a general-goal
sentence and the target table): the answer shows both values, each with its quote."""

from __future__ import annotations

from pathlib import Path

from rag.tables.answer import TableAnswerer
from rag.tables.build import PlanSource, build_store

PLAN = """I. MỤC TIÊU

1. Mục tiêu tổng quát
Đến hết năm 2027, tỷ lệ hộ nông dân bán nông sản qua sàn giao dịch điện tử đạt ít nhất 30%.

II. CHỈ TIÊU

| STT | Chỉ tiêu | Đơn vị chủ trì | Năm 2026 (thực hiện) | Năm 2027 (kế hoạch) |
|---|---|---|---|---|
| 1 | Tỷ lệ hộ nông dân bán nông sản qua sàn giao dịch điện tử | Tổ Kinh tế xã | 12% | 35% |
| 2 | Tỷ lệ thôn có loa truyền thanh thông minh | Văn phòng xã | 40% | 70% |
| 3 | Số thôn có điểm phát Wi-Fi miễn phí | Văn phòng xã | 3 thôn | 8 thôn |
"""


def test_both_values_of_a_contradicted_target_are_shown(tmp_path: Path) -> None:
    build_store([PlanSource("x", "Kế hoạch năm 2027", "Thử", "", PLAN)], tmp_path / "t.sqlite")
    answers = TableAnswerer(tmp_path / "t.sqlite")
    assert answers.conflicts("Thử")  # found at ingest
    found = answers.answer(
        "Năm 2027 xã Thử đặt chỉ tiêu hộ nông dân bán nông sản qua sàn điện tử bao nhiêu %?",
        ["Thử"],
    )
    assert found is not None
    assert "35%" in found.text and "30%" in found.text
    assert len(found.citations) == 2
    assert any("30%" in c.quote for c in found.citations)
    assert any("35%" in c.quote for c in found.citations)
