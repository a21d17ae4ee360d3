"""Fixtures of the fault suite: one ingested data dir (CLI, hashing embedder), copied per test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from rag.settings import BUNDLED_CORPUS
from tests.faults.procs import troly


@pytest.fixture(scope="session")
def ingested_cli_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("faults-base") / "data"
    done = troly(["ingest", "--quiet"], data)
    assert done.returncode == 0, done.stderr
    return data


@pytest.fixture
def data_dir(ingested_cli_dir: Path, tmp_path: Path) -> Path:
    dst = tmp_path / "data"
    shutil.copytree(ingested_cli_dir, dst)
    return dst


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A writable copy of the bundled corpus (point TROLY_CORPUS_DIR at it)."""
    dst = tmp_path / "corpus"
    shutil.copytree(BUNDLED_CORPUS, dst)
    return dst
