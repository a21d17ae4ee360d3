"""Answer strategy: the plan's table records (rag.tables) for a single commune."""

from __future__ import annotations

from typing import Any

from rag.pipeline.types import RECORDS, Analysis, Draft, Evidence

# Draft.reason of a record answer saying the plan leaves the asked value of a task it names
# blank (rag.tables.answer.TableAnswer.blank): checked as an answer, not refused.
VALUE_BLANK = "records_value_blank"


class RecordsStrategy:
    """Analysis -> Draft from the structured records, or None when no record answers.

    `tables` is a rag.tables.answer.TableAnswerer (anything with answer(text, communes) returning
    an object with .text and .citations, or None; with a `commune_id=` keyword too when a name
    several provinces share is asked about).
    """

    def __init__(self, tables: Any, max_chars: int) -> None:
        if not hasattr(tables, "answer"):
            raise TypeError("tables must have an answer(text, communes) method")
        if max_chars < 300:
            raise ValueError("max_chars must be at least 300")
        self.tables = tables
        self.max_chars = max_chars

    def run(self, analysis: Analysis, evidence: Evidence | None = None) -> Draft | None:
        """With `evidence`, a "who leads" question the records cannot place by its words is
        placed by the passage retrieval ranked first (the task unit that passage holds)."""
        info = analysis.info
        if len(info.communes) != 1:
            return None
        pinned = analysis.question.pinned_to_shared_name  # that province's commune
        commune_id = analysis.question.commune_id if pinned else None
        if pinned:
            table = self.tables.answer(info.text, info.communes, commune_id=commune_id)
        else:
            table = self.tables.answer(info.text, info.communes)
        if table is None and evidence is not None and hasattr(self.tables, "lead_in_passage"):
            top = next((h for h in evidence.hits if h.meta.get("doc_id")), None)
            if top is not None:
                table = self.tables.lead_in_passage(
                    info.text,
                    info.communes,
                    (top.meta["doc_id"], top.chunk.text),
                    commune_id=commune_id,
                )
        if table is None:
            return None
        text = table.text
        sources: list[str] = []
        if "Nguồn:" not in text and table.citations:
            lines = []
            for n, c in enumerate(table.citations[:8], 1):
                section = c.section.split(" › ")[-1][:70]
                lines.append(f"[{n}] {c.title[:60] if n == 1 else 'cùng văn bản'} — {section}")
            # Sources only when they fit after the whole answer.
            if len(text) + len("\n\nNguồn:\n" + "\n".join(lines)) <= self.max_chars:
                sources = lines
        refused = bool(getattr(table, "refused", False))
        return Draft(
            text,
            refused,
            table.citations,
            communes=info.communes,
            sources=sources,
            passages=table.citations,
            reason="records_not_stated"
            if refused
            else (VALUE_BLANK if getattr(table, "blank", False) else ""),
            strategy=RECORDS,
        )
