"""Which units a plan assigns work to, read from items written one unit each ("1. Ban Văn
hóa: chủ trì …"): the labels before the colon, not the duties, not a content label."""

from __future__ import annotations

from rag.index import StoredChunk
from rag.pipeline.outline import section_items
from rag.pipeline.unit_list import asks_units, assigned_units

TEXT = """Ủy ban nhân dân xã phân công như sau:
1. Ban Văn hóa xã: chủ trì tuyên truyền trên loa truyền thanh, hoàn thành tháng 3/2027.
2. Trạm Thú y: chủ trì cấp mã số vùng nuôi điện tử; phối hợp với các thôn.
3. Đề nghị Bưu điện huyện: phối hợp mở tài khoản thanh toán cho người cao tuổi.
4. Nhiệm vụ chung: xây dựng trang tin của xã, hoàn thành tháng 6/2027.
5. Hội Cựu chiến binh: tham gia vận động hội viên cài ứng dụng VNeID."""


def _items() -> dict:
    chunk = StoredChunk(
        "c1", TEXT, {"commune": "Bến Sỏi", "kind": "text", "section": "IV. PHÂN CÔNG", "start": 0}
    )
    return section_items([chunk], "Bến Sỏi")


def test_the_units_of_an_assignment_list_are_its_labels() -> None:
    heading, units = assigned_units(_items())
    names = [u.name for u in units]
    assert heading == "IV. PHÂN CÔNG"
    assert names == ["Ban Văn hóa xã", "Trạm Thú y", "Bưu điện huyện", "Hội Cựu chiến binh"]


def test_a_units_list_question_is_told_from_one_task_s_agencies() -> None:
    assert asks_units("Bến Sỏi giao nhiệm vụ cho những đơn vị nào")
    assert asks_units("ben soi co nhung co quan nao tham gia thuc hien ke hoach")
    assert not asks_units("các đơn vị báo cáo kết quả thực hiện qua phòng nào")
    assert not asks_units("những đơn vị nào phối hợp cấp mã số vùng nuôi")
    assert not asks_units("Bến Sỏi có những nhiệm vụ nào")
