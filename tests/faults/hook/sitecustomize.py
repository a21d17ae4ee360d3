"""Loaded by Python at start-up in the fault suite's child processes (their PYTHONPATH starts
here): with TROLY_FAKE_EMBEDDER=1, `troly` uses the tests' hashing embedder instead of the model,
so a child process starts in a second. Nothing else of the program is changed."""

import os

if os.environ.get("TROLY_FAKE_EMBEDDER") == "1":
    import rag.embedders
    from tests.fakes import FakeEmbedder

    rag.embedders.make_embedder = lambda model="": FakeEmbedder()
