"""One agency cell that names both roles in place ("A (chủ trì); B, C (phối hợp)"): the reader
splits it into the lead and the partners of the task; a cell with partners only has no lead."""

from __future__ import annotations

from rag.tables.parse import PlanParser
from rag.understand.tables import split_cell_roles

PLAN = """KẾ HOẠCH
Ứng dụng công nghệ số xã Bến Lở năm 2027

II. NHIỆM VỤ VÀ PHÂN CÔNG

| Thời hạn | Công việc | Đơn vị thực hiện | Kinh phí (đồng) |
|---|---|---|---|
| Quý I/2027 | Mở lớp hướng dẫn chữ ký số cho tổ trưởng dân phố | Phòng Kinh tế (chủ trì); Bưu điện xã, Hội Cựu chiến binh (phối hợp) | 12.000.000 |
| Quý II/2027 | Gắn mã QR tại 7 điểm di tích | Ban quản lý di tích, Hợp tác xã Đồng Xanh (phối hợp) | 20.000.000 |
| Quý III/2027 | Cập nhật bản đồ số đất đai | Chủ trì: Công chức Địa chính; Phối hợp: Trưởng các ấp | 5.000.000 |
| Quý IV/2027 | Rà soát hộ nghèo trên phần mềm | Tổ công nghệ số cộng đồng | Không |
"""


def _tasks() -> dict[str, object]:
    doc = PlanParser().parse(PLAN, "ben-lo", "Bến Lở", "Kế hoạch năm 2027")
    return {r.indicator: r for r in doc.records if r.indicator}


def _find(tasks: dict[str, object], words: str) -> object:
    return next(r for name, r in tasks.items() if words in name)


def test_marked_cell_is_split_into_lead_and_partners() -> None:
    rec = _find(_tasks(), "chữ ký số")
    assert rec.lead == "Phòng Kinh tế"
    assert rec.has_partner_column
    assert any("Bưu điện" in p for p in rec.partners)
    assert any("Cựu chiến binh" in p for p in rec.partners)
    assert rec.deadline == "Quý I/2027"


def test_cell_with_partners_only_has_no_lead() -> None:
    rec = _find(_tasks(), "mã QR")
    assert rec.lead == "" and rec.has_lead_column
    assert any("Đồng Xanh" in p for p in rec.partners)


def test_labelled_roles_in_one_cell() -> None:
    rec = _find(_tasks(), "bản đồ số")
    assert "Địa chính" in rec.lead and "ấp" not in rec.lead
    assert any("ấp" in p for p in rec.partners)


def test_unmarked_cell_stays_the_lead() -> None:
    rec = _find(_tasks(), "hộ nghèo")
    assert "công nghệ số" in rec.lead and rec.partners == []


def test_split_cell_roles_forms() -> None:
    roles = split_cell_roles("Trường Tiểu học chủ trì, Hội Khuyến học phối hợp")
    assert roles is not None
    assert (roles.lead, roles.partners) == ("Trường Tiểu học", "Hội Khuyến học")
    assert split_cell_roles("Trạm Y tế") is None
    # a mark followed by more agencies is a sentence, not a marked cell
    assert split_cell_roles("Trạm Y tế chủ trì phối hợp với Hội Phụ nữ") is None


def _answer(tmp_path, question: str):
    from rag.tables.answer import TableAnswerer
    from rag.tables.build import PlanSource, build_store

    build_store(
        [PlanSource("ben-lo", "Kế hoạch năm 2027", "Bến Lở", "", PLAN)], tmp_path / "t.sqlite"
    )
    return TableAnswerer(tmp_path / "t.sqlite").answer(question, ["Bến Lở"])


def test_who_leads_a_task_whose_cell_names_partners_only(tmp_path) -> None:
    found = _answer(tmp_path, "gắn mã qr tại 7 điểm di tích ở bến lở ai chủ trì")
    assert found is not None
    assert "không nêu đơn vị chủ trì" in found.text
    assert "Đồng Xanh" in found.text


def test_who_leads_a_task_whose_cell_marks_both_roles(tmp_path) -> None:
    found = _answer(tmp_path, "xã bến lở mở lớp hướng dẫn chữ ký số do đơn vị nào chủ trì")
    assert found is not None
    assert "do Phòng Kinh tế chủ trì" in found.text
    assert "Bưu điện" in found.text.split("chủ trì", 1)[1]


def test_tasks_without_money_are_listed(tmp_path) -> None:
    found = _answer(tmp_path, "ben lo nhung viec nao ko can kinh phi")
    assert found is not None
    assert "hộ nghèo" in found.text
    assert "chữ ký số" not in found.text and "mã QR" not in found.text
