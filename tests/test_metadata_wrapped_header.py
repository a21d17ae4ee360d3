"""Header facts read through line wraps: a province name wrapped by a narrow column, a title
subject that cites a dated resolution and runs on to a second line."""

from __future__ import annotations

from rag.understand.metadata import extract_facts

WRAPPED_PROVINCE = """ỦY BAN NHÂN DÂN TỈNH HỒNG
LĨNH
ỦY BAN NHÂN DÂN
XÃ AN PHÚ THƯỢNG
Số: 12/KH-UBND
An Phú Thượng, ngày 02 tháng 4 năm 2026
KẾ HOẠCH
Phổ cập kỹ năng số xã An Phú Thượng năm 2026
Căn cứ Kế hoạch số 40/KH-UBND ngày 10/01/2026 của UBND tỉnh Hồng
Lĩnh về kỹ năng số.
1. Mục tiêu: 90% hộ có người biết dùng dịch vụ công trực tuyến.
"""


def test_a_province_name_wrapped_onto_a_fragment_line_is_joined() -> None:
    assert extract_facts(WRAPPED_PROVINCE).province == "tỉnh Hồng Lĩnh"


def test_a_wrapped_body_mention_joins_only_a_name_written_whole_elsewhere() -> None:
    # no province in the header: the body's wrapped "tỉnh Hồng" / "Lĩnh" is joined because
    # "Hồng Lĩnh" is written whole elsewhere
    text = WRAPPED_PROVINCE.replace("ỦY BAN NHÂN DÂN TỈNH HỒNG\nLĨNH\n", "")
    text += "Nơi nhận:\n- UBND tỉnh Hồng Lĩnh;\n"
    assert extract_facts(text).province == "tỉnh Hồng Lĩnh"


def test_the_next_header_line_is_no_part_of_the_province() -> None:
    text = WRAPPED_PROVINCE.replace("TỈNH HỒNG\nLĨNH\nỦY BAN NHÂN DÂN\nXÃ", "TỈNH HỒNG LĨNH\nXÃ")
    text = text.replace("UBND tỉnh Hồng\nLĩnh", "UBND tỉnh Hồng Lĩnh\nBan Chỉ đạo")
    assert extract_facts(text).province == "tỉnh Hồng Lĩnh"
    ubnd_below = WRAPPED_PROVINCE.replace("TỈNH HỒNG\nLĨNH\n", "TỈNH HỒNG LĨNH\n")
    assert extract_facts(ubnd_below).province == "tỉnh Hồng Lĩnh"


DATED_SUBJECT = """UBND XÃ SUỐI LAM
Số: 05/KH-UBND
Suối Lam, ngày 12 tháng 2 năm 2026
KẾ HOẠCH
Thực hiện Nghị quyết số 03/NQ-HĐND ngày 05/01/2026 của Hội đồng nhân dân xã
về phát triển chính quyền số năm 2026

Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị;
I. MỤC TIÊU
"""


def test_a_dated_subject_running_on_to_a_second_line_is_the_title() -> None:
    title = extract_facts(DATED_SUBJECT).title
    assert title.startswith("Kế hoạch Thực hiện Nghị quyết số 03/NQ-HĐND")
    assert title.endswith("về phát triển chính quyền số năm 2026")


def test_a_dated_preamble_sentence_is_not_the_title() -> None:
    preamble = DATED_SUBJECT.replace(
        "về phát triển chính quyền số năm 2026\n",
        "về phát triển chính quyền số, UBND xã ban hành:\n",
    )
    assert extract_facts(preamble).title == "Kế hoạch"
    one_line = DATED_SUBJECT.replace("\nvề phát triển chính quyền số năm 2026", "")
    assert extract_facts(one_line).title == "Kế hoạch"
