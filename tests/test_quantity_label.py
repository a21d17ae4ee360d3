"""A number after a long "label:" states the label: the counted words need not be next to it."""

from __future__ import annotations

from rag.quantity import anchored, asked_phrase

TEXT = (
    "c) Số hộ gia đình có máy thu hình kết nối mạng ở các bản vùng cao, khu tái định cư và "
    "điểm dân cư mới đến hết năm 2027: 640 hộ."
)


def test_a_long_label_before_its_number_is_anchored() -> None:
    phrase = asked_phrase("bao nhiêu hộ có máy thu hình kết nối mạng năm 2027")
    assert anchored(phrase, TEXT)


def test_the_label_must_hold_the_counted_words() -> None:
    phrase = asked_phrase("bao nhiêu thôn có loa truyền thanh")
    assert not anchored(phrase, TEXT)
    # words of the phrase far from a number, with no label, state nothing
    loose = "Hộ gia đình có máy thu hình được hỗ trợ lắp đặt, kết nối mạng ở các bản vùng cao trong 2 năm"
    assert not anchored(asked_phrase("bao nhiêu hộ có máy thu hình"), loose)


def test_a_year_or_a_date_after_the_label_is_no_count() -> None:
    phrase = asked_phrase("bao nhiêu hộ có máy thu hình kết nối mạng")
    label = "Số hộ gia đình có máy thu hình kết nối mạng ở các bản vùng cao, khu tái định cư"
    assert not anchored(phrase, label + ": 2027.")
    assert not anchored(phrase, label + ": 15/10/2026.")
