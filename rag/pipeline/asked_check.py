"""Check of a drafted answer: does it state a value of the type the question asks?

Runs after an answer strategy drafted an answer (rag.pipeline.answer). When the question asks
an amount of money, a share, a count or a person's name (rag.pipeline.asked_value) and none of
the quotes the draft cites holds a value of that type, the plan does not state it: the draft
becomes a refusal saying so, with the closest passage shown as related. A record answer whose
own value is an explicit blank ("văn bản không ghi tên", "để trống") is a refusal too.

Only the passages, document and records strategies are checked: guides, outlines, legal
bases and cards answer other questions, and a comparison is checked per commune (each commune
is answered by this stage on its own).
"""

from __future__ import annotations

import re

from rag.compose import Citation
from rag.pipeline.asked_value import (
    COUNT,
    MONEY,
    PERCENT,
    PERSON,
    AskedValue,
    asked_value,
    has_value,
)
from rag.pipeline.named_task import named_task
from rag.pipeline.records import VALUE_BLANK
from rag.pipeline.refusals import QUANTITY_NOT_STATED, Refusals
from rag.pipeline.thresholds import load_thresholds
from rag.pipeline.types import DOCUMENT, PASSAGES, RECORDS, Analysis, Draft

CHECKED = (PASSAGES, DOCUMENT, RECORDS)
REASON = "asked_value_not_stated"
# A money question about a numbered task the plan lists without an amount (answered).
TASK_NOT_BUDGETED = "task_budget_not_stated"
# What the plan does not state, by the type asked (said to the user).
WHAT = {
    MONEY: "số tiền (kinh phí) cho nội dung này",
    PERSON: "họ tên người được hỏi",
    PERCENT: "tỷ lệ (%) được hỏi",
    COUNT: "số liệu này",
}
# A value the plan itself leaves blank: "(văn bản không ghi tên)", "Số: để trống".
_BLANK_RE = re.compile(
    r"không (?:nêu|ghi|thấy)(?: rõ)? (?:tên|họ tên|số tiền|kinh phí|số liệu)|để trống", re.I
)
_CITE_RE = re.compile(r"\[\d+\]")
# An item of a list: "- …", "+ …", "• …", "a) …", "3. …".
_ITEM_RE = re.compile(r"\s*(?:[-+•*–]\s|[a-zđ]\)\s|\d{1,2}[.)]\s)")


def _sources_of(cite: Citation, passages: list[Citation]) -> list[Citation]:
    """The retrieved passages a (shortened) citation quotes from."""
    pieces = [x.strip(" …") for x in cite.quote.split(" … ") if x.strip(" …")]
    return [
        p
        for p in passages
        if (p.doc_id, p.section, p.commune) == (cite.doc_id, cite.section, cite.commune)
        and all(piece in p.quote for piece in pieces)
    ]


def _lines_of(cite: Citation, passage: Citation) -> list[str]:
    """The lines of a passage a citation quotes from when they are items of a list: a value
    trimmed out of the quote is on them, another item states another thing. Prose: the whole
    passage."""
    pieces = [x.strip(" …") for x in cite.quote.split(" … ") if x.strip(" …")]
    lines = [ln for ln in passage.quote.split("\n") if any(piece in ln for piece in pieces)]
    if lines and all(_ITEM_RE.match(ln) for ln in lines):
        return lines
    return [passage.quote]  # prose (or a piece spanning lines): the whole passage


class AskedValueCheck:
    """(Analysis, strategy, Draft) -> the Draft, or a "not stated" refusal."""

    def __init__(self, refusals: Refusals) -> None:
        if not isinstance(refusals, Refusals):
            raise TypeError("refusals must be a Refusals")
        self.refusals = refusals

    @staticmethod
    def asked(analysis: Analysis) -> AskedValue | None:
        info = analysis.info
        return asked_value(info.plain or info.text, info.communes)

    def run(self, analysis: Analysis, strategy: str, draft: Draft) -> Draft:
        if draft.refused or strategy not in CHECKED:
            return draft
        asked = self.asked(analysis)
        if asked is None:
            return draft
        if strategy == RECORDS:
            # A record answer states its value in its own text; it is refused only when that
            # value is the plan's explicit blank and no value of the type is given.
            text = _CITE_RE.sub("", draft.body)
            if draft.reason == VALUE_BLANK:  # the task is named; its value cell is empty
                return draft
            if _BLANK_RE.search(text) and not has_value(asked.kind, text, asked.office_ok):
                return self._refuse(analysis, draft, asked)
            if (
                asked.kind == COUNT
                and asked.unit
                and has_value(COUNT, text)
                and not has_value(COUNT, text, unit=asked.unit)
            ):  # "bao nhiêu máy …" answered by a record counting households: not stated
                return self._refuse(analysis, draft, asked)
            return draft
        # The quotes, the direct answer drafted from them (without the source list), and the
        # passage lines they were cut from: a value trimmed out of a quote is still stated.
        quotes = [c.quote for c in draft.citations] + [draft.body.split("\n\nNguồn:")[0]]
        quotes += [
            line for c in draft.citations for p in _sources_of(c, draft.passages)
            for line in _lines_of(c, p)
        ]  # fmt: skip
        if any(has_value(asked.kind, q, asked.office_ok, asked.unit) for q in quotes):
            return draft
        if asked.kind == MONEY:
            found = self._unbudgeted_task(analysis, draft)
            if found is not None:
                return found
        return self._refuse(analysis, draft, asked)

    @staticmethod
    def _unbudgeted_task(analysis: Analysis, draft: Draft) -> Draft | None:
        """The question names a numbered task paragraph of a cited passage that states no
        amount: the plan gives no budget for that task (an answer about it, cited), or None."""
        info = analysis.info
        if len(info.communes) != 1:
            return None
        for cite in draft.citations[:2]:
            texts = [cite.quote] + [p.quote for p in _sources_of(cite, draft.passages)]
            name = named_task(
                info.plain or info.text,
                info.communes,
                texts,
                load_thresholds().named_task_min_cover,
            )
            if name is None:
                continue
            body = (
                f"Kế hoạch của xã {info.communes[0]} có nhiệm vụ «{name}» nhưng không ghi "
                "kinh phí cho nhiệm vụ này. [1]"
            )
            section = cite.section.split(" › ")[-1][:70]
            return Draft(
                body,
                False,
                [cite],
                communes=info.communes,
                reason=TASK_NOT_BUDGETED,
                sources=[f"[1] {cite.title[:80]} — {section}"],
                passages=draft.passages,
                strategy=draft.strategy,
            )
        return None

    def _refuse(self, analysis: Analysis, draft: Draft, asked: AskedValue) -> Draft:
        communes = analysis.info.communes or list(
            dict.fromkeys(c.commune for c in draft.citations[:1] if c.commune)
        )
        related = draft.citations[0] if draft.citations else None
        reason = QUANTITY_NOT_STATED if asked.kind == COUNT else REASON
        out = self.refusals.value_not_stated(communes, WHAT[asked.kind], reason, related)
        out.strategy = draft.strategy
        return out
