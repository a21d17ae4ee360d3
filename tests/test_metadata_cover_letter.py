"""A file that opens with a cover letter (công văn) forwarding the plan: the document's number,
date and signer are the plan's — those of the header block right before its «KẾ HOẠCH» title."""

from __future__ import annotations

from rag.chunking import card_chunk
from rag.understand.metadata import extract_facts

_LETTER = (
    "ỦY BAN NHÂN DÂN\n"
    "XÃ HÒA BÌNH ĐÔNG\n"
    "Số: 187/UBND-VHXH\n"
    "V/v tổ chức thực hiện Kế hoạch chuyển đổi số năm 2027\n"
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "Độc lập - Tự do - Hạnh phúc\n"
    "Hòa Bình Đông, ngày 09 tháng 02 năm 2027\n"
    "Kính gửi: Các ban, ngành, đoàn thể xã.\n"
    "Ủy ban nhân dân xã gửi Kế hoạch số 15/KH-UBND để các đơn vị triển khai.\n"
    "Nơi nhận:\n"
    "- Như trên;\n"
    "- Lưu: VT.\n"
    "KT. CHỦ TỊCH\n"
    "PHÓ CHỦ TỊCH\n"
    "Đinh Thị Mai\n"
)
_PLAN = (
    "ỦY BAN NHÂN DÂN\n"
    "XÃ HÒA BÌNH ĐÔNG\n"
    "Số: 15/KH-UBND\n"
    "Hòa Bình Đông, ngày 05 tháng 02 năm 2027\n"
    "KẾ HOẠCH\n"
    "Chuyển đổi số xã Hòa Bình Đông năm 2027\n"
    "\n"
    "I. MỤC TIÊU\n"
    "Nâng tỷ lệ hồ sơ trực tuyến toàn trình lên 70%.\n"
    "Nơi nhận:\n"
    "- Lưu: VT.\n"
    "TM. ỦY BAN NHÂN DÂN\n"
    "CHỦ TỊCH\n"
    "Lò Văn Sơn\n"
)


def test_plan_header_after_a_cover_letter_wins() -> None:
    facts = extract_facts(_LETTER + "\n" + _PLAN)
    assert facts.number == "15/KH-UBND"
    assert facts.date.startswith("ngày 5 tháng 2 năm 2027")
    assert facts.signer_name == "Lò Văn Sơn"
    assert facts.commune == "Hòa Bình Đông"
    assert facts.title.startswith("Kế hoạch Chuyển đổi số")
    assert facts.evidence["number"].line == 19  # lines keep their place in the whole file


def test_plan_without_a_letter_is_read_from_the_top() -> None:
    facts = extract_facts(_PLAN)
    assert facts.number == "15/KH-UBND"
    assert facts.signer_name == "Lò Văn Sơn"


def test_the_letter_stays_findable_on_the_document_card() -> None:
    facts = extract_facts(_LETTER + "\n" + _PLAN)
    assert facts.cover == "Công văn số 187/UBND-VHXH ngày 09/02/2027"
    card = card_chunk("hbd", {"title": facts.title, "number": facts.number, "cover": facts.cover})
    assert "187/UBND-VHXH" in card.text and "15/KH-UBND" in card.text
    assert extract_facts(_PLAN).cover == ""
