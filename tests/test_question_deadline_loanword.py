"""Chat shorthand: the English loanword "deadline" reads as "thời hạn"."""

from __future__ import annotations

from rag.text import expand_abbreviations


def test_deadline_reads_as_thoi_han() -> None:
    assert "thời hạn" in expand_abbreviations("lắp camera có deadline không")
    assert "thời hạn" not in expand_abbreviations("lắp camera khi nào xong")
