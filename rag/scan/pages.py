"""Pages of a document read by OCR: where each page's text lies, its confidence, its label."""

from __future__ import annotations

import bisect
import re
from dataclasses import asdict, dataclass, field


@dataclass
class PageSpan:
    """One page of a PDF in the document text: [start, end) offsets, 1-based page number."""

    number: int
    start: int = 0
    end: int = 0
    ocr: bool = False
    confidence: float = 100.0  # mean OCR word confidence, 0-100 (100 for a text layer)
    flagged: bool = False  # below the confidence floor: searchable, but flagged
    blank: bool = False
    rotated: int = 0
    untrusted: list[str] = field(default_factory=list)  # numbers OCR may have misread

    def as_dict(self) -> dict:
        return asdict(self)


def pages_of(pages: list[PageSpan], start: int, end: int) -> list[PageSpan]:
    """The pages a text span [start, end) lies on."""
    if not pages:
        return []
    starts = [p.start for p in pages]
    first = max(0, bisect.bisect_right(starts, start) - 1)
    last = max(first, bisect.bisect_right(starts, max(start, end - 1)) - 1)
    return pages[first : last + 1]


def untrusted_in(spans: list[PageSpan], text: str) -> list[str]:
    """Numbers of the text that OCR may have misread (rag.scan.numbers)."""
    found = re.findall(r"\d+(?:[.,/]\d+)*%?", text)
    doubtful = {n for p in spans if p.ocr for n in p.untrusted}
    return list(dict.fromkeys(n for n in found if n in doubtful))


def scan_label(spans: list[PageSpan], text: str = "") -> str:
    """The citation note of OCR text: "bản quét, trang 3"; flagged pages add "độ tin cậy OCR
    thấp", and numbers of `text` OCR may have misread are named, so the quote is checked."""
    scanned = [p for p in spans if p.ocr]
    if not scanned:
        return ""
    first, last = scanned[0].number, scanned[-1].number
    where = f"trang {first}" if first == last else f"trang {first}–{last}"
    label = f"bản quét, {where}"
    if any(p.flagged for p in scanned):
        label += ", độ tin cậy OCR thấp"
    doubtful = untrusted_in(scanned, text) if text else []
    if doubtful:
        label += ", số cần đối chiếu bản gốc: " + ", ".join(doubtful[:3])
    return label


def with_label(section: str, label: str) -> str:
    """Section path with the scan note in front of its innermost part, where the renderers,
    which shorten that part, keep it: "I. MỤC TIÊU › (bản quét, trang 3) 2. Chỉ tiêu"."""
    if not label:
        return section
    parts = section.split(" › ") if section else [""]
    parts[-1] = f"({label}) {parts[-1]}".strip()
    return " › ".join(parts)
