"""A scan may merge the signature block's mandate into the line before it (the recipients
column, the last sentence): the signer is still read."""

from __future__ import annotations

from rag.understand.metadata import extract_facts

PLAN = """ỦY BAN NHÂN DÂN XÃ KHE MÂY
Số: 14/KH-UBND
Khe Mây, ngày 3 tháng 3 năm 2026
KẾ HOẠCH
Chuyển đổi số xã Khe Mây năm 2026
I. MỤC TIÊU
Hoàn thành số hóa hồ sơ một cửa.
II. TỔ CHỨC THỰC HIỆN
Các phòng báo cáo định kỳ. Nơi nhận: UBND huyện; lưu VT. KT. CHỦ TỊCH PHÓ CHỦ TỊCH
Lò Văn Thắm
"""


def test_a_mandate_at_the_end_of_a_merged_line_starts_the_signature() -> None:
    facts = extract_facts(PLAN)
    assert facts.signer_name == "Lò Văn Thắm"
    assert facts.signer.startswith("KT. Chủ tịch")


def test_a_role_word_inside_a_sentence_is_not_a_signature() -> None:
    text = PLAN.replace("KT. CHỦ TỊCH PHÓ CHỦ TỊCH\nLò Văn Thắm", "báo cáo Chủ tịch UBND xã.")
    assert extract_facts(text).signer_name == ""
