"""Answer strategy: the optional LLM rewrite of an extractive answer (TROLY_LLM_* settings).

Off unless TROLY_LLM_BASE_URL and TROLY_LLM_MODEL are set. Its output goes through the check
stage; on any failure the extractive answer stands.
"""

from __future__ import annotations

from typing import Any

from rag.answer import Answer
from rag.settings import Settings


class LLMStrategy:
    """(question, extractive Answer) -> candidate Answer (generated, or the extractive one with
    the fallback reason). `generator` is a rag.llm.GroundedGenerator or None (off)."""

    def __init__(self, generator: Any | None = None) -> None:
        if generator is not None and not hasattr(generator, "maybe_generate"):
            raise TypeError("generator must be a rag.llm.GroundedGenerator")
        self.generator = generator

    @classmethod
    def from_settings(cls, settings: Settings | None) -> LLMStrategy:
        """On when the settings configure a model, off otherwise (or for settings=None)."""
        if settings is None or not settings.llm_enabled:
            return cls(None)
        from rag.llm.generator import build_generator

        return cls(build_generator(settings))

    @property
    def enabled(self) -> bool:
        return self.generator is not None

    def run(self, question: str, extractive: Answer) -> Answer:
        if self.generator is None or extractive.refused:
            return extractive
        return self.generator.maybe_generate(question, extractive)
