"""Plain text copied out of a PDF: lines hard-wrapped at a fixed width, page numbers ("- 2 -",
"Trang 2", "2/5") between pages and a running heading repeated at the top of each page.

`unwrap` gives the text back as the author typed it: page furniture removed, and a line the
printer broke (it is full: the next line's first word would not have fitted) joined to the
next one. Tables (tab-separated rows, pipes) and short lines (headings, list items, signature
blocks) are left alone. Text that is not hard-wrapped is returned unchanged.
"""

from __future__ import annotations

import re
from collections import Counter

# "- 2 -", "– 12 –", "Trang 2", "Trang 2/5", "2/5", a lone "2"
PAGE_NUMBER_RE = re.compile(
    r"^\s*(?:[-–—]\s*\d{1,3}\s*[-–—]|trang\s+\d{1,3}(?:\s*/\s*\d{1,3})?"
    r"|\d{1,3}\s*/\s*\d{1,3}|\d{1,3})\s*$",
    re.I,
)
# A line that starts a new block even right after a full line: a list marker or a heading.
_BLOCK_START_RE = re.compile(
    r"^\s*(?:[-•+*>#]|[IVXLC]+\.\s|\d{1,2}(?:\.\d{1,2})*[.)]\s|[a-zđ]\)\s"
    r"|(?:Phần|PHẦN|Mục|MỤC|Chương|CHƯƠNG|Điều|ĐIỀU)\s)"
)
MIN_PROSE_LINES = 8  # fewer prose lines than this: too little to tell a wrap width
FULL_SHARE = 0.35  # share of prose lines that must be near the wrap width
NEAR_WIDTH = 12  # a "full" line ends within this many characters of the width
MAX_WIDTH = 100
NARROW_WIDTH = 52  # a PDF wrapped at most this wide was printed in columns (full width: 60-100)
MIN_BROKEN = 3  # at least this many sentences broken across lines ...
BROKEN_SHARE = 0.1  # ... and this share of the prose lines  # lines longer than this are typed paragraphs, not a printer's wrap


def _is_table(line: str) -> bool:
    s = line.strip()
    # tab-separated, pipes, HTML, or cells aligned with runs of spaces (a fixed-width table)
    return "\t" in line or s.startswith("|") or s.startswith("<") or "   " in s


def wrap_width(lines: list[str]) -> int | None:
    """The width the text was hard-wrapped at, or None when it was not."""
    prose = [ln.rstrip() for ln in lines if ln.strip() and not _is_table(ln)]
    if len(prose) < MIN_PROSE_LINES:
        return None
    lengths = sorted(len(ln) for ln in prose)
    width = lengths[-1] if len(lengths) < 20 else lengths[int(len(lengths) * 0.95)]
    if width > MAX_WIDTH or width < 40:
        return None
    full = sum(1 for n in lengths if n >= width - NEAR_WIDTH)
    if full < FULL_SHARE * len(prose):
        return None
    # a printer's wrap breaks sentences: full lines followed by a line that starts lower-case
    broken = sum(
        1
        for a, b in zip(lines, lines[1:], strict=False)
        if len(a.rstrip()) >= width - NEAR_WIDTH and b.strip()[:1].islower() and not _is_table(b)
    )
    if broken < max(MIN_BROKEN, BROKEN_SHARE * len(prose)):
        return None
    return width


