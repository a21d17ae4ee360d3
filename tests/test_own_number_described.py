"""A programme named right after the plan noun describes the plan: "kh đề án 06 … số mấy" asks
the plan's own number; a document the plan cites is still another document."""

from __future__ import annotations

import pytest

from rag.query import analyse

COMMUNES = ["Khe Mây"]


@pytest.mark.parametrize(
    "question",
    [
        "kh de an 06 khe may so may ngay nao",
        "Kế hoạch thực hiện Nghị quyết 57 của xã Khe Mây số mấy?",
        "kế hoạch chương trình 03 xã Khe Mây số hiệu là gì",
    ],
)
def test_the_plans_own_number_is_asked(question: str) -> None:
    assert analyse(question, COMMUNES).wants_document


@pytest.mark.parametrize(
    "question",
    [
        "Kế hoạch căn cứ quyết định số mấy của UBND tỉnh?",
        "kế hoạch xã Khe Mây triển khai theo đề án số mấy",
    ],
)
def test_a_cited_document_is_not_the_plan(question: str) -> None:
    assert not analyse(question, COMMUNES).wants_document
