"""A table row's amount is the number asked only when the question asks about money: "bao
nhiêu" about an outcome is not answered with the row's "Kinh phí" cell."""

from __future__ import annotations

from rag.compose import AnswerComposer
from tests.pipeline.fakes import analysis

ROW = (
    "STT: 2; Nội dung: Lắp loa truyền thanh thông minh cho các thôn; Sản phẩm: 14 cụm loa; "
    "Cơ quan chủ trì: Văn phòng xã; Kinh phí (triệu đồng): 85"
)


def test_a_number_question_not_about_money_does_not_get_the_amount() -> None:
    info = analysis("Xã Dân Tiến lắp loa truyền thanh thông minh được bao nhiêu cụm?").info
    assert info.wants_number and not info.years
    assert "Kinh phí" not in AnswerComposer.direct_answer(info, ROW)


def test_a_money_question_gets_the_amount() -> None:
    info = analysis("Xã Dân Tiến lắp loa truyền thanh thông minh tốn bao nhiêu tiền?").info
    assert "Kinh phí (triệu đồng): 85" in AnswerComposer.direct_answer(info, ROW)
