"""Task units read the same whatever the layout: duties under an agency's heading, prose
paragraphs with several tasks, assign-only sentences (all text invented for these tests)."""

from __future__ import annotations

from pathlib import Path

from rag.tables.answer import TableAnswerer
from rag.tables.build import PlanSource, build_store
from rag.tables.parse import PlanParser

TITLE = "Kế hoạch chuyển đổi số năm 2026"


def _tasks(text: str) -> list:
    doc = PlanParser().parse(text, "x-doc", "Xã Thử", TITLE)
    return [r for r in doc.records if r.kind == "task"]


def _one(tasks: list, words: str):
    found = [r for r in tasks if words in r.indicator]
    assert len(found) == 1, [r.indicator for r in tasks]
    return found[0]


AGENCY_SECTIONS = """KẾ HOẠCH

IV. TỔ CHỨC THỰC HIỆN

1. Hội Nông dân xã

- Chủ trì mở 4 lớp hướng dẫn nông dân ghi nhật ký sản xuất điện tử; hoàn thành ngày 30/8/2026.
- Phối hợp với Ban Quản lý chợ xã lắp bảng giá điện tử tại 3 khu chợ của xã.

2. Ban Quản lý chợ xã

- Chủ trì lắp bảng giá điện tử tại 3 khu chợ của xã; hoàn thành trong quý IV/2026.

3. Hợp tác xã Bình Minh

- Phối hợp với Hội Nông dân xã mở 4 lớp hướng dẫn nông dân ghi nhật ký sản xuất điện tử.
"""


def test_duties_under_an_agency_heading_are_its_tasks_with_partners_from_other_sections() -> None:
    tasks = _tasks(AGENCY_SECTIONS)
    diary = _one(tasks, "nhật ký sản xuất")
    assert diary.lead_raw == "Hội Nông dân xã"
    assert "Hợp tác xã Bình Minh" in diary.partners_raw
    assert "30/8/2026" in diary.deadline
    market = _one(tasks, "bảng giá điện tử")
    assert market.lead_raw == "Ban Quản lý chợ xã"
    assert "Hội Nông dân xã" in market.partners_raw
    assert "Quý IV/2026".lower() in market.deadline.lower()


def test_a_heading_that_names_a_part_of_the_plan_is_no_lead() -> None:
    text = """KẾ HOẠCH

II. NHIỆM VỤ TRỌNG TÂM

- Chủ trì rà soát 40 điểm truy cập internet công cộng trên địa bàn xã.
"""
    assert all("Nhiệm vụ" not in r.lead_raw for r in _tasks(text))


PROSE = """KẾ HOẠCH

III. NHIỆM VỤ

Số hóa 1.200 hồ sơ đất đai lưu trữ tại xã. Giao Phòng Kinh tế chủ trì, Hợp tác xã Tân Tiến và Chi nhánh Văn phòng đăng ký đất đai phối hợp, hoàn thành trong quý III/2026. Lắp 6 bảng thông tin điện tử tại các nhà văn hóa thôn; giao Đoàn Thanh niên xã thực hiện, hoàn thành trong tháng 9/2026. Trạm Y tế xã chủ trì lập 500 hồ sơ tiêm chủng điện tử cho trẻ em; Hội Chữ thập đỏ xã phối hợp thực hiện, hoàn thành trong quý IV/2026.
"""


def test_each_task_of_a_prose_paragraph_keeps_its_own_lead_partners_and_deadline() -> None:
    tasks = _tasks(PROSE)
    land = _one(tasks, "hồ sơ đất đai")
    assert land.lead_raw == "Phòng Kinh tế"
    assert "Hợp tác xã Tân Tiến" in land.partners_raw
    assert "quý III/2026" in land.deadline
    boards = _one(tasks, "bảng thông tin điện tử")
    assert boards.lead_raw == "Đoàn Thanh niên xã"
    assert "tháng 9/2026" in boards.deadline
    vaccines = _one(tasks, "tiêm chủng")
    assert vaccines.lead_raw == "Trạm Y tế xã"
    assert vaccines.partners_raw == "Hội Chữ thập đỏ xã"
    assert "quý IV/2026" in vaccines.deadline


def test_a_lead_that_takes_part_with_nobody_names_no_partner() -> None:
    text = """KẾ HOẠCH

III. NHIỆM VỤ

- Ban Chỉ huy Quân sự xã chủ trì, phối hợp triển khai số hóa 300 hồ sơ dân quân trong năm 2026.
"""
    (task,) = _tasks(text)
    assert task.lead_raw == "Ban Chỉ huy Quân sự xã"
    assert task.partners_raw == ""


# ----------------------------------------------------------------- who leads, by the passage
KV_PLAN = """KẾ HOẠCH

III. NHIỆM VỤ

Nhiệm vụ 1: Hướng dẫn người cao tuổi dùng ứng dụng khám bệnh từ xa tại 5 thôn.
- Đơn vị chủ trì: Trạm Y tế xã.
- Đơn vị phối hợp: Hội Người cao tuổi xã.

Nhiệm vụ 2: Mở điểm giới thiệu nông sản trên sàn thương mại điện tử cho 3 hợp tác xã.
- Đơn vị phối hợp: Hợp tác xã Đồng Xanh.
"""


def _kv_answerer(tmp_path: Path) -> TableAnswerer:
    build_store([PlanSource("x", TITLE, "Thử", "", KV_PLAN)], tmp_path / "t.sqlite")
    return TableAnswerer(tmp_path / "t.sqlite")


def _passage(number: int) -> tuple[str, str]:
    block = KV_PLAN.split("Nhiệm vụ ")[number]
    return ("x", f"Nhiệm vụ {block}")


def test_who_leads_the_task_the_first_passage_holds(tmp_path: Path) -> None:
    found = _kv_answerer(tmp_path).lead_in_passage(
        "ai lo vụ chỉ cụ già dùng app khám bệnh", ["Thử"], _passage(1)
    )
    assert found is not None and "Trạm Y tế xã" in found.text
    assert "Hội Người cao tuổi xã" in found.text


def test_a_task_with_partners_only_has_no_lead(tmp_path: Path) -> None:
    found = _kv_answerer(tmp_path).lead_in_passage(
        "ai chủ trì việc bán nông sản trên sàn", ["Thử"], _passage(2)
    )
    assert found is not None and "không nêu đơn vị chủ trì" in found.text
    assert "Hợp tác xã Đồng Xanh" in found.text


def test_no_lead_answer_from_a_passage_the_question_does_not_fit(tmp_path: Path) -> None:
    answerer = _kv_answerer(tmp_path)
    assert answerer.lead_in_passage("ai chủ trì lắp đèn đường", ["Thử"], _passage(1)) is None
    # not a "who" question
    assert answerer.lead_in_passage("khám bệnh từ xa là gì", ["Thử"], _passage(1)) is None
