"""Text folding used for matching: fast path equals the plain definition."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from rag.text import fold, normalize


def _fold_by_definition(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", normalize(text).replace("đ", "d"))
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn")


def test_fold_strips_vietnamese_diacritics():
    assert fold("Đăng ký tài khoản định danh điện tử MỨC ĐỘ 2") == (
        "dang ky tai khoan dinh danh dien tu muc do 2"
    )
    assert fold("Thanh Hoá") == fold("Thanh Hóa") == "thanh hoa"


@given(st.text(max_size=60))
def test_fold_matches_its_definition_on_any_text(text: str):
    assert fold(text) == _fold_by_definition(text)


@given(st.text(alphabet=st.characters(min_codepoint=0x2000, max_codepoint=0x10FFFF), max_size=20))
def test_fold_matches_its_definition_beyond_the_cached_range(text: str):
    assert fold(text) == _fold_by_definition(text)


def test_restorer_prefers_the_most_frequent_form_and_the_first_seen_on_a_tie():
    from rag.diacritics import DiacriticRestorer

    restorer = DiacriticRestorer(["lượng lương", "lương", "mã số", "má số", "má số"])
    assert restorer.restore("luong") == "lương"
    assert restorer.restore("ma so") == "má số"  # the pair seen twice wins
    tie = DiacriticRestorer(["bàn", "bán"])
    assert tie.restore("ban") == "bàn"
