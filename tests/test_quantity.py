"""Is an asked quantity stated next to what is counted (rag.quantity)?"""

from __future__ import annotations

import pytest

from rag.quantity import anchored, asked_phrase


@pytest.mark.parametrize(
    ("question", "phrase"),
    [
        ("hiện có bao nhiêu hộ nghèo?", ["ho", "ngheo"]),
        ("hien co bao nhieu ho ngheo", ["ho", "ngheo"]),
        ("chợ Cát có bao nhiêu tiểu thương?", ["tieu", "thuong"]),
        ("có tổng dân số bao nhiêu người?", ["dan", "so"]),
        ("có mấy tổ công nghệ số", ["to", "cong", "nghe"]),
    ],
)
def test_the_counted_words_are_found(question: str, phrase: list[str]) -> None:
    assert asked_phrase(question) == phrase


@pytest.mark.parametrize(
    "question", ["Ai chủ trì nhiệm vụ cấp căn cước?", "may tinh bang duoc cap cho ai"]
)
def test_questions_without_a_quantity_have_no_phrase(question: str) -> None:
    assert asked_phrase(question) == []


def test_a_number_must_sit_next_to_the_counted_words() -> None:
    phrase = asked_phrase("có bao nhiêu hộ nghèo?")
    assert not anchored(phrase, "Xây dựng kho dữ liệu hộ nghèo, hộ cận nghèo năm 2026.")
    assert anchored(phrase, "Toàn xã còn 132 hộ nghèo, chiếm 4,1%.")
    far = (
        "Hộ nghèo được hỗ trợ thiết bị số; " + "một hai ba bốn năm sáu bảy tám chín " + "có 12 lớp"
    )
    assert not anchored(phrase, far)
    assert anchored(phrase, "Chỉ tiêu: hộ nghèo có điện thoại thông minh; Năm 2026: 60%", True)
