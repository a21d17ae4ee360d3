"""A commune typed as its initials ("hpt" for Hòa Phước Thượng) is the commune; a short token
that is a word in its own right (shorthand, an administrative abbreviation, a word the plans
write) or the initials of two communes is not."""

from __future__ import annotations

from rag.commune_initials import CommuneInitials, initials_of
from rag.pipeline.analyse import AnalyseStage
from rag.pipeline.types import Question

# Invented communes: two share the initials "bkt", one is two words long.
COMMUNES = ["Hòa Phước Thượng", "Đồng Khê Nam", "Bắc Khê Tây", "Bình Kim Tân", "Lũng Lìu"]
PLAN_WORDS = {"ubnd": 40, "ct": 12, "ph": 12, "tt": 30, "kế": 50, "vnđ": 3}


def _count(word: str) -> int:
    return PLAN_WORDS.get(word, 0)


def _stage() -> AnalyseStage:
    return AnalyseStage(None, list(COMMUNES), known=_count)


def test_initials_keep_the_d_stroke() -> None:
    assert initials_of("Đồng Khê Nam") == "đkn"


def test_initials_in_any_case_with_or_without_the_stroke_name_the_commune() -> None:
    for q in (
        "hpt năm 2026 có bao nhiêu điểm wifi",
        "HPT: ai ký kế hoạch",
        "kh hpt ban hành ngày nào",
    ):
        assert _stage().run(Question(q)).info.communes == ["Hòa Phước Thượng"], q
    for q in ("đkn chỉ tiêu 2026", "dkn chi tieu 2026", "xã ĐKN kinh phí bao nhiêu"):
        assert _stage().run(Question(q)).info.communes == ["Đồng Khê Nam"], q


def test_a_typed_stroke_must_match_the_name() -> None:
    # "đ" is never "Hòa…": "hpđ" spells no commune
    assert CommuneInitials(COMMUNES).commune_of("hpđ") is None
    assert CommuneInitials(COMMUNES).commune_of("đkn") == "Đồng Khê Nam"


def test_initials_of_two_communes_name_neither() -> None:
    assert _stage().run(Question("bkt tổng kinh phí bao nhiêu")).info.communes == []


def test_two_letters_need_the_place_word() -> None:
    assert _stage().run(Question("xã LL kế hoạch có những nhiệm vụ nào")).info.communes == [
        "Lũng Lìu"
    ]
    assert _stage().run(Question("ll kế hoạch có những nhiệm vụ nào")).info.communes == []


def test_words_and_abbreviations_are_not_initials() -> None:
    ci = CommuneInitials(
        ["Kiên Hải", "Bình Nhâm", "Ủy Bình Nam Đông", "Cẩm Thạch", "Tân Thành"], _count
    )
    # shorthand rag.text spells out, an administrative abbreviation, a word the plans write
    for token in ("kh", "bn", "ubnd", "ct", "tt"):
        assert not ci.mentions(f"xã {token} ai chủ trì"), token


def test_a_token_inside_a_document_number_is_not_a_commune() -> None:
    ci = CommuneInitials(["Khánh Hòa Tây"])
    assert not ci.mentions("căn cứ 12/KHT-UBND ngày 3/2/2026")
    assert [m.commune for m in ci.mentions("KHT có căn cứ nào")] == ["Khánh Hòa Tây"]


def test_a_unit_after_an_amount_is_not_a_commune() -> None:
    ci = CommuneInitials(["Văn Nội Đông"])
    assert not ci.mentions("kinh phí 500 triệu vnđ")
    assert not ci.mentions("tổng bao nhiêu vnđ")
    assert [m.commune for m in ci.mentions("vnđ kinh phí ra sao")] == ["Văn Nội Đông"]


def test_a_question_naming_a_commune_in_full_keeps_its_short_tokens() -> None:
    a = _stage().run(Question("Hòa Phước Thượng và đkn ai chủ trì"))
    assert a.info.communes == ["Hòa Phước Thượng"]


def test_initials_spelled_out_leave_the_rest_of_the_question() -> None:
    a = _stage().run(Question("kh hpt ban hành ngày nào?"))
    assert "Hòa Phước Thượng ban hành ngày nào" in a.info.text
    assert "hpt" not in a.info.text_for_terms.lower()


def test_one_word_communes_have_no_initials() -> None:
    assert CommuneInitials(["Phong", "Hòa Phước Thượng"]).commune_of("p") is None
