"""Deadlines in any form normalised to periods, and the tasks due within an asked period."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from rag.tables.answer import TableAnswerer
from rag.tables.build import PlanSource, build_store
from rag.understand.periods import read_period


@pytest.mark.parametrize(
    ("text", "due_from", "end"),
    [
        ("Trước ngày 20/11/2027", date(2027, 11, 20), date(2027, 11, 20)),
        ("Tháng 8/2027", date(2027, 8, 1), date(2027, 8, 31)),
        ("tháng 8 năm 2027", date(2027, 8, 1), date(2027, 8, 31)),
        ("Quý III/2027", date(2027, 7, 1), date(2027, 9, 30)),
        ("quý 2", date(2027, 4, 1), date(2027, 6, 30)),
        ("6 tháng cuối năm 2027", date(2027, 7, 1), date(2027, 12, 31)),
        ("Năm 2027", date(2027, 1, 1), date(2027, 12, 31)),
        ("2027 - 2029", date(2027, 1, 1), date(2029, 12, 31)),
        ("Từ tháng 2 đến tháng 5/2027", date(2027, 5, 1), date(2027, 5, 31)),
    ],
)
def test_deadline_forms_become_comparable_due_windows(text: str, due_from: date, end: date):
    found = read_period(text, "2027")
    assert found is not None
    assert (found.due_from, found.end, found.text) == (due_from, end, text)


def test_recurring_duty_and_text_without_period_have_none() -> None:
    assert read_period("Thường xuyên", "2027") is None
    assert read_period("Khi có yêu cầu", "2027") is None


def test_a_separate_start_widens_the_span_not_the_due_window() -> None:
    found = read_period("Quý 4/2027", "2027", start="Quý 2/2027")
    assert found is not None
    assert found.start == date(2027, 4, 1) and found.due_from == date(2027, 10, 1)


PLAN = """KẾ HOẠCH
Ứng dụng công nghệ số xã Suối Mây năm 2027
II. NHIỆM VỤ
| STT | Nội dung công việc | Đơn vị chủ trì | Thời hạn hoàn thành |
|---|---|---|---|
| 1 | Gắn biển mã QR tại các điểm di tích | Phòng Văn hóa - Xã hội | 15/11/2027 |
| 2 | Đào tạo tổ công nghệ số cộng đồng | Đoàn Thanh niên xã | Quý IV/2027 |
| 3 | Chuẩn hóa dữ liệu đất đai | Phòng Kinh tế | Tháng 3/2027 |
| 4 | Duy trì trang thông tin điện tử | Văn phòng HĐND và UBND xã | Năm 2027 |
III. TIẾN ĐỘ THEO QUÝ
| STT | Công việc | Đơn vị chủ trì | Quý I | Quý II | Quý III | Quý IV |
|---|---|---|---|---|---|---|
| 1 | Lắp loa thông minh ở các tổ dân phố | Phòng Kinh tế | | x | x | x |
| 2 | Số hóa hồ sơ chính sách người có công | Phòng Văn hóa - Xã hội | x | x | | |
"""


def _answer(tmp_path: Path, question: str):
    source = PlanSource("x", "Kế hoạch ứng dụng công nghệ số năm 2027", "Suối Mây", "", PLAN)
    build_store([source], tmp_path / "t.sqlite")
    return TableAnswerer(tmp_path / "t.sqlite").answer(question, ["Suối Mây"])


def test_tasks_due_in_a_quarter_come_from_dates_quarters_and_grid_marks(tmp_path: Path) -> None:
    found = _answer(tmp_path, "suoi may nhung viec phai xong trong quy 4 nam 2027")
    assert found is not None
    assert "Gắn biển mã QR" in found.text
    assert "tổ công nghệ số cộng đồng" in found.text
    assert "loa thông minh" in found.text
    # a whole-year deadline is broader than the quarter; other quarters are not listed
    assert "trang thông tin" not in found.text
    assert "đất đai" not in found.text and "người có công" not in found.text


def test_no_task_due_in_the_asked_month_is_said(tmp_path: Path) -> None:
    found = _answer(tmp_path, "xã Suối Mây nhiệm vụ nào hạn trong tháng 9/2027")
    assert found is not None
    assert "không có nhiệm vụ nào" in found.text and "tháng 9/2027" in found.text


def test_one_task_when_question_is_not_a_period_list(tmp_path: Path) -> None:
    found = _answer(tmp_path, "Suối Mây gắn biển mã QR tại các điểm di tích khi nào xong")
    assert (
        found is not None
        and "15/11/2027" in found.text
        and "nhiệm vụ có thời hạn" not in found.text
    )


def test_work_already_done_is_not_a_list_of_tasks_due(tmp_path: Path) -> None:
    found = _answer(tmp_path, "Suối Mây những việc đã hoàn thành trong quý 4 năm 2027")
    assert found is None or "nhiệm vụ có thời hạn" not in found.text


def test_until_when_wording_is_not_part_of_the_task_name(tmp_path: Path) -> None:
    found = _answer(tmp_path, "Suoi May dat dai lam den bao gio")
    assert found is not None and "Tháng 3/2027" in found.text
