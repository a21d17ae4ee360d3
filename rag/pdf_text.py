"""The text layer of a PDF, with its word spacing checked against the glyph positions.

pypdf's plain extraction decides where a space goes by how far the pen moved since the last
positioning operator. Some PDF writers (Chromium printing "Times New Roman" / Liberation Serif)
draw each accented letter in a font object of its own, restarting the text object at the start
of the line and moving to the letter: pypdf then reads a word gap before and after every such
letter («S Ơ N Kim», «Chu ẩ n»). pdfium places every glyph by its real box and joins glyphs that
touch. The plain text keeps pypdf's lines and order (the readers downstream are tuned on them);
a space pypdf put between two characters that pdfium reads as one word is dropped.

Typographic ligatures (ﬁ, ﬂ, ﬀ …) are spelt out in both layers: «wiﬁ» must match «wifi».
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

# U+FB00–FB06: the Latin ligatures a PDF font may map one glyph to.
_LIGATURES = str.maketrans(
    {chr(c): unicodedata.normalize("NFKC", chr(c)) for c in range(0xFB00, 0xFB07)}
)


_LIGATURE_RE = re.compile("[\ufb00-\ufb06]")
_PAD_RE = re.compile(r" {2,}")


def spell_ligatures(text: str) -> str:
    """«ﬁ» → «fi»: the Latin presentation-form ligatures as their letters."""
    return text.translate(_LIGATURES)


def spell_ligatures_in_layout(text: str) -> str:
    """`spell_ligatures` for a fixed-width layout text: the padding after the word gives back
    the characters a ligature grows by, so that the columns further right stay where they were."""
    if not _LIGATURE_RE.search(text):
        return text
    return "\n".join(_respell_line(line) for line in text.split("\n"))


def _respell_line(line: str) -> str:
    while m := _LIGATURE_RE.search(line):
        letters = _LIGATURES[ord(m.group(0))]
        line = line[: m.start()] + letters + line[m.end() :]
        end = m.start() + len(letters)
        pad = _PAD_RE.search(line, end)
        if pad:  # keep one space
            take = min(len(letters) - 1, len(pad.group(0)) - 1)
            line = line[: pad.start()] + line[pad.start() + take :]
    return line


@dataclass
class _Stream:
    """The non-space characters of a text and, after each, the whitespace that followed it."""

    chars: str
    gaps: list[str]


def _stream(text: str) -> tuple[_Stream, str]:
    chars: list[str] = []
    gaps: list[str] = []
    lead = []
    for ch in text:
        if ch.isspace():
            if gaps:
                gaps[-1] += ch
            else:
                lead.append(ch)
        else:
            chars.append(ch)
            gaps.append("")
    return _Stream("".join(chars), gaps), "".join(lead)


def _matches(a: str, b: str) -> list[tuple[int, int, int]]:
    if a == b:
        return [(0, 0, len(a))]
    return [
        m
        for m in difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
        if m.size
    ]


def repair_spacing(plain: str, reference: str) -> str:
    """`plain` with the spaces inside a line dropped where `reference` (the same page read by
    glyph position) has the two characters side by side, and a run of spaces made one where
    `reference` has one. Lines, order and all other whitespace of `plain` are kept; characters
    the two texts do not share are left as they are."""
    mine, lead = _stream(plain)
    ref, _ = _stream(reference)
    gaps = list(mine.gaps)
    changed = False
    for a, b, size in _matches(mine.chars, ref.chars):
        for k in range(size - 1):
            gap, theirs = gaps[a + k], ref.gaps[b + k]
            if not gap or "\n" in gap or gap == theirs:
                continue
            if not theirs:  # one word in the glyph layer
                gaps[a + k] = ""
                changed = True
            elif theirs == " " and gap.strip(" ") == "":  # "CHỦ  NGHĨA": a word gap read twice
                gaps[a + k] = " "
                changed = True
    if not changed:
        return plain
    return lead + "".join(ch + gap for ch, gap in zip(mine.chars, gaps, strict=True))


def glyph_texts(path: Path, pages: int) -> list[str] | None:
    """Each page's text as pdfium reads it from the glyph boxes, or None when pdfium cannot
    read the file (the pypdf layer then stands alone)."""
    try:
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(str(path))
    except Exception:  # noqa: BLE001 - a second opinion only; pypdf already read the file
        return None
    try:
        if len(pdf) != pages:
            return None
        texts = []
        for page in pdf:
            textpage = page.get_textpage()
            texts.append(unicodedata.normalize("NFC", textpage.get_text_range()))
            textpage.close()
            page.close()
        return texts
    except Exception:  # noqa: BLE001 - see above
        return None
    finally:
        pdf.close()


def respace_layers(path: Path, layers: list[str]) -> list[str]:
    """The pypdf text layers of `path` (NFC) with ligatures spelt out and split words joined."""
    layers = [spell_ligatures(text) for text in layers]
    reference = glyph_texts(path, len(layers))
    if reference is None:
        return layers
    return [
        repair_spacing(text, ref) if text.strip() else text
        for text, ref in zip(layers, reference, strict=True)
    ]
