"""The staged answer pipeline: analyse → route → retrieve → answer → render → (LLM) → check."""

from __future__ import annotations

from dataclasses import dataclass

from rag.answer import Answer
from rag.pipeline.analyse import AnalyseStage
from rag.pipeline.answer import AnswerStage
from rag.pipeline.check import CheckStage
from rag.pipeline.llm import LLMStrategy
from rag.pipeline.render import RenderStage
from rag.pipeline.retrieve import RetrieveStage
from rag.pipeline.route import RouteStage
from rag.pipeline.types import Question


@dataclass
class Pipeline:
    """One component per stage; built per index generation by the engine."""

    analyse: AnalyseStage
    route: RouteStage
    retrieve: RetrieveStage
    answer: AnswerStage
    render: RenderStage
    check: CheckStage
    llm: LLMStrategy

    def __post_init__(self) -> None:
        for name, kind in (
            ("analyse", AnalyseStage),
            ("route", RouteStage),
            ("retrieve", RetrieveStage),
            ("answer", AnswerStage),
            ("render", RenderStage),
            ("check", CheckStage),
            ("llm", LLMStrategy),
        ):
            if not isinstance(getattr(self, name), kind):
                raise TypeError(f"{name} must be a {kind.__name__}")

    def run(self, question: Question) -> Answer:
        analysis = self.analyse.run(question)
        route = self.route.run(analysis)
        evidence = self.retrieve.run(analysis, route)
        draft = self.answer.run(analysis, route, evidence)
        extractive = self.render.run(draft)
        candidate = self.llm.run(question.text, extractive)
        return self.check.run(extractive, candidate)
