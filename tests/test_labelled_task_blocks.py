"""Task blocks written as a title, a description and labelled field lines; targets written as
an enumerated "(1) … (2) …" list."""

from __future__ import annotations

from rag.tables.parse import PlanParser

PLAN = """KẾ HOẠCH
Số hóa nông nghiệp xã Suối Lam năm 2026
1. MỤC TIÊU NĂM 2026
(1) Tỷ lệ hộ dùng ví điện tử đạt 55%.
(2) Có 40 hộ nuôi tôm dùng cảm biến đo môi trường nước.
(3) Tỷ lệ hồ sơ trực tuyến toàn trình đạt 72%.
2. NHIỆM VỤ
Việc 1. Cảm biến ao nuôi
Lắp cảm biến đo độ mặn cho các hộ nuôi tôm ven sông.
Chủ trì: Phòng Kinh tế.
Phối hợp: Hợp tác xã Thủy sản Bến Đò; Trạm Khuyến ngư vùng.
Thời hạn: 31/8/2026.
Việc 2. Bản tin song ngữ
Làm bản tin hướng dẫn dịch vụ công bằng hai thứ tiếng cho các bản.
Phối hợp: Hội Nông dân xã; Đoàn Thanh niên xã.
Thời hạn: Quý III/2026.
"""


def _records():
    return PlanParser().parse(PLAN, "suoi-lam", "Suối Lam", "Kế hoạch").records


def test_each_enumerated_target_is_a_record_of_its_own() -> None:
    targets = [r for r in _records() if r.kind == "target"]
    assert len(targets) == 3
    assert targets[0].targets == {"2026": "55%"}
    assert targets[2].targets == {"2026": "72%"}


def test_partners_listed_with_semicolons_are_all_kept() -> None:
    task = next(r for r in _records() if r.kind == "task" and "Cảm biến" in r.indicator)
    assert task.lead == "Phòng Kinh tế"
    assert "Trạm Khuyến ngư vùng" in "; ".join(task.partners)
    assert task.deadline == "31/8/2026"


def test_a_task_block_with_partners_and_deadline_but_no_lead_is_a_task() -> None:
    task = next(r for r in _records() if r.kind == "task" and "song ngữ" in r.indicator)
    assert task.lead == ""
    assert task.deadline == "Quý III/2026"
