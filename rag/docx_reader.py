"""Text of a Word (.docx) plan via python-docx: paragraphs, headings and tables in order.

Headings become markdown headings, tables markdown pipe rows (header, separator, rows), the
forms the chunker and the table reader (rag.understand.tables) already read in .md plans, so a
.docx plan goes through the same record extraction as a text plan.
"""

from __future__ import annotations

import re
from pathlib import Path

COLUMN_GAP = "     "  # 3+ spaces: the metadata reader's two-column separator
_HEADING_RE = re.compile(r"^(?:Heading|Title|Tiêu đề)\s*(\d*)", re.I)


def _squash(text: str) -> str:
    """One line; a tab or a run of 3+ spaces (two columns laid out by hand) stays a column gap."""
    parts = re.split(r"\t+|[ \u00a0]{3,}", text.strip())
    return COLUMN_GAP.join(" ".join(p.split()) for p in parts if p.strip())


def _paragraph_line(paragraph) -> str:
    text = _squash(paragraph.text)
    if not text:
        return ""
    style = paragraph.style.name if paragraph.style is not None else ""
    m = _HEADING_RE.match(style or "")
    if m:
        level = int(m.group(1)) if m.group(1) else 1
        return "#" * min(max(level, 1), 6) + " " + text
    return text


def _cell_text(cell) -> str:
    text = " ".join(" ".join(p.text.split()) for p in cell.paragraphs if p.text.strip())
    return text.replace("|", "\\|")


# A value cell of a data column: a number, optionally with a unit ("640", "1.262", "85%", "12 điểm").
_VALUE_CELL_RE = re.compile(r"^\d[\d.,]*\s*(?:%|[^\W\d_]+(?: [^\W\d_]+)?)?$")
DATA_ROWS = 2  # body rows a two-column table needs to be read as data, not layout
DATA_SHARE = 2 / 3  # share of its body rows whose last cell is a lone value


def _is_data_table(table) -> bool:
    """A two-column table of items and values ("Nội dung | Kinh phí (triệu đồng)"): every cell
    one line, and most rows after the header end in a lone value. A layout table (the header
    beside the national motto, the signature beside "Nơi nhận") has cells of several lines
    and no column of values."""
    rows = [[c.text.strip() for c in row.cells] for row in table.rows]
    if len(rows) < DATA_ROWS + 1 or any("\n" in c for r in rows for c in r):
        return False
    body = rows[1:]
    valued = sum(1 for r in body if r and _VALUE_CELL_RE.match(" ".join(r[-1].split())))
    return valued >= DATA_ROWS and valued >= DATA_SHARE * len(body)


def _table_lines(table) -> list[str]:
    if len(table.columns) <= 2 and not _is_data_table(table):
        # A layout table (the two-column header, the signature beside "Nơi nhận"): its lines
        # in two columns, as the metadata reader expects, not a data table.
        lines: list[str] = []
        for row in table.rows:
            cells = [
                [_squash(x) for p in c.paragraphs for x in p.text.split("\n") if x.strip()]
                for c in row.cells
            ]
            for k in range(max((len(c) for c in cells), default=0)):
                parts = [c[k] if k < len(c) else "" for c in cells]
                lines.append(COLUMN_GAP.join(parts).strip())
        return [ln for ln in lines if ln]
    out: list[str] = []
    for n, row in enumerate(table.rows):
        cells, seen = [], []
        for cell in row.cells:
            # A merged cell repeats across the columns it spans: write its text once.
            cells.append("" if any(cell._tc is s for s in seen) else _cell_text(cell))
            seen.append(cell._tc)
        if not any(cells) and n:
            continue
        out.append("| " + " | ".join(cells) + " |")
        if n == 0:
            out.append("|" + " --- |" * len(cells))
    return out


def read_docx(path: Path) -> str:
    """The document body in reading order; raises ValueError for a file python-docx rejects."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # noqa: BLE001 - python-docx raises zipfile/lxml/KeyError types
        raise ValueError(str(exc) or type(exc).__name__) from exc
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            line = _paragraph_line(block)
            if line:  # one paragraph per block, as in the .txt plans
                lines += ["", line]
        elif isinstance(block, Table):
            lines += ["", *_table_lines(block), ""]
    return "\n".join(lines).strip() + "\n"
