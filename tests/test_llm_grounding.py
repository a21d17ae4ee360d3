"""The grounding check on its own: claims must occur in the passages the answer cites."""

from __future__ import annotations

import pytest

from rag.llm.grounding import canon, check, cited_numbers

PLAN = (
    "Căn cứ Nghị quyết số 57-NQ/TW của Bộ Chính trị và Quyết định 2244/QĐ-TTg. "
    "Ngày 05 tháng 3 năm 2025, UBND xã ban hành Kế hoạch số 12/KH-UBND. "
    "Thành lập 11 tổ công nghệ số cộng đồng; tỷ lệ hồ sơ trực tuyến đạt 80,1 %. "
    "Kinh phí thực hiện 1.200 triệu đồng. Phòng Văn hóa – Xã hội chủ trì; Công an xã phối hợp; "
    "Trung tâm Phục vụ hành chính công hướng dẫn trên dichvucong.gov.vn. Còn 08/36 xóm lõm sóng."
)
OTHER = "Xã Dân Tiến có 36 xóm. Văn phòng HĐND và UBND xã theo dõi."


def test_faithful_paraphrase_with_normalised_forms_passes() -> None:
    text = (
        "Xã đã thành lập 11 tổ công nghệ số cộng đồng [1].\n"
        "1. Kế hoạch 12/KH-UBND ban hành ngày 5/3/2025, căn cứ 57 – NQ/TW và 2244/QĐ-TTg [1].\n"
        "2. Tỷ lệ hồ sơ trực tuyến 80,1%, kinh phí 1200 triệu đồng [1].\n"
        "- Phòng Văn hóa - Xã hội chủ trì, Công an xã phối hợp, còn 8/36 xóm lõm sóng [1].\n"
        "- Văn phòng HĐND và UBND xã theo dõi [2]."
    )
    result = check(text, [PLAN, OTHER])
    assert result.ok, result.problems
    assert result.cited == [1, 2]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Xã đã thành lập 27 tổ công nghệ số [1].", "ungrounded:number:27"),
        ("Tỷ lệ đạt 81,1% [1].", "ungrounded:percent:81,1%"),
        ("Ban hành ngày 6/3/2025 [1].", "ungrounded:date:6/3/2025"),
        ("Căn cứ Quyết định 2245/QĐ-TTg [1].", "ungrounded:document:2245/qd-ttg"),
        ("Kinh phí 1.200 tỷ đồng [1].", "ungrounded:money:1200 ty"),
        ("Sở Tư pháp chủ trì [1].", "ungrounded:agency:so tu phap"),
        ("Truy cập dichvucong-gia.com để nộp [1].", "ungrounded:url:dichvucong-gia.com"),
        ("Có hai mươi bảy tổ [1].", "ungrounded:spelled:mươi"),
        ("Xã đã thành lập 11 tổ công nghệ số.", "no_citation"),
        ("Xã đã thành lập 11 tổ công nghệ số [3].", "invalid_citation:3"),
        ("Xã đã thành lập 11 tổ [0].", "invalid_citation:0"),
        ("   ", "empty"),
    ],
)
def test_ungrounded_claims_fail(text: str, reason: str) -> None:
    result = check(text, [PLAN, OTHER])
    assert not result.ok
    assert result.reason == reason


def test_claim_must_be_in_the_passage_cited_on_its_line() -> None:
    # 11 is in passage 1 only: citing [2] for it is a wrong citation.
    assert not check("Có 11 tổ công nghệ số [2].", [PLAN, OTHER]).ok
    # A line without a marker is checked against all cited passages.
    assert check("Theo kế hoạch, có 11 tổ.\nChi tiết ở [1].", [PLAN, OTHER]).ok


def test_citation_forms_and_canon() -> None:
    assert cited_numbers("a [2] b [1, 3] c [4-5] d [2]") == [2, 1, 3, 4, 5]
    assert canon("Ủy ban nhân dân xã, ngày 05 tháng 03 năm 2025, 80 %") == "ubnd xa, 5/3/2025, 80%"
    assert canon("2244/QĐ–TTg") == canon("2244 / QĐ-TTg") == "2244/qd-ttg"


def test_spelled_out_councils_match_their_abbreviations() -> None:
    plan = "Công văn 2920/VP-VX của Văn phòng Ủy ban nhân dân thành phố; HĐND xã giám sát."
    assert check("Theo Công văn 2920/VP-VX của Văn phòng UBND thành phố [1].", [plan]).ok
    assert check("Văn phòng Ủy ban nhân dân thành phố ban hành [1].", [plan]).ok
    assert check("Hội đồng nhân dân xã giám sát [1].", [plan]).ok
    assert not check("Văn phòng Bộ Nội vụ ban hành [1].", [plan]).ok
