"""The numbers that decide the pipeline's behaviour, read from the versioned thresholds.json."""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path

THRESHOLDS_FILE = Path(__file__).with_name("thresholds.json")


@dataclass(frozen=True)
class Thresholds:
    version: str
    guide_min_coverage: float
    guide_accept_without_howto: float
    guide_unknown_words_below: float
    guide_weight_body: float
    guide_weight_title: float
    outline_min_named: float
    outline_min_children: int
    outline_min_items: int
    passages_k: int
    comparison_k: int
    passages_kept: int
    named_task_min_cover: float
    plain_max_marked_share: float

    def __post_init__(self) -> None:
        for name in (
            "guide_min_coverage",
            "guide_accept_without_howto",
            "outline_min_named",
            "named_task_min_cover",
            "plain_max_marked_share",
        ):
            if not 0.0 <= getattr(self, name) <= 1.0:
                raise ValueError(f"{name} must be in [0, 1]")
        if min(self.passages_k, self.comparison_k, self.passages_kept) < 1:
            raise ValueError("k values must be positive")


@lru_cache(maxsize=4)
def load_thresholds(path: Path = THRESHOLDS_FILE) -> Thresholds:
    raw = json.loads(Path(path).read_text(encoding="utf-8"))
    return Thresholds(**{f.name: raw[f.name] for f in fields(Thresholds)})
