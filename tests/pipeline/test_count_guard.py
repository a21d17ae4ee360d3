"""A count question ("có bao nhiêu hộ nghèo?") is refused when the passages only name the things
counted, however confident the fitted decision is; a number next to them answers it."""

from __future__ import annotations

from rag.compose import AnswerComposer
from rag.pipeline.analyse import DROP_WORDS
from rag.quantity import asks_count
from tests.pipeline.fakes import analysis, plan_hit


class AlwaysAnswer:
    def should_answer(self, feats) -> bool:  # noqa: ARG002
        return True


def _compose(question: str, text: str):
    composer = AnswerComposer(lambda _term: 1.0, decision=AlwaysAnswer())
    info = analysis(question).info
    return composer.compose(info, [plan_hit("c1", text)], set(DROP_WORDS))


def test_a_passage_naming_the_counted_things_without_a_number_does_not_answer() -> None:
    text = "Xây dựng kho dữ liệu dùng chung gồm dữ liệu đất đai, hộ nghèo, hộ cận nghèo."
    composed = _compose("Xã Dân Tiến có bao nhiêu hộ nghèo?", text)
    assert composed.refused
    assert composed.reason == "quantity_not_stated"


def test_a_number_next_to_the_counted_things_answers() -> None:
    composed = _compose("Xã Dân Tiến có bao nhiêu hộ nghèo?", "Toàn xã còn 132 hộ nghèo.")
    assert not composed.refused
    assert "132 hộ nghèo" in composed.text


def test_a_share_or_a_target_value_is_not_a_count() -> None:
    assert asks_count("có bao nhiêu hộ nghèo?")
    assert asks_count("có mấy tổ công nghệ số")
    assert not asks_count("bao nhiêu % hộ gia đình có internet cáp quang?")
    assert not asks_count("tỷ lệ hồ sơ toàn trình năm 2026 đạt bao nhiêu?")
    assert not asks_count("doanh nghiệp viễn thông góp bao nhiêu tiền?")
    assert not asks_count("làm căn cước cho trẻ dưới 14 tuổi được bao nhiêu rồi")
    assert not asks_count("Kế hoạch của xã số mấy, ký ngày nào?")


def _compose_in_2026_plan(question: str, text: str):
    hit = plan_hit("c1", text)
    hit.chunk.meta["title"] = "Kế hoạch chuyển đổi số xã Dân Tiến năm 2026, định hướng năm 2027"
    composer = AnswerComposer(lambda _term: 1.0, decision=AlwaysAnswer())
    return composer.compose(analysis(question).info, [hit], set(DROP_WORDS))


def test_a_value_for_a_later_year_than_the_plan_needs_a_passage_about_that_year() -> None:
    question = "Tỷ lệ hồ sơ trực tuyến toàn trình năm 2027 của xã Dân Tiến là bao nhiêu?"
    only_2026 = "Tỷ lệ hồ sơ trực tuyến toàn trình đạt 70%."
    composed = _compose_in_2026_plan(question, only_2026)
    assert composed.refused and composed.reason == "quantity_not_stated"
    stated = "Đến năm 2027, tỷ lệ hồ sơ trực tuyến toàn trình đạt 85%."
    assert "85%" in _compose_in_2026_plan(question, stated).text
    same_year = "Tỷ lệ hồ sơ trực tuyến toàn trình năm 2026 của xã Dân Tiến là bao nhiêu?"
    assert not _compose_in_2026_plan(same_year, only_2026).refused
