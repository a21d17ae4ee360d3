"""Stage 6 - render: direct answer first, then "Nguồn:" and its lines, within max_chars."""

from __future__ import annotations

from rag.answer import Answer
from rag.compose import MAX_ANSWER_CHARS
from rag.pipeline.types import Draft


class RenderStage:
    """Draft -> Answer (text ≤ max_chars)."""

    def __init__(self, max_chars: int = MAX_ANSWER_CHARS) -> None:
        if not isinstance(max_chars, int) or max_chars < 300:
            raise ValueError("max_chars must be an int ≥ 300")
        self.max_chars = max_chars

    def run(self, draft: Draft) -> Answer:
        text = draft.body
        if draft.sources:
            text += "\n\nNguồn:\n" + "\n".join(draft.sources)
        return Answer(
            text[: self.max_chars],
            draft.refused,
            list(draft.citations),
            communes=list(draft.communes),
            reason=draft.reason,
            passages=list(draft.passages),
        )
