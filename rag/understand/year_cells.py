"""Deadlines written inside the year cells of a task table ("2026 | 2027 | 2028" columns, each
holding that year's activity, some ending with "hạn 30/10/2026" or "trước 30/9/2027").

Such a table has no deadline column: when at least one of its rows writes a deadline in a year
cell, the layout's place for a deadline is the year cells, so a row that writes none states no
deadline (rather than the plan giving it elsewhere).
"""

from __future__ import annotations

import re

from rag.understand.prose import _deadline, _folded, load_cues
from rag.understand.tables import Row, Table, clean_inline

_DATE = r"(?:\d{1,2}\s*/\s*\d{1,2}\s*/\s*20\d\d|thang\s+\d{1,2}\s*/\s*20\d\d|quy\s+[ivx1-4]+\s*/\s*20\d\d)"
# "hạn 30/10/2026", "hạn chót: tháng 11/2026", "trước 30/9/2027", "xong trong Quý II/2026"
_CELL_DEADLINE_RE = re.compile(
    r"\b(?:(?:thoi\s+)?han(?:\s+(?:chot|hoan thanh))?\s*:?\s*|(?:hoan thanh\s+|xong\s+)?truoc\s+)"
    + _DATE
)


def _year_columns(table: Table) -> list[int]:
    return [c.index for c in table.columns if c.role == "year" and c.year]


def applies(table: Table) -> bool:
    """A task table with two or more year columns, no deadline column, and a deadline written
    in at least one year cell."""
    if table.index("deadline") is not None or table.index("indicator") is None:
        return False
    if len(_year_columns(table)) < 2:
        return False
    return any(cell_deadline(table, row) for row in table.rows)


def cell_deadline(table: Table, row: Row) -> str:
    """The deadline written in a year cell of the row, as printed ("" when none)."""
    cues = load_cues()
    for i in _year_columns(table):
        if i >= len(row.cells):
            continue
        text = clean_inline(row.cells[i])
        m = _CELL_DEADLINE_RE.search(_folded(text))  # same length as text
        if m:
            return text[m.start() : m.end()].strip()
        found, _ = _deadline(text, cues)
        if found:
            return found
    return ""


def activities(table: Table, row: Row) -> str:
    """The row's year cells joined ("Quét 12.000 trang; Hoàn thành …")."""
    cells = [clean_inline(row.cells[i]) for i in _year_columns(table) if i < len(row.cells)]
    return "; ".join(c for c in cells if c)
