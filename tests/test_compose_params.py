"""The composer's numbers come from the versioned rag/params/compose.json and are checked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rag.compose_params import COMPOSE_PARAMS_FILE, load_compose_params


def test_the_shipped_file_loads_with_a_version() -> None:
    params = load_compose_params()
    assert params.version and params.keep_share_listing <= params.keep_share
    assert params.units <= params.units_listing


@pytest.mark.parametrize(
    ("field", "value"), [("keep_share", 1.4), ("units", 0), ("rank_prior", -0.1), ("units", "3")]
)
def test_a_bad_value_is_refused_with_its_name(tmp_path: Path, field: str, value: object) -> None:
    raw = json.loads(COMPOSE_PARAMS_FILE.read_text(encoding="utf-8"))
    raw[field] = value
    bad = tmp_path / "compose.json"
    bad.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(ValueError, match=field):
        load_compose_params(bad)


def test_a_missing_number_is_an_error(tmp_path: Path) -> None:
    raw = json.loads(COMPOSE_PARAMS_FILE.read_text(encoding="utf-8"))
    del raw["keep_share"]
    bad = tmp_path / "compose.json"
    bad.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(KeyError):
        load_compose_params(bad)
