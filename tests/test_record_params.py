"""The records strategy's cut-offs come from the versioned rag/params/records.json, which is
checked when read: a broken file is an error naming the field, never a silent default."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rag.tables.match_params import RECORD_PARAMS_FILE, load_record_params, record_params


def _write(tmp_path: Path, **changes: object) -> Path:
    raw = json.loads(RECORD_PARAMS_FILE.read_text(encoding="utf-8"))
    raw.update(changes)
    raw = {k: v for k, v in raw.items() if v is not None}
    path = tmp_path / "records.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    return path


def test_shipped_file_is_read_and_versioned() -> None:
    params = record_params()
    assert params.version
    assert 0 < params.ambiguity_margin < params.line_min < params.lead <= 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"lead": 1.5}, "lead"),
        ({"deadline": "0.7"}, "deadline"),
        ({"target": None}, "missing"),
        ({"surplus": 0.3}, "unknown"),
        ({"version": ""}, "version"),
    ],
)
def test_a_broken_file_names_what_is_wrong(tmp_path: Path, changes: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        load_record_params(_write(tmp_path, **changes))
