"""Tables of a PDF read from glyph positions (pypdfium2): an HTML or Word table printed to PDF,
with or without ruling lines, its cells aligned to the top or centred vertically.

The text layers lose such a table: the plain layer prints it cell by cell, the layout layer
interleaves the wrapped lines of neighbouring cells (a centred cell starts above its row
number). Here every word keeps its box, and the table is rebuilt from geometry alone:

- the header is found at a row-number word ("STT", "TT"); the rows are anchored by the
  row numbers (1, 2.1, I …) printed below it at the left edge of that column;
- a row number followed on its line by text one space away is a spanning group row
  ("I. HẠ TẦNG SỐ" over all columns) when numbered rows follow it; otherwise (a heading, a
  paragraph at the left margin) the table ends there;
- columns are the gaps of the horizontal projection of the table's words (a cell's words
  never cross into the next column);
- in each column, lines one line pitch apart form a cell block; a block belongs to the row
  whose number lies within it (top-aligned cells start at it, centred ones straddle it); a
  block above the first row of a page continues the last row of the previous page;
- a cell merged over several rows (an HTML rowspan, a Word vertical merge) is printed once,
  at the top or in the middle of its rows: where the table is ruled, the rule between two
  rows is missing under that cell, and every row of the merged cell gets its text.

``find_grid_tables(path)`` returns LayoutTable objects (rag.understand.pdf_layout) that
``rebuild_tables`` puts back into the plain text as pipe tables.
"""

from __future__ import annotations

import ctypes
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from rag.understand.pdf_layout import _TOTAL_RE, LayoutTable, _join
from rag.understand.tables import load_vocabulary

_ROW_NO_RE = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*\.?|[IVX]{1,4}\.?)$")
_GROUP_NO_RE = re.compile(r"^[IVX]{1,4}\.?$")  # a group's number (Roman), not a task's
# A table printed the other way round: "Năm | indicator A | indicator B", a row per year.
_YEAR_HEAD_RE = re.compile(r"^N[ăa]m$", re.I)
_YEAR_RE = re.compile(r"^20\d\d$")
_LINE = 0.3  # share of the line pitch within which two words share a baseline
_CELL_PITCH = 1.15  # lines of one cell are at most this many pitches apart
_TOL = 3.0  # points a row number may sit left or right of the header's row-number word
_COL_GAP = 0.8  # points of empty projection that separate two columns
_HEADER_REACH = 25  # pitches above the row-number word a header may start
_FOOT = 24.0  # points above the page's lower edge where no cell is printed (a footer)
_SPACE = 0.6  # the widest space between two words of a line, in line pitches
_PITCH_MIN, _PITCH_MAX = 0.9, 1.8  # line pitch over the height of a word's glyphs
_RULE_THICK = 2.0  # points: a drawn path no taller than this is a horizontal rule
_RULE_TOL = 2.0  # points two rule pieces may differ in height and still be one rule


@dataclass
class Word:
    x0: float
    x1: float
    y: float  # baseline, from the top of the page
    text: str
    h: float = 0.0  # height of the word's glyph boxes


@dataclass
class Rule:
    """A horizontal line drawn on the page (a table's ruling), from the top of the page."""

    x0: float
    x1: float
    y: float


@dataclass
class _Grid:
    header: list[str]
    rows: list[list[str]]
    carry: list[str]  # cells above the first row of the page: the previous page's last row
    words: Counter
    to_bottom: bool  # the table runs to the end of its page
    end: float = 0.0  # baseline below which the table is over (on its page)
    page: int = 0
    head: tuple[float, float] = (0.0, 0.0)  # left and right edge of the row-number header
    headless: bool = False  # rows at the top of a page that continue a table, no header


