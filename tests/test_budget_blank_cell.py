"""A task whose budget cell is empty is answered "the plan does not state an amount for this
task" (citing its row), never an empty amount; a money question naming a numbered task
paragraph without an amount names that task. All plan text here is invented."""

from __future__ import annotations

from pathlib import Path

from rag.pipeline.named_task import named_task
from rag.pipeline.thresholds import load_thresholds
from rag.tables.answer import TableAnswerer
from rag.tables.build import PlanSource, build_store

PLAN = """III. NHIỆM VỤ

| TT | Nhiệm vụ | Đơn vị chủ trì | Kinh phí (triệu đồng) |
|---|---|---|---|
| 1 | Số hóa sổ hộ tịch lưu trữ từ năm 1990 | Văn phòng xã | 75 |
| 2 | Lắp màn hình tra cứu tại nhà văn hóa thôn | Phòng Kinh tế | |
| 3 | Tập huấn an toàn thông tin cho công chức | Văn phòng xã | 18 |

Tổng cộng: 93 triệu đồng.
"""


def _answer(tmp_path: Path, question: str):
    build_store([PlanSource("x", "Kế hoạch năm 2027", "Thử", "", PLAN)], tmp_path / "t.sqlite")
    return TableAnswerer(tmp_path / "t.sqlite").answer(question, ["Thử"])


def test_an_empty_budget_cell_says_the_plan_states_no_amount(tmp_path: Path) -> None:
    found = _answer(tmp_path, "lắp màn hình tra cứu ở nhà văn hóa thôn xã Thử tốn bao nhiêu tiền")
    assert found is not None
    assert "không ghi kinh phí" in found.text
    assert "triệu đồng" not in found.text.split("«")[0]
    assert found.blank and not found.refused
    assert "Lắp màn hình tra cứu" in found.citations[0].quote


def test_a_filled_budget_cell_is_answered_with_its_amount(tmp_path: Path) -> None:
    found = _answer(tmp_path, "kinh phí tập huấn an toàn thông tin cho công chức xã Thử")
    assert found is not None and "18" in found.text and not found.blank


def test_the_budget_list_marks_the_empty_cell(tmp_path: Path) -> None:
    found = _answer(tmp_path, "liệt kê các khoản kinh phí của xã Thử")
    assert found is not None
    assert "Lắp màn hình tra cứu tại nhà văn hóa thôn: không ghi kinh phí" in found.text


PARAGRAPHS = (
    "2. Xây dựng bản đồ số ruộng lúa. Phòng Kinh tế chủ trì. "
    "3. Mở điểm phát sóng wifi miễn phí tại chợ xã. Đơn vị thực hiện: Phòng Kinh tế."
)


def test_a_money_question_naming_a_numbered_task_finds_it() -> None:
    cover = load_thresholds().named_task_min_cover
    name = named_task(
        "kinh phí mở điểm phát sóng wifi miễn phí tại chợ của xã Thử là bao nhiêu",
        ["Thử"],
        [PARAGRAPHS],
        cover,
    )
    assert name == "Mở điểm phát sóng wifi miễn phí tại chợ xã"


def test_a_subject_the_plan_lacks_names_no_task() -> None:
    cover = load_thresholds().named_task_min_cover
    assert (
        named_task(
            "kinh phí mua xe cứu thương cho trạm y tế xã Thử là bao nhiêu",
            ["Thử"],
            [PARAGRAPHS],
            cover,
        )
        is None
    )
