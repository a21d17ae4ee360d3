"""Legends that spell out short codes: "VP = Văn phòng UBND xã; CA: Công an xã", "KT - Phòng
Kinh tế", "TT (Trung tâm Phục vụ hành chính công)". A plan that heads its table columns with
codes explains them in such a line; the reader swaps each code for its full name."""

from __future__ import annotations

import re

# A code: one token of upper-case letters / digits (2-12 chars), e.g. "VP", "VHXH", "BĐ".
_CODE = r"(?<![\w/])([^\W\d_a-z][^\W_a-z]{1,11})(?![\w/])"
_SEP_RE = re.compile(_CODE + r"\s*(?:=|:|[-–—](?=\s))\s*")
_PAREN_RE = re.compile(_CODE + r"\s*\(([^()\n]{3,80})\)")
_END_RE = re.compile(r"[;\n]|\.(?:\s|$)")
MIN_NAME_WORDS = 2


def _is_code(token: str) -> bool:
    return token.isupper() and not token.isdigit()


def _name(text: str) -> str:
    name = " ".join(text.split()).strip(" ,.;:")
    return name if len(name.split()) >= MIN_NAME_WORDS else ""


def legend_codes(text: str) -> dict[str, str]:
    """Each code a legend of the text expands, mapped to its full name (first legend wins).
    A pair's name runs to the next ";", line end, full stop or the next "CODE =" pair."""
    found: dict[str, str] = {}
    marks = [m for m in _SEP_RE.finditer(text) if _is_code(m.group(1))]
    for n, m in enumerate(marks):
        stop = marks[n + 1].start() if n + 1 < len(marks) else len(text)
        end = _END_RE.search(text, m.end(), stop)
        name = _name(text[m.end() : end.start() if end else stop])
        if name and not _is_code(name.replace(" ", "")):
            found.setdefault(m.group(1), name)
    for m in _PAREN_RE.finditer(text):
        name = _name(m.group(2))
        if _is_code(m.group(1)) and name:
            found.setdefault(m.group(1), name)
    return found
