""" "TTĐT" (thông tin điện tử: "Trang TTĐT", "Cổng TTĐT") is read as its long form."""

from __future__ import annotations

from rag.text import abbreviation_forms, expand_abbreviations


def test_ttdt_long_form_with_and_without_diacritics() -> None:
    assert abbreviation_forms("TTĐT") == "thông tin điện tử"
    assert abbreviation_forms("ttdt") == "thông tin điện tử"
    assert "thông tin điện tử" in expand_abbreviations("cổng ttđt của huyện có gì mới")
