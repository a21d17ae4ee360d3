"""Tables of a PDF read from the page layout: an HTML or Word table printed to PDF.

The plain text layer of such a PDF loses the columns: a narrow cell wraps over many lines and
the extractor prints the lines of all cells of a row interleaved, word by word. The layout text
layer (pypdf ``extraction_mode="layout"``) keeps every word at its horizontal position, so the
columns can be found again:

- the header starts with a row-number word ("TT", "STT") and ends at the first numbered row;
  header words on consecutive lines that overlap form one header block; a block with other
  blocks below it within its reach is a merged (spanning) header ("Kinh phí (triệu đồng)" over
  "Tổng / NSNN / Xã hội hoá") and prefixes the names of the columns under it;
- column starts are where the cells of the numbered rows start;
- every word of a row (its numbered line and the lines below it) goes to the column it starts in.

``rebuild_tables(plain, layout)`` returns the plain text with each such table replaced by a
markdown pipe table (one line per row), which the table reader (rag.understand.tables) reads
like any other. A table that cannot be matched back to the plain text is left as it was.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from rag.understand.tables import clean_inline, load_vocabulary

_SEG_RE = re.compile(r"\S+(?: \S+)*")  # words joined by single spaces
_ROW_NO_RE = re.compile(r"^(\d{1,2})(?:\.\d{1,2})*\.?$")
# A table printed the other way round: "Năm | indicator A | indicator B", a row per year.
_YEAR_HEAD_RE = re.compile(r"^N[ăa]m$", re.I)
_YEAR_KEY_RE = re.compile(r"^(20\d\d)$")
_TOTAL_RE = re.compile(r"^(?:T[ổô]ng(?: c[ộo]ng)?|C[ộo]ng)(?!\w)")
_MAX_HEADER_LINES = 10
# A line that may open a table header: a row-number word first (cheap test before the layout).
TABLE_START_RE = re.compile(r"^\s*(?:(?:S[ốô]?\s?)?TT\b|N[ăa]m\b(?!\s*\d))", re.M)
_TOL = 2  # a word may start this many characters left of its column
_SLACK = 0.05  # share of the words of a table that may differ in the plain text
_MERGE = 5  # start positions this close, never in one row, are one column
_COVER = 0.9  # share of the layout reading's words a glyph reading must hold to replace it


@dataclass
class _Seg:
    line: int
    x0: int
    x1: int
    text: str

    @property
    def center(self) -> float:
        return (self.x0 + self.x1) / 2


def _segments(line: str, n: int) -> list[_Seg]:
    return [_Seg(n, m.start(), m.end(), m.group(0)) for m in _SEG_RE.finditer(line)]


def _row_no(segs: list[_Seg], no_x: int, key: re.Pattern[str] = _ROW_NO_RE) -> str | None:
    """The row number that opens a row line ("1", "2.3"; a year when `key` is the year
    pattern), or None."""
    if not segs or abs(segs[0].x0 - no_x) > _TOL:
        return None
    first = segs[0].text.split()[0]
    return first.rstrip(".") if key.match(first) else None


def _split_no(segs: list[_Seg], key: re.Pattern[str] = _ROW_NO_RE) -> list[_Seg]:
    """ "1 Tỷ lệ …" read as one segment (one space after the number): two cells."""
    head = segs[0]
    words = head.text.split(" ", 1)
    if len(words) == 2 and key.match(words[0]):
        x = head.x0 + len(words[0]) + 1
        return [_Seg(head.line, head.x0, head.x0 + len(words[0]), words[0]),
                _Seg(head.line, x, head.x1, words[1]), *segs[1:]]  # fmt: skip
    return segs


@dataclass
class LayoutTable:
    line_start: int  # 0-based, inclusive, in the layout text
    line_end: int  # exclusive
    header: list[str]
    rows: list[list[str]]
    words: Counter  # every word of the table (to find it again in the plain text)

    def pipe_lines(self) -> list[str]:
        def cell(text: str) -> str:
            return text.replace("|", "/").strip()

        out = ["| " + " | ".join(cell(h) for h in self.header) + " |"]
        out.append("|" + "---|" * len(self.header))
        out.extend("| " + " | ".join(cell(c) for c in row) + " |" for row in self.rows)
        return out


def _column_starts(first_lines: list[list[_Seg]]) -> list[int]:
    """Starts of the columns: positions where cells of the numbered rows begin. Close start
    positions that never occur in the same row are one column (the layout of another page
    may shift a column by a few characters)."""
    starts = sorted({s.x0 for segs in first_lines for s in segs})
    rows_at = {
        x: {n for n, segs in enumerate(first_lines) for s in segs if s.x0 == x} for x in starts
    }
    clusters: list[tuple[list[int], set[int]]] = []
    for x in starts:
        if clusters:
            xs, rows = clusters[-1]
            if x - xs[-1] <= _MERGE and not rows & rows_at[x]:
                xs.append(x)
                rows |= rows_at[x]
                continue
        clusters.append(([x], set(rows_at[x])))
    need = max(2, len(first_lines) // 4)
    return [min(xs) for xs, rows in clusters if len(rows) >= need]


def _column_of(x: int, starts: list[int]) -> int:
    k = 0
    for n, st in enumerate(starts):
        if x >= st - _TOL:
            k = n
    return k


def _header_names(segs: list[_Seg], starts: list[int], extents: list[tuple[int, int]]) -> list[str]:
    """Column names from the header words: blocks of overlapping words on consecutive lines;
    a block with blocks below it within its reach spans (prefixes) those columns."""
    blocks: list[list[_Seg]] = []
    by_line: dict[int, list[_Seg]] = {}
    for s in segs:
        by_line.setdefault(s.line, []).append(s)
    for s in sorted(segs, key=lambda s: (s.line, s.x0)):
        for b in blocks:
            last = b[-1]
            if last.line != s.line - 1 or not (s.x0 < last.x1 and last.x0 < s.x1):
                continue
            x0, x1 = min(t.x0 for t in b) - 1, max(t.x1 for t in b) + 1
            under = [t for t in by_line[s.line] if t.x0 < x1 and x0 < t.x1]
            if len(under) >= 2:
                continue  # several names under one: a merged header over their columns
            b.append(s)
            break
        else:
            blocks.append([s])
    info = []
    for b in blocks:
        x0, x1 = min(s.x0 for s in b), max(s.x1 for s in b)
        info.append((b, x0, x1, b[0].line, b[-1].line, " ".join(s.text for s in b)))
    parent_of: dict[int, list[int]] = {}
    for i, (_, x0, x1, _, bottom, _) in enumerate(info):
        reach = (x1 - x0) / 2
        kids = [
            j
            for j, (_, a0, a1, top, _, _) in enumerate(info)
            if j != i and top > bottom and x0 - reach <= (a0 + a1) / 2 <= x1 + reach
        ]
        if len(kids) >= 2:
            parent_of[i] = kids
    width = len(starts)
    leaf: list[list[str]] = [[] for _ in range(width)]
    prefix: list[list[str]] = [[] for _ in range(width)]
    for i, (b, _, _, _, _, text) in enumerate(info):
        if i in parent_of:
            continue
        col = _best_column(b[-1].x0, b[-1].x1, extents)  # the last line: under any parent
        leaf[col].append(text)
        for p, kids in parent_of.items():
            if i in kids and info[p][5] not in prefix[col]:
                prefix[col].append(info[p][5])
    return [" ".join([*prefix[k], *leaf[k]]) for k in range(width)]


def _best_column(x0: int, x1: int, extents: list[tuple[int, int]]) -> int:
    """The column a header block names: the one its words overlap most, else the nearest
    (a right-aligned number column has its header left of its cells)."""

    def key(k: int) -> tuple[int, float]:
        a, b = extents[k]
        overlap = max(0, min(x1, b) - max(x0, a))
        return (-overlap, abs((a + b) / 2 - (x0 + x1) / 2))

    return min(range(len(extents)), key=key)


def find_layout_tables(layout: str) -> list[LayoutTable]:
    """Tables of a layout text whose header starts with a row-number word."""
    vocab = load_vocabulary()
    lines = layout.split("\n")
    out: list[LayoutTable] = []
    i = 0
    while i < len(lines):
        segs = _segments(lines[i], i)
        first = segs[0].text.split()[0] if segs else ""
        by_year = bool(_YEAR_HEAD_RE.match(first))
        if not segs or (vocab.role(first) != "no" and not by_year) or _ROW_NO_RE.match(first):
            i += 1
            continue
        key = _YEAR_KEY_RE if by_year else _ROW_NO_RE
        no_x = segs[0].x0
        header: list[_Seg] = []
        j = i
        while j < len(lines) and j - i < _MAX_HEADER_LINES:
            line_segs = _segments(lines[j], j)
            if _row_no(_split_no(line_segs, key) if line_segs else line_segs, no_x, key):
                break
            header.extend(line_segs)
            j += 1
        if j - i >= _MAX_HEADER_LINES or j >= len(lines):
            i += 1
            continue
        lead = j  # a row's cell may start above its number (cells centred vertically)
        while lead > i + 1 and lines[lead - 1].strip():
            lead -= 1
        if lead > i + 1 and _banded(lines, lead, no_x, key):
            header = [s for s in header if s.line < lead]
            rows, total, k = _band_rows(lines, lead, no_x, key)
        else:
            rows, total, k = _line_rows(lines, j, no_x, key)
        end = k
        while end > j and not lines[end - 1].strip():
            end -= 1
        table = _build(header, rows, total, no_x, i, end, by_year)
        if table is None:
            i += 1
            continue
        out.append(table)
        i = end
    return out


def _numbered(line: str, n: int, no_x: int, key: re.Pattern[str] = _ROW_NO_RE) -> list[_Seg] | None:
    """The segments of a line that opens a row (its row number first), or None."""
    segs = _segments(line, n)
    if not segs:
        return None
    segs = _split_no(segs, key)
    return segs if _row_no(segs, no_x, key) else None


def _bands(lines: list[str], start: int) -> list[tuple[int, int]]:
    """Runs [a, b) of consecutive non-blank lines from `start`."""
    out: list[tuple[int, int]] = []
    k = start
    while k < len(lines):
        if not lines[k].strip():
            k += 1
            continue
        a = k
        while k < len(lines) and lines[k].strip():
            k += 1
        out.append((a, k))
    return out


def _banded(lines: list[str], start: int, no_x: int, key: re.Pattern[str] = _ROW_NO_RE) -> bool:
    """Rows set apart by blank lines, each with its number on one of its lines (not always
    the first: a Word or HTML cell centred vertically prints the number mid-row)."""
    counts = []
    for a, b in _bands(lines, start)[:6]:
        n = sum(1 for k in range(a, b) if _numbered(lines[k], k, no_x, key))
        if n == 0:
            break
        counts.append(n)
    return len(counts) >= 2 and all(n == 1 for n in counts)


def _band_rows(
    lines: list[str], start: int, no_x: int, key: re.Pattern[str] = _ROW_NO_RE
) -> tuple[list[list[_Seg]], list[_Seg] | None, int]:
    """Rows of a banded table: every line of a band belongs to the row numbered in it; a
    band without a number continues the row above (a row broken over a page)."""
    rows: list[list[_Seg]] = []
    total: list[_Seg] | None = None
    k = start
    for a, b in _bands(lines, start):
        numbered = [n for n in range(a, b) if _numbered(lines[n], n, no_x, key)]
        band = [s for n in range(a, b) for s in _segments(lines[n], n)]
        if len(numbered) == 1:
            no_line = numbered[0]
            first = _numbered(lines[no_line], no_line, no_x, key) or []
            rows.append(first + [s for s in band if s.line != no_line])
        elif numbered:
            break  # several rows in one band: not this layout
        elif _TOTAL_RE.match(band[0].text) and rows:
            total = band
            k = b
            break
        elif band[0].x0 > no_x + _TOL and rows:
            rows[-1] = rows[-1] + band
        else:
            k = a
            break
        k = b
    return rows, total, k


def _line_rows(
    lines: list[str], j: int, no_x: int, key: re.Pattern[str] = _ROW_NO_RE
) -> tuple[list[list[_Seg]], list[_Seg] | None, int]:
    """Rows of a table whose rows start at their numbered line."""
    rows: list[list[_Seg]] = []
    total: list[_Seg] | None = None
    k = j
    while k < len(lines):
        line_segs = _segments(lines[k], k)
        if not line_segs:
            k += 1
            continue
        line_segs = _split_no(line_segs, key)
        after_blank = k > j and not lines[k - 1].strip()
        if _row_no(line_segs, no_x, key):
            rows.append(line_segs)
        elif key is _YEAR_KEY_RE and after_blank:
            break  # a row of years wraps onto the lines right below it, not past a blank line
        elif _TOTAL_RE.match(line_segs[0].text) and rows:
            total = line_segs
            k += 1
            break
        elif line_segs[0].x0 > no_x + _TOL and rows:
            rows[-1] = rows[-1] + line_segs
        else:
            break
        k += 1
    return rows, total, k


def _build(
    header: list[_Seg],
    rows: list[list[_Seg]],
    total: list[_Seg] | None,
    no_x: int,
    start: int,
    end: int,
    by_year: bool = False,
) -> LayoutTable | None:
    vocab = load_vocabulary()
    if len(rows) < 2:
        return None
    first_lines = [[s for s in r if s.line == r[0].line] for r in rows]
    starts = _column_starts(first_lines)
    if len(starts) < 3 or abs(starts[0] - no_x) > _TOL:
        return None
    body = []
    extents = [(x, x + 1) for x in starts]
    for r in [*rows, *([total] if total else [])]:
        cells: list[list[str]] = [[] for _ in starts]
        for s in sorted(r, key=lambda s: (s.line, s.x0)):
            col = _column_of(s.x0, starts)
            cells[col].append(s.text)
            if r is not total:
                a, b = extents[col]
                extents[col] = (min(a, s.x0), max(b, s.x1))
        body.append([_join(c) for c in cells])
    names = _header_names(header, starts, extents)
    roles = [vocab.role(n) for n in names]
    if by_year:
        # rows keyed by distinct years stand in for the header roles (the table reader
        # reads it the other way round: rag.understand.tables)
        if len({r[0] for r in body}) < len(body):
            return None
    elif sum(1 for r in roles if r not in ("", "no")) < 2:
        return None
    words: Counter = Counter()
    for s in [*header, *(s for r in rows for s in r), *(total or [])]:
        words.update(s.text.split())
    return LayoutTable(start, end, names, body, words)


def _join(parts: list[str]) -> str:
    out = ""
    for p in parts:
        if out.endswith("-") and not out.endswith(" -") and p[:1].isdigit():
            out += p  # "1990-" + "2015"
        else:
            out = f"{out} {p}" if out else p
    return clean_inline(out)


def rebuild_tables(plain: str, layout: str, first: list[LayoutTable] | None = None) -> str:
    """The plain text with every table found in the layout text replaced by a pipe table;
    the tables `first` (read from glyph positions: rag.understand.pdf_grid) take precedence
    over those of the layout text where both cover the same lines."""
    tables = find_layout_tables(layout)
    tables += find_unnumbered_tables(layout)
    if not tables and not first:
        return plain
    lines = plain.split("\n")
    found = [(s[0], s[1], t) for t in tables if (s := _locate(lines, t)) is not None]
    spans: list[tuple[int, int, LayoutTable]] = []
    for table in first or []:
        span = _locate(lines, table)
        if span is None:
            continue
        a, b = span
        rivals = [t for x, y, t in found if a < y and x < b]
        if any(_beats(t, table) for t in rivals) or any(a < y and x < b for x, y, _ in spans):
            continue
        spans.append((a, b, table))
    for a, b, table in found:
        if not any(a < y and x < b for x, y, _ in spans):
            spans.append((a, b, table))
    for a, b, table in sorted(spans, key=lambda s: -s[0]):
        lines[a:b] = table.pipe_lines()
    return "\n".join(lines)


def _named(table: LayoutTable) -> int:
    """Columns named by the vocabulary, less the names left empty or given twice."""
    vocab = load_vocabulary()
    names = [" ".join(h.split()).casefold() for h in table.header]
    named = sum(1 for h in table.header if vocab.role(h))
    unfilled = sum(1 for k in range(len(names)) if not any(r[k] for r in table.rows if k < len(r)))
    return named - sum(1 for h in names if not h) - (len(names) - len(set(names))) - unfilled


def _beats(layout: LayoutTable, grid: LayoutTable) -> bool:
    """The layout-text reading of a table is kept over the glyph reading when it names more
    columns or the glyph reading misses a part of it (rows on a page it did not follow)."""
    covered = sum(grid.words.values()) < _COVER * sum(layout.words.values())
    return _named(layout) > _named(grid) or covered


def _locate(lines: list[str], table: LayoutTable) -> tuple[int, int] | None:
    """Lines [a, b) of the plain text that hold the words of the table (a word the layout
    glued to its neighbour, "tài%", is allowed to differ)."""
    total = sum(table.words.values())
    first = table.header[0].split()[0] if table.header and table.header[0] else ""
    for a, line in enumerate(lines):
        if not first or not line.strip().startswith(first):
            continue
        left = Counter(table.words)
        b, missed = a, 0
        while b < len(lines) and sum(left.values()) > 0:
            need = Counter(lines[b].split())
            fit = sum(min(left[w], n) for w, n in need.items())
            if need and fit < sum(need.values()) * 0.5:
                # A line of words the layout printed outside the table (a spanning header
                # above the row-number line, a stray glyph at the top of a continued page)
                # inside it: skipped while within the slack.
                size = sum(need.values())
                after = (line for line in lines[b + 1 :] if line.strip())  # blank lines apart
                nxt = Counter(next(after, "").split())
                nxt_fit = sum(min(left[w], n) for w, n in nxt.items())
                if b == a or not nxt or nxt_fit < sum(nxt.values()) * 0.5:
                    break
                if missed + size > total * _SLACK:
                    break
                missed += size
                b += 1
                continue
            missed += sum(need.values()) - fit
            left -= need
            b += 1
        if sum(left.values()) <= total * _SLACK and missed <= total * _SLACK:
            return a, b
    return None


# ----------------------------------------------------------------------------- unnumbered
# Tables without a row-number column (the agency first: "Cơ quan chủ trì | Cơ quan phối hợp |
# Nhiệm vụ | …", its cells merged over several rows, full-width group rows "Lĩnh vực 1. …"):
# a row starts at a line with cells in most columns, including the deadline column when the
# table has one; a line of one cell at the left edge followed by a row is a group row; an empty
# lead cell repeats the lead above it (a cell merged over rows), up to the next group row.
_MIN_CELLS = 3
_GROUP_NO_RE = re.compile(r"(?:^|\s)(?:[IVX]+|[A-Z]|\d{1,2})[.:)](?:\s|$)")


def may_have_tables(text: str) -> bool:
    """Whether the plain text layer may hold a table the layout can rebuild (cheap test)."""
    if TABLE_START_RE.search(text):
        return True
    vocab = load_vocabulary()
    from rag.text import fold

    for line in text.split("\n"):
        roles = {r for _, _, r in vocab.mentions(fold(line))}
        if len(roles - {"no"}) >= 3:
            return True
    return False


def _header_line(segs: list[_Seg]) -> bool:
    vocab = load_vocabulary()
    roles = [vocab.role(s.text) for s in segs]
    return len(segs) >= _MIN_CELLS and sum(1 for r in roles if r not in ("", "no")) >= 3


def find_unnumbered_tables(layout: str) -> list[LayoutTable]:
    """Tables of a layout text without a row-number column (see the comment above)."""
    lines = layout.split("\n")
    out: list[LayoutTable] = []
    i = 0
    while i < len(lines):
        segs = _segments(lines[i], i)
        if not _header_line(segs) or vocab_no(segs):
            i += 1
            continue
        table = _unnumbered_at(lines, i)
        if table is None:
            i += 1
            continue
        out.append(table)
        i = table.line_end
    return out


def vocab_no(segs: list[_Seg]) -> bool:
    """The header names a row-number column (the numbered reader handles it)."""
    return bool(segs) and load_vocabulary().role(segs[0].text.split()[0]) == "no"


def _unnumbered_at(lines: list[str], h: int) -> LayoutTable | None:
    vocab = load_vocabulary()
    head = _segments(lines[h], h)
    width = len(head)
    x_left = head[0].x0
    names = [s.text for s in head]
    k = h + 1  # header lines wrapped below the first: each word to the name above it
    while k < len(lines) and k - h < _MAX_HEADER_LINES:
        segs = _segments(lines[k], k)
        if segs and (len(segs) >= _MIN_CELLS or len(segs) == 1 and segs[0].x0 <= x_left + _TOL):
            break
        for s in segs:
            col = min(range(width), key=lambda c: abs(head[c].center - s.center))
            names[col] = f"{names[col]} {s.text}"
        k += 1
    roles = [vocab.role(nm) for nm in names]
    if sum(1 for r in roles if r not in ("", "no")) < 3:
        return None
    deadline = roles.index("deadline") if "deadline" in roles else None
    lead = roles.index("lead") if "lead" in roles else None
    # walk the body: rows (cells in most columns), their continuation lines, group lines
    ref: list[int] | None = None  # cell starts of the last full row (this page's columns)
    rows: list[tuple[str, list[list[str]]]] = []  # (group label | "", cells)
    row_lines: list[int] = []  # the last layout line of each entry of rows
    total_at = -1  # index in rows of a total line ("Cộng", "Tổng cộng")
    blank_before = False
    n = k
    while n < len(lines):
        segs = _segments(lines[n], n)
        if not segs:
            blank_before = True
            n += 1
            continue
        if len(segs) == width:
            ref = [s.x0 for s in segs]
        is_row = len(segs) >= _MIN_CELLS and ref is not None
        if len(segs) == 1 and segs[0].x0 <= x_left + 2 * _TOL + 1:
            nxt = next((m for m in range(n + 1, len(lines)) if lines[m].strip()), None)
            if nxt is not None and len(_segments(lines[nxt], nxt)) >= _MIN_CELLS:
                rows.append((segs[0].text, []))
                row_lines.append(n)
                blank_before = False
                n += 1
                continue
        if ref is None or (not is_row and (blank_before or not rows or not rows[-1][1])):
            break
        cols = [min(range(width), key=lambda c: abs(ref[c] - s.x0)) for s in segs]
        if any(abs(ref[c] - s.x0) > _MERGE + _TOL for c, s in zip(cols, segs, strict=True)):
            break  # a line that is not in the columns: the text after the table
        total = bool(_TOTAL_RE.match(segs[0].text)) and segs[0].x0 <= x_left + 2 * _TOL + 1
        opens = total or is_row and (deadline is None or deadline in cols)
        if opens or not rows or not rows[-1][1]:
            rows.append(("", [[] for _ in range(width)]))
            row_lines.append(n)
        for c, s in zip(cols, segs, strict=True):
            rows[-1][1][c].append(s.text)
        row_lines[-1], blank_before = n, False
        n += 1
        if total:
            total_at = len(rows) - 1
            break
    while rows and rows[-1][0]:  # a group label with no row under it is not the table's
        rows.pop()
        row_lines.pop()
    body: list[list[str]] = []
    above = ""
    words: Counter = Counter(w for nm in names for w in nm.split())
    for idx, (label, cells) in enumerate(rows):
        words.update(w for c in cells for part in c for w in part.split())
        words.update(label.split())
        if label:
            body.append([f"**{label}**"] + [""] * (width - 1))
            above = ""
            continue
        row = [_join(c) for c in cells]
        if lead is not None and idx != total_at:
            if row[lead]:
                above = row[lead]
            else:
                row[lead] = above  # a lead cell merged over several rows
        body.append(row)
    if sum(1 for r in body if not r[0].startswith("**")) < 2:
        return None
    return LayoutTable(h, row_lines[-1] + 1, names, body, words)
