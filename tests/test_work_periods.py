"""Tasks worked on in an asked period of a schedule grid (rag.tables.due.scheduled_in through
rag.tables.answer.TableAnswerer): the marks of each task, not its deadline. Invented plan."""

from __future__ import annotations

from pathlib import Path

from rag.tables.answer import TableAnswerer
from rag.tables.build import PlanSource, build_store

PLAN = """KẾ HOẠCH
Chuyển đổi số xã Đồng Sậy năm 2027
III. LỊCH TRIỂN KHAI
| STT | Nội dung công việc | Đơn vị chủ trì | Quý I | Quý II | Quý III | Quý IV |
|---|---|---|---|---|---|---|
| 1 | Dựng trạm đo mặn cửa sông | Phòng Kinh tế | | x | x | |
| 2 | Mở lớp bán hàng trên mạng cho hội nông dân | Hội Nông dân xã | x | | | x |
| 3 | Gắn mã QR cho chợ phiên | Ban quản lý chợ | | | x | |
| 4 | Số hóa sổ hộ tịch cũ | Công an xã | x | | | |
"""


def _answer(tmp_path: Path, question: str):
    source = PlanSource("x", "Kế hoạch chuyển đổi số năm 2027", "Đồng Sậy", "", PLAN)
    build_store([source], tmp_path / "t.sqlite")
    return TableAnswerer(tmp_path / "t.sqlite").answer(question, ["Đồng Sậy"])


def test_the_tasks_marked_in_the_asked_quarter(tmp_path: Path) -> None:
    found = _answer(tmp_path, "dong say quy 3 phai lam nhung viec gi")
    assert found is not None
    assert "trạm đo mặn" in found.text and "chợ phiên" in found.text
    # marked before and after the quarter but not in it; marked only in another quarter
    assert "bán hàng trên mạng" not in found.text and "hộ tịch" not in found.text
