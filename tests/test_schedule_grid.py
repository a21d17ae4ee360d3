"""A task table laid out as a schedule grid (period columns with "x" marks), deadlines
written inside a task name, and period columns holding values (not a schedule)."""

from __future__ import annotations

from pathlib import Path

from rag.tables.answer import TableAnswerer
from rag.tables.build import PlanSource, build_store
from rag.tables.parse import PlanParser

PLAN = """KẾ HOẠCH
Ứng dụng công nghệ số xã Bình Khê năm 2027
II. TIẾN ĐỘ THỰC HIỆN CÁC VIỆC NĂM 2027
| STT | Công việc | Đơn vị chủ trì | Quý 1 | Quý 2 | Quý 3 | Quý 4 |
|---|---|---|---|---|---|---|
| 1 | Lắp wifi miễn phí tại nhà văn hóa các bản | Phòng Kinh tế | | X | X | |
| 2 | Mở lớp dạy dùng điện thoại thông minh cho người cao tuổi | Hội Người cao tuổi | X | | | |
| 3 | Số hóa sổ mục kê ruộng đất. Thời hạn: trước 30/9/2027 | Công an xã | | X | X | |
| 4 | Khảo sát nhu cầu dùng chữ ký số của hộ kinh doanh | Phòng Kinh tế | | | | |
III. SẢN LƯỢNG THEO QUÝ
| STT | Công việc | Quý 1 | Quý 2 |
|---|---|---|---|
| 1 | Bán hàng trên sàn điện tử | 120 | 150 |
"""


def _tasks():
    recs = PlanParser().parse(PLAN, "binh-khe", "Bình Khê", "Kế hoạch").records
    return {r.row_no + r.table[:3]: r for r in recs}


def test_last_marked_period_is_the_deadline_and_the_first_the_start() -> None:
    wifi = _tasks()["1II."]
    assert wifi.deadline == "Quý 3/2027"
    assert wifi.start == "Quý 2/2027"
    assert "Quý 3: X" in wifi.quote


def test_single_marked_period_is_the_deadline_without_a_separate_start() -> None:
    course = _tasks()["2II."]
    assert course.deadline == "Quý 1/2027"
    assert course.start == ""


def test_deadline_written_in_the_task_name_wins_over_the_marks() -> None:
    assert _tasks()["3II."].deadline == "trước 30/9/2027"


def test_unmarked_row_of_a_grid_has_no_deadline_but_a_place_for_one() -> None:
    survey = _tasks()["4II."]
    assert survey.deadline == ""
    assert survey.has_deadline_column


def test_period_columns_holding_values_are_not_a_schedule() -> None:
    sales = _tasks()["1III"]
    assert sales.deadline == ""
    assert not sales.has_deadline_column


def _answer(tmp_path: Path, question: str):
    source = PlanSource("x", "Kế hoạch ứng dụng công nghệ số năm 2027", "Bình Khê", "", PLAN)
    build_store([source], tmp_path / "t.sqlite")
    return TableAnswerer(tmp_path / "t.sqlite").answer(question, ["Bình Khê"])


def test_a_grid_task_is_answered_with_its_last_marked_period(tmp_path: Path) -> None:
    found = _answer(tmp_path, "xã Bình Khê lắp wifi miễn phí nhà văn hóa khi nào xong")
    assert found is not None and "Quý 3/2027" in found.text


def test_an_unmarked_grid_task_asked_for_its_milestone_has_none(tmp_path: Path) -> None:
    found = _answer(
        tmp_path, "Bình Khê khảo sát nhu cầu dùng chữ ký số của hộ kinh doanh có mốc thời gian ko"
    )
    assert found is not None and "không ghi thời hạn" in found.text
