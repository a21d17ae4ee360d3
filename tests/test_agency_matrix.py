"""Agency matrices (one column per agency, a role mark per cell) and a responsibility column
headed "Phân công thực hiện" whose cells label each role; lists of what one agency leads."""

from __future__ import annotations

from pathlib import Path

from rag.tables.answer import TableAnswerer
from rag.tables.build import PlanSource, build_store
from rag.tables.parse import PlanParser

CODES = """KẾ HOẠCH
Ứng dụng công nghệ số xã Nậm Khiêu năm 2027
II. NHIỆM VỤ
| STT | Nhiệm vụ | Phòng Kinh tế | Công an xã | Hội Nông dân xã | Thời hạn |
|---|---|---|---|---|---|
| 1 | Gắn mã vùng trồng cho 40 ha chè | CT | | PH | Quý III/2027 |
| 2 | Lắp camera tại 3 điểm giao thông | PH | CT | | 30/9/2027 |
| 3 | Mở lớp bán hàng trực tuyến cho hộ nông dân | CT | | | Năm 2027 |
| 4 | Khảo sát nhu cầu internet tại các bản | | | PH | Năm 2027 |
"""

CASED = CODES.replace("| CT |", "| X |").replace("| PH |", "| x |")

ONLY_X = CODES.replace("| CT |", "| x |").replace("| PH |", "| x |")

LABELLED = """KẾ HOẠCH
Ứng dụng công nghệ số xã Nậm Khiêu năm 2027
II. NHIỆM VỤ
| STT | Nội dung | Phân công thực hiện | Thời hạn |
|---|---|---|---|
| 1 | Gắn mã vùng trồng cho 40 ha chè | Chủ trì: Phòng Kinh tế. Phối hợp: Hội Nông dân xã. | Quý III/2027 |
| 2 | Lắp camera tại 3 điểm giao thông | Chủ trì: Công an xã. Phối hợp: Phòng Kinh tế. | 30/9/2027 |
| 3 | Mở lớp bán hàng trực tuyến cho hộ nông dân | Chủ trì: Phòng Kinh tế. | Năm 2027 |
"""


def _roles(plan: str) -> dict[str, tuple[str, list[str]]]:
    recs = PlanParser().parse(plan, "x", "Nậm Khiêu", "Kế hoạch năm 2027").records
    return {r.row_no: (r.lead, r.partners) for r in recs if r.kind == "task"}


def test_role_codes_under_agency_headers_give_lead_and_partners() -> None:
    roles = _roles(CODES)
    assert roles["1"] == ("Phòng Kinh tế", ["Hội Nông dân xã"])
    assert roles["2"] == ("Công an xã", ["Phòng Kinh tế"])
    assert roles["4"][0] == ""


def test_upper_and_lower_case_marks_give_lead_and_partners() -> None:
    assert _roles(CASED)["2"] == ("Công an xã", ["Phòng Kinh tế"])


def test_marks_that_do_not_say_who_leads_name_no_lead() -> None:
    assert all(lead == "" for lead, _ in _roles(ONLY_X).values())


def test_a_labelled_responsibility_column_gives_lead_and_partners() -> None:
    assert _roles(LABELLED)["2"] == ("Công an xã", ["Phòng Kinh tế"])


def _answer(tmp_path: Path, plan: str, question: str):
    source = PlanSource("x", "Kế hoạch ứng dụng công nghệ số năm 2027", "Nậm Khiêu", "", plan)
    build_store([source], tmp_path / "t.sqlite")
    return TableAnswerer(tmp_path / "t.sqlite").answer(question, ["Nậm Khiêu"])


def test_list_of_what_an_agency_leads_leaves_out_its_partner_rows(tmp_path: Path) -> None:
    found = _answer(tmp_path, CODES, "xã Nậm Khiêu phòng kinh tế chủ trì những nhiệm vụ gì")
    assert found is not None
    assert "mã vùng trồng" in found.text and "bán hàng trực tuyến" in found.text
    assert "camera" not in found.text


TWICE = (
    LABELLED
    + """III. KINH PHÍ
| STT | Nội dung | Đơn vị chủ trì | Kinh phí (triệu đồng) |
|---|---|---|---|
| 1 | Gắn mã vùng trồng cho 40 ha chè | Phòng Kinh tế | 90 |
| 2 | Mở lớp bán hàng trực tuyến cho hộ nông dân | Phòng Kinh tế | 40 |
"""
)


def test_a_task_named_in_two_tables_is_listed_once(tmp_path: Path) -> None:
    found = _answer(tmp_path, TWICE, "liệt kê các việc phòng kinh tế chủ trì ở Nậm Khiêu")
    assert found is not None
    assert found.text.count("Gắn mã vùng trồng") == 1 and "bán hàng trực tuyến" in found.text
