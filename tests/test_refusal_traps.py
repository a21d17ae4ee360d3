"""A plan written for the traps of unanswerable questions (tests/fixtures/ha-linh-kh27-2026.txt):
quantities it never states, a budget for a year it does not budget, tasks without a deadline, and
one target stated twice with different values. Asked through the engine, as a user would."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.engine import Engine
from tests.fakes import answer_body, engine_for_plan

PLAN = Path(__file__).resolve().parent / "fixtures" / "ha-linh-kh27-2026.txt"


@pytest.fixture(scope="module")
def trap_engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    return engine_for_plan(tmp_path_factory, PLAN, "traps")


@pytest.mark.parametrize(
    "question",
    [
        "Xã Hà Linh có bao nhiêu hộ nghèo?",
        "xa ha linh co bao nhieu ho ngheo",
        "Hà Linh có bao nhiêu doanh nghiệp?",
        "Xã Hà Linh có bao nhiêu trường học?",
    ],
)
def test_a_count_the_plan_never_states_is_refused(trap_engine: Engine, question: str) -> None:
    answer = trap_engine.ask(question)
    assert answer.refused
    assert "không nêu" in answer.answer


def test_a_count_the_plan_states_is_answered(trap_engine: Engine) -> None:
    answer = trap_engine.ask("Xã Hà Linh có bao nhiêu thôn?")
    assert not answer.refused
    assert "11 thôn" in answer.answer


def test_a_budget_for_a_year_the_plan_does_not_budget_is_refused(trap_engine: Engine) -> None:
    answer = trap_engine.ask("Tổng kinh phí năm 2027 của xã Hà Linh là bao nhiêu?")
    assert answer.refused
    body = answer_body(answer)
    assert "không nêu kinh phí cho năm 2027" in body
    assert "năm 2026" in body and "640" in body  # what the plan does budget, quoted
    assert any("640 triệu đồng" in c.quote for c in answer.citations)


def test_a_budget_for_an_item_in_a_later_year_is_refused(trap_engine: Engine) -> None:
    answer = trap_engine.ask("Kinh phí lắp camera năm 2027 ở Hà Linh là bao nhiêu?")
    assert answer.refused
    assert "230" not in answer_body(answer).split(";")[0]


def test_the_budget_of_the_plan_year_is_answered(trap_engine: Engine) -> None:
    answer = trap_engine.ask("Tổng kinh phí kế hoạch năm 2026 của xã Hà Linh là bao nhiêu?")
    assert not answer.refused
    assert "640" in answer_body(answer)


@pytest.mark.parametrize(
    "question",
    [
        "Mô hình Chợ số ở chợ Hà Linh phải hoàn thành khi nào?",
        "Hà Linh số hóa sổ mục kê và bản đồ địa chính xong trước ngày nào?",
    ],
)
def test_a_task_without_a_deadline_says_the_plan_sets_none(
    trap_engine: Engine, question: str
) -> None:
    answer = trap_engine.ask(question)
    assert not answer.refused
    assert "không nêu thời hạn" in answer_body(answer)
    assert answer.citations


def test_a_task_with_a_deadline_gets_it(trap_engine: Engine) -> None:
    answer = trap_engine.ask("Hà Linh lắp ki-ốt tra cứu thủ tục hành chính xong trước ngày nào?")
    assert "30/6/2026" in answer_body(answer)


def test_a_target_stated_twice_shows_both_values_with_both_quotes(trap_engine: Engine) -> None:
    answer = trap_engine.ask(
        "Tỷ lệ hộ gia đình có internet cáp quang năm 2026 của xã Hà Linh phải đạt bao nhiêu?"
    )
    body = answer_body(answer)
    assert "80%" in body and "85%" in body
    quotes = " ".join(c.quote for c in answer.citations)
    assert "80%" in quotes and "85%" in quotes


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("thời hạn số hóa sổ mục kê Hà Linh", "không nêu thời hạn"),
        ("Hà Linh camera an ninh lắp xong khi nào, ai làm", "31/10/2026"),
    ],
)
def test_a_short_or_casual_deadline_question_finds_its_task(
    trap_engine: Engine, question: str, said: str
) -> None:
    answer = trap_engine.ask(question)
    assert said in answer_body(answer)
    assert len(answer.citations) == 1


def test_a_budget_question_on_one_funding_source_gets_only_its_lines(trap_engine: Engine) -> None:
    answer = trap_engine.ask("Hà Linh: ngân sách tỉnh hỗ trợ bao nhiêu, cho việc gì?")
    body = answer_body(answer)
    assert not answer.refused
    assert "230" in body and "camera" in body
    assert "410" not in body and "640" not in body


def test_a_table_value_the_prose_contradicts_shows_both_with_both_quotes(
    trap_engine: Engine,
) -> None:
    answer = trap_engine.ask(
        "Tỷ lệ hồ sơ thủ tục hành chính giải quyết trực tuyến toàn trình năm 2026 của xã Hà Linh "
        "là bao nhiêu?"
    )
    body = answer_body(answer)
    assert "70%" in body and "75%" in body
    quotes = [c.quote for c in answer.citations]
    assert any("70%" in q for q in quotes) and any("75%" in q for q in quotes)
