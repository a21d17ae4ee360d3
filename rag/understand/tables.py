"""One reader for the tables of a plan, whatever their layout.

Finds tables in four forms — tab-separated rows (cells wrapped onto continuation lines that
start with a tab), markdown pipe tables, HTML ``<table>`` markup, and rows flattened by PDF text
extraction (no cell separators) — finds their header row, classifies every column by role from
its header text (vocabulary in ``columns.yaml``), and returns rows with their line numbers.
Rows that cannot be read are returned as ``BadRow`` with a reason, never dropped.

Both the passage chunker (one chunk per row) and the record extractor (rag.tables.parse) read
tables through ``find_tables``.
"""

from __future__ import annotations

import csv
import html
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from rag.text import fold
from rag.understand.legend import legend_codes

COLUMNS_FILE = Path(__file__).with_name("columns.yaml")
_TAG_RE = re.compile(r"<[^>]+>")
_ROW_ID_RE = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*\.?|[IVX]{1,4}\.?)$")
_ID_LABEL_RE = re.compile(r"^(\d{1,2}|[IVX]{1,4})\.\s+(.+)$")
_PDF_ROW_RE = re.compile(r"^\s*(\d{1,2})(?:\.(\d{1,2}))?(?=\s|$)\s*(.*)$")
_PIPE_SEP_RE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_YEAR_RE = re.compile(r"20\d\d")
_HEADER_SCAN_ROWS = 4
_HEADER_WRAP_CHARS = 40
_PDF_HEADER_LINES = 10


# ----------------------------------------------------------------------------- text helpers
_MARKUP_CHARS = frozenset("<&\\*_#")


def clean_inline(text: str) -> str:
    """Strip markdown emphasis, HTML tags and entities; collapse whitespace."""
    if _MARKUP_CHARS.isdisjoint(text):  # plain text (most cells): only the whitespace
        return " ".join(text.split())
    text = re.sub(r"<(https?://[^>\s]+)>", r"\1", text)
    text = re.sub(r"<li[^>]*>", " ", text)
    text = _TAG_RE.sub(" ", text)
    text = html.unescape(text)
    text = re.sub(r"\\(geq|ge)\s*", "≥ ", text)
    text = re.sub(r"\\(leq|le)\s*", "≤ ", text)
    text = text.replace("\\%", "%")
    text = re.sub(r"\*{1,3}|_{2,}", "", text)
    text = re.sub(r"^\s*#{1,6}\s*", "", text)
    return " ".join(text.split())


def cell_items(cell: str) -> list[str]:
    """Split an HTML list cell into its items; a plain cell is one item."""
    if "<li" not in cell:
        value = clean_inline(cell)
        return [value] if value else []
    items = re.findall(r"<li[^>]*>(.*?)</li>", cell, flags=re.S)
    out = []
    for item in items:
        value = clean_inline(item).lstrip("-–• ").strip()
        if value:
            out.append(value)
    return out


def join_wrapped(pieces: list[str]) -> str:
    """Join PDF-wrapped lines; "348/KH-" + "UBND" joins without a space."""
    out = ""
    for piece in pieces:
        if out.endswith("-") and re.match(r"^[A-ZĐ]{2}", piece):
            out += piece
        else:
            out = f"{out} {piece}" if out else piece
    return " ".join(out.split())


def classify_pdf_row(line: str, group_no: int) -> tuple[str, int, str | None, str]:
    """Whether a PDF-flattened table line starts a new group ("8 Xã hội số"), a row ("8.2 …",
    "9 Triển khai …"), or neither (""). Numbering must follow on from the current group."""
    m = _PDF_ROW_RE.match(line)
    if not m:
        return "", 0, None, ""
    top, sub, rest = int(m.group(1)), m.group(2), m.group(3)
    if sub is None and top == group_no + 1 and 0 < len(rest) <= 30 and not re.search(r"\d", rest):
        return "group", top, sub, rest
    if (sub is not None and top == group_no) or (sub is None and top == group_no + 1):
        return "row", top, sub, rest
    return "", top, sub, rest


# ----------------------------------------------------------------------------- vocabulary
@dataclass(frozen=True)
class Vocabulary:
    """Column-role vocabulary loaded from columns.yaml."""

    roles: tuple[tuple[str, tuple[str, ...], re.Pattern[str] | None], ...]
    indicator_tables: re.Pattern[str]
    report_sections: re.Pattern[str]
    total_rows: re.Pattern[str]
    any_role: re.Pattern[str]
    # role marks written inside one agency cell ("A (chủ trì); B, C (phối hợp)"), by role
    cell_roles: tuple[tuple[str, re.Pattern[str]], ...] = ()

    def role(self, header: str) -> str:
        """The role of a column from its header text ("" when unknown)."""
        h = fold(clean_inline(header)).strip(" :.")
        if not h:
            return ""
        for role, exact, pattern in self.roles:
            if h in exact or (pattern is not None and pattern.search(h)):
                return role
        return ""

    def mentions(self, folded: str) -> list[tuple[int, int, str]]:
        """(start, end, role) of every role phrase in a folded text, left to right."""
        out = []
        for m in self.any_role.finditer(folded):
            role = next(k for k, v in m.groupdict().items() if v is not None)
            out.append((m.start(), m.end(), role))
        return out


def _words_re(patterns: list[str]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(patterns) + r")\b")


@lru_cache(maxsize=4)
def load_vocabulary(path: Path = COLUMNS_FILE) -> Vocabulary:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    roles = []
    named = []
    for spec in data["roles"]:
        pats = spec.get("patterns") or []
        roles.append(
            (
                spec["role"],
                tuple(spec.get("exact") or ()),
                _words_re(pats) if pats else None,
            )
        )
        if pats:
            named.append(f"(?P<{spec['role']}>{'|'.join(pats)})")
    return Vocabulary(
        tuple(roles),
        _words_re(data["indicator_tables"]),
        _words_re(data["report_sections"]),
        # "Tổng cộng", "Tổng:", "Tổng cộng (ngân sách xã …; xã hội hóa …)": a note in brackets
        re.compile(r"^(?:" + "|".join(data["total_rows"]) + r")\s*:?(?:\s*\([^()]*\))?$"),
        re.compile(r"\b(?:" + "|".join(named) + r")\b"),
        tuple((role, _words_re(pats)) for role, pats in (data.get("cell_roles") or {}).items()),
    )


# ------------------------------------------------------------ roles inside one cell
@dataclass(frozen=True)
class CellRoles:
    """The lead and the partners of a task read from one agency cell that marks each role."""

    lead: str
    partners: str


_CELL_SEP = " ;,.-–—:()"


