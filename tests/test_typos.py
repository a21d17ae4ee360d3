"""Typing slips in questions are mended against the corpus vocabulary (text invented here)."""

from __future__ import annotations

from rag.diacritics import DiacriticRestorer
from rag.pipeline.analyse import AnalyseStage
from rag.pipeline.types import Question
from rag.pipeline.typos import mend_typos, mend_word

TEXTS = [
    "Kế hoạch chuyển đổi số xã Phước Lâm Thượng năm 2026.",
    "Phòng Kinh tế chủ trì lắp điện thoại công cộng tại chợ; số hóa sổ hộ tịch.",
    "Tỷ lệ người dân có điện thoại thông minh đạt bao nhiêu phần trăm.",
]


def _knows(word: str) -> bool:
    return DiacriticRestorer(TEXTS).knows(word)


def test_a_swapped_pair_of_letters_is_swapped_back_keeping_the_typed_marks() -> None:
    assert mend_word("Phưcớ", _knows) == "Phước"
    assert mend_word("thoiạ", _knows) == "thoại"
    assert mend_word("nhieu", _knows) == "nhieu"  # a corpus word (its plain letters) stays


def test_a_doubled_in_letter_is_taken_out() -> None:
    assert mend_word("thoaại", _knows) == "thoại"
    assert mend_word("Thượnng", _knows) == "Thượng"


def test_short_words_unknown_words_and_changed_letters_are_left_as_typed() -> None:
    assert mend_word("kh", _knows) == "kh"
    assert mend_word("flycam", _knows) == "flycam"
    assert mend_word("thoaj", _knows) == "thoaj"  # a changed letter, not a slip


def test_a_commune_typed_with_a_slip_is_found_in_the_question() -> None:
    stage = AnalyseStage(DiacriticRestorer(TEXTS), ["Phước Lâm Thượng"])
    analysis = stage.run(Question("phưcớ lâm thượng ai chủ trì số hóa sổ hộ tịch"))
    assert analysis.info.communes == ["Phước Lâm Thượng"]
    assert "điện thoại" in mend_typos("số điện tohại của chủ tịch", _knows)
