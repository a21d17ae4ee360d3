"""The versioned numbers of OCR (rag/scan/params.json)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

PARAMS_FILE = Path(__file__).with_name("params.json")


@dataclass(frozen=True)
class OcrParams:
    version: int
    dpi: int
    language: str
    confidence_floor: float
    orientation_retry_below: float
    word_confidence_floor: float
    gap_factor: float
    min_table_cells: int
    row_pitch_factor: float
    deskew_max_degrees: float
    deskew_step_degrees: float
    blank_ink_ratio: float
    text_layer_min_chars: int


@lru_cache(maxsize=4)
def load_params(path: Path = PARAMS_FILE) -> OcrParams:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return OcrParams(**{k: v for k, v in data.items() if not k.startswith("_")})
