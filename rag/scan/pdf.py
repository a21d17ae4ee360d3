"""Read the pages of a PDF: the text layer where there is one, OCR where there is none.

OCR output is cached by the file's SHA-256 (and the OCR parameters' version) under
<data_dir>/ocr_cache, so a re-ingest — and the table store rebuilt after it — reads a scan once.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from rag.scan.layout import page_text
from rag.scan.ocr import ocr_page, require_tesseract
from rag.scan.pages import PageSpan
from rag.scan.params import OcrParams, load_params


def file_hash(path: Path) -> str:
    h = hashlib.sha256()
    with Path(path).open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def cache_dir() -> Path:
    from rag.settings import get_settings

    return Path(get_settings().data_dir) / "ocr_cache"


def _cache_file(path: Path, params: OcrParams) -> Path:
    return cache_dir() / f"{file_hash(path)}-v{params.version}-{params.language}.json"


def _load_cache(file: Path) -> list[tuple[PageSpan, str]] | None:
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
        return [(PageSpan(**p["page"]), p["text"]) for p in data["pages"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _save_cache(file: Path, pages: list[tuple[PageSpan, str]]) -> None:
    file.parent.mkdir(parents=True, exist_ok=True)
    tmp = file.with_suffix(".tmp")
    payload = {"pages": [{"page": p.as_dict(), "text": t} for p, t in pages]}
    tmp.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    tmp.replace(file)


def needs_ocr(layer_texts: list[str], params: OcrParams | None = None) -> list[int]:
    """0-based indexes of the pages without a usable text layer."""
    params = params or load_params()
    return [i for i, t in enumerate(layer_texts) if len(t.strip()) < params.text_layer_min_chars]


def ocr_pages(
    path: Path,
    layer_texts: list[str],
    progress: bool = False,
    params: OcrParams | None = None,
) -> list[tuple[PageSpan, str]]:
    """(page, text) for every page: the text layer as is, OCR for the pages without one.
    Raises OcrUnavailable when a page needs OCR and Tesseract is missing."""
    params = params or load_params()
    todo = needs_ocr(layer_texts, params)
    if not todo:
        return [(PageSpan(i + 1), t) for i, t in enumerate(layer_texts)]
    cached = cache_dir().is_dir() and _load_cache(_cache_file(path, params))
    if cached:
        return cached
    require_tesseract(params)
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    out: list[tuple[PageSpan, str]] = []
    numbers = range(len(layer_texts))
    if progress:
        from tqdm import tqdm

        numbers = tqdm(numbers, desc=f"OCR {Path(path).name}", unit="trang", file=sys.stderr)
    try:
        for i in numbers:
            if i not in todo:
                out.append((PageSpan(i + 1), layer_texts[i]))
                continue
            image = pdf[i].render(scale=params.dpi / 72, grayscale=True).to_pil()
            words = ocr_page(image, params)
            read = page_text(words, params)
            conf = round(words.confidence, 1)
            span = PageSpan(
                i + 1,
                ocr=True,
                confidence=conf,
                flagged=bool(read.text) and conf < params.confidence_floor,
                blank=words.blank or not read.text,
                rotated=words.rotated,
                untrusted=read.untrusted,
            )
            out.append((span, read.text))
    finally:
        pdf.close()
    _save_cache(_cache_file(path, params), out)
    return out


def join_pages(pages: list[tuple[PageSpan, str]]) -> tuple[str, list[PageSpan]]:
    """The document text and each page's span in it. A table that runs on from one page to
    the next (pipe rows at the end of a page and at the top of the next) stays one table."""
    text = ""
    spans: list[PageSpan] = []
    for span, body in pages:
        body = body.strip("\n")
        lines = body.split("\n") if body else []
        continues = (
            text.rstrip("\n").rsplit("\n", 1)[-1].lstrip().startswith("|")
            and len(lines) >= 2
            and lines[0].lstrip().startswith("|")
            and lines[1].lstrip().startswith("| ---")
        )
        if continues:
            lines.pop(1)  # the repeated header separator: the run-on rows join the table
            body = "\n".join(lines)
            text = text.rstrip("\n") + "\n"
        elif text:
            text += "\n\n"
        span.start = len(text)
        text += body
        span.end = len(text)
        spans.append(span)
    return text, spans
