from __future__ import annotations

import pytest

from rag.answer import Answer
from rag.pipeline.check import CheckStage
from rag.pipeline.llm import LLMStrategy
from tests.pipeline.fakes import citation

PASSAGE = citation("Năm 2026 phấn đấu 80% hồ sơ trực tuyến; Phòng Văn hóa - Xã hội chủ trì.")
EXTRACTIVE = Answer("Theo kế hoạch: «80%» [1]", False, [PASSAGE], passages=[PASSAGE])


def generated(text: str) -> Answer:
    short = citation("Năm 2026 phấn đấu 80% hồ sơ trực tuyến")
    return Answer(text + "\n\nNguồn:\n[1] KH", False, [short], passages=[PASSAGE], generated=True)


def test_a_grounded_generation_is_kept() -> None:
    good = generated("Năm 2026 xã phấn đấu 80% hồ sơ trực tuyến [1].")
    assert CheckStage().run(EXTRACTIVE, good) is good


def test_an_ungrounded_number_falls_back_to_the_extractive_answer() -> None:
    extractive = Answer(EXTRACTIVE.answer, False, [PASSAGE], passages=[PASSAGE])
    bad = generated("Năm 2026 xã phấn đấu 95% hồ sơ trực tuyến [1].")
    shown = CheckStage().run(extractive, bad)
    assert shown is extractive and shown.reason.startswith("llm_fallback:ungrounded")
    assert not shown.generated


def test_an_unknown_agency_fails_the_check() -> None:
    result = CheckStage().verify(generated("Sở Tài chính chủ trì [1]."))
    assert not result.ok


def test_extractive_answers_pass_through() -> None:
    assert CheckStage().run(EXTRACTIVE, EXTRACTIVE) is EXTRACTIVE


class FakeGenerator:
    def __init__(self, answer: Answer) -> None:
        self.answer = answer
        self.calls = 0

    def maybe_generate(self, question: str, answer: Answer) -> Answer:
        self.calls += 1
        return self.answer


def test_llm_strategy_is_off_without_settings_and_skips_refusals() -> None:
    assert not LLMStrategy.from_settings(None).enabled
    fake = FakeGenerator(generated("x [1]."))
    llm = LLMStrategy(fake)
    refused = Answer("Xin lỗi", True)
    assert llm.run("q", refused) is refused and fake.calls == 0
    assert llm.run("q", EXTRACTIVE).generated and fake.calls == 1
    with pytest.raises(TypeError):
        LLMStrategy(object())
