"""Staged answer pipeline with typed hand-offs (see rag.pipeline.pipeline.Pipeline)."""

from rag.pipeline.analyse import AnalyseStage
from rag.pipeline.answer import AnswerStage
from rag.pipeline.check import CheckStage
from rag.pipeline.llm import LLMStrategy
from rag.pipeline.pipeline import Pipeline
from rag.pipeline.render import RenderStage
from rag.pipeline.retrieve import RetrieveStage
from rag.pipeline.route import RouteStage
from rag.pipeline.types import Analysis, Draft, Evidence, Question, Route

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
