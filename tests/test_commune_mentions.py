"""Commune mentions at a country's scale: a province phrase or a name that differs only in its
diacritics is not a second commune."""

from __future__ import annotations

from rag.query import detect_communes

KNOWN = ["Tịnh Hà", "Nam Lâm", "Bắc Ninh", "Bắc Liên", "Cam Hải", "Cẩm Hải"]


def test_a_province_phrase_is_not_a_commune() -> None:
    assert detect_communes("Xã Nam Lâm, tỉnh Hà Tĩnh do ai chủ trì?", KNOWN) == ["Nam Lâm"]
    assert detect_communes("Bắc Liên, tỉnh Bắc Ninh: tỷ lệ DVC trực tuyến?", KNOWN) == ["Bắc Liên"]
    # The name on its own is still the commune.
    assert detect_communes("Xã Bắc Ninh đặt chỉ tiêu gì?", KNOWN) == ["Bắc Ninh"]
    assert detect_communes("Kế hoạch của xã Tịnh Hà?", KNOWN) == ["Tịnh Hà"]


def test_diacritics_tell_names_apart_and_their_absence_keeps_both() -> None:
    assert detect_communes("Xã Cẩm Hải phải hoàn thành khi nào?", KNOWN) == ["Cẩm Hải"]
    assert detect_communes("Xã Cam Hải phải hoàn thành khi nào?", KNOWN) == ["Cam Hải"]
    typed = detect_communes("xa cam hai phai hoan thanh khi nao", KNOWN)
    assert sorted(typed) == ["Cam Hải", "Cẩm Hải"]
