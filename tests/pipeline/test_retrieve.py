from __future__ import annotations

import pytest

from rag.pipeline.retrieve import RetrieveStage
from rag.pipeline.types import COMPARISON, GUIDE, PASSAGES, REFUSE_YEAR, Route
from rag.text import fold
from tests.pipeline.fakes import analysis, chunk, plan_hit


class FakeRetriever:
    def __init__(self) -> None:
        self.calls: list[dict] = []

    def __call__(self, text, k, communes=None, doc_types=None):
        self.calls.append({"k": k, "communes": communes, "doc_types": doc_types})
        commune = (communes or ["Dân Tiến"])[0]
        return [plan_hit(f"{commune}-1", f"Nội dung của {commune}", commune)]


def coverage(terms, text, section="", uncapped=False):
    words = set(fold(text).split())
    return sum(t in words for t in terms) / max(len(terms), 1)


GUIDES = [
    ([chunk("g1", "Bước 1")], "Cài đặt VNeID", "cài đặt ứng dụng"),
    ([chunk("g2", "Bước 1")], "Nộp hồ sơ", "nộp hồ sơ trực tuyến"),
]
CARDS = {"Dân Tiến": [chunk("card-dt", "Văn bản: Kế hoạch", kind="card")]}


def stage(retriever: FakeRetriever) -> RetrieveStage:
    return RetrieveStage(retriever, coverage, GUIDES, CARDS)


def test_passages_of_one_commune_come_with_its_cards() -> None:
    fake = FakeRetriever()
    ev = stage(fake).run(analysis("Kinh phí của xã Dân Tiến?"), Route(strategies=(PASSAGES,)))
    assert [h.chunk.chunk_id for h in ev.hits] == ["Dân Tiến-1", "card-dt"]
    assert fake.calls == [{"k": 12, "communes": ["Dân Tiến"], "doc_types": {"plan"}}]
    assert ev.guide is None


def test_comparison_retrieves_per_commune() -> None:
    fake = FakeRetriever()
    ev = stage(fake).run(
        analysis("So sánh kinh phí của Dân Tiến và Giao An"), Route(strategies=(COMPARISON,))
    )
    assert set(ev.hits_by_commune or {}) == {"Dân Tiến", "Giao An"}
    assert [c["communes"] for c in fake.calls] == [["Dân Tiến"], ["Giao An"]]


def test_best_guide_is_the_one_whose_title_covers_the_question() -> None:
    a = analysis("Làm thế nào để nộp hồ sơ?")
    ev = stage(FakeRetriever()).run(a, Route(strategies=(GUIDE, PASSAGES)))
    assert ev.guide is not None and ev.guide.chunks[0].chunk_id == "g2"
    assert ev.guide.coverage > 0


def test_refusals_retrieve_nothing() -> None:
    fake = FakeRetriever()
    ev = stage(fake).run(analysis("Năm 2040?"), Route(refusal=REFUSE_YEAR, year="2040"))
    assert ev.hits == [] and fake.calls == []


def test_arguments_are_checked() -> None:
    with pytest.raises(TypeError):
        RetrieveStage(None, coverage, [], {})  # type: ignore[arg-type]
