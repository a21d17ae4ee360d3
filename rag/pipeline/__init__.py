"""Staged answer pipeline with typed hand-offs (see rag.pipeline.pipeline.Pipeline).

The stages are imported on first use (PEP 562), so that ingest, which needs only small helpers
of this package (rag.pipeline.years), does not load the retriever and langchain.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

_WHERE = {
    "AnalyseStage": "analyse",
    "AnswerStage": "answer",
    "CheckStage": "check",
    "LLMStrategy": "llm",
    "Pipeline": "pipeline",
    "RenderStage": "render",
    "RetrieveStage": "retrieve",
    "RouteStage": "route",
    "Analysis": "types",
    "Draft": "types",
    "Evidence": "types",
    "Question": "types",
    "Route": "types",
}

if TYPE_CHECKING:
    from rag.pipeline.analyse import AnalyseStage
    from rag.pipeline.answer import AnswerStage
    from rag.pipeline.check import CheckStage
    from rag.pipeline.llm import LLMStrategy
    from rag.pipeline.pipeline import Pipeline
    from rag.pipeline.render import RenderStage
    from rag.pipeline.retrieve import RetrieveStage
    from rag.pipeline.route import RouteStage
    from rag.pipeline.types import Analysis, Draft, Evidence, Question, Route


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{_WHERE[name]}"), name)
    globals()[name] = value
    return value


__all__ = [
    "AnalyseStage",
    "Analysis",
    "AnswerStage",
    "CheckStage",
    "Draft",
    "Evidence",
    "LLMStrategy",
    "Pipeline",
    "Question",
    "RenderStage",
    "RetrieveStage",
    "Route",
    "RouteStage",
]
