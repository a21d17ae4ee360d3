"""Tasks listed under a tasks heading without any agency, whose lead is given only in a later
paragraph per agency ("1. Phòng A: Chủ trì X; …"): the paragraph that names a task's words
gives its lead (and its partners); the task keeps its own deadline; a task no paragraph names
has no lead; a duty after ";" keeps its deadline to itself. All plan text here is invented."""

from __future__ import annotations

from pathlib import Path

from rag.tables.answer import TableAnswerer
from rag.tables.build import PlanSource, build_store
from rag.tables.parse import PlanParser

COMMUNE = "Thử"

PLAN = """KẾ HOẠCH
Chuyển đổi số xã Thử năm 2027

PHẦN II
NHIỆM VỤ VÀ GIẢI PHÁP

a) Nhiệm vụ về chính quyền số
+ Lập bản đồ số các tuyến đê bao và cống thủy lợi của xã; hoàn thành trong tháng 5/2027.
+ Mở trang thông tin hỏi đáp về thuế hộ kinh doanh trên mạng xã hội của xã.

b) Nhiệm vụ về xã hội số
+ Lắp trạm phát sóng di động tại khu dân cư Bến Đò và khu dân cư Gò Sậy; hoàn thành trước 30/11/2027.
+ Mở lớp dạy sử dụng điện thoại thông minh cho người cao tuổi; tổ chức vào tháng 8/2027.

TỔ CHỨC THỰC HIỆN

1. Văn phòng xã: Chủ trì lập bản đồ số đê bao và mở trang thông tin hỏi đáp về thuế; tham mưu Ủy ban nhân dân xã sơ kết, báo cáo kết quả thực hiện trước ngày 15/12/2027.

2. Hội Người cao tuổi xã: Chủ trì mở lớp dạy sử dụng điện thoại thông minh, phối hợp với Đoàn Thanh niên xã.
"""


def _tasks() -> list:
    doc = PlanParser().parse(PLAN, "x", COMMUNE, "Kế hoạch chuyển đổi số năm 2027")
    return [r for r in doc.records if r.kind == "task"]


def _answer(tmp_path: Path, question: str):
    source = PlanSource("x", "Kế hoạch chuyển đổi số năm 2027", COMMUNE, "", PLAN)
    build_store([source], tmp_path / "t.sqlite")
    return TableAnswerer(tmp_path / "t.sqlite").answer(question, [COMMUNE])


def test_a_listed_task_takes_its_lead_from_the_agency_paragraph_naming_it() -> None:
    by_task = {r.indicator.split()[1]: r for r in _tasks()}
    assert "Văn phòng xã" in by_task["bản"].lead
    assert by_task["bản"].deadline == "hoàn thành trong tháng 5/2027"
    assert "Văn phòng xã" in by_task["trang"].lead and not by_task["trang"].deadline
    assert "Hội Người cao tuổi" in by_task["lớp"].lead
    assert by_task["lớp"].deadline == "tổ chức vào tháng 8/2027"
    assert any("Đoàn Thanh niên" in p for p in by_task["lớp"].partners)
    assert by_task["trạm"].lead == "" and "30/11/2027" in by_task["trạm"].deadline


def test_a_later_duty_keeps_its_deadline_to_itself() -> None:
    tasks = _tasks()
    report = [r for r in tasks if r.indicator.startswith("tham mưu")]
    assert len(report) == 1 and "15/12/2027" in report[0].deadline
    assert sum("15/12/2027" in r.deadline for r in tasks) == 1


def test_asked_when_a_linked_task_is_due_the_answer_gives_its_own_deadline(
    tmp_path: Path,
) -> None:
    found = _answer(tmp_path, "xã Thử lập bản đồ số đê bao khi nào xong")
    assert found is not None and "5/2027" in found.text and "15/12/2027" not in found.text
    none = _answer(tmp_path, "xã Thử mở trang hỏi đáp về thuế có thời hạn không")
    assert none is not None and "không nêu thời hạn" in none.text


def test_asked_which_office_leads_a_task_no_paragraph_names_the_answer_says_none(
    tmp_path: Path,
) -> None:
    found = _answer(
        tmp_path, "xã Thử lắp trạm phát sóng khu dân cư Gò Sậy giao phòng ban nào chủ trì"
    )
    assert found is not None and "không nêu đơn vị chủ trì" in found.text
    led = _answer(
        tmp_path, "xã Thử mở lớp dạy dùng điện thoại thông minh giao phòng ban nào chủ trì"
    )
    assert led is not None and "Hội Người cao tuổi" in led.text
