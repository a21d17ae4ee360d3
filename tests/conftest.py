"""Shared fixtures: a temp data dir for every test, a fake embedder, an ingested corpus."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from rag.engine import Engine
from rag.ingest import Ingestor
from rag.settings import BUNDLED_CORPUS, Settings, get_settings
from tests.fakes import FakeEmbedder

SEEDS = BUNDLED_CORPUS / "plans"


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Every test gets its own TROLY_DATA_DIR; no test touches ./data."""
    monkeypatch.setenv("TROLY_DATA_DIR", str(tmp_path / "data"))
    for var in (
        "CHROMA_HOST",
        "TROLY_EMBED_MODEL",
        "TROLY_LLM_BASE_URL",
        "TROLY_LLM_MODEL",
        "TROLY_ADMIN_KEY",
    ):
        monkeypatch.delenv(var, raising=False)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture(scope="session")
def fake_embedder() -> FakeEmbedder:
    return FakeEmbedder()


@pytest.fixture(scope="session")
def ingested_dir(tmp_path_factory: pytest.TempPathFactory, fake_embedder: FakeEmbedder) -> Path:
    """A data dir with the bundled corpus ingested once (fake embedder). Read-only for tests."""
    data = tmp_path_factory.mktemp("ingested") / "data"
    Ingestor(Settings(data_dir=data), embedder=fake_embedder).run(progress=False)
    return data


@pytest.fixture(scope="session")
def engine(ingested_dir: Path, fake_embedder: FakeEmbedder) -> Engine:
    return Engine(Settings(data_dir=ingested_dir), embedder=fake_embedder)


@pytest.fixture
def ingested_copy(ingested_dir: Path, tmp_path: Path) -> Path:
    """A writable copy of `ingested_dir` at tmp_path/"data" (this test's TROLY_DATA_DIR): the
    bundled corpus already ingested, without paying for a full ingest in every test. An ingest
    of the bundled corpus (or a copy of it) into it finds every document unchanged."""
    dst = tmp_path / "data"
    shutil.copytree(ingested_dir, dst)
    return dst


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled corpus."""
    dst = tmp_path / "corpus"
    shutil.copytree(BUNDLED_CORPUS, dst)
    return dst


def pytest_terminal_summary(terminalreporter, exitstatus, config):  # noqa: ARG001
    """List files the tests left for humans to look at (browser screenshots)."""
    root = Path(__file__).resolve().parent.parent / "test-artifacts"
    files = sorted(p for p in root.rglob("*.png")) if root.exists() else []
    if files:
        terminalreporter.write_sep("-", "test artifacts")
        for f in files:
            terminalreporter.write_line(str(f.relative_to(root.parent)))
