"""Task items written as labelled fields under agency headings of a markdown plan ("####
Agency" / "- **Nhiệm vụ:** X — **Thời hạn:** D — **Phối hợp:** P"): each heading is a section
of its own and the lead of the items under it (all text invented for these tests)."""

from __future__ import annotations

from rag.chunking import PlanChunker
from rag.tables.parse import PlanParser

PLAN = """# KẾ HOẠCH

### Nhiệm vụ theo đơn vị

#### Trạm Y tế xã

- **Nhiệm vụ:** Lập hồ sơ tiêm chủng điện tử cho trẻ em của 9 thôn — **Thời hạn:** 15/7/2026 — **Phối hợp:** Hội Phụ nữ xã, Trưởng thôn
- **Nhiệm vụ:** Mở lớp hướng dẫn đặt lịch khám qua ứng dụng | **Phối hợp:** Đoàn Thanh niên xã

#### Ban Quản lý chợ xã

- **Nhiệm vụ:** Lắp bảng giá điện tử tại 2 khu chợ; **Thời hạn:** Quý II/2026; **Phối hợp:** Hợp tác xã Sông Xanh

#### Việc chưa giao đơn vị chủ trì

- **Nhiệm vụ:** Phủ sóng wifi miễn phí tại nhà văn hóa các thôn — **Thời hạn:** Tháng 12/2026 — **Phối hợp:** Bưu điện xã

### Kinh phí

Kinh phí thực hiện từ ngân sách xã.
"""


def _tasks() -> list:
    doc = PlanParser().parse(PLAN, "x-doc", "Xã Thử", "Kế hoạch chuyển đổi số năm 2026")
    return [r for r in doc.records if r.kind == "task"]


def _one(words: str):
    found = [r for r in _tasks() if words in r.indicator]
    assert len(found) == 1, [r.indicator for r in _tasks()]
    return found[0]


def test_each_markdown_heading_starts_its_own_section_after_an_unpunctuated_item() -> None:
    chunks = PlanChunker().split("x-doc", PLAN)
    where = {c.section.split(" › ")[-1]: c.text for c in chunks}
    assert "bảng giá điện tử" in where["Ban Quản lý chợ xã"]
    assert "wifi" in where["Việc chưa giao đơn vị chủ trì"]
    assert "ngân sách xã" in where["Kinh phí"]
    assert "bảng giá" not in where["Trạm Y tế xã"]


def test_a_labelled_item_is_a_task_led_by_the_agency_its_heading_names() -> None:
    vaccines = _one("tiêm chủng điện tử")
    assert vaccines.lead_raw == "Trạm Y tế xã"
    assert vaccines.indicator.startswith("Lập hồ sơ")
    assert vaccines.partners_raw == "Hội Phụ nữ xã, Trưởng thôn"
    assert vaccines.deadline == "15/7/2026"
    booking = _one("đặt lịch khám")
    assert booking.lead_raw == "Trạm Y tế xã"
    assert booking.partners_raw == "Đoàn Thanh niên xã"
    market = _one("bảng giá điện tử")
    assert market.lead_raw == "Ban Quản lý chợ xã"
    assert market.deadline == "Quý II/2026"
    assert market.partners_raw == "Hợp tác xã Sông Xanh"


def test_a_task_under_a_heading_that_assigns_no_lead_has_no_lead() -> None:
    wifi = _one("wifi")
    assert wifi.lead_raw == ""
    assert wifi.partners_raw == "Bưu điện xã"
    assert wifi.deadline == "Tháng 12/2026"


FIELD_PLAN = """# KẾ HOẠCH

### Nhiệm vụ

#### Dịch vụ số cho người dân

- **Nhiệm vụ:** Hướng dẫn người cao tuổi cài ứng dụng khám bệnh từ xa — **Thời hạn:** Quý III/2026 — **Phối hợp:** Hội Người cao tuổi xã

#### Công an xã

- **Nhiệm vụ:** Rà soát dữ liệu cư trú của 4 tổ dân phố — **Thời hạn:** 30/8/2026 — **Phối hợp:** Trưởng thôn
"""


def test_a_heading_that_names_a_field_of_the_plan_is_not_the_lead_of_its_items() -> None:
    doc = PlanParser().parse(FIELD_PLAN, "y-doc", "Xã Thử", "Kế hoạch chuyển đổi số năm 2026")
    tasks = [r for r in doc.records if r.kind == "task"]
    leads = {r.lead_raw for r in tasks if "khám bệnh từ xa" in r.indicator}
    assert "Dịch vụ số cho người dân" not in leads
    residence = [r for r in tasks if "dữ liệu cư trú" in r.indicator]
    assert [r.lead_raw for r in residence] == ["Công an xã"]
