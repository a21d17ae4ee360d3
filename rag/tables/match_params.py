"""How much of a question's topic a record must cover before the records strategy answers
from it: the cut-offs of rag/tables/answer.py, read from the versioned rag/params/records.json."""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path

RECORD_PARAMS_FILE = Path(__file__).resolve().parent.parent / "params" / "records.json"


@dataclass(frozen=True)
class RecordMatchParams:
    """Shares in [0, 1]: the covered share of the topic a kind of answer needs, and margins."""

    version: str
    ambiguity_margin: float  # best and second record closer than this, and different: a tie
    facet_task: float  # a task whose lead, partners and deadline are asked together
    line_min: float  # a budget line named by its own words
    line_margin: float  # … and ahead of the next line by this much
    lead: float  # who leads a task
    lead_passage: float  # … a task held by the passage ranked first (rag.pipeline.records)
    deadline: float  # a task's deadline
    target: float  # a target's value for the asked years
    legal: float  # the legal basis a record cites
    budget_line: float  # a budget line for a task
    unbudgeted_task: float  # a task the budget has no line for (then "không nêu kinh phí")
    year_budget_item: float  # one item of a budget by year
    names_item: float  # a question that names one item of a list
    task_budget_line: float  # share of a budget line's words a task's name holds (its line)


def load_record_params(path: Path = RECORD_PARAMS_FILE) -> RecordMatchParams:
    """Read and check the file: every field present, no unknown key, shares in [0, 1]."""
    raw = json.loads(Path(path).read_text(encoding="utf-8"))
    raw.pop("comment", None)
    names = {f.name for f in fields(RecordMatchParams)}
    missing, unknown = names - raw.keys(), raw.keys() - names
    if missing or unknown:
        raise ValueError(f"{path}: missing {sorted(missing)}, unknown {sorted(unknown)}")
    if not isinstance(raw["version"], str) or not raw["version"]:
        raise ValueError(f"{path}: version must be a non-empty string")
    for name in names - {"version"}:
        value = raw[name]
        if not isinstance(value, int | float) or not 0.0 <= value <= 1.0:
            raise ValueError(f"{path}: {name} must be a share in [0, 1], got {value!r}")
    return RecordMatchParams(**raw)


@lru_cache(maxsize=1)
def record_params() -> RecordMatchParams:
    """The shipped cut-offs, read once."""
    return load_record_params()