def split_cell_roles(cell: str, vocab: Vocabulary | None = None) -> CellRoles | None:
    """Split an agency cell that names each role in place: "A (chủ trì); B, C (phối hợp)",
    "A chủ trì, B phối hợp" or "Chủ trì: A; Phối hợp: B". A mark after its agencies covers the
    text back to the previous mark; a label ("Chủ trì:") covers the text up to the next one.
    None when the cell carries no role mark (the whole cell is the lead)."""
    vocab = vocab or load_vocabulary()
    plain = clean_inline(cell)
    if not plain or not vocab.cell_roles:
        return None
    # fold char by char so offsets in the folded text are offsets in the cell
    folded = "".join((fold(ch) or ch)[:1] for ch in plain)
    marks = sorted(
        (m.start(), m.end(), role) for role, pat in vocab.cell_roles for m in pat.finditer(folded)
    )
    if not marks:
        return None
    parts: dict[str, list[str]] = {"lead": [], "partners": []}
    labelled = all(re.match(r"\s*:", folded[end:]) for _, end, _ in marks)
    for i, (start, end, role) in enumerate(marks):
        if labelled:
            stop = marks[i + 1][0] if i + 1 < len(marks) else len(plain)
            text = plain[end:stop].lstrip(" :")
        else:
            begin = marks[i - 1][1] if i else 0
            text = plain[begin:start]
            if re.match(r"\s*\)", plain[end:]):
                text = text[: text.rfind("(")] if "(" in text else text
        text = text.strip(_CELL_SEP)
        if text and role in parts:
            parts[role].append(text)
    if not labelled:
        tail = plain[marks[-1][1] :].strip(_CELL_SEP)
        if tail:  # agencies after the last mark: not a cell that marks every role
            return None
    if not parts["lead"] and not parts["partners"]:
        return None
    return CellRoles("; ".join(parts["lead"]), "; ".join(parts["partners"]))


# ----------------------------------------------------------------------------- data
@dataclass
class Column:
    index: int
    header: str  # cleaned header text ("" when the table has no header)
    role: str  # no | indicator | task | actions | output | lead | partners | start | deadline |
    # unit | year | baseline | budget | budget_part | source | note | legal | status | "" (unknown)
    year: str = ""  # for role "year" (and a baseline of a given year)


@dataclass
class Row:
    no: str  # row number as printed ("1.2")
    cells: list[str]  # raw cell text (may hold HTML), one per column
    group: str  # label of the group row above ("Hạ tầng số")
    line_start: int  # 1-based, inclusive
    line_end: int
    start: int  # character offsets in the text
    end: int

    @property
    def text(self) -> str:
        """The row as one line of plain text (the quote of the row)."""
        return " | ".join(v for v in (clean_inline(c) for c in self.cells) if v)


@dataclass
class BadRow:
    line_start: int
    line_end: int
    reason: str
    raw: str
    start: int = 0  # character offsets in the text
    end: int = 0


@dataclass
class Table:
    form: str  # tab | pipe | html | pdf
    columns: list[Column]
    rows: list[Row] = field(default_factory=list)
    total: Row | None = None
    bad: list[BadRow] = field(default_factory=list)
    line_start: int = 0  # 1-based span of the whole table, header included
    line_end: int = 0
    start: int = 0
    end: int = 0
    split: bool = True  # False: columns could not be split (PDF), each row is one cell
    caption: str = ""  # the line just above the table ("… (đơn vị tính: nghìn đồng):")

    @property
    def header(self) -> list[str]:
        return [c.header for c in self.columns]

    @property
    def has_header(self) -> bool:
        return any(c.header for c in self.columns)

    def index(self, role: str) -> int | None:
        return next((c.index for c in self.columns if c.role == role), None)

    def cell(self, row: Row, role: str) -> str | None:
        """The raw cell of a role, "" when empty, None when the table has no such column."""
        idx = self.index(role)
        if idx is None:
            return None
        return row.cells[idx] if idx < len(row.cells) else ""

    def name(self, role: str, default: str = "") -> str:
        idx = self.index(role)
        return self.columns[idx].header if idx is not None and self.columns[idx].header else default


# ----------------------------------------------------------------------------- roles
def classify_columns(header: list[str], vocab: Vocabulary | None = None) -> list[Column]:
    """Columns with roles from their header cells; a table names one indicator column."""
    vocab = vocab or load_vocabulary()
    cols = []
    for i, cell in enumerate(header):
        text = clean_inline(cell)
        role = vocab.role(text)
        year = ""
        if role in ("year", "baseline"):
            years = _YEAR_RE.findall(text)
            year = years[-1] if years else ""
        cols.append(Column(i, text, role, year))
    # Several amount columns under one merged header ("Kinh phí: Tổng | NSNN | Xã hội hoá"):
    # the total is the budget, the others are its parts.
    budgets = [c for c in cols if c.role == "budget"]
    if len(budgets) > 1:
        main = next((c for c in budgets if re.search(r"\btong\b", fold(c.header))), budgets[0])
        for c in budgets:
            if c is not main:
                c.role = "budget_part"
    named = [c for c in cols if c.role == "indicator"] or [c for c in cols if c.role == "task"]
    for c in cols:
        if c.role in ("indicator", "task"):
            c.role = "indicator" if named and c is named[0] else "actions"
    return cols


def _role_count(header: list[str], vocab: Vocabulary) -> int:
    return sum(1 for c in header if vocab.role(c) not in ("", "no"))


def _is_header(plain: list[str], vocab: Vocabulary) -> bool:
    first = next((c for c in plain if c), "")
    if not first:
        return False
    if vocab.role(plain[0]) == "no" and not _ROW_ID_RE.match(plain[0]):
        return True
    return _role_count(plain, vocab) >= 2 and not _ROW_ID_RE.match(plain[0] or "")


def _labels_numeric_body(rows: list[_RawRow]) -> bool:
    """A first row of text labels over rows of amounts ("Nội dung | Ngân sách xã | Xã hội hóa |
    Tổng" above "Camera | 40 | 60 | 100"): a header whatever its words, since every body row
    has its own name in the first column and only numbers (or nothing) in the columns that the
    first row names."""
    body = [
        [clean_inline(c) for c in r.cells]
        for r in rows[1:]
        if not all(re.fullmatch(r":?-{2,}:?", clean_inline(c) or "--") for c in r.cells)
    ]
    first = [clean_inline(c) for c in rows[0].cells] if rows else []
    if len(first) < 3 or len(body) < 2 or not all(first):
        return False
    if any(_AMOUNT_CELL_RE.match(c) or _ROW_ID_RE.match(c) for c in first):
        return False
    for cells in body:
        if not cells or not cells[0] or _AMOUNT_CELL_RE.match(cells[0]):
            return False
        values = [c for c in cells[1 : len(first)] if c]
        if not values or not all(_AMOUNT_CELL_RE.match(c) for c in values):
            return False
    return True


