"""A user's remark on the document ("2 chỗ ghi khác nhau") is not a topic of the question."""

from __future__ import annotations

from rag.pipeline.analyse import AnalyseStage
from rag.pipeline.types import Question
from rag.question_remarks import without_document_remarks


def test_disagreement_clause_and_filler_are_dropped() -> None:
    q = "xã Hòa Lâm số hộ dùng ví điện tử rốt cục là mấy, thấy hai nơi ghi lệch nhau"
    assert without_document_remarks(q) == "xã Hòa Lâm số hộ dùng ví điện tử là mấy"


def test_plain_typed_remark_first_is_dropped() -> None:
    q = "hai cho ghi ko khop nhau, hoa lam chi tieu camera nam 2027 rot cuoc bao nhieu?"
    assert without_document_remarks(q) == "hoa lam chi tieu camera nam 2027 bao nhieu?"


def test_clause_that_asks_is_kept() -> None:
    for q in (
        "xã Hòa Lâm và xã Bình Sơn khác nhau thế nào",
        "chỉ tiêu năm 2026, năm 2027 khác nhau bao nhiêu",
        "hai văn bản có mâu thuẫn không giống nhau",
    ):
        assert without_document_remarks(q) == q


def test_analysis_terms_carry_no_remark_words() -> None:
    stage = AnalyseStage(None, ["Hòa Lâm"])
    analysis = stage.run(
        Question("Hòa Lâm tỷ lệ hộ có wifi rốt cuộc là bao nhiêu, thấy 2 chỗ ghi không giống nhau")
    )
    terms = analysis.info.text_for_terms
    assert "wifi" in terms
    for word in ("rốt", "chỗ", "ghi", "giống"):
        assert word not in terms.split()


def test_a_clause_asking_whether_the_plan_says_otherwise_is_dropped() -> None:
    for q, kept in (
        (
            "Hòa Lâm 2027 số camera an ninh bao nhiêu, có chỗ nào ghi khác không",
            "Hòa Lâm 2027 số camera an ninh bao nhiêu",
        ),
        (
            "hoa lam ty le ho dung vi dien tu bn, co noi nao neu khac ko?",
            "hoa lam ty le ho dung vi dien tu bn",
        ),
    ):
        assert without_document_remarks(q) == kept
    # alone, the clause is the question: kept
    alone = "kế hoạch có chỗ nào ghi khác không"
    assert without_document_remarks(alone) == alone
