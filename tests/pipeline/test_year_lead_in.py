"""A list led by a year line ("- Năm 2027:") scopes its items to that year; a heading about one
earlier year ("Nhìn lại năm 2024") is that year's results, whatever its words."""

from __future__ import annotations

import json

from rag.compose import AnswerComposer
from rag.pipeline.analyse import DROP_WORDS
from rag.retriever import Hit
from tests.pipeline.fakes import analysis, plan_hit


class AlwaysAnswer:
    def should_answer(self, feats) -> bool:  # noqa: ARG002
        return True


BY_YEAR = "\n".join(
    [
        "- Năm 2026:",
        "- Tỷ lệ hộ dùng ví điện tử đạt 45%;",
        "- 12 thôn có loa truyền thanh thông minh.",
        "- Năm 2027:",
        "- Tỷ lệ hộ dùng ví điện tử đạt 58%;",
        "- Năm 2028:",
        "- Tỷ lệ hộ dùng ví điện tử đạt 70%;",
    ]
)
LOOK_BACK = "- 31% hộ dùng ví điện tử;\n- 9 thôn có loa truyền thanh thông minh."


def _hit(cid: str, text: str, section: str) -> Hit:
    """A plan passage whose units are its lines, as the chunker makes them for a list."""
    hit = plan_hit(cid, text, section=section)
    hit.chunk.meta["units"] = json.dumps(text.split("\n"), ensure_ascii=False)
    return hit


def _first(question: str) -> str:
    composer = AnswerComposer(lambda _term: 1.0, decision=AlwaysAnswer())
    hits = [
        _hit("b", LOOK_BACK, "Phần I — Nhìn lại năm 2025"),
        _hit("t", BY_YEAR, "Phần II — Mục tiêu theo năm"),
    ]
    composed = composer.compose(analysis(question).info, hits, set(DROP_WORDS))
    return composed.text.split("\n")[1]


def test_the_item_under_the_asked_year_answers() -> None:
    assert "70%" in _first("Dân Tiến năm 2028 tỷ lệ hộ dùng ví điện tử bao nhiêu")
    assert "58%" in _first("Dân Tiến năm 2027 tỷ lệ hộ dùng ví điện tử bao nhiêu")


def test_a_look_back_heading_does_not_answer_a_later_year() -> None:
    assert "31%" not in _first("Dân Tiến năm 2026 tỷ lệ hộ dùng ví điện tử bao nhiêu")
    assert "31%" in _first("Dân Tiến năm 2025 tỷ lệ hộ dùng ví điện tử đạt bao nhiêu")