def page_words(page) -> list[Word]:
    """Words of a pypdfium2 page with their boxes (baselines measured from the top)."""
    import pypdfium2.raw as raw

    textpage = page.get_textpage()
    n = textpage.count_chars()
    if n <= 0:
        return []
    text = textpage.get_text_range(0, n)
    height = page.get_height()
    out: list[Word] = []
    cur: Word | None = None
    ox, oy = ctypes.c_double(), ctypes.c_double()
    for i, ch in enumerate(text[:n]):
        if ch.isspace() or ch == "\x00":
            if cur:
                out.append(cur)
                cur = None
            continue
        left, bottom, right, top = textpage.get_charbox(i)
        raw.FPDFText_GetCharOrigin(textpage.raw, i, ox, oy)
        base = height - oy.value
        size = raw.FPDFText_GetFontSize(textpage.raw, i) or 10.0
        if cur and (abs(base - cur.y) > 0.2 * size or left - cur.x1 > 0.4 * size):
            out.append(cur)
            cur = None
        if cur is None:
            cur = Word(left, right, base, ch, top - bottom)
            lo, hi = bottom, top
        else:
            cur.x1 = max(cur.x1, right)
            cur.text += ch
            lo, hi = min(lo, bottom), max(hi, top)
            cur.h = hi - lo
    if cur:
        out.append(cur)
    out = _join_digits(out)
    for w in out:
        w.text = unicodedata.normalize("NFC", w.text)
    return out


def page_rules(page) -> list[Rule]:
    """Horizontal rules of a pypdfium2 page: thin drawn paths (table borders)."""
    import pypdfium2.raw as raw

    height = page.get_height()
    out: list[Rule] = []
    for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_PATH], max_depth=4):
        left, bottom, right, top = obj.get_bounds()
        if top - bottom <= _RULE_THICK and right - left > _RULE_THICK:
            out.append(Rule(left, right, height - (top + bottom) / 2))
    return out


def _join_digits(words: list[Word]) -> list[Word]:
    """Digits the text layer split with a space ("1 1" for a narrow "11"): a gap well under a
    space between two digits of one baseline."""
    out: list[Word] = []
    for w in sorted(words, key=lambda w: (round(w.y), w.x0)):
        last = out[-1] if out else None
        if (
            last is not None
            and last.text[-1:].isdigit()
            and w.text[:1].isdigit()
            and abs(last.y - w.y) < 0.5
            and 0 <= w.x0 - last.x1 <= 0.4 * min(last.h, w.h)
        ):
            last.x1, last.text, last.h = w.x1, last.text + w.text, max(last.h, w.h)
            continue
        out.append(w)
    return out


