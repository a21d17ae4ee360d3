"""A 'which document about Y' question answered from a document the plan names only in its body,
when that document's own words match Y better than every 'Căn cứ' line; and the question's
'của <cơ quan>' keeping the documents of that issuer."""

from __future__ import annotations

from rag.pipeline.legal_basis import LegalBasisStrategy
from rag.tables.bases import extract_bases
from tests.pipeline.fakes import analysis

PLAN = """ỦY BAN NHÂN DÂN XÃ DÂN TIẾN

KẾ HOẠCH
Ứng dụng nền tảng số năm 2027

Căn cứ Nghị quyết số 21/NQ-CP ngày 02/02/2026 của Chính phủ về phát triển đô thị thông minh;
Căn cứ Kế hoạch số 140/KH-UBND ngày 10/3/2026 của UBND tỉnh Lâm Đồng về thực hiện Nghị quyết số 21/NQ-CP;
Căn cứ Chương trình số 08-CTr/HU ngày 05/01/2026 của Ban Thường vụ Huyện ủy về kinh tế số.

I. MỤC ĐÍCH, YÊU CẦU
"""

BODY = (
    "Tiếp tục thực hiện Kế hoạch số 33/KH-UBND ngày 14/4/2025 của UBND tỉnh về việc số hóa "
    "hồ sơ địa chính và cơ sở dữ liệu đất đai trên địa bàn tỉnh, bảo đảm tiến độ"
)
OTHER = (
    "Các thôn phối hợp với Ban Chỉ đạo theo Hướng dẫn số 15/HD-BCĐ ngày 01/6/2025 của Ban Chỉ "
    "đạo tỉnh về chợ thông minh không dùng tiền mặt"
)


def _rows() -> list[dict]:
    return [
        {
            **b.as_dict(),
            "commune": "Dân Tiến",
            "doc_id": "kh-dan-tien",
            "plan_title": "Kế hoạch thử",
            "province": "",
            "section": "KẾ HOẠCH",
        }
        for b in extract_bases(PLAN)
    ]


def _registry(commune: str) -> list[dict]:
    def doc(number: str, kind: str, quote: str, line: int) -> dict:
        cite = {"doc_id": "kh-dan-tien", "commune": commune, "section": "II", "quote": quote}
        return {"number": number, "type": kind, "citations": [cite | {"line": line}]}

    return [doc("33/KH-UBND", "Kế hoạch", BODY, 40), doc("15/HD-BCĐ", "Hướng dẫn", OTHER, 52)]


def _strategy() -> LegalBasisStrategy:
    return LegalBasisStrategy(
        lambda commune=None, commune_id=None: [
            r for r in _rows() if commune is None or r["commune"] == commune
        ],
        1500,
        _registry,
    )


def test_a_document_named_in_the_body_answers_the_topic_no_basis_line_has() -> None:
    for question in (
        "xã Dân Tiến căn cứ văn bản nào của UBND tỉnh về việc số hóa hồ sơ địa chính?",
        "xa dan tien can cu van ban nao cua ubnd tinh ve viec so hoa ho so dia chinh",
    ):
        draft = _strategy().run(analysis(question))
        assert draft is not None, question
        assert "33/KH-UBND" in draft.body and "140/KH-UBND" not in draft.body
        assert draft.body.startswith("Kế hoạch của xã Dân Tiến nhắc đến văn bản này")
        assert draft.citations[0].quote == BODY


def test_a_basis_line_still_wins_when_it_matches_the_topic() -> None:
    draft = _strategy().run(
        analysis("xã Dân Tiến căn cứ văn bản nào của UBND tỉnh về thực hiện nghị quyết đô thị?")
    )
    assert draft is not None
    assert "140/KH-UBND" in draft.body and "33/KH-UBND" not in draft.body
    assert not draft.body.startswith("Kế hoạch của xã Dân Tiến nhắc đến")


def test_the_asked_issuer_keeps_its_documents_over_shared_topic_words() -> None:
    # "kinh tế số" is the Huyện ủy programme's topic, but the question asks the Chính phủ's one
    draft = _strategy().run(analysis("xã Dân Tiến căn cứ văn bản nào của Chính phủ về kinh tế số?"))
    assert draft is not None
    assert "21/NQ-CP" in draft.body and "08-CTr/HU" not in draft.body


def test_an_agency_abbreviation_is_not_the_asked_document_type() -> None:
    from rag.pipeline.legal_basis import read_question

    q = "Kế hoạch năm 2027 của Dân Tiến làm theo công văn nào của Sở KH&ĐT, ngày nào?"
    asked = read_question(q, ["Dân Tiến"], q)
    assert asked is not None and asked.doc_type == "Công văn"
    # as the reader passes it on, with the shorthand spelled out inside the agency's name
    expanded = q.replace("KH&ĐT", "KH (kế hoạch)&ĐT")
    asked = read_question(expanded, ["Dân Tiến"], q)
    assert asked is not None and asked.doc_type == "Công văn"
