"""The numbers of the extractive composer, read from the versioned rag/params/compose.json."""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path

COMPOSE_PARAMS_FILE = Path(__file__).with_name("params") / "compose.json"
_SHARES = (
    "section_credit",
    "rare_first_below_coverage",
    "rare_first_min_share",
    "commune_min_share",
    "keep_share",
    "keep_share_listing",
    "comparison_min_coverage",
    "comparison_second_share",
    "conflict_min_overlap",
)


@dataclass(frozen=True)
class ComposeParams:
    version: str
    section_credit: float
    bigram_bonus: float
    rank_prior: float
    phrase_bonus: float
    row_name_weight: float
    card_document_bonus: float
    reason_bonus: float
    reason_penalty: float
    distribution_list_penalty: float
    long_unit_chars: int
    long_unit_penalty: float
    number_bonus: float
    number_penalty: float
    date_bonus: float
    date_penalty: float
    agency_bonus: float
    agency_penalty: float
    doc_ref_bonus: float
    results_penalty: float
    results_bonus: float
    enum_bonus: float
    enum_min_items: int
    enum_more_coverage: float
    rare_first_below_coverage: float
    rare_first_min_share: float
    commune_min_share: float
    units: int
    units_listing: int
    keep_share: float
    keep_share_listing: float
    per_passage: int
    per_passage_listing: int
    comparison_min_coverage: float
    comparison_second_share: float
    conflict_min_overlap: float

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name != "version" and (not isinstance(value, (int, float)) or value < 0):
                raise ValueError(f"compose.json: {f.name} must be a number ≥ 0")
        for name in _SHARES:
            if getattr(self, name) > 1:
                raise ValueError(f"compose.json: {name} must be in [0, 1]")
        for name in ("units", "units_listing", "per_passage", "per_passage_listing"):
            if getattr(self, name) < 1:
                raise ValueError(f"compose.json: {name} must be ≥ 1")


@lru_cache(maxsize=4)
def load_compose_params(path: Path = COMPOSE_PARAMS_FILE) -> ComposeParams:
    raw = json.loads(Path(path).read_text(encoding="utf-8"))
    return ComposeParams(**{f.name: raw[f.name] for f in fields(ComposeParams)})
