"""A section reporting a year's results answers what that year achieved; a question on a later
year's target is answered by the target, not by last year's result."""

from __future__ import annotations

from rag.compose import AnswerComposer
from rag.pipeline.analyse import DROP_WORDS
from rag.pipeline.comparison import ComparisonStrategy
from rag.pipeline.types import Draft
from tests.pipeline.fakes import analysis, plan_hit
from tests.pipeline.test_comparison import card, cite, lines_of, strategy


class AlwaysAnswer:
    def should_answer(self, feats) -> bool:  # noqa: ARG002
        return True


RESULT = "Năm 2024 tỷ lệ hộ dùng ví điện tử đạt 41%."
TARGET = "Phấn đấu tỷ lệ hộ dùng ví điện tử đạt 60%."


def _first(question: str) -> str:
    composer = AnswerComposer(lambda _term: 1.0, decision=AlwaysAnswer())
    hits = [
        plan_hit("r", RESULT, section="PHẦN I. ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN NĂM 2024"),
        plan_hit("t", TARGET, section="PHẦN II. MỤC TIÊU"),
    ]
    composed = composer.compose(analysis(question).info, hits, set(DROP_WORDS))
    return composed.text.split("\n")[1]


def test_a_later_years_target_is_not_answered_by_last_years_result() -> None:
    assert "60%" in _first("Năm 2025 xã Dân Tiến đặt tỷ lệ hộ dùng ví điện tử bao nhiêu?")


def test_what_a_year_achieved_is_answered_by_its_results_section() -> None:
    assert "41%" in _first("Năm 2024 xã Dân Tiến đã đạt tỷ lệ hộ dùng ví điện tử bao nhiêu?")


class YearStated:
    def __init__(self) -> None:
        self.asked: list[str] = []

    def __call__(self, sub, route, evidence) -> Draft:
        self.asked.append(sub.question.text)
        commune = sub.info.communes[0]
        quote = "Phấn đấu năm 2026 đạt 75% hồ sơ trực tuyến toàn trình."
        if "2026" not in sub.question.text:
            quote = "Năm 2025 đạt 57% hồ sơ trực tuyến toàn trình."
        body = f"Theo kế hoạch của xã {commune}:\n• «{quote}» [1]"
        return Draft(body, False, [cite(commune, quote)], communes=[commune])


def test_a_comparison_keeps_a_value_quoted_for_the_asked_year() -> None:
    s: ComparisonStrategy = strategy()
    s.retrieve.cards = {
        c: [card(c, f"Kế hoạch chuyển đổi số xã {c} năm 2026")] for c in ("Dân Tiến", "Giao An")
    }
    single = YearStated()
    q = "So sánh tỷ lệ hồ sơ trực tuyến toàn trình năm 2026 giữa Dân Tiến và Giao An"
    draft = s.run(analysis(q), single)
    assert all("75%" in line for line in lines_of(draft.body))
    assert all("2026" in text for text in single.asked)


def test_a_past_question_without_a_year_is_answered_by_the_results_section() -> None:
    composer = AnswerComposer(lambda _term: 1.0, decision=AlwaysAnswer())
    hits = [
        plan_hit(
            "t",
            "Phát triển ví điện tử cho hộ dân; Sản phẩm: 60% hộ dùng ví điện tử; "
            "Cơ quan chủ trì: Bưu điện xã; Kinh phí (triệu đồng): 25",
            section="PHỤ LỤC. DANH MỤC NHIỆM VỤ",
        ),
        plan_hit("r", RESULT, section="PHẦN I. ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN NĂM 2024"),
    ]
    question = "xã Dân Tiến đã đạt bao nhiêu hộ dùng ví điện tử"
    composed = composer.compose(analysis(question).info, hits, set(DROP_WORDS))
    assert "41%" in composed.text.split("\n")[1]
