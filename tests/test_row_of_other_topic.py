"""A year's value in a table row for another indicator does not answer a target question."""

from __future__ import annotations

from dataclasses import dataclass, field

from rag.compose import AnswerComposer, query_terms
from rag.query import analyse

ROW = "TT: 3; Chỉ tiêu: Hộ gia đình có internet cáp quang; Đơn vị tính: %; 2026: 80; 2027: 90"
TASK = "Tập huấn sử dụng bản đồ số cho cán bộ thôn; Thời gian: Quý III/2026; Kinh phí: 15"


@dataclass
class _Hit:
    meta: dict = field(default_factory=dict)


@dataclass
class _Unit:
    text: str
    hit: _Hit = field(default_factory=_Hit)


def _other_topic(question: str) -> bool:
    info = analyse(question, ["Hòa Lâm"])
    terms = query_terms(question, set(), exact=True)
    return AnswerComposer.row_of_other_topic(info, [_Unit(ROW), _Unit(TASK)], terms, True)


def test_topic_only_in_a_passage_without_the_value_is_other_topic() -> None:
    assert _other_topic("chỉ tiêu bản đồ số cho hộ gia đình năm 2027 bao nhiêu")


def test_row_naming_the_topic_answers() -> None:
    assert not _other_topic("chỉ tiêu hộ gia đình có internet cáp quang năm 2027 bao nhiêu")


def test_a_filler_phrase_elsewhere_does_not_make_the_row_another_topic() -> None:
    # "phấn đấu" is written only in another passage, which shares nothing else with the question.
    info = analyse("năm 2027 phấn đấu bao nhiêu hộ gia đình có internet cáp quang", ["Hòa Lâm"])
    terms = query_terms(info.text, set(), exact=True)
    other = "Ngoài các chỉ tiêu trên, xã phấn đấu hoàn thành sớm kế hoạch."
    assert not AnswerComposer.row_of_other_topic(info, [_Unit(ROW), _Unit(other)], terms, True)
