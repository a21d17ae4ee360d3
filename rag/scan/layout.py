"""Page text from OCR words: lines, paragraphs, two-column header lines and tables.

Words are grouped into lines as Tesseract read them. A horizontal gap wider than
``gap_factor`` text heights separates cells. A run of lines with at least ``min_table_cells``
cells is a table: its first line gives the columns, a line with nothing in the first column
continues the row above (a wrapped cell), and the table is written as markdown pipe rows, a
form the table reader (rag.understand.tables) reads like any other. Other lines with a wide
gap (a two-column header, a signature beside "Nơi nhận") keep the columns apart with spaces,
as the metadata reader expects. A blank line separates paragraphs; inside a paragraph, a line
that reaches the right edge of the text runs on into the next (the scan's line break is joined),
unless the next starts a list item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from statistics import median

from rag.scan.numbers import check_numbers, numbers_in, repair_row_ids
from rag.scan.ocr import PageWords, Word
from rag.scan.params import OcrParams, load_params

_ROW_NO_RE = re.compile(r"^(?:\d{1,3}(?:\.\d{1,2})*|[IVX]{1,4}|[a-zđ])[.)]?$")
_ITEM_RE = re.compile(
    r"^(?:[-+•–]\s|\d{1,2}(?:\.\d{1,2})*[.)]\s|[a-zđ]\)\s|[IVX]{1,4}\.\s|[A-ZĐ]\.\s)"
)
_RULE_RE = re.compile(r"^[|\[\]]+$")
COLUMN_GAP = "     "  # 3+ spaces: the metadata reader's two-column separator


@dataclass
class _Segment:
    left: int
    right: int
    text: str
    words: list[Word] = field(default_factory=list)


@dataclass
class _Line:
    top: int
    bottom: int
    segments: list[_Segment]
    base: float = 0.0  # median bottom of its words: the baseline, whatever the accents


@dataclass
class PageText:
    text: str
    untrusted: list[str] = field(default_factory=list)  # numbers that cannot be trusted
    repaired: list[tuple[str, str]] = field(default_factory=list)
    open_table: list[float] | None = None  # columns of a table running on to the next page


def _rows_of(ws: list[Word]) -> list[list[Word]]:
    """Tesseract's line split where its words sit on different heights (two table rows it
    read as one line)."""
    height = median(w.height for w in ws)
    rows: list[list[Word]] = []
    for w in sorted(ws, key=lambda w: w.top + w.height):
        bottom = w.top + w.height
        if rows and bottom - median(x.top + x.height for x in rows[-1]) < 0.7 * height:
            rows[-1].append(w)
        else:
            rows.append([w])
    return rows


def _lines(words: list[Word], gap: float) -> list[_Line]:
    groups: dict[tuple[int, int, int], list[Word]] = {}
    for w in words:
        groups.setdefault(w.line, []).append(w)
    out: list[_Line] = []
    for ws in (row for group in groups.values() for row in _rows_of(group)):
        ws.sort(key=lambda w: w.left)
        segs: list[_Segment] = []
        rule = False
        for w in ws:
            if _RULE_RE.match(w.text):  # a table's vertical rule read as a character
                rule = True
                continue
            if segs and not rule and w.left - segs[-1].right <= gap:
                segs[-1].text += " " + w.text
                segs[-1].right = w.left + w.width
                segs[-1].words.append(w)
            else:
                segs.append(_Segment(w.left, w.left + w.width, w.text, [w]))
            rule = False
        if not segs:
            continue
        top, bottom = min(w.top for w in ws), max(w.top + w.height for w in ws)
        out.append(_Line(top, bottom, segs, median(w.top + w.height for w in ws)))
    out.sort(key=lambda ln: ln.top)
    return out


def _column_at(x: float, bounds: list[float]) -> int:
    """The column whose left boundary is the last one at or before x."""
    best = 0
    for i, b in enumerate(bounds):
        if x >= b:
            best = i
    return best


def _bounds(line: _Line, height: float) -> list[float]:
    """Column boundaries of a table's first line: a column starts a little (at most one text
    height, at most half the gap) before its header cell, as cell text under a short header
    runs on to the right."""
    segs = line.segments
    return [float("-inf")] + [
        b.left - min(height, (b.left - a.right) / 2) for a, b in zip(segs, segs[1:], strict=False)
    ]


def _split(line: _Line, bounds: list[float], tolerance: float) -> _Line | None:
    """The line cut into cells at the column boundaries, or None when it runs across them (a
    prose line): a word may not straddle a boundary, and a cut must fall in a space between
    words, not inside a run of text."""
    segs: list[_Segment] = []
    for seg in line.segments:
        current: _Segment | None = None
        col = -1
        for w in seg.words:
            c = _column_at(w.left + tolerance, bounds)
            if c != _column_at(w.left + w.width - tolerance, bounds):
                return None
            if current is not None and c != col:
                if w.left - current.right < tolerance:  # an ordinary space: prose
                    return None
                segs.append(current)
                current = None
            if current is None:
                current, col = _Segment(w.left, w.left + w.width, w.text, [w]), c
            else:
                current.text += " " + w.text
                current.right = w.left + w.width
                current.words.append(w)
        if current is not None:
            segs.append(current)
    return _Line(line.top, line.bottom, segs, line.base)


def _row_pitch(lines: list[_Line], height: float, p: OcrParams) -> float:
    """Baseline distance from which a line starts a new table row: a factor of the page's
    usual distance between lines."""
    pitches = [
        b.base - a.base for a, b in zip(lines, lines[1:], strict=False) if 0 < b.base - a.base
    ]
    usual = median([x for x in pitches if x < 2.5 * height] or [1.5 * height])
    return p.row_pitch_factor * usual


def _table_end(
    lines: list[_Line], i: int, bounds: list[float], height: float, row_pitch: float
) -> int:
    """The table goes on over lines that fit its columns and are either close below the line
    above (a wrapped cell) or hold two cells or more (a new row)."""
    j = i + 1
    while j < len(lines):
        cut = _split(lines[j], bounds, height)
        if cut is None:
            break
        if lines[j].base - lines[j - 1].base >= row_pitch and len(cut.segments) < 2:
            break
        j += 1
    return j


def _table(
    lines: list[_Line], bounds: list[float], height: float, row_pitch: float, continued: bool
) -> list[str]:
    """Pipe rows of a run of table lines. A line starts a new row when its baseline is further
    below the line above than a wrapped line's, or when the table is numbered and its first
    cell is a number; other lines continue the cells of the row above. The first row is the
    header, unless the run goes on from the page before (`continued`)."""
    cells_of: list[list[str]] = []
    for ln in lines:
        cells = [""] * len(bounds)
        for seg in (_split(ln, bounds, height) or ln).segments:
            i = _column_at((seg.left + seg.right) / 2, bounds)
            cells[i] = f"{cells[i]} {seg.text}".strip()
        cells_of.append(cells)
    body = cells_of if continued else cells_of[1:]
    for cells, cell in zip(body, repair_row_ids([c[0] for c in body]), strict=True):
        cells[0] = cell
    firsts = [c[0] for c in cells_of[1:] if c[0]]
    numbered = bool(firsts) and 2 * sum(bool(_ROW_NO_RE.match(c)) for c in firsts) > len(firsts)
    rows: list[list[str]] = []
    for k, cells in enumerate(cells_of):
        starts = k == 0 or lines[k].base - lines[k - 1].base >= row_pitch
        if numbered and _ROW_NO_RE.match(cells[0]):
            starts = True
        if not starts:
            prev = rows[-1]
            for i, c in enumerate(cells):
                if c:
                    prev[i] = f"{prev[i]} {c}".strip()
            continue
        rows.append(cells)
    out = []
    for n, cells in enumerate(rows):
        out.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
        if n == 0 and not continued:
            out.append("|" + " --- |" * len(cells))
    return out


def page_text(
    page: PageWords, params: OcrParams | None = None, carry: list[float] | None = None
) -> PageText:
    """The text of one OCR'd page, with its numbers checked for typical confusions. `carry`:
    the columns of a table that ran to the end of the page before (PageText.open_table)."""
    params = params or load_params()
    if not page.words:
        return PageText("")
    untrusted: list[str] = []
    repaired: list[tuple[str, str]] = []
    words = []
    for w in page.words:
        if not any(c.isalnum() or c in "%-–+&/" for c in w.text) and (
            w.conf < params.word_confidence_floor
        ):
            continue  # a speck or a stamp read as a character
        checked = check_numbers(w.text, words[-1].text if words else "")
        repaired += checked.repaired
        if checked.repaired or w.conf < params.word_confidence_floor:
            untrusted += numbers_in(checked.text)
        words.append(Word(checked.text, w.conf, w.left, w.top, w.width, w.height, w.line))
    height = median(w.height for w in words)
    lines = _lines(words, params.gap_factor * height)
    row_pitch = _row_pitch(lines, height, params)
    rights = sorted(ln.segments[-1].right for ln in lines)
    right_edge = rights[int(0.9 * (len(rights) - 1))]
    out: list[str] = []
    open_table: list[float] | None = None
    prose: _Line | None = None  # the line above, when it was prose that may run on
    i = 0
    prev_bottom = None
    while i < len(lines):
        ln = lines[i]
        if prev_bottom is not None and ln.top - prev_bottom > 0.9 * height and out and out[-1]:
            out.append("")
            prose = None
        continued = i == 0 and carry is not None and _split(ln, carry, height) is not None
        bounds = carry if continued else None
        if bounds is None and len(ln.segments) >= params.min_table_cells:
            bounds = _bounds(ln, height)
        if bounds is not None:
            j = _table_end(lines, i, bounds, height, row_pitch)
            many = sum(len(x.segments) >= params.min_table_cells for x in lines[i:j])
            # A table whose header is the last thing on the page goes on on the next one.
            if continued or many >= 2 or j == len(lines):
                if out and out[-1]:
                    out.append("")
                out += _table(lines[i:j], bounds, height, row_pitch, continued)
                out.append("")
                open_table = bounds if j == len(lines) else None
                prev_bottom = lines[j - 1].bottom
                prose = None
                i = j
                continue
        line = COLUMN_GAP.join(s.text for s in ln.segments)
        # A line of prose that reaches the right edge runs on: join the scan's line break.
        if (
            prose is not None
            and len(prose.segments) == len(ln.segments) == 1
            and prose.segments[0].right >= right_edge - 2.5 * height
            and not _ITEM_RE.match(line)
        ):
            out[-1] += " " + line
        else:
            out.append(line)
        prose = ln
        open_table = None
        prev_bottom = ln.bottom
        i += 1
    text = "\n".join(out).strip()
    return PageText(text, list(dict.fromkeys(untrusted)), repaired, open_table)
