"""Agency matrices: a task table with one column per agency, each cell marking that agency's
role in the task ("CT" / "PH", "Chủ trì" / "Phối hợp", or "X" / "x" when upper case leads).

The agencies are the headers of those columns; a row's lead is the header of its lead mark and
its partners the headers of its partner marks. Columns of a known role (period grids, years)
are never agency columns; a table whose marks do not say which one leads (every mark "x") is
left alone.
"""

from __future__ import annotations

import re

from rag.text import fold
from rag.understand.tables import CellRoles, Column, Row, Table, clean_inline

_LEAD_MARK = re.compile(r"^(?:ct|c|chu tri)$")
_PARTNER_MARK = re.compile(r"^(?:ph|p|phoi hop)$")
_CASE_MARK = re.compile(r"^[xX]$")
MIN_AGENCY_COLUMNS = 2


def _value(row: Row, col: Column) -> str:
    return clean_inline(row.cells[col.index]) if col.index < len(row.cells) else ""


def agency_columns(table: Table) -> tuple[list[Column], bool]:
    """(agency columns, case-marked) of a matrix table; ([], False) when it is none. Every
    filled cell of an agency column is a role mark; case-marked: marks are "X" / "x"."""
    cols = [c for c in table.columns if not c.role and c.header]
    found: list[Column] = []
    values: set[str] = set()
    for c in cols:
        filled = [v for v in (_value(r, c) for r in table.rows) if v]
        if filled and all(
            _LEAD_MARK.match(fold(v)) or _PARTNER_MARK.match(fold(v)) or _CASE_MARK.match(v)
            for v in filled
        ):
            found.append(c)
            values.update(filled)
    if len(found) < MIN_AGENCY_COLUMNS:
        return [], False
    cased = values & {"X", "x"}
    if cased and (cased != {"X", "x"} or len(values) != 2):
        return [], False  # only one case of "x" (or mixed with codes): who leads is not said
    return found, bool(cased)


def matrix_roles(table: Table, row: Row) -> CellRoles | None:
    """The lead and partners a matrix row marks, None when the table is no agency matrix."""
    cols, cased = agency_columns(table)
    if not cols:
        return None
    lead, partners = [], []
    for c in cols:
        v = _value(row, c)
        if not v:
            continue
        if (cased and v == "X") or (not cased and _LEAD_MARK.match(fold(v))):
            lead.append(c.header)
        elif (cased and v == "x") or (not cased and _PARTNER_MARK.match(fold(v))):
            partners.append(c.header)
    return CellRoles("; ".join(lead), "; ".join(partners))
