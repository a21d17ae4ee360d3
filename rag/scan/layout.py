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


def _table(lines: list[_Line]) -> list[str]:
    head = lines[0].segments
    # Column boundaries: the middle of the gaps between the first row's cells.
    bounds = [float("-inf")] + [
        (a.right + b.left) / 2 for a, b in zip(head, head[1:], strict=False)
    ]
    rows: list[list[str]] = []
    for ln in lines:
        cells = [""] * len(bounds)
        for seg in ln.segments:
            i = _column_of(seg, bounds)
            cells[i] = f"{cells[i]} {seg.text}".strip()
        if rows and not cells[0] and sum(bool(c) for c in cells) < len(cells):
            prev = rows[-1]
            for i, c in enumerate(cells):
                if c:
                    prev[i] = f"{prev[i]} {c}".strip()
            continue
        rows.append(cells)
    ids = repair_row_ids([r[0] for r in rows[1:]])
    for r, cell in zip(rows[1:], ids, strict=True):
        r[0] = cell
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
            while j < len(lines) and (
                len(lines[j].segments) >= 2
                or (lines[j].segments and lines[j].segments[0].left > ln.segments[0].right)
            ):
                j += 1
            if sum(len(x.segments) >= params.min_table_cells for x in lines[i:j]) >= 2:
                if out and out[-1]:
                    out.append("")
                out += _table(lines[i:j])
                out.append("")
                prev_bottom = lines[j - 1].bottom
                i = j
                continue
        out.append(COLUMN_GAP.join(s.text for s in ln.segments))
        prev_bottom = ln.bottom
        i += 1
    text = "\n".join(out).strip()
    return PageText(text, list(dict.fromkeys(untrusted)), repaired)
