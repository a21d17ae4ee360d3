"""Schedule grids: a task table whose period columns ("Quý I | Quý II | …", "Tháng 1 | …")
carry marks ("x", "✓") instead of a deadline cell, and deadlines written inside a task name
("… Thời hạn: hoàn thành trước 31/8/2026").

A task of such a grid starts in its first marked period and ends in its last one; a row with no
mark has no period set. Period columns holding other values (numbers per quarter) are not a
schedule and are left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rag.understand.tables import Column, Row, Table, clean_inline

_MARK_RE = re.compile(r"^[xX×✓✔☑•●*+]$")
_YEAR_RE = re.compile(r"20\d\d")
# "Thời hạn: hoàn thành trước 31/8/2026", "Hạn hoàn thành: 15/11/2026" inside a task name
_INLINE_DEADLINE_RE = re.compile(
    r"(?:thời hạn|hạn hoàn thành|hạn chót)\s*:\s*([^.;]*?\d{1,2}/\d{1,2}/20\d\d|[^.;]*?20\d\d)",
    re.IGNORECASE,
)


@dataclass
class Span:
    start: str  # first marked period ("Quý II/2026"), "" when the row has no mark
    end: str  # last marked period
    marked: list[tuple[str, str]]  # (header, cell) of each marked period, in column order


def period_columns(table: Table) -> list[Column]:
    """The period columns of a schedule grid: at least two, every filled cell a mark."""
    cols = [c for c in table.columns if c.role == "period"]
    if len(cols) < 2:
        return []
    seen = False
    for row in table.rows:
        for c in cols:
            value = clean_inline(row.cells[c.index]) if c.index < len(row.cells) else ""
            if not value:
                continue
            if not _MARK_RE.match(value):
                return []
            seen = True
    return cols if seen else []


def _label(header: str, year: str) -> str:
    return header if _YEAR_RE.search(header) or not year else f"{header}/{year}"


def schedule_span(cols: list[Column], row: Row, year: str) -> Span:
    """The span of a row over the period columns `cols` of its grid (of the plan year)."""
    marked = [
        (c.header, clean_inline(row.cells[c.index]))
        for c in cols
        if c.index < len(row.cells) and clean_inline(row.cells[c.index])
    ]
    if not marked:
        return Span("", "", [])
    return Span(_label(marked[0][0], year), _label(marked[-1][0], year), marked)


def inline_deadline(name: str) -> str:
    """A deadline written inside a task name ("… Thời hạn: trước 31/8/2026"), "" when none."""
    m = _INLINE_DEADLINE_RE.search(name)
    return clean_inline(m.group(1)).strip(" ,") if m else ""