def _repeats_header(plain: list[str], columns: list[Column]) -> bool:
    """A header printed again on a new page (its first line when the header wraps)."""
    same = sum(
        1
        for c, col in zip(plain, columns, strict=False)
        if c and col.header and fold(col.header).startswith(fold(c))
    )
    return same >= 2 and same >= len([c for c in plain if c]) - 1


# ----------------------------------------------------------------------------- grid tables
@dataclass
class _RawRow:
    cells: list[str]
    line_start: int  # 0-based line index
    line_end: int
    start: int
    end: int


def _merge(cells: list[str], extra: list[str], prepend: bool) -> None:
    for idx, value in enumerate(extra):
        if not value.strip():
            continue
        while idx >= len(cells):
            cells.append("")
        if not cells[idx].strip():
            cells[idx] = value
        elif " ".join(value.split()) == " ".join(cells[idx].split()):
            continue  # a merged cell repeated on its continuation line, not more text
        else:
            cells[idx] = f"{value} {cells[idx]}" if prepend else f"{cells[idx]} {value}"


def _grid(form: str, raw_rows: list[_RawRow], vocab: Vocabulary) -> Table:
    """Rows of cells (tab, pipe or HTML) → table: header, groups, rows, wraps, totals."""
    raw_rows = _years_as_rows(raw_rows) or raw_rows
    rows = [r for r in raw_rows if any(clean_inline(c) for c in r.cells)]
    header: list[str] = []
    body_from = 0
    for k, r in enumerate(rows[:_HEADER_SCAN_ROWS]):
        plain = [clean_inline(c) for c in r.cells]
        if _ROW_ID_RE.match(plain[0] or "-"):
            break
        if _is_header(plain, vocab):
            header, body_from = plain, k + 1
            # A header wrapped onto the next line(s): merge while it reads as a header part.
            while body_from < len(rows):
                nxt = [clean_inline(c) for c in rows[body_from].cells]
                filled = [c for c in nxt if c]
                if not filled or _ROW_ID_RE.match(nxt[0] or "-") or _ID_LABEL_RE.match(nxt[0]):
                    break
                if any(len(c) > _HEADER_WRAP_CHARS or "%" in c for c in filled):
                    break
                sub = _sub_header(header, nxt)
                if sub is not None:
                    header, body_from = sub, body_from + 1
                    continue
                merged = list(header)
                _merge(merged, nxt, prepend=False)
                gains = _role_count(merged, vocab) > _role_count(header, vocab)
                if not gains and not all(c[0].islower() or c[0].isdigit() for c in filled):
                    break
                header, body_from = merged, body_from + 1
            break
    if not header and _labels_numeric_body(rows):
        header, body_from = [clean_inline(c) for c in rows[0].cells], 1
    width = max([len(header), *[len(r.cells) for r in rows]] or [0])
    columns = classify_columns(header + [""] * (width - len(header)), vocab)
    if header and columns and columns[0].role == "" and not columns[0].header:
        columns[0].role = "no"  # an unnamed first column holds the row numbers
    table = Table(form, columns)
    if raw_rows:
        table.line_start, table.line_end = raw_rows[0].line_start + 1, raw_rows[-1].line_end + 1
        table.start, table.end = raw_rows[0].start, raw_rows[-1].end
    no_idx = table.index("no")
    numbered = no_idx is not None or not header
    no_idx = no_idx or 0
    header_words = {w for h in header for w in fold(h).split()}
    group = ""
    last = ""  # row | group | header
    pending: list[_RawRow] = []
    for r in rows[body_from:]:
        cells = list(r.cells)
        plain = [clean_inline(c) for c in cells]
        ident = plain[no_idx] if no_idx < len(plain) else ""
        nonempty = [c for c in plain if c]
        others = [c for k, c in enumerate(plain) if c and k != no_idx]
        raw_text = " | ".join(nonempty)
        if re.fullmatch(r":?-{2,}:?", nonempty[0]):
            continue
        is_id = bool(ident) and bool(_ROW_ID_RE.match(ident) or _ID_LABEL_RE.match(ident))
        if header and not is_id and _repeats_header(plain, table.columns):
            last = "header"
            continue  # header repeated on a new page
        if (
            last == "header"
            and not ident
            and {w for c in nonempty for w in fold(c).split()} <= (header_words)
        ):
            continue  # wrapped part of a repeated header
        label = (others[0] if others else "") if is_id else (nonempty[0] if nonempty else "")
        is_total = bool(label) and label[0].isupper() and vocab.total_rows.match(fold(label))
        if is_total:
            table.total = _row(cells, "", group, r)
            continue
        if not numbered and header and table.rows:
            # A table whose first column groups rows ("1. Chính quyền số" over several
            # rows): a line that fills the amount column after a row that did is a new row
            # of the group; a line with no amount whose first cell runs on in lower case
            # (a wrapped group label) continues the row above.
            prev = table.rows[-1]
            if _has_amount(table, prev.cells):
                if not plain[0] and _has_amount(table, cells):
                    table.rows.append(_row(cells, str(len(table.rows) + 1), group, r))
                    last = "row"
                    continue
                if plain[0][:1].islower() and not _has_amount(table, cells):
                    _merge(prev.cells, cells, prepend=False)
                    prev.line_end, prev.end = r.line_end + 1, r.end
                    continue
        if not numbered and plain[0]:
            bold = "<b>" in cells[0] or cells[0].strip().startswith("**")
            if len(nonempty) == 1 and bold and len(nonempty[0]) <= 100:
                group, last = nonempty[0], "group"
                continue
            row = _row(cells, str(len(table.rows) + 1), group, r)
            table.rows.append(row)
            last = "row"
            continue
        if numbered and is_id:
            m = _ID_LABEL_RE.match(ident)
            if m and len(nonempty) == 1:  # "1. Hạ tầng số" – id and label in one cell
                group, last = m.group(2), "group"
                continue
            top_level = "." not in ident.rstrip(".")
            bold = any("<b>" in c or c.strip().startswith("**") for c in cells if c.strip())
            if len(nonempty) == 2 and top_level and len(label) <= 100 and (len(plain) > 2 or bold):
                group, last = label, "group"
                continue
            if len(nonempty) == 1:
                table.bad.append(
                    BadRow(
                        r.line_start + 1,
                        r.line_end + 1,
                        f"dòng {ident} không có nội dung",
                        raw_text,
                    )
                )
                continue
            row = _row(cells, ident.rstrip("."), group, r)
            for extra in pending:
                _merge(row.cells, extra.cells, prepend=True)
                row.line_start = min(row.line_start, extra.line_start + 1)
                row.start = min(row.start, extra.start)
            pending.clear()
            table.rows.append(row)
            last = "row"
            continue
        if not numbered and header and table.rows and _new_row_after_blank_first(table, plain):
            table.rows.append(_row(cells, str(len(table.rows) + 1), group, r))
            last = "row"
            continue
        if not ident:  # continuation line (wrapped cells)
            if last == "row" and table.rows and not pending:
                prev = table.rows[-1]
                _merge(prev.cells, cells, prepend=False)
                prev.line_end, prev.end = r.line_end + 1, r.end
            else:
                pending.append(r)
            continue
        table.bad.append(
            BadRow(
                r.line_start + 1,
                r.line_end + 1,
                "dòng bảng không nhận dạng được",
                raw_text,
                r.start,
                r.end,
            )
        )
    for extra in pending:
        table.bad.append(
            BadRow(
                extra.line_start + 1,
                extra.line_end + 1,
                "dòng nối tiếp không gắn được vào hàng nào",
                " | ".join(c for c in (clean_inline(x) for x in extra.cells) if c),
                extra.start,
                extra.end,
            )
        )
    width = len(table.columns)
    for row in table.rows:
        row.cells += [""] * (width - len(row.cells))
    _bare_unit_column(table)
    return table


