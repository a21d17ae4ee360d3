"""OCR of page images with Tesseract (pytesseract): orientation, deskew, words with confidences.

pytesseract rather than ocrmypdf: we OCR page by page, so the ingest shows a progress bar per
page, keeps each page's number and its mean word confidence (``image_to_data``), and needs
only the ``tesseract`` binary (ocrmypdf also wants Ghostscript and qpdf and returns a PDF whose
text layer we would have to read back, without confidences).
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass, field
from functools import lru_cache

from rag.scan.params import OcrParams, load_params

INSTALL_HINT = "apt-get install -y tesseract-ocr tesseract-ocr-vie"


class OcrUnavailable(Exception):
    """Tesseract or its Vietnamese model is missing."""


@dataclass
class Word:
    text: str
    conf: float
    left: int
    top: int
    width: int
    height: int
    line: tuple[int, int, int]  # (block, paragraph, line) as Tesseract grouped them


@dataclass
class PageWords:
    words: list[Word] = field(default_factory=list)
    rotated: int = 0  # degrees the page was turned before reading
    skew: float = 0.0  # degrees of deskew applied
    blank: bool = False

    @property
    def confidence(self) -> float:
        """Mean word confidence weighted by word length (0-100); 0 for a page without words."""
        total = sum(len(w.text) for w in self.words)
        if not total:
            return 0.0
        return sum(w.conf * len(w.text) for w in self.words) / total


def tesseract_cmd() -> str:
    return os.environ.get("TROLY_TESSERACT", "tesseract")


@lru_cache(maxsize=4)
def _check(cmd: str, language: str) -> str:
    """'' when Tesseract and the language model are there, else the reason (Vietnamese)."""
    if not shutil.which(cmd):
        return "chưa cài Tesseract"
    import pytesseract

    pytesseract.pytesseract.tesseract_cmd = cmd
    try:
        langs = pytesseract.get_languages(config="")
    except Exception as exc:  # noqa: BLE001 - a broken binary is reported, not raised
        return f"không chạy được Tesseract ({exc})"
    if language not in langs:
        return f"Tesseract thiếu mô hình tiếng Việt ({language})"
    return ""


def require_tesseract(params: OcrParams | None = None) -> None:
    params = params or load_params()
    reason = _check(tesseract_cmd(), params.language)
    if reason:
        raise OcrUnavailable(f"{reason}; cài bằng: {INSTALL_HINT}")


def _is_blank(gray, params: OcrParams) -> bool:
    hist = gray.histogram()
    dark = sum(hist[:128])
    return dark / max(1, gray.width * gray.height) < params.blank_ink_ratio


def _skew_angle(gray, params: OcrParams) -> float:
    """Angle (degrees) that makes text lines horizontal: the rotation whose row profile of ink
    is sharpest (projection profile), searched on a small copy of the page."""
    import numpy as np
    from PIL import Image

    small = gray.copy()
    small.thumbnail((900, 900))
    ink = small.point(lambda v: 255 if v < 128 else 0)
    best, best_score = 0.0, -1.0
    steps = int(params.deskew_max_degrees / params.deskew_step_degrees)
    for k in range(-steps, steps + 1):
        angle = k * params.deskew_step_degrees
        turned = ink.rotate(angle, resample=Image.Resampling.NEAREST, expand=False, fillcolor=0)
        rows = np.asarray(turned, dtype=np.float32).sum(axis=1)
        score = float(np.square(np.diff(rows)).sum())
        if score > best_score:
            best, best_score = angle, score
    return best


def _read(image, params: OcrParams) -> list[Word]:
    import pytesseract

    # One thread per Tesseract run: its OpenMP threads fight over a small shared machine
    # (a page took 10.8 s with them, 2.1 s without, on 2 busy cores).
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    pytesseract.pytesseract.tesseract_cmd = tesseract_cmd()
    data = pytesseract.image_to_data(
        image,
        lang=params.language,
        config="--psm 6",
        output_type=pytesseract.Output.DICT,
    )
    words: list[Word] = []
    for i, text in enumerate(data["text"]):
        text = (text or "").strip()
        conf = float(data["conf"][i])
        if not text or conf < 0:
            continue
        words.append(
            Word(
                text,
                conf,
                int(data["left"][i]),
                int(data["top"][i]),
                int(data["width"][i]),
                int(data["height"][i]),
                (int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i])),
            )
        )
    return words


def _orientation(image) -> int:
    """Degrees (0, 90, 180, 270) Tesseract's orientation detection says to turn the page."""
    import pytesseract

    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    try:
        osd = pytesseract.image_to_osd(image, config="--psm 0")
    except pytesseract.TesseractError:
        return 0
    m = re.search(r"Rotate:\s*(\d+)", osd)
    return int(m.group(1)) % 360 if m else 0


def ocr_page(image, params: OcrParams | None = None) -> PageWords:
    """Read one page image: skip blank pages, deskew, read; when confidence is low, ask
    Tesseract which way the page faces and read it again turned."""
    from PIL import Image

    params = params or load_params()
    require_tesseract(params)
    gray = image.convert("L")
    if _is_blank(gray, params):
        return PageWords(blank=True)
    skew = _skew_angle(gray, params)
    if skew:
        gray = gray.rotate(skew, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    page = PageWords(_read(gray, params), skew=skew)
    if page.confidence < params.orientation_retry_below:
        turn = _orientation(gray)
        if turn:
            turned = gray.rotate(-turn, expand=True, fillcolor=255)
            again = PageWords(_read(turned, params), rotated=turn, skew=skew)
            if again.confidence > page.confidence:
                page = again
    return page
