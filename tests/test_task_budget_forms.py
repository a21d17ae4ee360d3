"""A task's own budget: a "Kinh phí dự kiến:" line in its block of labelled lines, and a budget
list that itemises tasks under shorter names of their own."""

from __future__ import annotations

from pathlib import Path

from rag.tables.answer import TableAnswerer
from rag.tables.build import PlanSource, build_store

BLOCKS = """KẾ HOẠCH
Phát triển dịch vụ số xã Đồi Sim năm 2027
II. NHIỆM VỤ
Nhiệm vụ 1: Lắp bảng thông tin điện tử tại nhà văn hóa 6 tổ dân phố.
- Đơn vị chủ trì: Phòng Văn hóa - Xã hội.
- Thời hạn: Quý II/2027.
- Kinh phí dự kiến: 310 triệu đồng.
Nhiệm vụ 2: Hướng dẫn tiểu thương lập gian hàng trên sàn thương mại điện tử.
- Đơn vị chủ trì: Phòng Kinh tế.
- Đơn vị phối hợp: Hội Liên hiệp Phụ nữ xã.
Nhiệm vụ 3: Chuẩn hóa dữ liệu hộ nghèo trên phần mềm quản lý.
- Đơn vị chủ trì: Phòng Văn hóa - Xã hội.
- Thời hạn: Tháng 9/2027.
- Kinh phí dự kiến: 75 triệu đồng.
III. KINH PHÍ
Tổng kinh phí: 385 triệu đồng từ ngân sách xã.
"""

ITEMISED = """KẾ HOẠCH
Phát triển dịch vụ số xã Đồi Sim năm 2027
II. NHIỆM VỤ
| STT | Nội dung | Đơn vị chủ trì | Thời hạn hoàn thành |
|---|---|---|---|
| 1 | Lắp bảng thông tin điện tử tại nhà văn hóa 6 tổ dân phố | Phòng Văn hóa - Xã hội | Quý II/2027 |
| 2 | Mở lớp kỹ năng số cho thanh niên tại 4 tổ dân phố | Đoàn Thanh niên xã | Tháng 9/2027 |
| 3 | Chuẩn hóa dữ liệu hộ nghèo trên phần mềm quản lý | Phòng Văn hóa - Xã hội | Năm 2027 |
III. KINH PHÍ
Tổng kinh phí: 505 triệu đồng. Dự kiến phân bổ:
- Bảng thông tin điện tử: 310 triệu đồng;
- Dữ liệu hộ nghèo: 75 triệu đồng;
- Tuyên truyền chung: 120 triệu đồng.
"""


def _answer(tmp_path: Path, plan: str, question: str):
    source = PlanSource("x", "Kế hoạch dịch vụ số năm 2027", "Đồi Sim", "", plan)
    build_store([source], tmp_path / "t.sqlite")
    return TableAnswerer(tmp_path / "t.sqlite").answer(question, ["Đồi Sim"])


def test_a_budget_line_in_a_task_block_is_that_task_budget(tmp_path: Path) -> None:
    found = _answer(tmp_path, BLOCKS, "kinh phí chuẩn hóa dữ liệu hộ nghèo xã Đồi Sim bao nhiêu")
    assert found is not None and "75" in found.text and "310" not in found.text


def test_a_task_block_without_budget_line_has_none_of_its_own(tmp_path: Path) -> None:
    found = _answer(
        tmp_path,
        BLOCKS,
        "Đồi Sim hướng dẫn tiểu thương lập gian hàng sàn thương mại điện tử kinh phí bn",
    )
    assert found is None or ("75" not in found.text and "310" not in found.text)


def test_an_itemised_line_under_a_shorter_name_funds_its_task(tmp_path: Path) -> None:
    found = _answer(
        tmp_path, ITEMISED, "xã Đồi Sim lắp bảng thông tin điện tử ở nhà văn hóa tốn bao nhiêu tiền"
    )
    assert found is not None and "310 triệu đồng" in found.text


def test_a_task_no_line_names_has_no_budget_of_its_own(tmp_path: Path) -> None:
    found = _answer(
        tmp_path, ITEMISED, "Đồi Sim mở lớp kỹ năng số cho thanh niên kinh phí bao nhiêu"
    )
    assert found is not None and "không nêu kinh phí riêng" in found.text


def test_planned_amount_wording_is_not_part_of_the_task_name(tmp_path: Path) -> None:
    found = _answer(tmp_path, BLOCKS, "Đồi Sim hộ nghèo dự kiến tốn bao nhiêu")
    assert found is not None and "75 triệu đồng" in found.text
