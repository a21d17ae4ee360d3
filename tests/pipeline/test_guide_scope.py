"""How-to questions: "… giờ làm gì" asks for the guide's steps; a procedure that re-issues a
document ("cấp lại", "gia hạn") is answered by a guide only when the guide's title names it."""

from __future__ import annotations

from rag.pipeline.guide import GuideStrategy, reissue_not_covered
from rag.pipeline.types import GUIDE, GuideMatch
from rag.termstats import ExactTermStats
from tests.pipeline.fakes import analysis, chunk, composer

TITLE = "Liên kết thẻ thư viện vào ví điện tử"
CHUNKS = [
    chunk(
        "g1",
        "1. Mở ví điện tử.\n2. Chọn Liên kết thẻ thư viện.\n3. Nhập số thẻ thư viện.",
        title=TITLE,
        section="Các bước thực hiện",
        doc_id="g",
        slug="lien-ket-the",
    ),
]


def strategy() -> GuideStrategy:
    texts = ["mở ví điện tử chọn liên kết thẻ thư viện nhập số thẻ cấp lại gia hạn"]
    return GuideStrategy(composer(), ExactTermStats(texts))


def test_a_reissue_procedure_the_title_does_not_name_is_not_covered() -> None:
    assert reissue_not_covered("cap lai the thu vien the nao", TITLE)
    assert reissue_not_covered("Gia hạn thẻ thư viện online làm sao?", TITLE)
    assert not reissue_not_covered("liên kết thẻ thư viện vào ví thế nào", TITLE)
    assert not reissue_not_covered("cấp lại thẻ thư viện", "Cấp lại thẻ thư viện trực tuyến")


def test_the_guide_refuses_with_the_portal_for_a_reissue_it_does_not_cover() -> None:
    a = analysis("Cấp lại thẻ thư viện trực tuyến làm thế nào?")
    draft = strategy().run(a, GuideMatch(CHUNKS, 0.95))
    assert draft is not None and draft.refused
    assert "dichvucong.gov.vn" in draft.body
    linked = strategy().run(
        analysis("Liên kết thẻ thư viện vào ví làm thế nào?"), GuideMatch(CHUNKS, 0.95)
    )
    assert linked is not None and not linked.refused and linked.strategy == GUIDE


def test_what_to_do_now_is_a_how_to_question() -> None:
    assert analysis("bị mất ví điện tử, giờ làm gì").info.howto
    assert analysis("lỡ bấm vào đường link lạ thì làm gì").info.howto
    assert not analysis("Phòng Văn hóa xã Dân Tiến làm gì trong kế hoạch?").info.howto
