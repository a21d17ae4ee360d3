"""Optional LLM answers, checked against their sources (off unless TROLY_LLM_* is set)."""

from rag.llm.breaker import CircuitBreaker
from rag.llm.generator import (
    CheckedStream,
    GroundedGenerator,
    ask_streamed,
    build_generator,
)
from rag.llm.grounding import GroundingResult, check
from rag.llm.prompts import Prompts, load_prompts

__all__ = [
    "CheckedStream",
    "CircuitBreaker",
    "GroundedGenerator",
    "GroundingResult",
    "Prompts",
    "ask_streamed",
    "build_generator",
    "check",
    "load_prompts",
]
