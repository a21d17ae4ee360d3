"""Reading a plan's own facts (rag.understand.metadata) from layouts unlike the bundled plans."""

from __future__ import annotations

import pytest
import yaml

from rag.settings import BUNDLED_CORPUS
from rag.understand.metadata import extract_facts

# A PDF text layer: the two header columns merged line by line, no blank lines.
PDF_MERGED = """ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
XÃ HÒA BÌNH ĐÔNG Độc lập - Tự do - Hạnh phúc
Số: 45/KH-UBND Hòa Bình Đông, ngày 12 tháng 3 năm 2026
KẾ HOẠCH
Ứng dụng công nghệ thông tin và chuyển đổi số
năm 2026 trên địa bàn xã Hòa Bình Đông
Căn cứ Quyết định số 12/QĐ-UBND ngày 02/01/2026 của UBND tỉnh Lâm Đồng;
I. MỤC ĐÍCH
Phát triển xã hội số, kinh tế số của xã.
Trên đây là Kế hoạch của UBND xã Hòa Bình Đông./.
Nơi nhận: TM. ỦY BAN NHÂN DÂN
- UBND tỉnh Lâm Đồng; CHỦ TỊCH
- Lưu: VT.
(Đã ký)
Lê Văn Bình
"""

# Province line first, commune header second, number and national motto after, blank day.
PROVINCE_FIRST = """TỈNH QUẢNG TRỊ
ỦY BAN NHÂN DÂN XÃ TÂN LẬP
-------
Số:      /KH-UBND

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Tân Lập, ngày     tháng 10 năm 2025

KẾ HOẠCH
PHÁT TRIỂN CHÍNH QUYỀN SỐ XÃ TÂN LẬP NĂM 2026

Thực hiện Kế hoạch số 88/KH-UBND ngày 20/9/2025 của UBND tỉnh Quảng Trị.

1. Mục tiêu: 100% hồ sơ được xử lý trực tuyến.

KT. CHỦ TỊCH
PHÓ CHỦ TỊCH



Hồ Thị Mai
"""

# Markdown: a pipe table for the header, bold everywhere, date written with slashes.
MARKDOWN = """| **UỶ BAN NHÂN DÂN** | **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM** |
|---|---|
| **XÃ SƠN THỦY** | **Độc lập - Tự do - Hạnh phúc** |
| Số: 07/KH-UBND | *Sơn Thủy, ngày 05/01/2026* |

# **KẾ HOẠCH**

## **Triển khai Bình dân học vụ số năm 2026**

Căn cứ Kế hoạch của Ủy ban nhân dân tỉnh Nghệ An về chuyển đổi số;

**I. MỤC ĐÍCH, YÊU CẦU**

- Phổ cập kỹ năng số cho người dân xã Sơn Thủy.

**Nơi nhận:**
- Như trên;
- Lưu: VT.

**TM. ỦY BAN NHÂN DÂN**
**CHỦ TỊCH**

*(Đã ký và đóng dấu)*

**Nguyễn Thị Hồng Nhung**
"""

# HTML exported by a word processor: blocks on one physical line, entities.
HTML = (
    "<p><b>ỦY BAN NHÂN DÂN</b><br><b>XÃ EA KAR</b></p>"
    "<p>Số: 112/KH-UBND</p>\n"
    "<p><i>Ea Kar, ngày 20 tháng 11 năm 2025</i></p>\n"
    "<h2>KẾ HOẠCH</h2><p><b>Chuyển đổi số xã Ea Kar năm 2026</b></p>\n"
    "<p>Căn cứ Nghị quyết của Tỉnh ủy Đắk Lắk; UBND tỉnh Đắk Lắk giao chỉ tiêu&nbsp;cho xã.</p>\n"
    "<p>Nơi nhận: như trên.</p>\n"
    "<p><b>KT. CHỦ TỊCH</b><br><b>PHÓ CHỦ TỊCH</b></p>\n"
    "<p><b>Y Bhin Niê</b></p>\n"
)

