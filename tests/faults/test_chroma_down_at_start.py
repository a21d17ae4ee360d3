"""The Chroma server is down when `troly serve` starts (CHROMA_HOST/CHROMA_PORT name a port
nobody listens on): /v1/ask answers 503 "store_unavailable" with Retry-After and a Vietnamese
message, never 500, /readyz says the store is unreachable, and once Chroma runs the same app
answers, without a restart.

Checks api.loading (StoreUnavailable, one load attempt every STORE_RETRY_S) and its 503 in
api.store_errors. Without them the first request re-runs the failed load and answers 500."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from rag.engine import Engine
from rag.ingest import Ingestor
from rag.settings import Settings
from tests.faults.procs import QUESTION, free_port, start_chroma, stop
from tests.test_api import is_vietnamese_error


def _app(settings: Settings, embedder):
    app = create_app(settings)
    app.state.engine_factory = lambda: Engine(settings, embedder=embedder)  # the tests' embedder
    return app


def _ask_until(client: TestClient, done, timeout: float = 60):
    """Ask until `done(response)`; every response on the way is returned too."""
    seen = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        resp = client.post("/v1/ask", json={"question": QUESTION})
        seen.append(resp)
        if done(resp):
            return seen
        time.sleep(0.2)
    raise AssertionError([(r.status_code, r.text[:200]) for r in seen[-3:]])


def _is_store_down(resp) -> bool:
    return resp.status_code == 503 and resp.json()["error"]["code"] == "store_unavailable"


def _check_down(client: TestClient) -> None:
    seen = _ask_until(client, _is_store_down)
    assert all(r.status_code == 503 for r in seen), [r.status_code for r in seen]
    for resp in seen[-1:] + [client.post("/v1/ask", json={"question": QUESTION})]:
        assert _is_store_down(resp) and is_vietnamese_error(resp), resp.text
        assert int(resp.headers["retry-after"]) > 0
    ready = client.get("/readyz")
    assert ready.status_code == 503 and is_vietnamese_error(ready)
    assert "Chroma" in ready.json()["error"]["message"]
    assert ready.headers.get("retry-after")


def test_ask_answers_503_while_chroma_is_down_at_start(tmp_path: Path, fake_embedder) -> None:
    settings = Settings(
        data_dir=tmp_path / "data", chroma_host="127.0.0.1", chroma_port=free_port()
    )
    with TestClient(_app(settings, fake_embedder)) as client:  # lifespan: the load starts
        _check_down(client)


@pytest.mark.slow
def test_serving_recovers_when_chroma_comes_up(tmp_path: Path, fake_embedder) -> None:
    port = free_port()
    settings = Settings(data_dir=tmp_path / "data", chroma_host="127.0.0.1", chroma_port=port)
    store = tmp_path / "chroma-server"
    chroma = start_chroma(store, port)  # an index on the server, then the server stops
    try:
        Ingestor(settings, embedder=fake_embedder).run(progress=False)
    finally:
        stop(chroma)
    chroma = None
    try:
        with TestClient(_app(settings, fake_embedder)) as client:
            _check_down(client)
            chroma = start_chroma(store, port)
            seen = _ask_until(client, lambda r: r.status_code == 200)
            assert {r.status_code for r in seen} <= {200, 503}
            answer = seen[-1].json()
            assert not answer["refused"] and answer["citations"], answer
            assert client.get("/readyz").status_code == 200
    finally:
        if chroma is not None:
            stop(chroma)