def _new_row_after_blank_first(table: Table, plain: list[str]) -> bool:
    """In a table without row numbers whose first column may be left empty (no deadline, no
    lead), a line with an empty first cell is a row of its own, not the wrapped tail of the row
    above, when it names a task of its own: its name cell starts a sentence (capital letter or
    digit, where wrapped text runs on in lower case) and it fills at least one other cell."""
    names = [table.index(r) for r in ("indicator", "task")]
    name = next((k for k in names if k is not None), None)
    if not name or name >= len(plain):
        return False
    text = plain[name]
    if not text or not (text[0].isupper() or text[0].isdigit()):
        return False
    return sum(1 for k, c in enumerate(plain) if c and k != name) >= 1


def _has_amount(table: Table, cells: list[str]) -> bool:
    """The row's amount (budget) cell holds a number."""
    idx = table.index("budget")
    if idx is None or idx >= len(cells):
        return False
    return bool(re.fullmatch(r"\d[\d.,]*", clean_inline(cells[idx])))


_UNIT_CELL_RE = re.compile(r"^(?:%|[^\W\d_A-ZĐ]\w*(?: \w+)?)$")  # "%", "hộ", "lượt truy cập"


def _bare_unit_column(table: Table) -> None:
    """A column headed only "Đơn vị" is the unit of measure when its cells read as units
    (a symbol or one or two lower-case words: "%", "hộ", "điểm"); agencies are capitalised."""
    if table.index("unit") is not None:
        return
    for col in table.columns:
        if col.role or fold(col.header).strip(" :.") != "don vi":
            continue
        cells = [clean_inline(r.cells[col.index]) for r in table.rows if col.index < len(r.cells)]
        cells = [c for c in cells if c]
        if cells and all(_UNIT_CELL_RE.match(c) for c in cells):
            col.role = "unit"
            return


def _row(cells: list[str], no: str, group: str, r: _RawRow) -> Row:
    return Row(no, list(cells), group, r.line_start + 1, r.line_end + 1, r.start, r.end)


