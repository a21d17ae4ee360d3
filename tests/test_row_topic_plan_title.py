"""Words of the plan's own title typed in a question ("kế hoạch kinh tế số …") do not make the
best table row answer for another indicator."""

from __future__ import annotations

from rag.compose import AnswerComposer, _Unit, query_terms
from rag.index import StoredChunk
from rag.query import analyse
from rag.retriever import Hit

TITLE = "Kế hoạch Phát triển kinh tế số và xã hội số xã Đồng Lâm Thượng giai đoạn 2026 - 2028"
ROW = "Chỉ tiêu: Cơ sở kinh doanh dùng hóa đơn điện tử; Năm 2026: 60%; Năm 2027: 75%; Năm 2028: 90%"
# Another passage of the same plan: it repeats the plan's title and names another topic.
PREAMBLE = (
    "Phát triển kinh tế số và xã hội số xã Đồng Lâm Thượng giai đoạn 2026 - 2028. Căn cứ kế "
    "hoạch của tỉnh, xã đẩy mạnh thanh toán không dùng tiền mặt tại chợ nông thôn."
)


def _unit(text: str, rank: int) -> _Unit:
    meta = {"title": TITLE, "commune": "Đồng Lâm Thượng", "kind": "row"}
    return _Unit(text, Hit(StoredChunk(f"c{rank}", text, meta), 1.0), rank, 0.5, 1.0)


def _other_topic(question: str) -> bool:
    info = analyse(question, ["Đồng Lâm Thượng"])
    terms = query_terms(question, set(), exact=True)
    units = [_unit(ROW, 0), _unit(PREAMBLE, 1)]
    return AnswerComposer.row_of_other_topic(info, units, terms, True)


def test_words_of_the_plan_title_are_not_a_topic_phrase() -> None:
    assert not _other_topic(
        "kế hoạch kinh tế số Đồng Lâm Thượng: hóa đơn điện tử năm 2027 chỉ tiêu bao nhiêu"
    )


def test_a_topic_only_in_another_passage_still_refuses() -> None:
    assert _other_topic("chỉ tiêu thanh toán không dùng tiền mặt năm 2027 bao nhiêu")
