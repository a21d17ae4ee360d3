"""A plan written for the asked-value check (tests/fixtures/khe-may-kh31-2026.txt): it names
its budget's sources but no amount, a payment goal without a share, and a signer's office
without a name. Asked through the engine, as a user would: a value the plan does not state is
refused with the closest passage; values it states are answered."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.engine import Engine
from tests.fakes import answer_body, engine_for_plan

PLAN = Path(__file__).resolve().parent / "fixtures" / "khe-may-kh31-2026.txt"


@pytest.fixture(scope="module")
def plan_engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    return engine_for_plan(tmp_path_factory, PLAN, "asked")


@pytest.mark.parametrize(
    "question",
    [
        "Tổng kinh phí thực hiện kế hoạch của xã Khe Mây là bao nhiêu tiền?",
        "kinh phi xay dung trang thong tin du lich cong dong o khe may la bao nhieu",
    ],
)
def test_an_amount_the_plan_never_states_is_refused_with_the_closest_passage(
    plan_engine: Engine, question: str
) -> None:
    answer = plan_engine.ask(question)
    assert answer.refused
    assert "không nêu" in answer_body(answer)
    assert answer.citations and answer.citations[0].commune == "Khe Mây"
    assert "«" in answer_body(answer)  # the related passage is quoted


def test_a_share_the_plan_never_states_is_refused(plan_engine: Engine) -> None:
    # The payment task is a passage of its own: a share stated elsewhere in a cited passage
    # would count as stated (a quote is cut from it).
    answer = plan_engine.ask(
        "Tỷ lệ hộ kinh doanh ở Khe Mây thanh toán không dùng tiền mặt phải đạt bao nhiêu %?"
    )
    assert answer.refused
    assert "không nêu" in answer_body(answer)


def test_a_share_the_plan_states_is_answered(plan_engine: Engine) -> None:
    answer = plan_engine.ask(
        "Tỷ lệ hồ sơ trực tuyến toàn trình năm 2026 của Khe Mây đạt bao nhiêu?"
    )
    assert not answer.refused
    assert "64%" in answer_body(answer)


def test_a_signer_name_the_plan_leaves_out_is_refused(plan_engine: Engine) -> None:
    answer = plan_engine.ask("Phó chủ tịch ký kế hoạch của xã Khe Mây tên là gì?")
    assert answer.refused
    assert "không nêu" in answer_body(answer)


def test_who_signed_is_answered_by_the_office_when_no_name_is_asked(plan_engine: Engine) -> None:
    answer = plan_engine.ask("Ai ký kế hoạch chuyển đổi số của xã Khe Mây?")
    assert not answer.refused
    assert "Phó Chủ tịch" in answer_body(answer)


def test_a_count_the_plan_states_is_still_answered(plan_engine: Engine) -> None:
    answer = plan_engine.ask("Xã Khe Mây có bao nhiêu bản?")
    assert not answer.refused
    assert "14 bản" in answer_body(answer)