def _pipe_cells(line: str) -> list[str]:
    body = line.strip()
    body = body[1:] if body.startswith("|") else body
    body = body[:-1] if body.endswith("|") and not body.endswith("\\|") else body
    return [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", body)]


def _html_rows(block: str, base: int, line_of) -> list[_RawRow]:
    """Rows of an HTML table as a grid: a cell spanning rows leaves its place empty in the rows
    below; a header cell spanning columns (a row of <th>, or one of the first two rows) names
    every column under it, a body cell spanning columns ("Tổng cộng") fills the first."""
    out = []
    below: dict[int, int] = {}  # column -> rows still covered by a rowspan from above
    for n, tr in enumerate(
        re.finditer(r"<tr\b[^>]*>(.*?)(?:</tr>|(?=<tr\b)|$)", block, flags=re.S | re.I)
    ):
        found = list(
            re.finditer(
                r"<t([dh])\b([^>]*)>(.*?)(?:</t[dh]>|(?=<t[dh]\b)|$)",
                tr.group(1),
                flags=re.S | re.I,
            )
        )
        if not found:
            continue
        first = clean_inline(found[0].group(3))
        heading = all(td.group(1).lower() == "h" for td in found) or (
            n < 2 and not _ROW_ID_RE.match(first or "-")
        )
        cells: list[str] = []
        for td in found:
            _skip_covered(cells, below)
            text = " ".join(td.group(3).split())
            cspan = re.search(r"colspan\s*=\s*['\"]?(\d+)", td.group(2), flags=re.I)
            rspan = re.search(r"rowspan\s*=\s*['\"]?(\d+)", td.group(2), flags=re.I)
            width = int(cspan.group(1)) if cspan else 1
            for k in range(width):
                if rspan and int(rspan.group(1)) > 1:
                    below[len(cells)] = int(rspan.group(1)) - 1
                cells.append(text if k == 0 or heading else "")
        _skip_covered(cells, below)
        s, e = base + tr.start(), base + tr.end()
        out.append(_RawRow(cells, line_of(s), line_of(max(s, e - 1)), s, e))
    return out


def _skip_covered(cells: list[str], below: dict[int, int]) -> None:
    """Empty cells where a cell of a row above spans down."""
    while below.get(len(cells), 0) > 0:
        below[len(cells)] -= 1
        cells.append("")


def _sub_header(header: list[str], nxt: list[str]) -> list[str] | None:
    """The header with a second header row merged in, when that row only names the columns
    under a spanning header ("Thời gian" over "Bắt đầu | Hoàn thành"; in a pipe table the
    spanning name is followed by empty header cells): "Thời gian Bắt đầu", …; else None."""
    filled = [k for k, c in enumerate(nxt) if c]
    if len(filled) < 2 or (nxt[0] and _ROW_ID_RE.match(nxt[0])):
        return None
    head = list(header) + [""] * (len(nxt) - len(header))
    out = list(head)
    for k in filled:
        own = head[k]
        spanned = own and (
            any(0 <= j < len(head) and head[j] == own and j in filled for j in (k - 1, k + 1))
            or (k + 1 < len(head) and not head[k + 1] and k + 1 in filled)
        )
        if own and not spanned:
            return None
        if not own:
            j = k - 1
            while j >= 0 and not head[j]:
                j -= 1
            if j < 0 or j not in filled and not any(head[i] == "" for i in range(j + 1, k)):
                return None
            own = head[j]
        out[k] = f"{own} {nxt[k]}"
    return out


# ----------------------------------------------------------------------------- PDF tables
def _header_words(text: str) -> set[str]:
    return set(fold(clean_inline(text)).split())


def _pdf_header(lines: list[str], i: int, vocab: Vocabulary) -> int | None:
    """End (exclusive line index) of a PDF-flattened header starting at line i, or None."""
    first = clean_inline(lines[i])
    if not first or vocab.role(first.split()[0]) != "no":
        return None
    j, parts = i, []
    while j < len(lines) and j - i < _PDF_HEADER_LINES:
        text = clean_inline(lines[j])
        if j > i and text and (classify_pdf_row(text, 0)[0] or _ends_flat(lines[j])):
            break  # a row, or a heading after a header with no rows ("PHẦN V")
        if "\t" in lines[j] or lines[j].lstrip().startswith(("|", "<")):
            return None
        parts.append(text)
        j += 1
    roles = {r for _, _, r in vocab.mentions(fold(" ".join(parts)))}
    if len(roles) < 3 or not roles & {"indicator", "task"}:
        return None
    return j


def _pdf_columns(header_text: str, vocab: Vocabulary) -> list[Column]:
    """Column names of a flattened header, cut at every role phrase."""
    words = header_text.split()
    folded = [fold(w) or "_" for w in words]
    joined = " ".join(folded)
    starts = [0]
    prev_end, prev_role = -2, ""
    for s, e, role in vocab.mentions(joined):
        k = joined[:s].count(" ")
        # "Nội dung công việc", "Sản phẩm đầu ra": adjacent phrases of one role are one name.
        if k > starts[-1] and not (role == prev_role and s == prev_end + 1):
            starts.append(k)
        prev_end, prev_role = e, role
    names = [" ".join(words[a:b]) for a, b in zip(starts, [*starts[1:], len(words)], strict=True)]
    # The row number header ("TT") is its own column.
    if names and len(words[0]) <= 4 and vocab.role(words[0]) == "no" and len(names[0].split()) > 1:
        names = [words[0], " ".join(names[0].split()[1:]), *names[1:]]
    return classify_columns(names, vocab)


def _pdf_table(
    lines: list[str], offsets: list[int], i0: int, h_end: int, i1: int, vocab: Vocabulary
) -> Table:
    header_text = " ".join(clean_inline(x) for x in lines[i0:h_end] if x.strip())
    table = Table("pdf", _pdf_columns(header_text, vocab), split=False)
    table.line_start, table.line_end = i0 + 1, i1
    table.start, table.end = offsets[i0], offsets[i1 - 1] + len(lines[i1 - 1])
    vocab_words = _header_words(header_text)
    name_idx = table.index("indicator")
    name_idx = name_idx if name_idx is not None else 1
    group, group_no = "", 0
    current: tuple[Row, list[str]] | None = None
    parts_of: list[list[str]] = []  # the text lines of every row
    skipping = False
    for n in range(h_end, i1):
        stripped = lines[n].strip()
        if not stripped:
            continue
        words = _header_words(stripped)
        if skipping and words <= vocab_words:
            continue
        skipping = False
        first = clean_inline(stripped).split()[0]
        if vocab.role(first) == "no" and len(words) > 2 and words <= vocab_words:
            skipping = True  # header repeated on a new page
            continue
        kind, top, sub, rest = classify_pdf_row(stripped, group_no)
        if kind == "group":
            group, group_no, current = rest.strip(), top, None
            continue
        if kind == "row":
            if sub is None:
                group_no = top
            row = Row(
                f"{top}.{sub}" if sub else str(top),
                [],
                group,
                n + 1,
                n + 1,
                offsets[n],
                offsets[n] + len(lines[n]),
            )
            current = (row, [rest] if rest else [])
            table.rows.append(row)
            parts_of.append(current[1])
            _fill_pdf_row(current, len(table.columns), name_idx)
            continue
        if current is None:
            table.bad.append(
                BadRow(
                    n + 1,
                    n + 1,
                    "dòng bảng (PDF) ngoài mọi hàng",
                    stripped,
                    offsets[n],
                    offsets[n] + len(lines[n]),
                )
            )
            continue
        current[1].append(stripped)
        current[0].line_end, current[0].end = n + 1, offsets[n] + len(lines[n])
        _fill_pdf_row(current, len(table.columns), name_idx)
    _split_cell_lines(table, parts_of)
    return table


def _split_cell_lines(table: Table, parts_of: list[list[str]]) -> None:
    """A PDF printed from an HTML table often puts every cell on its own line: when every
    row has exactly one line per column, the columns are recovered."""
    width = len(table.columns)
    no_idx = table.index("no")
    if width < 3 or no_idx is None or not table.rows:
        return
    texts = [[clean_inline(p) for p in parts if p.strip()] for parts in parts_of]
    if any(len(t) != width - 1 for t in texts):
        return
    for row, cells in zip(table.rows, texts, strict=True):
        row.cells = [*cells[:no_idx], row.no, *cells[no_idx:]]
    table.split = True


def _fill_pdf_row(current: tuple[Row, list[str]], width: int, name_idx: int) -> None:
    row, parts = current
    cells = [""] * max(width, name_idx + 1)
    cells[name_idx] = join_wrapped([clean_inline(x) for x in parts if x.strip()])
    if cells and not cells[0]:
        cells[0] = row.no
    row.cells = cells


# ----------------------------------------------------------------------------- entry
# The last documents read: the chunker and the record extractor (rag.tables.parse) both read
# the tables of the plan being ingested; the second one gets the first one's (read-only) result.
_RECENT: dict[str, list[Table]] = {}
_RECENT_SIZE = 2


def find_tables(text: str, vocab: Vocabulary | None = None) -> list[Table]:
    """Every table of a document, in order, with rows, header roles and line spans.

    ``text`` must already be normalised by the caller (NFC, "\\n" line ends) so that line
    numbers and offsets match the caller's. The result is shared: callers must not change it.
    """
    if vocab is not None:
        return _find_tables(text, vocab)
    found = _RECENT.pop(text, None)
    if found is None:
        found = _find_tables(text, None)
    _RECENT[text] = found  # most recent last
    while len(_RECENT) > _RECENT_SIZE:
        _RECENT.pop(next(iter(_RECENT)), None)
    return found


def _find_tables(text: str, vocab: Vocabulary | None) -> list[Table]:
    vocab = vocab or load_vocabulary()
    lines = text.split("\n")
    offsets, pos = [], 0
    for ln in lines:
        offsets.append(pos)
        pos += len(ln) + 1

    def line_of(offset: int) -> int:
        lo, hi = 0, len(offsets) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if offsets[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def starts_other(n: int) -> bool:
        raw = lines[n]
        return "\t" in raw or _is_pipe(raw) or bool(re.search(r"<table\b", raw, flags=re.I))

    tables = _scan_tables(text, lines, offsets, line_of, starts_other, vocab)
    codes: dict[str, str] | None = None
    for table in tables:
        table.caption = _caption(lines, table.line_start - 1)
        _money_columns(table)
        if any(_is_code_header(c) for c in table.columns):
            codes = legend_codes(text) if codes is None else codes
            _expand_code_headers(table, codes)
    return tables


def _is_code_header(col: Column) -> bool:
    return not col.role and 2 <= len(col.header) <= 12 and col.header.isupper()


def _expand_code_headers(table: Table, codes: dict[str, str]) -> None:
    """Columns of no known role headed by a short code ("CA") that a legend of the document
    spells out ("CA: Công an xã") take the full name as their header."""
    for col in table.columns:
        if _is_code_header(col) and col.header in codes:
            col.header = codes[col.header]


# "(đơn vị tính: nghìn đồng)", "ĐVT: triệu đồng", "(triệu đồng)" in the line above a table
_MONEY_CAPTION_RE = re.compile(
    r"(?:\b(?:don vi tinh|dvt|don vi)\s*:?\s*|\()(?:(?:nghin|ngan|trieu|ty|ti)\s+)?dong\b"
)
_AMOUNT_CELL_RE = re.compile(r"^-?\d{1,3}(?:[.,\s]\d{3})*(?:,\d+)?$|^-$")


def _caption(lines: list[str], first: int) -> str:
    """The nearest non-blank line above line index first (within two lines)."""
    for k in range(first - 1, max(first - 3, -1), -1):
        if 0 <= k < len(lines) and lines[k].strip():
            return lines[k].strip()
    return ""


def _money_columns(table: Table) -> None:
    """A table without a recognised amount column whose caption gives a currency unit
    ("đơn vị tính: nghìn đồng") holds amounts in its unnamed numeric columns: the one headed
    "Tổng …" (else the last) is the budget, the others are its parts (sources)."""
    if table.index("budget") is not None or not table.has_header:
        return
    if not _MONEY_CAPTION_RE.search(fold(table.caption)):
        return
    numeric = []
    for col in table.columns:
        if col.role:
            continue
        cells = [clean_inline(r.cells[col.index]) for r in table.rows if col.index < len(r.cells)]
        cells = [c for c in cells if c]
        if cells and all(_AMOUNT_CELL_RE.match(c) for c in cells):
            numeric.append(col)
    if not numeric:
        return
    main = next((c for c in numeric if re.match(r"tong\b", fold(c.header))), numeric[-1])
    for col in numeric:
        col.role = "budget" if col is main else "budget_part"


def _scan_tables(text: str, lines: list[str], offsets: list[int], line_of, starts_other, vocab):
    tables: list[Table] = []
    i = 0
    while i < len(lines):
        raw = lines[i]
        if re.search(r"<table\b", raw, flags=re.I):
            s = offsets[i] + re.search(r"<table\b", raw, flags=re.I).start()
            close = re.compile(r"</table\s*>", flags=re.I).search(text, s)
            e = close.end() if close else len(text)
            rows = _html_rows(text[s:e], s, line_of)
            table = _grid("html", rows, vocab)
            table.line_start, table.line_end = i + 1, line_of(max(s, e - 1)) + 1
            table.start, table.end = offsets[i], e
            tables.append(table)
            i = table.line_end
            continue
        if "\t" in raw:
            j = i
            while j < len(lines) and ("\t" in lines[j] or not lines[j].strip()):
                j += 1
            while j > i and not lines[j - 1].strip():
                j -= 1
            rows = [
                _RawRow(lines[n].split("\t"), n, n, offsets[n], offsets[n] + len(lines[n]))
                for n in range(i, j)
                if lines[n].strip()
            ]
            tables.append(_grid("tab", rows, vocab))
            i = j
            continue
        if _is_pipe(raw):
            j = i
            while j < len(lines) and _is_pipe(lines[j]):
                j += 1
            rows = [
                _RawRow(_pipe_cells(lines[n]), n, n, offsets[n], offsets[n] + len(lines[n]))
                for n in range(i, j)
                if not _PIPE_SEP_RE.match(lines[n])
            ]
            if j - i >= 2:
                tables.append(_grid("pipe", rows, vocab))
                i = j
                continue
        j = _bare_pipe_end(lines, i)
        if j is not None:  # "a | b | c" lines without outer bars, one cell count
            rows = [
                _RawRow(_pipe_cells(lines[n]), n, n, offsets[n], offsets[n] + len(lines[n]))
                for n in range(i, j)
            ]
            tables.append(_grid("pipe", rows, vocab))
            i = j
            continue
        delimited = _delimited_table(lines, offsets, i, vocab) if ";" in raw else None
        if delimited is not None:
            tables.append(delimited)
            i = delimited.line_end
            continue
        fixed = _fixed_table(lines, offsets, i, vocab) if "   " in raw.strip() else None
        if fixed is not None:
            tables.append(fixed)
            i = fixed.line_end
            continue
        if raw.strip() and not starts_other(i):
            flat = _value_table(lines, offsets, i, vocab)
            if flat is not None:
                tables.append(flat)
                i = flat.line_end
                continue
        if raw.strip():
            h_end = _pdf_header(lines, i, vocab)
            if h_end is not None:
                j = h_end
                while j < len(lines) and not starts_other(j) and not _ends_flat(lines[j]):
                    j += 1
                while j > h_end and not lines[j - 1].strip():
                    j -= 1
                tables.append(_pdf_table(lines, offsets, i, h_end, j, vocab))
                i = j
                continue
        i += 1
    return tables


# ----------------------------------------------------------------------------- delimited
_DELIMITER = ";"
_DELIM_MIN_COLUMNS = 3
_DELIM_HEADER_CELL_CHARS = 40


def _delimited_cells(text: str) -> list[str]:
    """The cells of one delimiter-separated record (quoted cells may hold the delimiter)."""
    return [c.strip() for c in next(csv.reader([text], delimiter=_DELIMITER))]


def _delimited_table(
    lines: list[str], offsets: list[int], i: int, vocab: Vocabulary
) -> Table | None:
    """A table pasted as delimiter-separated text (an Excel/CSV export printed in the plan):
    a header line of short cells with column roles ("STT;Nhiệm vụ;Chủ trì;Thời hạn"), then one
    record per row, a record wrapped over several lines (a PDF's line breaks) joined until it
    has as many cells as the header. Ends at a blank line or a line that is no record."""
    header = _delimited_cells(lines[i].strip())
    width = len(header)
    if width < _DELIM_MIN_COLUMNS or any(
        not c or len(c) > _DELIM_HEADER_CELL_CHARS for c in header
    ):
        return None
    if not _is_header(header, vocab) or _role_count(header, vocab) < 2:
        return None
    rows = [_RawRow(header, i, i, offsets[i], offsets[i] + len(lines[i]))]
    j = i + 1
    while j < len(lines) and _DELIMITER in lines[j]:
        k, text = j, lines[j].strip()
        while len(_delimited_cells(text)) < width and k + 1 < len(lines) and lines[k + 1].strip():
            k += 1
            text = f"{text} {lines[k].strip()}"
        cells = _delimited_cells(" ".join(text.split()))
        if len(cells) != width:
            break
        rows.append(_RawRow(cells, j, k, offsets[j], offsets[k] + len(lines[k])))
        j = k + 1
    if len(rows) < 2:
        return None
    return _grid("delimited", rows, vocab)


# ----------------------------------------------------------------------------- transposed
_YEAR_CELL_RE = re.compile(r"^(?:n[aă]m\s+)?(20\d\d)$", re.I)
_YEAR_HEADERS = {"nam", "nam thuc hien"}  # a first column whose cells are years
# The name column of a table read the other way round: its cells are the headers of the
# original (what each row of values measures).
_NAME_HEADER = "Chỉ tiêu"


def _years_as_rows(rows: list[_RawRow]) -> list[_RawRow] | None:
    """A target table printed the other way round ("Năm | indicator A | indicator B", one row
    per year) as a normal one: a header "Chỉ tiêu | Năm 2026 | Năm 2027", then a row per
    indicator (its line span: the rows of years). None when the first column is not a
    column of years under a "Năm" header."""
    rows = [r for r in rows if any(clean_inline(c) for c in r.cells)]
    if len(rows) < 3 or len(rows[0].cells) < 3:
        return None
    head = [clean_inline(c) for c in rows[0].cells]
    if fold(head[0]).strip(" :.") not in _YEAR_HEADERS:
        return None
    years = [_YEAR_CELL_RE.match(clean_inline(r.cells[0])) for r in rows[1:]]
    if not all(years) or len({m.group(1) for m in years if m}) != len(years):
        return None
    first, last = rows[1], rows[-1]
    out = [
        _RawRow(
            [_NAME_HEADER, *(f"Năm {m.group(1)}" for m in years if m)],
            rows[0].line_start,
            rows[0].line_end,
            rows[0].start,
            rows[0].end,
        )
    ]
    for k, name in enumerate(head[1:], 1):
        if name:
            cells = [name, *(r.cells[k] if k < len(r.cells) else "" for r in rows[1:])]
            out.append(_RawRow(cells, first.line_start, last.line_end, first.start, last.end))
    return out


# ----------------------------------------------------------------------------- fixed width
_SEGMENT_RE = re.compile(r"\S+(?: \S+)*")  # words joined by single spaces: one cell
_ALIGN = 2  # a cell may start this many characters off its column's start


def _segments(line: str) -> list[tuple[int, str]]:
    """The cells of a line typed with spaces: runs of text separated by two or more spaces."""
    return [(m.start(), m.group(0)) for m in _SEGMENT_RE.finditer(line.expandtabs(8))]


def _aligned(segs: list[tuple[int, str]], starts: list[int]) -> bool:
    return bool(segs) and all(any(abs(pos - st) <= _ALIGN for st in starts) for pos, _ in segs)


def _fixed_table(lines: list[str], offsets: list[int], i: int, vocab: Vocabulary) -> Table | None:
    """A table typed with spaces (a plain-text letter, text extracted from a PDF): the header
    line gives each column's start, and the block is a table only while every cell of every
    line starts under a column (a prose line never does). Lines before the first numbered
    row continue the header; a line without a number continues the row above."""
    head = _segments(lines[i])
    if len(head) < 3 or not _is_header([clean_inline(t) for _, t in head], vocab):
        return None
    starts = [pos for pos, _ in head]
    rows: list[_RawRow] = []
    j = i + 1
    header_done = False
    while j < len(lines):
        raw = lines[j]
        if not raw.strip():
            nxt = _segments(lines[j + 1]) if j + 1 < len(lines) else []
            if len(nxt) >= 2 and _aligned(nxt, starts):
                j += 1
                continue
            break
        segs = _segments(raw)
        if not _aligned(segs, starts):
            break
        cells = [""] * len(starts)
        for pos, text in segs:
            k = min(range(len(starts)), key=lambda n: abs(starts[n] - pos))
            cells[k] = f"{cells[k]} {text}".strip()
        numbered = bool(_ROW_ID_RE.match(cells[0] or "-"))
        if not header_done and not numbered and not rows:
            head = [(st, f"{t} {c}".strip()) for (st, t), c in zip(head, cells, strict=True)]
            j += 1
            continue
        header_done = True
        rows.append(_RawRow(cells, j, j, offsets[j], offsets[j] + len(raw)))
        j += 1
    full = [c for r in rows if len([x for x in r.cells if x]) >= 2 for c in r.cells[:1]]
    if len(full) < 2:
        return None
    header = _RawRow([t for _, t in head], i, i, offsets[i], offsets[i] + len(lines[i]))
    table = _grid("fixed", [header, *rows], vocab)
    if not table.rows or not table.has_header:
        return None
    table.line_start, table.line_end = i + 1, rows[-1].line_end + 1
    return table


# ----------------------------------------------------------------------------- value tables
_VALUE_TOKEN_RE = re.compile(r"^(?:[<>≥≤]|>=|<=)?\d[\d.,/]*%?$|^[-–]$")
_VALUE_ROLES = ("year", "baseline")
_MAX_WRAP_LINES = 2


def _value_columns(header: str, vocab: Vocabulary) -> list[Column] | None:
    """Columns of a one-line header "Chỉ tiêu ĐVT Thực hiện 2025 Kế hoạch 2026 Định hướng
    2030": an indicator first, then (an optional unit and) at least two value columns."""
    text = clean_inline(header)
    if not text or len(text) > 160 or _ROW_ID_RE.match(text.split()[0]):
        return None
    roles = [r for _, _, r in vocab.mentions(fold(text))]
    if not roles or roles[0] not in ("indicator", "task", "no"):
        return None
    if roles[0] == "no":
        roles = roles[1:]
    values = [r for r in roles if r in _VALUE_ROLES]
    rest = [r for r in roles[1:] if r not in _VALUE_ROLES and r != "unit"]
    if len(values) < 2 or rest or roles[0] not in ("indicator", "task"):
        return None
    columns = _pdf_columns(text, vocab)
    # Words before a value column's year belong to it ("Kế hoạch 2026", not "… Kế hoạch").
    for k in range(len(columns) - 1):
        nxt = columns[k + 1]
        if nxt.role in _VALUE_ROLES and columns[k].role in _VALUE_ROLES:
            words = columns[k].header.split()
            year_at = max((n for n, w in enumerate(words) if _YEAR_RE.search(w)), default=-1)
            if 0 <= year_at < len(words) - 1:
                nxt.header = " ".join([*words[year_at + 1 :], nxt.header])
                columns[k].header = " ".join(words[: year_at + 1])
    if [c.role for c in columns if c.role not in ("", "no")][0] not in ("indicator", "actions"):
        return None
    return columns


def _split_values(line: str, k: int) -> tuple[str, list[str]] | None:
    """(text, the k value tokens that end the line) or None."""
    words = clean_inline(line).split()
    if len(words) <= k or not all(_VALUE_TOKEN_RE.match(w) for w in words[-k:]):
        return None
    return " ".join(words[:-k]), words[-k:]


def _unit_suffix(text: str) -> tuple[str, str]:
    """'Tỷ lệ … cáp quang %' → ('Tỷ lệ … cáp quang', '%'); the unit is '%' or one of the
    value units of the prose vocabulary (prose_cues.yaml)."""
    from rag.understand.prose import load_units  # local: prose imports nothing from here

    words = text.split()
    if words and words[-1] == "%":
        return " ".join(words[:-1]), "%"
    folded = [fold(w) for w in words]
    for unit in load_units():
        n = len(unit.split())
        if len(words) > n and " ".join(folded[-n:]) == unit:
            return " ".join(words[:-n]), " ".join(words[-n:])
    if words and len(words[-1]) <= 6 and fold(words[-1]).isalpha() and words[-1].islower():
        return " ".join(words[:-1]), words[-1]
    return text, ""


def _value_table(lines: list[str], offsets: list[int], i: int, vocab: Vocabulary) -> Table | None:
    """A table flattened to one line per row, the values at the end of each line (a PDF
    printed from a table of indicators): header "Chỉ tiêu ĐVT 2025 2026 2030", rows
    "Tỷ lệ … % 61,4 78 95". A name wrapped over lines ends on the line with its values."""
    columns = _value_columns(lines[i], vocab)
    if columns is None:
        return None
    value_idx = [c.index for c in columns if c.role in _VALUE_ROLES]
    unit_idx = next((c.index for c in columns if c.role == "unit"), None)
    name_idx = next(c.index for c in columns if c.role in ("indicator", "actions"))
    k = len(value_idx)
    table = Table("flat", columns)
    pending: list[int] = []
    j = i + 1
    while j < len(lines):
        raw = lines[j]
        if not raw.strip() or _ends_flat(raw) or "\t" in raw or _is_pipe(raw):
            break
        split = _split_values(raw, k)
        text = clean_inline(raw)
        if split is None and table.rows and not pending and text[:1].islower():
            prev = table.rows[-1]  # the name wrapped below the line with the values
            prev.cells[name_idx] = join_wrapped([prev.cells[name_idx], text])
            prev.line_end, prev.end = j + 1, offsets[j] + len(raw)
            j += 1
            continue
        if split is None:
            if len(pending) >= _MAX_WRAP_LINES:
                break
            pending.append(j)
            j += 1
            continue
        text, vals = split
        text = " ".join([*(clean_inline(lines[n]) for n in pending), text])
        unit = ""
        if unit_idx is not None:
            text, unit = _unit_suffix(text)
        cells = [""] * len(columns)
        cells[name_idx] = text
        if unit_idx is not None:
            cells[unit_idx] = unit
        for idx, v in zip(value_idx, vals, strict=True):
            cells[idx] = "" if v in "-–" else v
        first = pending[0] if pending else j
        table.rows.append(
            Row(
                str(len(table.rows) + 1),
                cells,
                "",
                first + 1,
                j + 1,
                offsets[first],
                offsets[j] + len(raw),
            )
        )
        pending = []
        j += 1
    if len(table.rows) < 2:
        return None
    end = table.rows[-1].line_end  # 1-based, inclusive
    table.line_start, table.line_end = i + 1, end
    table.start, table.end = offsets[i], table.rows[-1].end
    return table


_FLAT_END_RE = re.compile(r"^(?:[IVX]{1,4}\.\s+\S|PH[ẦA]N\s+[IVX\d]|Nơi nhận\b|PHỤ LỤC\b)")


def _ends_flat(line: str) -> bool:
    """A line that cannot be inside a PDF-flattened table: a top-level heading (roman
    numeral, PHẦN, PHỤ LỤC, a line in capitals) or the recipients block of the letter."""
    text = clean_inline(line)
    if _FLAT_END_RE.match(text):
        return True
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 8 and sum(c.isupper() for c in letters) / len(letters) > 0.85


_BARE_PIPE_MIN_LINES = 3  # header + two rows: fewer is a sentence with a stray "|"
_BARE_PIPE_MIN_CELLS = 3


def _bare_pipe_end(lines: list[str], i: int) -> int | None:
    """End (exclusive) of a run of pipe rows written without outer bars ("TT | Việc | Hạn"):
    at least three consecutive lines, each split by "|" into the same number (≥ 3) of
    cells; None when line i opens no such run."""

    def width(line: str) -> int:
        s = line.strip()
        if not s or s.startswith("|") or "\t" in line:
            return 0
        return len(re.split(r"(?<!\\)\|", s))

    k = width(lines[i])
    if k < _BARE_PIPE_MIN_CELLS:
        return None
    j = i
    while j < len(lines) and width(lines[j]) == k:
        j += 1
    return j if j - i >= _BARE_PIPE_MIN_LINES else None


def _is_pipe(line: str) -> bool:
    s = line.strip()
    return s.startswith("|") and s.count("|") >= 2


def table_kind(table: Table, section_title: str, vocab: Vocabulary | None = None) -> str:
    """Record kind of a table's rows: budget | result | indicator | task."""
    vocab = vocab or load_vocabulary()
    if table.index("budget") is not None:
        return "budget"
    if vocab.report_sections.search(fold(section_title)):
        return "result"
    if vocab.indicator_tables.search(fold(" ".join(table.header))):
        return "indicator"
    return "task"


# A row that labels its own kind ("Nhiệm vụ: …", "Chỉ tiêu: …"): one table may hold both.
_ROW_LABEL_RE = re.compile(r"^\W*(nhiem vu|chi tieu|chi so|muc tieu)\s*:")


def row_kind(table_kind: str, row_name: str) -> str:
    """The record kind of one row: the table's kind, unless the row's name opens with a
    label naming the other kind ("Nhiệm vụ: …" in a targets table is a task)."""
    if table_kind not in ("indicator", "task"):
        return table_kind
    m = _ROW_LABEL_RE.match(fold(row_name))
    if not m:
        return table_kind
    return "task" if m.group(1) == "nhiem vu" else "indicator"
