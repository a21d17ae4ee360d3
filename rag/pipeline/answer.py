"""Stage 4 - answer: try the route's strategies in order; the first that answers wins."""

from __future__ import annotations

from rag.pipeline.asked_check import AskedValueCheck
from rag.pipeline.comparison import ComparisonStrategy
from rag.pipeline.guide import GuideStrategy
from rag.pipeline.legal_basis import LegalBasisStrategy
from rag.pipeline.legal_card import LegalCardStrategy
from rag.pipeline.outline import OutlineStrategy
from rag.pipeline.passages import PassagesStrategy
from rag.pipeline.records import RecordsStrategy
from rag.pipeline.refusals import Refusals
from rag.pipeline.scope import ScopeStrategy
from rag.pipeline.types import (
    COMPARISON,
    DOCUMENT,
    GUIDE,
    LEGAL_BASIS,
    LEGAL_CARD,
    OUTLINE,
    PASSAGES,
    RECORDS,
    REFUSE_PRIVACY,
    REFUSE_UNKNOWN_COMMUNE,
    REFUSE_YEAR,
    SCOPE,
    Analysis,
    Draft,
    Evidence,
    Route,
)


class AnswerStage:
    """(Analysis, Route, Evidence) -> Draft (extractive; the LLM rewrite comes after render)."""

    def __init__(
        self,
        refusals: Refusals,
        guide: GuideStrategy,
        outline: OutlineStrategy,
        passages: PassagesStrategy,
        records: RecordsStrategy | None = None,
        scope: ScopeStrategy | None = None,
        comparison: ComparisonStrategy | None = None,
        legal_basis: LegalBasisStrategy | None = None,
        legal_card: LegalCardStrategy | None = None,
        asked: AskedValueCheck | None = None,
    ) -> None:
        for name, value, kind in (
            ("refusals", refusals, Refusals),
            ("guide", guide, GuideStrategy),
            ("outline", outline, OutlineStrategy),
            ("passages", passages, PassagesStrategy),
        ):
            if not isinstance(value, kind):
                raise TypeError(f"{name} must be a {kind.__name__}")
        self.refusals = refusals
        self.guide = guide
        self.outline = outline
        self.passages = passages
        self.records = records
        self.scope = scope
        if comparison is not None and not isinstance(comparison, ComparisonStrategy):
            raise TypeError("comparison must be a ComparisonStrategy")
        self.comparison = comparison
        self.legal_basis = legal_basis
        if legal_card is not None and not isinstance(legal_card, LegalCardStrategy):
            raise TypeError("legal_card must be a LegalCardStrategy")
        self.legal_card = legal_card
        # Does the draft state a value of the type asked? (None: not checked)
        self.asked: AskedValueCheck | None = asked or AskedValueCheck(refusals)

    def run(self, analysis: Analysis, route: Route, evidence: Evidence) -> Draft:
        info = analysis.info
        if route.refusal == REFUSE_UNKNOWN_COMMUNE:
            return self.refusals.unknown_commune(route.place)
        if route.refusal == REFUSE_PRIVACY:
            return self.refusals.privacy()
        if route.refusal == REFUSE_YEAR:
            return self.refusals.uncovered_year(route.year, info.communes)
        if route.refusal:
            raise ValueError(f"no answer for refusal {route.refusal!r}")
        for strategy in route.strategies:
            draft = self._try(strategy, analysis, route, evidence)
            if draft is not None:
                return self.asked.run(analysis, strategy, draft) if self.asked else draft
        return self.refusals.not_stated(info.communes, "no_strategy")

    def _try(
        self, strategy: str, analysis: Analysis, route: Route, evidence: Evidence
    ) -> Draft | None:
        if strategy == SCOPE:
            return self.scope.run(analysis, route, evidence) if self.scope is not None else None
        if strategy == GUIDE:
            draft = self.guide.run(analysis, evidence.guide)
            plan = self.guide.plan_coverage(analysis, evidence.hits)
            ok = self.guide.accepts(draft, evidence.guide, route.guide_strong_match_only, plan)
            return draft if ok else None
        if strategy == RECORDS:
            return self.records.run(analysis, evidence) if self.records is not None else None
        if strategy == LEGAL_BASIS:
            return self.legal_basis.run(analysis) if self.legal_basis is not None else None
        if strategy == LEGAL_CARD:
            return self.legal_card.run(analysis) if self.legal_card is not None else None
        if strategy == OUTLINE:
            return self.outline.run(analysis)
        if strategy == COMPARISON and self.comparison is not None:
            # Each commune answered by this stage's single-commune strategies; when none of
            # them states it, the passages side by side.
            draft = self.comparison.run(analysis, self.run)
            if draft is not None:
                return draft
        if strategy in (PASSAGES, DOCUMENT, COMPARISON):
            return self.passages.run(analysis, evidence, strategy)
        raise ValueError(f"unknown strategy {strategy!r}")
