"""Stage 3 - retrieve: the best how-to guide and the passage hits (plus document cards)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from rag.index import StoredChunk
from rag.pipeline.thresholds import Thresholds, load_thresholds
from rag.pipeline.types import COMPARISON, GUIDE, Analysis, Evidence, GuideMatch, Route
from rag.retriever import Hit

# (query terms, text, uncapped) -> share of the terms the text covers (AnswerComposer.coverage).
Coverage = Callable[..., float]


class RetrieveStage:
    """(Analysis, Route) -> Evidence.

    `retrieve(text, k, communes, doc_types)` is the hybrid retriever's search; `guides` holds
    (chunks, title, body) of every guide; `cards` maps commune -> its document-card chunks.
    """

    def __init__(
        self,
        retrieve: Callable[..., list[Hit]],
        coverage: Coverage,
        guides: Sequence[tuple[list[StoredChunk], str, str]],
        cards: Mapping[str, list[StoredChunk]],
        thresholds: Thresholds | None = None,
    ) -> None:
        if not callable(retrieve) or not callable(coverage):
            raise TypeError("retrieve and coverage must be callables")
        self._retrieve = retrieve
        self._coverage = coverage
        self.guides = list(guides)
        self.cards = cards
        self.t = thresholds or load_thresholds()

    def run(self, analysis: Analysis, route: Route) -> Evidence:
        if route.refusal:
            return Evidence()
        evidence = Evidence()
        if GUIDE in route.strategies:
            chunks, cov = self.best_guide(analysis.guide_terms)
            evidence.guide = GuideMatch(chunks, cov)
        info = analysis.info
        # Legal cards answer through their own strategy (rag.pipeline.legal_card), not as passages.
        doc_types = {"plan"} if info.communes else {"plan", "guide"}
        question = analysis.question
        pinned = (
            {"commune_ids": [question.commune_id]}
            if question.commune_id
            and len(info.communes) == 1
            and question.commune in (None, info.communes[0])
            else {}
        )
        if COMPARISON in route.strategies:
            evidence.hits_by_commune = {
                c: self.with_cards(
                    self._retrieve(
                        info.text, k=self.t.comparison_k, communes=[c], doc_types=doc_types
                    ),
                    [c],
                )
                for c in info.communes
            }
            evidence.hits = [h for hs in evidence.hits_by_commune.values() for h in hs]
        else:
            hits = self._retrieve(
                info.text,
                k=self.t.passages_k,
                communes=info.communes or None,
                doc_types=doc_types,
                **pinned,
            )
            evidence.hits = self.with_cards(hits, info.communes, pinned.get("commune_ids"))
        return evidence

    def best_guide(self, q_terms: list[str]) -> tuple[list[StoredChunk], float]:
        """The guide whose title and body cover most of the question's terms."""
        best: list[StoredChunk] = []
        best_cov = 0.0
        for chunks, title, body in self.guides:
            full = title + "\n" + body
            # The title names what the guide is for; the body mentions many neighbouring topics.
            cov = self.t.guide_weight_body * self._coverage(
                q_terms, full
            ) + self.t.guide_weight_title * self._coverage(q_terms, title, uncapped=True)
            if cov > best_cov:
                best, best_cov = chunks, cov
        return best, best_cov

    def with_cards(
        self, hits: list[Hit], communes: list[str], commune_ids: list[str] | None = None
    ) -> list[Hit]:
        """Add the document cards (title, place, date, signer) of the communes in scope (of
        these commune ids only, when given: a name other provinces share)."""
        if not communes:
            return hits
        have = {h.chunk.chunk_id for h in hits}
        cards = [
            Hit(c, 0.0)
            for commune in communes
            for c in self.cards.get(commune, [])
            if c.chunk_id not in have
            and (not commune_ids or c.meta.get("commune_id") in commune_ids)
        ]
        return hits + cards