# A typed layout: header and signature in two columns separated by runs of spaces, a place
# name starting with "Nam" (not "năm"), a date broken over two lines, a name with an apostrophe.
TWO_COLUMNS = """UBND XÃ NAM SƠN                          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
tỉnh Gia Lai                                  Độc lập - Tự do - Hạnh phúc
Số: 31/KH-UBND                            Nam Sơn, ngày 05 tháng
02 năm 2026

KẾ HOẠCH
Chuyển đổi số năm 2026

Căn cứ Nghị quyết 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị;
I. MỤC TIÊU
Tỷ lệ hồ sơ trực tuyến toàn trình đạt 70%.

Nơi nhận:                                       KT. CHỦ TỊCH
- UBND tỉnh (b/c);                                PHÓ CHỦ TỊCH
- Chủ tịch, các PCT UBND xã;
- Lưu: VT.                                        (Đã ký)

                                                 Ksor H'Bia
"""

NO_COMMUNE = """KẾ HOẠCH
Chuyển đổi số năm 2026

Căn cứ Nghị quyết 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị;

I. MỤC TIÊU
Phát triển kinh tế số, xã hội số; 100% hồ sơ trực tuyến.
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            PDF_MERGED,
            {
                "commune": "Hòa Bình Đông",
                "province": "tỉnh Lâm Đồng",
                "number": "45/KH-UBND",
                "date": "ngày 12 tháng 3 năm 2026 (12/3/2026)",
                "signer": "TM. Ủy ban nhân dân, Chủ tịch Lê Văn Bình",
            },
        ),
        (
            PROVINCE_FIRST,
            {
                "commune": "Tân Lập",
                "province": "tỉnh Quảng Trị",
                "number": "để trống (…/KH-UBND)",
                "date": "tháng 10 năm 2025 (ngày để trống)",
                "signer": "KT. Chủ tịch, Phó Chủ tịch Hồ Thị Mai",
                "title": "Kế hoạch phát triển chính quyền số xã Tân Lập năm 2026",
            },
        ),
        (
            MARKDOWN,
            {
                "commune": "Sơn Thủy",
                "province": "tỉnh Nghệ An",
                "number": "07/KH-UBND",
                "date": "ngày 5 tháng 1 năm 2026 (5/1/2026)",
                "signer": "TM. Ủy ban nhân dân, Chủ tịch Nguyễn Thị Hồng Nhung",
                "title": "Kế hoạch Triển khai Bình dân học vụ số năm 2026",
            },
        ),
        (
            HTML,
            {
                "commune": "Ea Kar",
                "province": "tỉnh Đắk Lắk",
                "number": "112/KH-UBND",
                "date": "ngày 20 tháng 11 năm 2025 (20/11/2025)",
                "signer": "KT. Chủ tịch, Phó Chủ tịch Y Bhin Niê",
                "title": "Kế hoạch Chuyển đổi số xã Ea Kar năm 2026",
            },
        ),
        (
            TWO_COLUMNS,
            {
                "commune": "Nam Sơn",
                "province": "tỉnh Gia Lai",
                "number": "31/KH-UBND",
                "date": "ngày 5 tháng 2 năm 2026 (5/2/2026)",
                "signer": "KT. Chủ tịch, Phó Chủ tịch Ksor H'Bia",
            },
        ),
    ],
    ids=["pdf-merged", "province-first", "markdown", "html", "two-columns"],
)
def test_facts_from_other_layouts(text: str, expected: dict[str, str]) -> None:
    facts = extract_facts(text)
    got = {k: getattr(facts, k) for k in expected}
    assert got == expected
    for key in expected:  # every field says where it came from, and the line holds it
        ev = facts.evidence[key]
        assert ev.line >= 1
        assert ev.quote in text


SUBJECT_THUC_HIEN = """UBND XÃ BÌNH LỘC
Số: 09/KH-UBND
Bình Lộc, ngày 3 tháng 3 năm 2026
KẾ HOẠCH
Thực hiện Nghị quyết số 57-NQ/TW trên địa bàn xã Bình Lộc năm 2026
Thực hiện Kế hoạch số 88/KH-UBND ngày 10/01/2026 của UBND tỉnh, UBND xã ban hành Kế hoạch sau:
I. MỤC TIÊU
"""


def test_title_subject_may_start_with_thuc_hien_but_a_preamble_does_not_join_it() -> None:
    title = extract_facts(SUBJECT_THUC_HIEN).title
    assert title == "Kế hoạch Thực hiện Nghị quyết số 57-NQ/TW trên địa bàn xã Bình Lộc năm 2026"
    preamble_only = SUBJECT_THUC_HIEN.replace(
        "Thực hiện Nghị quyết số 57-NQ/TW trên địa bàn xã Bình Lộc năm 2026\n", ""
    )
    assert extract_facts(preamble_only).title == "Kế hoạch"


def test_an_upper_case_heading_or_a_rule_under_the_subject_is_not_title() -> None:
    text = SUBJECT_THUC_HIEN.replace(
        "Thực hiện Kế hoạch số 88/KH-UBND",
        "CĂN CỨ XÂY DỰNG KẾ HOẠCH\nThực hiện Kế hoạch số 88/KH-UBND",
    )
    title = extract_facts(text).title
    assert title == "Kế hoạch Thực hiện Nghị quyết số 57-NQ/TW trên địa bàn xã Bình Lộc năm 2026"
    ruled = text.replace("CĂN CỨ XÂY DỰNG KẾ HOẠCH", "—————")  # a printed rule ends it too
    assert extract_facts(ruled).title == title


def test_evidence_line_numbers_point_at_the_source_line() -> None:
    facts = extract_facts(PROVINCE_FIRST)
    lines = PROVINCE_FIRST.split("\n")
    assert lines[facts.evidence["number"].line - 1].startswith("Số:")
    assert "Hồ Thị Mai" in lines[facts.evidence["signer"].line - 1]


def test_no_commune_is_reported_missing() -> None:
    facts = extract_facts(NO_COMMUNE)
    assert facts.commune == ""  # "xã hội số" is not a commune
    assert "commune" in facts.missing()
    assert "không thấy: xã" in facts.summary()


def test_one_passing_mention_of_a_neighbour_is_not_the_commune() -> None:
    text = NO_COMMUNE + "Phối hợp với xã Bên Cạnh khi cần.\n"
    assert extract_facts(text).commune == ""


def test_signature_without_name_says_so() -> None:
    text = PROVINCE_FIRST.replace("Hồ Thị Mai", "PHỤ LỤC\nDanh mục nhiệm vụ")
    assert extract_facts(text).signer == (
        "KT. Chủ tịch, Phó Chủ tịch (không thấy tên người ký trong văn bản)"
    )


def test_signature_block_in_sentence_case_and_dotted_number() -> None:
    text = PROVINCE_FIRST.replace(
        "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", "Kt. Chủ tịch\nPhó Chủ tịch"
    ).replace("Số:      /KH-UBND", "Số: 12/2026/KH-UBND")
    facts = extract_facts(text)
    assert facts.signer == "KT. Chủ tịch, Phó Chủ tịch Hồ Thị Mai"
    assert facts.number == "12/2026/KH-UBND"


def test_recipient_list_naming_the_chairman_is_not_a_signature() -> None:
    text = PROVINCE_FIRST.replace(
        "KT. CHỦ TỊCH",
        "Nơi nhận:\n- Chủ tịch, các Phó Chủ tịch UBND xã;\n- Lưu VT.\n\nKT. CHỦ TỊCH",
    )
    assert extract_facts(text).signer == "KT. Chủ tịch, Phó Chủ tịch Hồ Thị Mai"


def _manifest() -> dict[str, dict]:
    data = yaml.safe_load((BUNDLED_CORPUS / "plans" / "manifest.yaml").read_text("utf-8"))
    return {d["file"]: d for d in data["documents"]}


@pytest.mark.parametrize("name", sorted(_manifest()))
def test_bundled_plans_commune_and_province_match_the_manifest(name: str) -> None:
    """The extractor never sees the manifest; its answers must agree with it."""
    facts = extract_facts((BUNDLED_CORPUS / "plans" / name).read_text("utf-8"))
    entry = _manifest()[name]
    assert facts.commune == entry["commune"]
    assert facts.province == entry["province"]
    if facts.signer_name:
        assert facts.signer_name in entry["signer"]
    else:
        assert "không ghi tên" in entry["signer"] and "không thấy tên" in facts.signer
