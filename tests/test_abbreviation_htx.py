"""'HTX' typed in a question reads as the plans' 'hợp tác xã'."""

from __future__ import annotations

from rag.text import abbreviation_forms, expand_abbreviations


def test_htx_is_spelled_out_for_retrieval() -> None:
    assert abbreviation_forms("HTX") == "hợp tác xã"
    assert "hợp tác xã" in expand_abbreviations("htx chè Tân Cương góp bao nhiêu")
