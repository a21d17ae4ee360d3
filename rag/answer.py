"""The answer every channel (CLI, API, bot, eval) receives from the engine."""

from __future__ import annotations

from dataclasses import dataclass, field

from rag.compose import Citation


@dataclass
class Answer:
    answer: str
    refused: bool
    citations: list[Citation] = field(default_factory=list)
    latency_ms: float = 0.0
    answer_id: str = ""
    communes: list[str] = field(default_factory=list)
    reason: str = ""
    # Full text of the passages the answer was composed from (for an optional LLM rewrite).
    passages: list[Citation] = field(default_factory=list)
    generated: bool = False
    prompt_version: str = ""  # set when an LLM wrote the answer (see rag.llm)

    def as_dict(self) -> dict:
        return {
            "answer": self.answer,
            "refused": self.refused,
            "citations": [c.as_dict() for c in self.citations],
            "latency_ms": round(self.latency_ms, 1),
            "answer_id": self.answer_id,
        }