def _strip_pages(lines: list[str]) -> list[str]:
    """Drop page-number lines and a running heading: a line that follows a page number (after
    blank lines) and does so after every page number, more than once."""
    marks = [i for i, ln in enumerate(lines) if PAGE_NUMBER_RE.match(ln) and ln.strip()]
    # a page number stands alone: blank or furniture around it
    marks = [
        i
        for i in marks
        if (i == 0 or not lines[i - 1].strip()) or (i + 1 < len(lines) and not lines[i + 1].strip())
    ]
    if not marks:
        return lines
    heads: Counter[str] = Counter()
    after: dict[int, int] = {}
    for i in marks:
        j = i + 1
        while j < len(lines) and not lines[j].strip():
            j += 1
        if j < len(lines):
            heads[lines[j].strip()] += 1
            after[i] = j
    running = {h for h, n in heads.items() if n >= 2 and n == len(marks)}
    drop: set[int] = set()
    for i in marks:
        drop.add(i)
        j = after.get(i)
        if j is not None and lines[j].strip() in running:
            drop.add(j)
    out: list[str] = []
    i = 0
    while i < len(lines):
        if i not in drop:
            out.append(lines[i])
            i += 1
            continue
        # remove the furniture with the blank lines around it; keep one blank line only when
        # the page did not break inside a paragraph or a table
        while out and not out[-1].strip():
            out.pop()
        while i < len(lines) and (i in drop or not lines[i].strip()):
            i += 1
        nxt = lines[i] if i < len(lines) else ""
        prev = out[-1] if out else ""
        joined = (_is_table(prev) and _is_table(nxt)) or (
            prev.strip() and nxt.strip() and not _BLOCK_START_RE.match(nxt) and not _ends(prev)
        )
        if not joined and out:
            out.append("")
    return out


def _ends(line: str) -> bool:
    """A line that ends a sentence or a heading (a page may break after it)."""
    return line.rstrip().endswith((".", ":", ";", "!", "?")) or line.strip().isupper()


def unwrap(text: str) -> str:
    """The text with hard wraps and page furniture removed (see module doc)."""
    lines = text.split("\n")
    width = wrap_width(lines)
    if width is None:
        return text
    lines = _strip_pages(lines)
    out: list[str] = []
    last_len = 0  # length of the last physical line appended to out[-1]
    for ln in lines:
        if out and _continues(out[-1], last_len, ln, width):
            out[-1] = out[-1].rstrip() + " " + ln.strip()
        else:
            out.append(ln)
        last_len = len(ln.rstrip())
    return "\n".join(out)


def unwrap_columns(text: str) -> str:
    """The text layer of a PDF printed in narrow columns, its lines re-joined into paragraphs.

    A column of ~40 characters breaks nearly every sentence, so a line that does not end a
    sentence is joined to a next line that continues it: one starting lower-case or with a
    number (when the line was nearly full), or one whose first word would not have fitted.
    Lines that end a sentence, list items, numbered headings and "(3)" items stay on their own.
    A PDF wrapped wider than NARROW_WIDTH (a full-width page) is returned unchanged."""
    lines = text.split("\n")
    width = wrap_width(lines)
    if width is None or width > NARROW_WIDTH:
        return text
    out: list[str] = []
    last_len = 0
    for ln in lines:
        if out and _continues_column(out[-1], last_len, ln, width):
            out[-1] = out[-1].rstrip() + " " + ln.strip()
        else:
            out.append(ln)
        last_len = len(ln.rstrip())
    return "\n".join(out)


_ITEM_RE = re.compile(r"^\s*\(\d{1,2}\)\s")  # "(3) ..." an enumerated target


def _continues_column(prev: str, prev_len: int, line: str, width: int) -> bool:
    """Whether line continues prev in a narrow column (see unwrap_columns)."""
    if not prev.strip() or not line.strip() or _is_table(prev) or _is_table(line):
        return False
    word = line.split()[0]
    # a table row number ("1 Số hóa ...") starts a row, a date or a figure continues
    value = any(c.isdigit() for c in word) and not re.fullmatch(r"\d{1,2}", word)
    heading = line.strip().isupper() and not value
    if _BLOCK_START_RE.match(line) or _ITEM_RE.match(line) or heading:
        return False  # a list item, a numbered or upper-case heading
    if prev.rstrip().endswith(":"):
        return value  # "Thời hạn:" broken before its date
    if _ends(prev):
        return False
    reach = prev_len + 1 + len(word)
    if word[0].islower() or value:
        return reach > width - NEAR_WIDTH
    return reach > width - 1


def _continues(prev: str, prev_len: int, line: str, width: int) -> bool:
    """Whether line continues prev: prev was full (the first word of line would have passed
    the width) and line does not start a block of its own."""
    if not prev.strip() or not line.strip() or _is_table(prev) or _is_table(line):
        return False
    if _BLOCK_START_RE.match(line) or line.startswith(("  ", "\t")):
        return False  # an indented line opens a paragraph
    return prev_len + 1 + len(line.split()[0]) > width - 1
