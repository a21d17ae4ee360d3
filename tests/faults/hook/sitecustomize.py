"""Loaded by Python at start-up in the fault suite's child processes (their PYTHONPATH starts
here): with TROLY_FAKE_EMBEDDER=1, `troly` uses the tests' hashing embedder instead of the model,
so a child process starts in a second. Nothing else of the program is changed.

The replacement is installed before any other module of the program is imported, so modules that
bind `make_embedder` by name (rag.ingest, rag.engine) get it too; tests.fakes itself imports
rag.ingest, so it is imported only when an embedder is made."""

import os

if os.environ.get("TROLY_FAKE_EMBEDDER") == "1":
    import rag.embedders

    def _fake_embedder(model: str = "", **_options):
        from tests.fakes import FakeEmbedder

        return FakeEmbedder()

    rag.embedders.make_embedder = _fake_embedder
