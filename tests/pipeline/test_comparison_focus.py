"""A comparison asks each commune its own question: a year written right after another commune's
name is that commune's, and a record's row number is not the fact a number question asks for."""

from __future__ import annotations

from rag.compose import Citation
from rag.pipeline.comparison import direct_line, question_for
from rag.pipeline.types import Draft


def test_a_year_attached_to_the_other_commune_goes_with_it() -> None:
    q = "Tỷ lệ ký số: Dân Tiến 2026 đặt bao nhiêu, Giao An đặt bao nhiêu?"
    mine = question_for(q, "Giao An", ["Dân Tiến"], True)
    assert "2026" not in mine and "Giao An" in mine
    assert "2026" in question_for(q, "Dân Tiến", ["Giao An"], True)


def test_a_year_shared_by_both_communes_stays() -> None:
    q = "So sánh tỷ lệ ký số năm 2026 của Dân Tiến và Giao An"
    assert "2026" in question_for(q, "Giao An", ["Dân Tiến"], True)
    assert "2026" in question_for(q, "Dân Tiến", ["Giao An"], True)


def _cite(quote: str) -> Citation:
    return Citation("kh", "Kế hoạch xã Giao An", "Giao An", "", "Mục tiêu", quote)


def test_a_row_number_is_not_the_fact_a_number_question_asks() -> None:
    row = "Nhóm: Dữ liệu số; TT 3.2: Vận hành kho dữ liệu dùng chung của xã"
    stated = "Tối thiểu 85% người dân hài lòng khi làm thủ tục."
    body = f"Theo kế hoạch của xã Giao An:\n• «{row}» [1]\n• «{stated}» [2]"
    draft = Draft(body, False, [_cite(row), _cite(stated)])
    line = direct_line(draft, "Giao An", wants_fact=True)
    assert line.text.startswith("«Tối thiểu 85%") or line.text.startswith("Tối thiểu 85%")
