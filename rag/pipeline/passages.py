"""Answer strategy: quotes of the retrieved passages, composed by rag.compose."""

from __future__ import annotations

from rag.compose import AnswerComposer, Citation
from rag.pipeline.analyse import DROP_WORDS
from rag.pipeline.refusals import Refusals
from rag.pipeline.thresholds import Thresholds, load_thresholds
from rag.pipeline.types import COMPARISON, PASSAGES, Analysis, Draft, Evidence


class PassagesStrategy:
    """(Analysis, Evidence) -> Draft: composed quotes, the plan's own "not stated" line, or a
    refusal when no passage answers."""

    def __init__(
        self, composer: AnswerComposer, refusals: Refusals, thresholds: Thresholds | None = None
    ) -> None:
        if not hasattr(composer, "compose"):
            raise TypeError("composer must be an AnswerComposer")
        self.composer = composer
        self.refusals = refusals
        self.t = thresholds or load_thresholds()

    def run(self, analysis: Analysis, evidence: Evidence, strategy: str = PASSAGES) -> Draft:
        info = analysis.info
        drop = set(DROP_WORDS)
        if strategy == COMPARISON and evidence.hits_by_commune is not None:
            composed = self.composer.compose_multi(info, evidence.hits_by_commune, drop)
        else:
            composed = self.composer.compose(info, evidence.hits, drop)
        if composed.refused and composed.text:  # the plan says it leaves this out; cite that
            return Draft(
                composed.text,
                True,
                composed.citations,
                communes=info.communes,
                reason=composed.reason,
                strategy=strategy,
            )
        if composed.refused:
            if info.howto:
                return Refusals.howto_unknown(info.communes)
            return self.refusals.not_stated(info.communes, composed.reason)
        passages = [
            Citation.of_passage(h.meta, h.chunk.text) for h in evidence.hits[: self.t.passages_kept]
        ]
        return Draft(
            composed.text,
            False,
            composed.citations,
            communes=info.communes,
            passages=passages,
            strategy=strategy,
        )
