"""Stage 5 - check: a generated answer is shown only if every number, date and agency it states
occurs in a passage it cites (rag.llm.grounding); otherwise the extractive answer stands."""

from __future__ import annotations

from rag.answer import Answer
from rag.compose import Citation
from rag.llm.grounding import GroundingResult, check
from rag.llm.prompts import passage_data

_SOURCES_SPLIT = "\n\nNguồn:\n"


class CheckStage:
    """(extractive Answer, candidate Answer) -> the Answer to show."""

    def __init__(self, sanitize_passages: bool = True) -> None:
        if not isinstance(sanitize_passages, bool):
            raise TypeError("sanitize_passages must be a bool")
        self.sanitize_passages = sanitize_passages

    def verify(self, answer: Answer) -> GroundingResult:
        """Grounding of `answer`'s text (without its source list) against the passages it cites."""
        body = answer.answer.split(_SOURCES_SPLIT)[0]
        evidence = [self._full_passage(c, answer.passages) for c in answer.citations]
        return check(body, [passage_data(p, clean=self.sanitize_passages) for p in evidence])

    def run(self, extractive: Answer, candidate: Answer) -> Answer:
        if candidate is extractive or not candidate.generated:
            return candidate
        result = self.verify(candidate)
        if result.ok:
            return candidate
        extractive.reason = f"llm_fallback:{result.reason}"
        extractive.generated = False
        extractive.prompt_version = candidate.prompt_version
        return extractive

    @staticmethod
    def _full_passage(cite: Citation, passages: list[Citation]) -> Citation:
        """The whole passage a (shortened) citation quotes from, when the answer carries it."""
        same = [
            p
            for p in passages
            if (p.doc_id, p.section, p.commune) == (cite.doc_id, cite.section, cite.commune)
        ]
        pieces = [x.strip(" …") for x in cite.quote.split(" … ") if x.strip(" …")]
        for p in same:
            if all(piece in p.quote for piece in pieces):
                return p
        return cite
