"""Make a scanned plan from its text: pages drawn with Pillow and a DejaVu font, saved as an
image-only PDF (no text layer). For the tests and scripts/ocr_bench.py, not the ingest.

Text lines are wrapped to the page (a line holding only a form feed starts a new page); markdown pipe rows are drawn as a table (cells in columns,
wrapped inside their column, no rules); markdown emphasis and heading marks are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu")
_SEP_RE = re.compile(r"^\s*\|?\s*:?-{2,}")


@dataclass
class ScanStyle:
    dpi: int = 150
    font_pt: float = 12.0
    margin_in: float = 0.9
    skew_degrees: float = 0.0
    upside_down_pages: tuple[int, ...] = ()  # 1-based
    blank_pages_after: tuple[int, ...] = ()  # insert a blank page after these pages
    max_pages: int | None = None


def font_path(bold: bool = False) -> Path:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    for d in FONT_DIRS:
        p = Path(d) / name
        if p.is_file():
            return p
    raise FileNotFoundError(f"{name}: cài fonts-dejavu-core / install fonts-dejavu-core")


def _plain(line: str) -> str:
    line = re.sub(r"^\s*#{1,6}\s*", "", line)
    return line.replace("**", "").replace("__", "").strip()


def _wrap(draw, text: str, font, width: int) -> list[str]:
    out, cur = [], ""
    for word in text.split():
        trial = f"{cur} {word}".strip()
        if cur and draw.textlength(trial, font=font) > width:
            out.append(cur)
            cur = word
        else:
            cur = trial
    return out + ([cur] if cur else [])


def render_pages(text: str, style: ScanStyle | None = None) -> list:
    """Page images (PIL, mode "L") of the text."""
    from PIL import Image, ImageDraw, ImageFont

    style = style or ScanStyle()
    px = style.dpi / 72
    size = (int(8.27 * style.dpi), int(11.69 * style.dpi))
    margin = int(style.margin_in * style.dpi)
    font = ImageFont.truetype(str(font_path()), int(style.font_pt * px))
    bold = ImageFont.truetype(str(font_path(bold=True)), int(style.font_pt * px))
    line_h = int(style.font_pt * px * 1.45)
    width = size[0] - 2 * margin
    pages: list = []
    page = draw = None
    y = 0

    def new_page() -> None:
        nonlocal page, draw, y
        page = Image.new("L", size, 255)
        draw = ImageDraw.Draw(page)
        pages.append(page)
        y = margin

    def room(h: int) -> None:
        if page is None or y + h > size[1] - margin:
            new_page()

    lines = text.replace("\r\n", "\n").split("\n")
    i = 0
    while i < len(lines):
        raw = lines[i]
        if raw.strip().startswith("|"):
            rows = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                if not _SEP_RE.match(lines[i]):
                    cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                    rows.append([_plain(c) for c in cells])
                i += 1
            ncol = max(len(r) for r in rows)
            rows = [r + [""] * (ncol - len(r)) for r in rows]
            measure = draw or ImageDraw.Draw(Image.new("L", (1, 1)))
            # Each column at least as wide as its longest word (bold header included); the
            # rest of the line shared in proportion to the columns' text.
            need = [
                max(measure.textlength(w, font=bold) for r in rows for w in r[c].split() or [""])
                for c in range(ncol)
            ]
            gap = int(0.25 * style.dpi)
            spare = max(0, width - gap * (ncol - 1) - sum(need))
            lens = [min(max(len(r[c]) for r in rows), 60) + 1 for c in range(ncol)]
            widths = [int(need[c] + spare * lens[c] / sum(lens)) for c in range(ncol)]
            for n, row in enumerate(rows):
                f = bold if n == 0 else font
                wrapped = [
                    _wrap(draw or ImageDraw.Draw(Image.new("L", (1, 1))), c, f, widths[k])
                    for k, c in enumerate(row)
                ]
                h = max(len(w) for w in wrapped) * line_h
                room(h)
                x = margin
                for k, cell in enumerate(wrapped):
                    for m, part in enumerate(cell):
                        draw.text((x, y + m * line_h), part, font=f, fill=0)
                    x += widths[k] + gap
                y += h + line_h // 3
            y += line_h // 2
            continue
        i += 1
        if raw.strip(" \t") == "\f":  # a page break
            new_page()
            continue
        if not raw.strip():
            y += line_h // 2
            continue
        is_bold = raw.strip().startswith(("#", "**"))
        f = bold if is_bold else font
        room(line_h)
        columns = [c for c in re.split(r"\s{3,}", _plain(raw)) if c]
        if len(columns) == 2:  # a two-column line (header, signature): left half, right half
            draw.text((margin, y), columns[0], font=f, fill=0)
            draw.text((margin + width // 2, y), columns[1], font=f, fill=0)
            y += line_h
            continue
        for part in _wrap(draw, _plain(raw), f, width):
            room(line_h)
            draw.text((margin, y), part, font=f, fill=0)
            y += line_h
    if style.max_pages:
        pages = pages[: style.max_pages]
    out: list = []
    for n, img in enumerate(pages, start=1):
        if style.skew_degrees:
            img = img.rotate(style.skew_degrees, expand=False, fillcolor=255)
        if n in style.upside_down_pages:
            img = img.rotate(180)
        out.append(img)
        if n in style.blank_pages_after:
            out.append(Image.new("L", size, 255))
    return out


def save_pdf(pages: list, path: Path, dpi: int = 150, password: str = "") -> Path:
    """An image-only PDF of the pages; with a password, an encrypted one."""
    path = Path(path)
    rgb = [p.convert("RGB") for p in pages]
    rgb[0].save(path, "PDF", save_all=True, append_images=rgb[1:], resolution=dpi)
    if password:
        from pypdf import PdfReader, PdfWriter

        writer = PdfWriter(clone_from=PdfReader(str(path)))
        writer.encrypt(password, algorithm="RC4-128")
        with path.open("wb") as fh:
            writer.write(fh)
    return path


def scanned_pdf(text: str, path: Path, style: ScanStyle | None = None, password: str = "") -> Path:
    style = style or ScanStyle()
    return save_pdf(render_pages(text, style), path, style.dpi, password)
