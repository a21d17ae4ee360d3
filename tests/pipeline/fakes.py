"""Small fake inputs for the pipeline stage tests (no index, no embedder)."""

from __future__ import annotations

from rag.compose import AnswerComposer, Citation
from rag.index import StoredChunk
from rag.pipeline.analyse import AnalyseStage
from rag.pipeline.types import Analysis, Question
from rag.retriever import Hit

COMMUNES = ["Dân Tiến", "Giao An"]


def chunk(cid: str, text: str, **meta: str) -> StoredChunk:
    return StoredChunk(cid, text, dict(meta))


def plan_hit(cid: str, text: str, commune: str = "Dân Tiến", section: str = "Mục tiêu") -> Hit:
    meta = {"doc_id": f"kh-{commune}", "title": f"Kế hoạch xã {commune}", "commune": commune}
    return Hit(chunk(cid, text, section=section, doc_type="plan", kind="text", **meta), 1.0)


def composer() -> AnswerComposer:
    return AnswerComposer(lambda _term: 1.0)


def analysis(text: str, commune: str | None = None) -> Analysis:
    return AnalyseStage(None, list(COMMUNES)).run(Question(text, commune))


def citation(quote: str, section: str = "Mục tiêu") -> Citation:
    return Citation("kh-dt", "Kế hoạch xã Dân Tiến", "Dân Tiến", "Hưng Yên", section, quote)
