"""Read the pages of a PDF: the text layer where there is one, OCR where there is none.

The words Tesseract read (with boxes and confidences) are cached by the file's SHA-256 and the
OCR parameters' version under <data_dir>/ocr_cache, so a re-ingest — and the table store
rebuilt after it — runs Tesseract on a scan once.
"""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import asdict
from pathlib import Path

from rag.scan.layout import page_text
from rag.scan.ocr import PageWords, Word, ocr_page, require_tesseract
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


def _load_cache(file: Path) -> dict[int, PageWords] | None:
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
        return {
            int(n): PageWords(
                [Word(**{**w, "line": tuple(w["line"])}) for w in p["words"]],
                p["rotated"],
                p["skew"],
                p["blank"],
            )
            for n, p in data["pages"].items()
        }
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _save_cache(file: Path, pages: dict[int, PageWords]) -> None:
    file.parent.mkdir(parents=True, exist_ok=True)
    tmp = file.with_suffix(".tmp")
    payload = {"pages": {str(n): asdict(p) for n, p in pages.items()}}
    tmp.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    tmp.replace(file)


def needs_ocr(layer_texts: list[str], params: OcrParams | None = None) -> list[int]:
    """0-based indexes of the pages without a usable text layer."""
    params = params or load_params()
    return [i for i, t in enumerate(layer_texts) if len(t.strip()) < params.text_layer_min_chars]


def _read_pages(
    path: Path, todo: list[int], progress: bool, params: OcrParams
) -> dict[int, PageWords]:
    """OCR words of the given pages (0-based), from the cache or from Tesseract."""
    cache = _cache_file(path, params)
    cached = _load_cache(cache) if cache.is_file() else None
    if cached is not None and set(todo) <= set(cached):
        return cached
    require_tesseract(params)
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    numbers = todo
    if progress:
        from tqdm import tqdm

        numbers = tqdm(todo, desc=f"OCR {Path(path).name}", unit="trang", file=sys.stderr)
    words: dict[int, PageWords] = {}
    try:
        for i in numbers:
            image = pdf[i].render(scale=params.dpi / 72, grayscale=True).to_pil()
            words[i] = ocr_page(image, params)
    finally:
        pdf.close()
    _save_cache(cache, words)
    return words


def ocr_pages(
    path: Path,
    layer_texts: list[str],
    progress: bool = False,
    params: OcrParams | None = None,
) -> list[tuple[PageSpan, str]]:
    """(page, text) for every page: the text layer as is, OCR for the pages without one.
    The words Tesseract read are cached (not the text), so the page layout is rebuilt from
    them on every read. Raises OcrUnavailable when a page needs OCR and Tesseract is missing."""
    params = params or load_params()
    todo = needs_ocr(layer_texts, params)
    words = _read_pages(path, todo, progress, params) if todo else {}
    out: list[tuple[PageSpan, str]] = []
    carry = None  # a table running on from the page before keeps its columns
    for i, layer in enumerate(layer_texts):
        if i not in words:
            out.append((PageSpan(i + 1), layer))
            carry = None
            continue
        page = words[i]
        read = page_text(page, params, carry)
        carry = read.open_table if read.text else carry
        conf = round(page.confidence, 1)
        span = PageSpan(
            i + 1,
            ocr=True,
            confidence=conf,
            flagged=bool(read.text) and conf < params.confidence_floor,
            blank=page.blank or not read.text,
            rotated=page.rotated,
            untrusted=read.untrusted,
        )
        out.append((span, read.text))
    return out


def join_pages(pages: list[tuple[PageSpan, str]]) -> tuple[str, list[PageSpan]]:
    """The document text and each page's span in it. A table that runs on from one page to
    the next (pipe rows at the end of a page and at the top of the next) stays one table."""
    text = ""
    spans: list[PageSpan] = []
    for span, body in pages:
        body = body.strip("\n")
        lines = body.split("\n") if body else []
        ends_in_table = text.rstrip("\n").rsplit("\n", 1)[-1].lstrip().startswith("|")
        continues = ends_in_table and bool(lines) and lines[0].lstrip().startswith("|")
        if continues:
            if len(lines) >= 2 and lines[1].lstrip().startswith("| ---"):
                lines.pop(1)  # a separator under run-on rows: they join the table above
            body = "\n".join(lines)
            text = text.rstrip("\n") + "\n"
        elif text:
            text += "\n\n"
        span.start = len(text)
        text += body
        span.end = len(text)
        spans.append(span)
    return text, spans
