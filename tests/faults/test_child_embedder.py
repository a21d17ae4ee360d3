"""The fault suite's child processes use the tests' hashing embedder (hook/sitecustomize.py),
not the model: a regression here makes every fault test load and run the model (minutes)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fakes import FakeEmbedder
from tests.faults.procs import index_state

pytestmark = pytest.mark.slow


def test_child_ingest_used_the_hashing_embedder(ingested_cli_dir: Path) -> None:
    state = index_state(ingested_cli_dir)
    assert state["embedder"] == FakeEmbedder().name, state
    assert state["chunks"] > 0
