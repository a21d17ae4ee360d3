"""A question that asks a task's money together with who leads it or when it ends gets every
part the plan states, and is told which part the plan does not state."""

from __future__ import annotations

from pathlib import Path

from rag.tables.answer import TableAnswerer
from rag.tables.build import PlanSource, build_store

PLAN = """Điều 2. Các việc phải làm

1. Lập bản đồ số các tuyến đê bao và cống tiêu nước của xã. Chủ trì: Ban Thủy lợi xã; phối hợp: Hội Nông dân. Hoàn thành trước 30/6/2027.
2. Chuyển các buổi họp giao ban sang họp trực tuyến. Chủ trì: Văn phòng xã. Hoàn thành trước 31/3/2027.

Điều 3. Nguồn lực

Tổng kinh phí thực hiện năm 2027 là 200 triệu đồng, cụ thể:
   - Bản đồ số tuyến đê bao: 150 triệu đồng;
   - Thiết bị đo mực nước: 50 triệu đồng.
"""


def _answerer(tmp_path: Path) -> TableAnswerer:
    build_store([PlanSource("x", "Kế hoạch năm 2027", "Cồn Én", "", PLAN)], tmp_path / "t.sqlite")
    return TableAnswerer(tmp_path / "t.sqlite")


def test_who_when_and_how_much_in_one_answer(tmp_path: Path) -> None:
    found = _answerer(tmp_path).answer(
        "Lập bản đồ số tuyến đê bao ở xã Cồn Én ai chủ trì, khi nào xong, kinh phí bao nhiêu?",
        ["Cồn Én"],
    )
    assert found is not None and not found.refused
    for part in ("Ban Thủy lợi xã", "Hội Nông dân", "30/6/2027", "150 triệu đồng"):
        assert part in found.text
    assert len(found.citations) == 2  # the task and its budget line


def test_a_part_the_plan_does_not_state_is_said_so(tmp_path: Path) -> None:
    found = _answerer(tmp_path).answer(
        "Họp giao ban trực tuyến ở xã Cồn Én do ai chủ trì, kinh phí bao nhiêu?", ["Cồn Én"]
    )
    assert found is not None
    assert "Văn phòng xã" in found.text and "không nêu kinh phí" in found.text


TABLE = """Phụ lục. Dự toán

| STT | Nội dung | Đơn vị chủ trì | Kinh phí (triệu đồng) |
|---|---|---|---|
| 1 | Thuê bao đường truyền cáp quang cho trụ sở | Văn phòng xã | 36 |
| 2 | Mua loa truyền thanh thông minh | Ban Văn hóa xã | 120 |
"""


def test_a_budget_row_with_its_lead_answers_both_parts(tmp_path: Path) -> None:
    build_store([PlanSource("x", "Kế hoạch năm 2027", "Cồn Én", "", TABLE)], tmp_path / "t.sqlite")
    found = TableAnswerer(tmp_path / "t.sqlite").answer(
        "Xã Cồn Én thuê bao đường truyền cáp quang dự toán bao nhiêu, ai chủ trì?", ["Cồn Én"]
    )
    assert found is not None and "Văn phòng xã" in found.text and "36" in found.text
