"""The whole pipeline through Engine.ask (bundled corpus, fake embedder)."""

from __future__ import annotations

import pytest

from rag.engine import Engine


@pytest.mark.parametrize(
    "question",
    ["sdt cua chu tich xa", "cho xin so dien thoai ong Hoang Van Thao"],
)
def test_personal_data_requests_are_refused_without_quotes(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.refused and answer.reason == "privacy"
    assert answer.citations == [] and answer.passages == []
    assert "Luật Bảo vệ dữ liệu cá nhân" in answer.answer and "Thảo" not in answer.answer


def test_own_data_howto_stays_a_guide_question(engine: Engine) -> None:
    answer = engine.ask("cách cập nhật số điện thoại trên VNeID")
    assert answer.reason != "privacy"


@pytest.mark.parametrize(
    "question", ["chỉ tiêu của tỉnh Nghệ An năm 2026", "Bộ Công an đặt mục tiêu gì"]
)
def test_targets_no_plan_states_are_refused(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.refused and answer.reason == "scope"
    assert "không có trong kế hoạch của xã" in answer.answer


def test_the_llm_strategy_comes_from_settings(engine: Engine) -> None:
    assert engine.generator is None  # TROLY_LLM_* unset in tests
    assert engine.pipeline is not None and not engine.pipeline.llm.enabled
