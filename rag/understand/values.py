"""Values of table cells shown with their unit, and the name column of a table row.

A plan table often keeps the unit of its values in a column of its own ("Đơn vị tính: %",
then "Năm 2026: 75"). An answer shows "75%" — the bare value with the unit of its row — only
when the value is a bare number and the unit is short ("%", "tổ", "sản phẩm"). Which field
of a row chunk names the indicator is read from the column roles of ``columns.yaml``, never
from the column order.
"""

from __future__ import annotations

import re

from rag.understand.tables import clean_inline, load_vocabulary

_BARE_NUMBER_RE = re.compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d+)?$|^\d+(?:[.,]\d+)?$")
_SHORT_UNIT_RE = re.compile(r"^[^\W\d_][^\W\d_ ]*(?: [^\W\d_]+)?$")
SHORT_UNIT_CHARS = 16  # longer units ("tỷ lệ hồ sơ trên tổng số") are descriptions, not units
# A "%" that stands on its own (a unit cell), not glued to a number ("75%").
_LONE_PERCENT_RE = re.compile(r"(?<![0-9%\s])\s*%")


def with_unit(value: str, unit: str) -> str:
    """ "75" + "%" -> "75%"; "14" + "tổ" -> "14 tổ"; anything else is returned unchanged."""
    value, unit = clean_inline(value), clean_inline(unit).strip(" .:()")
    if not value or not unit or not _BARE_NUMBER_RE.match(value):
        return value
    if unit == "%":
        return f"{value}%"
    if len(unit) <= SHORT_UNIT_CHARS and _SHORT_UNIT_RE.match(unit):
        return f"{value} {unit.lower()}"
    return value


def field_role(name: str) -> str:
    """Role of a "Name: value" field of a row chunk, from its column header."""
    return load_vocabulary().role(name)


def name_field(names: list[str]) -> int:
    """Index of the field that names the row (indicator, else task), 0 when none does."""
    roles = [field_role(n) for n in names]
    for wanted in ("indicator", "task"):
        if wanted in roles:
            return roles.index(wanted)
    return 0


def unit_field(names: list[str]) -> int | None:
    """Index of the unit field ("Đơn vị tính"), None when the row has none."""
    return next((i for i, n in enumerate(names) if field_role(n) == "unit"), None)


def has_lone_percent(text: str) -> bool:
    """Whether a passage holds "%" as a unit of its own (a unit column), not after a number."""
    return bool(_LONE_PERCENT_RE.search(text))
