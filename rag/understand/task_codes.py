"""Tasks referred to by a short code ("NV05", "T3", "CT-02") across the tables of one plan.

A plan may number its tasks with codes in one table ("Mã | Nhiệm vụ | … ") and name them only
by code in another, such as a budget annex ("Mã NV | 2026 | … | Cộng | Nguồn"). `code_names`
collects, over all tables of a plan, the code of each row that also names its task; `row_code`
finds the code a row of another table is keyed by, so that row can borrow the task's name.
"""

from __future__ import annotations

import re

from rag.text import fold
from rag.understand.tables import Row, Table, cell_items, clean_inline

# A code: 1-4 letters, an optional separator, 1-3 digits and an optional letter ("NV05",
# "T3", "CT-02", "DA.1a"); never a bare number, a year or a word.
_CODE_RE = re.compile(r"^[A-Za-zĐđ]{1,4}\s?[-._]?\s?\d{1,3}[a-z]?$")


def code_key(text: str) -> str:
    """The code written in a cell or typed in a question, normalised ("nv05"); "" if none."""
    t = clean_inline(text).strip(" .:;,")
    if not _CODE_RE.match(t):
        return ""
    return re.sub(r"[\s\-._]", "", fold(t))


def _code_cells(table: Table, row: Row) -> list[tuple[int, str]]:
    skip = {table.index("indicator")}
    return [
        (i, key) for i, cell in enumerate(row.cells) if i not in skip and (key := code_key(cell))
    ]


def code_names(tables: list[Table]) -> dict[str, tuple[str, str]]:
    """Code → (code as printed, task name) over the rows of all tables that name their task
    beside a code cell. A code given two different names is left out (ambiguous)."""
    found: dict[str, tuple[str, str]] = {}
    clash: set[str] = set()
    for table in tables:
        if not table.split or table.index("indicator") is None:
            continue
        for row in table.rows:
            name = " ".join(clean_inline(table.cell(row, "indicator") or "").split())
            if not name or not cell_items(name):
                continue
            for i, key in _code_cells(table, row)[:1]:
                printed = clean_inline(row.cells[i]).strip(" .:;,")
                if key in found and fold(found[key][1]) != fold(name):
                    clash.add(key)
                found.setdefault(key, (printed, name))
    return {k: v for k, v in found.items() if k not in clash}


def row_code(table: Table, row: Row, names: dict[str, tuple[str, str]]) -> str:
    """The key of the first cell of a row that is a known task code ("" when none)."""
    return next((key for _, key in _code_cells(table, row) if key in names), "")
