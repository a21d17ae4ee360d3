""" "kh <commune> căn cứ những văn bản nào": the plan named before the commune is the subject,
not the type of document asked."""

from __future__ import annotations

import pytest

from rag.pipeline.legal_basis import read_question
from rag.query import analyse

COMMUNES = ["Khe Mây"]


def _read(question: str):
    info = analyse(question, COMMUNES)
    return read_question(info.text, info.communes, question)


@pytest.mark.parametrize(
    "question",
    [
        "kh Khe Mây căn cứ những văn bản nào",
        "kế hoạch khe may can cu nhung vb nao",
    ],
)
def test_the_plan_before_the_commune_asks_the_whole_list(question: str) -> None:
    asked = _read(question)
    assert asked is not None and asked.kind == "list"


def test_a_type_asked_after_the_commune_is_still_matched() -> None:
    asked = _read("kế hoạch Khe Mây căn cứ quyết định nào của Thủ tướng")
    assert asked is not None and asked.kind == "match" and asked.doc_type == "Quyết định"
