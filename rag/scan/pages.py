"""Pages of a document read by OCR: where each page's text lies, its confidence, its label."""

from __future__ import annotations

import bisect
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


def scan_label(spans: list[PageSpan]) -> str:
    """The citation note of OCR text: "bản quét, trang 3" (flagged: "…, độ tin cậy thấp")."""
    scanned = [p for p in spans if p.ocr]
    if not scanned:
        return ""
    first, last = scanned[0].number, scanned[-1].number
    where = f"trang {first}" if first == last else f"trang {first}–{last}"
    label = f"bản quét, {where}"
    if any(p.flagged for p in scanned):
        label += ", độ tin cậy OCR thấp"
    return label


def with_label(section: str, label: str) -> str:
    """Section path with the scan note appended to its innermost part."""
    if not label:
        return section
    return f"{section} ({label})" if section else f"({label})"