def _pitch(words: list[Word]) -> float:
    """The usual distance between two lines of one paragraph or cell."""
    by_y = sorted(words, key=lambda w: w.y)
    steps: Counter = Counter()
    for i, a in enumerate(by_y):
        for b in by_y[i + 1 :]:
            dy = b.y - a.y
            if dy < 2:
                continue
            if dy > 40:
                break
            if a.x0 < b.x1 and b.x0 < a.x1:
                steps[round(dy * 2) / 2] += 1
                break
    hs = sorted(w.h for w in words)
    h = hs[len(hs) // 2] if hs else 10.0
    fit = {st: n for st, n in steps.items() if _PITCH_MIN * h <= st <= _PITCH_MAX * h}
    if not fit:
        return 1.2 * h
    return max(fit.items(), key=lambda kv: (kv[1], -kv[0]))[0]


def _same_line(a: Word, b: Word, p: float) -> bool:
    return abs(a.y - b.y) <= _LINE * p


def _next_on_line(words: list[Word], w: Word, p: float) -> Word | None:
    right = [u for u in words if u is not w and _same_line(u, w, p) and u.x0 >= w.x1 - 0.5]
    return min(right, key=lambda u: u.x0) if right else None


def _spanning_words(words: list[Word], w: Word, p: float, c1: float) -> list[Word]:
    """The words a row number runs into on its line (a spanning cell): the next word starts
    left of where the cells of the next column start, the words after it one space apart."""
    out = [w]
    cur = w
    while True:
        nxt = _next_on_line(words, cur, p)
        if nxt is None:
            return out
        near = nxt.x0 - cur.x1 <= _SPACE * p
        if (cur is w and nxt.x0 >= c1 - _TOL) or (cur is not w and not near):
            return out
        out.append(nxt)
        cur = nxt


def _text_start(words: list[Word], head: Word, p: float) -> float:
    """Where the cells right of the row-number column start: the leftmost start position
    shared by several words below the header word. The title of a group row ("II. Kinh tế
    số" over all columns) starts one space after its number, wherever that number ends:
    it does not mark a column."""
    groups = [u for u in words if u.y > head.y and _GROUP_NO_RE.match(u.text)]
    starts = sorted(
        u.x0 for u in words if u.y > head.y and u.x0 > head.x1 + 1 and not _follows(u, groups, p)
    )
    for n, x in enumerate(starts):
        if sum(1 for y in starts[n:] if y - x <= _TOL) >= 2:
            return x
    return head.x1


def _find_union(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _table_at(
    words: list[Word],
    head: Word,
    p: float,
    min_rows: int = 2,
    cont: bool = False,
    rules: list[Rule] | None = None,
) -> _Grid | None:
    vocab = load_vocabulary()
    left = sorted(
        (u for u in words if u.y > head.y + _LINE * p and _in_no_column(u, head)),
        key=lambda u: (u.y, u.x0),
    )
    by_year = bool(_YEAR_HEAD_RE.match(head.text))
    key = _YEAR_RE if by_year else _ROW_NO_RE
    if by_year:
        min_rows, cont = max(min_rows, 2), False
    c1 = _text_start(words, head, p)
    anchors: list[tuple[Word, list[Word]]] = []  # (row number, words of a spanning row)
    bottom = None
    for u in left:
        if anchors and _same_line(u, anchors[-1][0], p):
            continue
        if not key.match(u.text):
            if not anchors and u.y - head.y < 3 * p and vocab.role(u.text) in ("no", ""):
                continue  # a header word under the row-number word ("Số" / "TT")
            bottom = u.y - 0.5 * p
            break
        span = _spanning_words(words, u, p, c1)
        anchors.append((u, span if len(span) > 1 else []))
    while anchors and anchors[-1][1]:  # a heading after the table, not a group row
        last = anchors[-1][0]
        if (
            bottom is None
            and not any(w.y > last.y + _LINE * p for w in words)
            and any(last.y < r.y < last.y + 1.5 * p and r.x0 <= last.x0 for r in rules or [])
        ):
            break  # the page's last line, ruled below: a group row going on over the page
        bottom = last.y - 0.5 * p
        anchors.pop()
    if sum(1 for _, s in anchors if not s) < min_rows:
        return None
    to_bottom = bottom is None
    if bottom is None:
        bottom = max(w.y for w in words) + p
    spanning = {id(s) for _, span in anchors for s in span}
    # header: the cell blocks around the row-number word
    near = [w for w in words if head.y - _HEADER_REACH * p <= w.y < bottom]
    parent = list(range(len(near)))
    order = sorted(range(len(near)), key=lambda i: near[i].y)
    for a_pos, i in enumerate(order):
        a = near[i]
        for j in order[a_pos + 1 :]:
            b = near[j]
            dy = b.y - a.y
            if dy > _CELL_PITCH * p:
                break
            if dy > _LINE * p and a.x0 < b.x1 and b.x0 < a.x1:
                parent[_find_union(parent, i)] = _find_union(parent, j)
    spans: dict[int, tuple[float, float]] = {}
    for i, w in enumerate(near):
        r = _find_union(parent, i)
        lo, hi = spans.get(r, (w.y, w.y))
        spans[r] = (min(lo, w.y), max(hi, w.y))
    top = head.y
    head_roots = set()
    for r, (lo, hi) in spans.items():
        if lo - _LINE * p <= head.y <= hi + _LINE * p:
            top = min(top, lo)
            head_roots.add(r)
    first_row = anchors[0][0].y if anchors else bottom
    region = [w for w in near if w.y >= top - _LINE * p and id(w) not in spanning]
    root_of = {id(w): _find_union(parent, i) for i, w in enumerate(near)}
    # a header word: in a cell on the row-number word's line, or above the first row in a
    # cell that does not run on into it (a second header row "Năm 2026" under "Kế hoạch")
    limit = first_row - _LINE * p
    data_marks = [a.y for a, span in anchors if not span]
    below = [w for w in region if w.y >= limit and w.x0 > head.x1]
    top_rows = _top_aligned([(1, [[w] for w in below])], [head.y, *data_marks], p)
    header_cell = set(head_roots)
    if (
        top_rows and anchors and not cont
    ):  # cells start at their row's top: all above the first row is header
        header_cell |= {r for r, (lo, hi) in spans.items() if hi < limit}
    head_words = [w for w in region if w.y < limit and root_of[id(w)] in header_cell]
    head_ids = {id(w) for w in head_words}
    body = [w for w in region if id(w) not in head_ids]
    cols, header_names = _columns(head_words, body, root_of, head, p)
    if cols is None or len(cols) < 3:
        return None
    region = body

    def col_of(w: Word) -> int:
        return min(range(len(cols)), key=lambda k: _band_distance(w, cols[k]))

    marks = [head.y] + [a.y for a, _ in anchors]  # 0: the header
    cells: list[list[list[Word]]] = [[[] for _ in cols] for _ in marks]
    carry: list[list[Word]] = [[] for _ in cols]
    by_col: list[list[Word]] = [[] for _ in cols]
    for w in region:
        by_col[col_of(w)].append(w)
    if not region:
        return None
    p = _cell_pitch(by_col, p, sorted(w.h for w in region)[len(region) // 2])
    blocks: list[tuple[int, list[list[Word]]]] = []
    anchor_ids = {id(a) for a, _ in anchors}
    for w in by_col[0]:  # the row-number column: its other words go to the nearest row
        if id(w) in anchor_ids:
            continue
        m = min(range(len(marks)), key=lambda m: abs(marks[m] - w.y))
        cells[m][0].append(w)
    for k, ws in enumerate(by_col):
        if k == 0:
            continue
        lines: list[list[Word]] = []
        for w in sorted(ws, key=lambda w: (w.y, w.x0)):
            if lines and _same_line(lines[-1][0], w, p):
                lines[-1].append(w)
            else:
                lines.append([w])
        block: list[list[Word]] = []
        for line in lines:
            if block and line[0].y - block[-1][0].y > _CELL_PITCH * p:
                blocks.append((k, block))
                block = []
            block.append(line)
        if block:
            blocks.append((k, block))
    totals = 0
    for line in (line for k, block in blocks if k == 1 for line in block):
        # a total line ("Tổng cộng") below the numbered rows: a row without a number
        lo = line[0].y
        if not _TOTAL_RE.match(line[0].text) or lo < marks[-1] + _LINE * p:
            continue
        marks.append(lo)
        cells.append([[] for _ in cols])
        totals += 1
    top_aligned = _top_aligned(blocks, marks[: len(marks) - totals], p)
    for k, block in blocks:
        lo, hi = block[0][0].y, block[-1][0].y
        inside = [m for m, y in enumerate(marks) if lo - _LINE * p <= y <= hi + _LINE * p]
        if k == 0:
            inside = inside[:1]
        if not inside:
            if hi < (marks[1] if len(marks) > 1 else bottom) and lo > marks[0]:
                for line in block:
                    carry[k].extend(line)
                continue
            above = [m for m in range(1, len(marks)) if marks[m] <= lo + _LINE * p]
            joined = any(lo - 2.5 * p <= w.y < lo - _LINE * p for w in by_col[k])
            if top_aligned and above and joined:  # a later paragraph of a top-aligned cell
                inside = [max(above, key=lambda m: marks[m])]
            elif lo > marks[-1] + _LINE * p and not joined:
                continue  # a stray glyph under the last row (a page's edge)
            else:
                m = min(
                    range(len(marks)), key=lambda m: min(abs(marks[m] - lo), abs(marks[m] - hi))
                )
                if min(abs(marks[m] - lo), abs(marks[m] - hi)) > 2 * p:
                    continue
                inside = [m]
        for line in block:
            y = line[0].y
            if len(inside) == 1:
                m = inside[0]
            elif top_aligned:
                m = max((m for m in inside if marks[m] <= y + _LINE * p), default=inside[0])
            else:
                m = min(inside, key=lambda m: abs(marks[m] - y))
            cells[m][k].extend(line)

    if rules:
        data = [m for m, (_, span) in enumerate(anchors, start=1) if not span]
        _spread_merged(cells, marks, data, cols, rules)

    def text(ws: list[Word]) -> str:
        return _join([w.text for w in ws])

    header = header_names
    rows: list[list[str]] = []
    for m, (anchor, span) in enumerate(anchors, start=1):
        if span:
            rows.append([anchor.text, text(span[1:])] + [""] * (len(cols) - 2))
            continue
        row = [text(c) for c in cells[m]]
        row[0] = anchor.text
        rows.append(row)
    for m in range(len(marks) - totals, len(marks)):
        rows.append([text(c) for c in cells[m]])
    counted = [w.text for w in [*head_words, *region]] + [
        s.text for _, span in anchors for s in span
    ]
    return _Grid(
        header=header,
        rows=rows,
        carry=[text(c) for c in carry] if any(carry) else [],
        words=Counter(t for tx in counted for t in tx.split()),
        to_bottom=to_bottom,
        end=bottom,
        head=(head.x0, head.x1),
    )


def _covers(rule: Rule, band: list[float]) -> bool:
    return rule.x0 <= (band[0] + band[1]) / 2 <= rule.x1


def _spread_merged(
    cells: list[list[list[Word]]],
    marks: list[float],
    data: list[int],
    cols: list[list[float]],
    rules: list[Rule],
) -> None:
    """Gives every row of a merged cell its text. Between two consecutive numbered rows
    the ruling runs across the row-number column (else across most columns); a column it
    skips there holds one cell over both rows (printed once, at the top or centred)."""
    joined: list[list[bool]] = [[False] * len(cols) for _ in marks]  # row m joins m+1
    for a, b in zip(data, data[1:], strict=False):
        if b != a + 1:
            continue  # a group row between them: nothing spans it
        gap = [r for r in rules if marks[a] < r.y < marks[b]]
        if not gap:
            continue
        lines: list[list[Rule]] = []
        for r in sorted(gap, key=lambda r: r.y):
            if lines and r.y - lines[-1][0].y <= _RULE_TOL:
                lines[-1].append(r)
            else:
                lines.append([r])

        def covered(line: list[Rule]) -> set[int]:
            return {k for k, band in enumerate(cols) if any(_covers(r, band) for r in line)}

        line = max(lines, key=lambda ln: (0 in covered(ln), len(covered(ln))))
        hit = covered(line)
        if 0 not in hit and len(hit) < 2:
            continue
        for k in range(1, len(cols)):
            joined[a][k] = k not in hit
    for k in range(1, len(cols)):
        m = 0
        while m < len(marks):
            run = [m]
            while joined[run[-1]][k] and run[-1] + 1 < len(marks):
                run.append(run[-1] + 1)
            if len(run) > 1:
                words = [w for r in run for w in cells[r][k]]
                for r in run:
                    cells[r][k] = list(words)
            m = run[-1] + 1


def _band_distance(w: Word, band: list[float]) -> float:
    """0 for a word that starts inside the band, else how far outside it starts."""
    if band[0] - 0.5 <= w.x0 <= band[1]:
        return 0.0
    return min(abs(w.x0 - band[0]), abs(w.x0 - band[1])) + 0.01


def _bands(words: list[Word]) -> list[list[float]]:
    """Gaps of the horizontal projection of the words."""
    cols: list[list[float]] = []
    for w in sorted(words, key=lambda w: w.x0):
        if cols and w.x0 <= cols[-1][1] + _COL_GAP:
            cols[-1][1] = max(cols[-1][1], w.x1)
        else:
            cols.append([w.x0, w.x1])
    return cols


def _columns(
    head_words: list[Word], body: list[Word], root_of: dict[int, int], head: Word, p: float
) -> tuple[list[list[float]] | None, list[str]]:
    """Column bands from the body's words; header phrases name them: a phrase over one band
    names it, over several prefixes them (a merged header "Kinh phí" over "Tổng | NSNN"),
    over none is a column with no cell filled."""
    cols = _merge_spaced(_bands(body), body, p)
    size = Counter(root_of.get(id(w)) for w in head_words)

    def one_cell(a: Word, b: Word) -> bool:
        ra, rb = root_of.get(id(a)), root_of.get(id(b))
        return ra == rb or size[ra] == 1 or size[rb] == 1

    def over(ph: list[Word], band: list[float]) -> bool:
        return min(ph[-1].x1, band[1]) - max(ph[0].x0, band[0]) > 1.0

    def under(ph: list[Word]) -> set[int]:
        return {k for k, b in enumerate(cols) if over(ph, b)}

    phrases: list[list[Word]] = []
    for w in sorted(head_words, key=lambda w: (round(w.y / (_LINE * p)), w.x0)):
        last = phrases[-1][-1] if phrases else None
        if (
            last is not None
            and _same_line(last, w, p)
            and one_cell(last, w)
            and 0 <= w.x0 - last.x1 <= _SPACE * p
            and (not under(phrases[-1]) or under([w]) <= under(phrases[-1]))
        ):
            phrases[-1].append(w)
        else:
            phrases.append([w])

    body_cols = [list(b) for b in cols]
    hit_roots = {root_of.get(id(ph[0])) for ph in phrases if any(over(ph, b) for b in cols)}
    empty = [
        [ph[0].x0, ph[-1].x1]
        for ph in phrases
        if root_of.get(id(ph[0])) not in hit_roots and not any(over(ph, b) for b in cols)
    ]
    for band in _bands([Word(a, b, 0.0, "") for a, b in empty]):
        cols.append(band)
    cols.sort()
    if not cols or not (head.x0 <= cols[0][1] and cols[0][0] <= head.x1):
        return None, []
    own: list[list[list[Word]]] = [[] for _ in cols]
    prefix: list[list[list[Word]]] = [[] for _ in cols]
    for ph in sorted(phrases, key=lambda ph: (ph[0].y, ph[0].x0)):
        hit = [k for k, b in enumerate(cols) if over(ph, b)]
        if len(hit) > 1:
            for k in hit:
                prefix[k].append(ph)
        elif hit:
            own[hit[0]].append(ph)
        else:  # a word of a header cell over a narrower column (a centred "Quý" over "x")
            mates = [
                k
                for q in phrases
                if q is not ph and root_of.get(id(q[0])) == root_of.get(id(ph[0]))
                for k, b in enumerate(cols)
                if over(q, b) and b in body_cols
            ]
            if mates:
                centre = (ph[0].x0 + ph[-1].x1) / 2
                k = min(set(mates), key=lambda k: abs((cols[k][0] + cols[k][1]) / 2 - centre))
                own[k].append(ph)
    names = []
    for k in range(len(cols)):
        parts = [w.text for ph in [*prefix[k], *own[k]] for w in ph]
        names.append(_join(parts))
    return cols, names


def _in_no_column(u: Word, head: Word) -> bool:
    """A word under the row-number header word: left-aligned with it or centred under it."""
    if abs(u.x0 - head.x0) <= _TOL or u.x0 < head.x0:
        return True
    centre = (u.x0 + u.x1) / 2
    return head.x0 <= centre <= head.x1 and u.x1 <= head.x1 + _TOL


def _follows(w: Word, others: list[Word], p: float) -> bool:
    """The word follows one of `others` on its line, one space away."""
    return any(_same_line(v, w, p) and 0 <= w.x0 - v.x1 <= _SPACE * p for v in others)


def _merge_spaced(cols: list[list[float]], region: list[Word], p: float) -> list[list[float]]:
    """Joins a projection band to the one left of it when every word in it follows a word
    of that band one space away on its line: the words of one-line cells, not a column.
    The first band holds the row numbers and takes no other band."""
    out: list[list[float]] = []
    for band in cols:
        if len(out) > 1:
            prev = out[-1]
            inside = [w for w in region if band[0] <= w.x0 <= band[1]]
            before = [w for w in region if prev[0] <= w.x0 <= prev[1]]

            near = before + inside
            if inside and all(_follows(w, near, p) for w in inside):
                prev[1] = max(prev[1], band[1])
                continue
        out.append(list(band))
    return out


def _cell_pitch(by_col: list[list[Word]], p: float, h: float) -> float:
    """The line pitch inside a cell: the smallest step between consecutive lines of a column
    seen at least twice (a row of one line steps further: the cell padding), within the
    plausible pitches of words `h` high; else the smallest plausible step, else `p`."""
    steps: list[float] = []
    for ws in by_col:
        ys = sorted({round(w.y, 1) for w in ws})
        steps.extend(b - a for a, b in zip(ys, ys[1:], strict=False) if b - a > _LINE * p)
    steps = sorted(st for st in steps if _PITCH_MIN * h <= st <= _PITCH_MAX * h)
    for n, st in enumerate(steps):
        if sum(1 for t in steps[n:] if t - st <= 0.6) >= 2:
            return st
    return steps[0] if steps else p


def _top_aligned(blocks: list[tuple[int, list[list[Word]]]], marks: list[float], p: float) -> bool:
    """Cells start at their row number (Word's default) rather than straddle it (HTML's): a
    cell centred on its row number with an even number of lines puts them half a line pitch
    off the row-number lines; a top-aligned cell keeps every line a whole number of pitches
    below its row number."""
    top = mid = 0
    for k, block in blocks:  # blocks of one cell: where their row number sits in them
        if not block:
            continue
        lo, hi = block[0][0].y, block[-1][0].y
        inside = [y for y in marks[1:] if lo - _LINE * p <= y <= hi + _LINE * p]
        if k == 0 or len(block) < 2 or len(inside) != 1:
            continue
        if abs(inside[0] - lo) <= _LINE * p:
            top += 1
        elif abs(inside[0] - (lo + hi) / 2) <= _LINE * p:
            mid += 1
    if top != mid:
        return top > mid
    half = total = 0
    for k, block in blocks:
        if k == 0:
            continue
        for line in block:
            y = line[0].y
            above = [m for m in marks[1:] if m <= y + _LINE * p]
            if not above:
                continue
            total += 1
            r = ((y - above[-1]) / p) % 1
            if 0.3 <= r <= 0.7:
                half += 1
    return half < 1 + 0.02 * total


def _page_tables(
    words: list[Word], cont: bool = False, rules: list[Rule] | None = None
) -> list[_Grid]:
    if not words:
        return []
    vocab = load_vocabulary()
    p = _pitch(words)
    out: list[_Grid] = []
    after = -1e9
    for w in sorted(words, key=lambda w: (w.y, w.x0)):
        opens = vocab.role(w.text) == "no" or _YEAR_HEAD_RE.match(w.text)
        if w.y <= after or not opens or _ROW_NO_RE.match(w.text):
            continue
        first = cont and not out  # may continue the table of the page before
        grid = _table_at(words, w, p, 0 if first else 2, first, rules)
        if grid is None:
            continue
        out.append(grid)
        after = grid.end
    return out


def find_grid_tables(path: Path) -> list[LayoutTable]:
    """Tables of a text PDF rebuilt from its glyph positions (see the module docstring)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        grids: list[_Grid] = []
        for n in range(len(pdf)):
            page = pdf[n]
            # a page that continues a table may hold fewer than two of its rows
            cont = bool(grids) and grids[-1].to_bottom and grids[-1].page == n - 1
            edge = page.get_height() - _FOOT
            words = [w for w in page_words(page) if w.y <= edge]
            rules = page_rules(page)
            found = _page_tables(words, cont, rules)
            if cont and words and not (found and found[0].end <= min(w.y for w in words) + 1):
                # the table goes on at the top of this page without its header repeated
                g = _continued(words, grids[-1], rules)
                if g is not None:
                    found = [g, *(f for f in found if f.end > g.end)]
            for g in found:
                g.page = n
                grids.append(g)
    finally:
        pdf.close()
    merged: list[_Grid] = []
    for g in grids:
        prev = merged[-1] if merged else None
        if (
            prev is not None
            and prev.to_bottom
            and g.page == prev.page + 1
            and (
                _norm(g.header) == _norm(prev.header)
                or (g.headless and len(g.header) == len(prev.header))
            )
        ):
            if g.carry and prev.rows:
                last = prev.rows[-1]
                for k, c in enumerate(g.carry[: len(last)]):
                    if c:
                        last[k] = _join([last[k], c]) if last[k] else c
            prev.rows.extend(g.rows)
            prev.words.update(g.words)
            prev.to_bottom = g.to_bottom
            prev.page = g.page
            continue
        if len(g.rows) >= 2:
            merged.append(g)
    return [LayoutTable(0, 0, g.header, g.rows, g.words) for g in merged]


def _continued(words: list[Word], prev: _Grid, rules: list[Rule]) -> _Grid | None:
    """The rows at the top of a page that continue the table of the page before when its
    header is not printed again: the page's first line starts with a row number under the
    previous page's row-number column."""
    first = min(words, key=lambda w: (w.y, w.x0))
    x0, x1 = prev.head
    if not _ROW_NO_RE.match(first.text) or not (x0 - _TOL <= first.x0 <= x1 + _TOL):
        return None
    p = _pitch(words)
    head = Word(x0, x1, first.y - 2 * p, "", first.h)
    grid = _table_at(words, head, p, 0, True, rules)
    if grid is None or len(grid.header) != len(prev.header):
        return None
    grid.header = list(prev.header)
    grid.headless = True
    return grid


def _norm(header: list[str]) -> list[str]:
    return [" ".join(h.split()).casefold() for h in header]
