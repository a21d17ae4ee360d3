from __future__ import annotations

import pytest

from rag.pipeline.render import RenderStage
from rag.pipeline.types import Draft
from tests.pipeline.fakes import citation


def test_direct_answer_first_then_sources() -> None:
    draft = Draft("Tỷ lệ đạt 80% [1].", False, [citation("80%")], ["Dân Tiến"], sources=["[1] KH"])
    answer = RenderStage().run(draft)
    assert answer.answer == "Tỷ lệ đạt 80% [1].\n\nNguồn:\n[1] KH"
    assert answer.citations == draft.citations and answer.communes == ["Dân Tiến"]


def test_no_sources_block_without_source_lines() -> None:
    answer = RenderStage().run(Draft("Xin lỗi, không có.", True, reason="year"))
    assert "Nguồn:" not in answer.answer and answer.refused and answer.reason == "year"


def test_never_longer_than_max_chars() -> None:
    answer = RenderStage(400).run(Draft("x" * 1000, False, sources=["[1] a"]))
    assert len(answer.answer) == 400


def test_max_chars_is_checked() -> None:
    with pytest.raises(ValueError):
        RenderStage(10)
