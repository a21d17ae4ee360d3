"""Typical OCR confusions in numbers and abbreviations (O/0, l/1, Đ/Ð).

A token that is a number except for a letter Tesseract often reads for a digit ("2O26",
"l00%") is repaired and marked untrusted; so is any number in a word read with low confidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Letters Tesseract reads in place of digits, and the digit meant.
_AS_DIGIT = {"O": "0", "o": "0", "l": "1", "I": "1", "|": "1"}
_LETTER = r"A-Za-zÀ-ỹĐđÐð"
# A run of digits and look-alike letters (with . , / % inside), not part of a word.
_NUMBERISH = re.compile(rf"(?<![{_LETTER}\d])[0-9OolI|][0-9OolI|.,/]*[0-9OolI|]%?(?![{_LETTER}\d])")
# A quarter written in roman numerals after "Quý" ("Quý II/2026"): letters, not digits.
_QUARTER_RE = re.compile(r"^I{1,3}/\d{4}$")
_QUARTER_WORD_RE = re.compile(r"\b[Qq][Uu][ÝYýy]\s*$")
_WELL_FORMED = re.compile(r"^\d+(?:[.,/]\d+)*%?$")
_NUMBER = re.compile(r"\d+(?:[.,/]\d+)*%?")


@dataclass
class NumberCheck:
    text: str
    repaired: list[tuple[str, str]] = field(default_factory=list)  # (as read, as repaired)


def fix_letters(text: str) -> str:
    """Ð (Icelandic eth) is always a misread Đ in Vietnamese; "QĐĐ" is a doubled read."""
    text = text.replace("Ð", "Đ").replace("ð", "đ")
    return re.sub(r"ĐĐ+", "Đ", text)


def check_numbers(text: str, before: str = "") -> NumberCheck:
    """Repair digits read as letters inside numbers; return the repaired text and the repairs.
    `before`: the word read just before `text` (OCR checks one word at a time)."""
    text = fix_letters(text)
    repaired: list[tuple[str, str]] = []

    def repair(m: re.Match[str]) -> str:
        token = m.group(0)
        if not any(c.isdigit() for c in token) or _WELL_FORMED.match(token):
            return token
        if _QUARTER_RE.match(token) and _QUARTER_WORD_RE.search(f"{before} {text[: m.start()]}"):
            return token  # "Quý II/2026": a roman quarter numeral, not "11/2026"
        fixed = "".join(_AS_DIGIT.get(c, c) for c in token)
        if not _WELL_FORMED.match(fixed):
            return token
        repaired.append((token, fixed))
        return fixed

    out = _NUMBERISH.sub(repair, text)
    return NumberCheck(out, repaired)


def numbers_in(text: str) -> list[str]:
    return _NUMBER.findall(text)


# A row number cell read as a letter: "T", "I", "l", "|" for 1, "O" for 0.
_ROW_ID_AS_DIGIT = {**_AS_DIGIT, "T": "1", "i": "1", "!": "1", "Z": "2", "z": "2"}


def repair_row_ids(cells: list[str]) -> list[str]:
    """The numbering column of a table (STT): when most cells are numbers, a short cell made
    of look-alike letters is the number meant ("T" -> "1")."""
    numeric = sum(c.rstrip(".").isdigit() for c in cells if c)
    if numeric * 2 < len([c for c in cells if c]):
        return cells
    out = []
    for c in cells:
        core = c.rstrip(".")
        if (
            core
            and len(core) <= 2
            and not core.isdigit()
            and all(ch in _ROW_ID_AS_DIGIT or ch.isdigit() for ch in core)
        ):
            c = "".join(_ROW_ID_AS_DIGIT.get(ch, ch) for ch in core) + c[len(core) :]
        out.append(c)
    return out
