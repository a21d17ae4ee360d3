"""An invented plan (tests/fixtures/thach-ban-dong-kh52-2026.md) asked through the engine: its
commune typed as initials ("tbđ", "TBD") is the commune, and a count in a unit the plan never
states ("bao nhiêu km", "bao nhiêu trạm") is refused though a task row starts with a number and
the budget line gives an amount of money."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.engine import Engine
from tests.fakes import answer_body, engine_for_plan

pytestmark = pytest.mark.slow

PLAN = Path(__file__).resolve().parent / "fixtures" / "thach-ban-dong-kh52-2026.md"


@pytest.fixture(scope="module")
def plan_engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    return engine_for_plan(tmp_path_factory, PLAN, "initials")


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("kh tbđ ban hành ngày nào", "17"),
        ("TBD: năm 2025 có bao nhiêu hộ dùng ví điện tử", "410 hộ"),
    ],
)
def test_a_commune_typed_as_initials_is_answered(
    plan_engine: Engine, question: str, fact: str
) -> None:
    answer = plan_engine.ask(question)
    assert not answer.refused, answer.answer
    assert fact in answer_body(answer)
    assert {c.commune for c in answer.citations} == {"Thạch Bàn Đông"}


@pytest.mark.parametrize(
    "question",
    [
        "xã Thạch Bàn Đông hiện có bao nhiêu trạm phát sóng",
        "thach ban dong se mo rong bao nhieu km cap quang",
    ],
)
def test_a_count_in_a_unit_the_plan_never_states_is_refused(
    plan_engine: Engine, question: str
) -> None:
    answer = plan_engine.ask(question)
    assert answer.refused, answer.answer
    assert "không nêu" in answer.answer
