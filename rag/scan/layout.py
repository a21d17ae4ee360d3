"""Page text from OCR words: lines, paragraphs, two-column header lines and tables.

Words are grouped into lines as Tesseract read them. A horizontal gap wider than
``gap_factor`` text heights separates cells. A run of lines with at least ``min_table_cells``
cells is a table: its first line gives the columns, a line with nothing in the first column
continues the row above (a wrapped cell), and the table is written as markdown pipe rows, a
form the table reader (rag.understand.tables) reads like any other. Other lines with a wide
gap (a two-column header, a signature beside "Nơi nhận") keep the columns apart with spaces,
as the metadata reader expects. A blank line separates paragraphs; lines broken by the scan
inside a paragraph are joined later by the chunker, as for PDF text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from statistics import median

from rag.scan.numbers import check_numbers, numbers_in, repair_row_ids
from rag.scan.ocr import PageWords, Word
from rag.scan.params import OcrParams, load_params

_ROW_NO_RE = re.compile(r"^(?:\d{1,3}(?:\.\d{1,2})*|[IVX]{1,4}|[a-zđ])[.)]?$")
_RULE_RE = re.compile(r"^[|\[\]]+$")
COLUMN_GAP = "     "  # 3+ spaces: the metadata reader's two-column separator


@dataclass
class _Segment:
    left: int
    right: int
    text: str


@dataclass
class _Line:
    top: int
    bottom: int
    segments: list[_Segment]


@dataclass
class PageText:
    text: str
    untrusted: list[str] = field(default_factory=list)  # numbers that cannot be trusted
    repaired: list[tuple[str, str]] = field(default_factory=list)


def _lines(words: list[Word], gap: float) -> list[_Line]:
    groups: dict[tuple[int, int, int], list[Word]] = {}
    for w in words:
        groups.setdefault(w.line, []).append(w)
    out: list[_Line] = []
    for ws in groups.values():
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
            else:
                segs.append(_Segment(w.left, w.left + w.width, w.text))
            rule = False
        out.append(_Line(min(w.top for w in ws), max(w.top + w.height for w in ws), segs))
    out.sort(key=lambda ln: ln.top)
    return out


def _column_of(seg: _Segment, bounds: list[float]) -> int:
    """The column whose left boundary is the last one at or before the segment's centre."""
    centre = (seg.left + seg.right) / 2
    best = 0
    for i, b in enumerate(bounds):
        if centre >= b:
            best = i
    return best


def _table(lines: list[_Line], height: float, params: OcrParams) -> list[str]:
    """Pipe rows of a run of table lines. The first line gives the columns (boundaries in the
    middle of its gaps); a line starts a new row when the table is numbered and its first cell
    is a number, or, in a table without numbers, when a wider gap than a wrapped line's
    separates it from the line above; other lines continue the cells of the row above."""
    head = lines[0].segments
    bounds = [float("-inf")] + [
        (a.right + b.left) / 2 for a, b in zip(head, head[1:], strict=False)
    ]
    cells_of: list[list[str]] = []
    for ln in lines:
        cells = [""] * len(bounds)
        for seg in ln.segments:
            i = _column_of(seg, bounds)
            cells[i] = f"{cells[i]} {seg.text}".strip()
        cells_of.append(cells)
    gaps = [0.0] + [lines[k].top - lines[k - 1].bottom for k in range(1, len(lines))]
    row_gap = params.row_gap_factor * height
    first_data = 1
    while first_data < len(lines) and not cells_of[first_data][0] and gaps[first_data] < row_gap:
        first_data += 1
    ids = repair_row_ids([c[0] for c in cells_of[first_data:]])
    for cells, cell in zip(cells_of[first_data:], ids, strict=True):
        cells[0] = cell
    firsts = [c[0] for c in cells_of[first_data:] if c[0]]
    numbered = bool(firsts) and sum(_ROW_NO_RE.match(c) is not None for c in firsts) * 2 > len(
        firsts
    )
    rows: list[list[str]] = []
    for k, cells in enumerate(cells_of):
        if k == 0 or k == first_data:
            starts = True
        elif k < first_data:
            starts = False
        elif numbered:
            starts = _ROW_NO_RE.match(cells[0]) is not None
        else:
            starts = gaps[k] >= row_gap
        if not starts and rows:
            prev = rows[-1]
            for i, c in enumerate(cells):
                if c:
                    prev[i] = f"{prev[i]} {c}".strip()
            continue
        rows.append(cells)
    out = []
    for n, cells in enumerate(rows):
        out.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
        if n == 0:
            out.append("|" + " --- |" * len(cells))
    return out


def page_text(page: PageWords, params: OcrParams | None = None) -> PageText:
    """The text of one OCR'd page, with its numbers checked for typical confusions."""
    params = params or load_params()
    if not page.words:
        return PageText("")
    untrusted: list[str] = []
    repaired: list[tuple[str, str]] = []
    words = []
    for w in page.words:
        checked = check_numbers(w.text)
        repaired += checked.repaired
        if checked.repaired or w.conf < params.word_confidence_floor:
            untrusted += numbers_in(checked.text)
        words.append(Word(checked.text, w.conf, w.left, w.top, w.width, w.height, w.line))
    height = median(w.height for w in words)
    lines = _lines(words, params.gap_factor * height)
    out: list[str] = []
    i = 0
    prev_bottom = None
    while i < len(lines):
        ln = lines[i]
        if prev_bottom is not None and ln.top - prev_bottom > 0.9 * height and out and out[-1]:
            out.append("")
        if len(ln.segments) >= params.min_table_cells:
            j = i + 1
            # The table goes on over lines with two or more cells, and over one-cell lines
            # close below the line above (a wrapped cell), up to a paragraph gap.
            while j < len(lines) and (
                len(lines[j].segments) >= 2
                or lines[j].top - lines[j - 1].bottom < params.row_gap_factor * 2 * height
            ):
                j += 1
            if sum(len(x.segments) >= params.min_table_cells for x in lines[i:j]) >= 2:
                if out and out[-1]:
                    out.append("")
                out += _table(lines[i:j], height, params)
                out.append("")
                prev_bottom = lines[j - 1].bottom
                i = j
                continue
        out.append(COLUMN_GAP.join(s.text for s in ln.segments))
        prev_bottom = ln.bottom
        i += 1
    text = "\n".join(out).strip()
    return PageText(text, list(dict.fromkeys(untrusted)), repaired)
