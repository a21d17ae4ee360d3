"""While the engine loads, /v1/ask answers 503 in Vietnamese with Retry-After; /readyz says why."""

from __future__ import annotations

import threading
from pathlib import Path

from fastapi.testclient import TestClient

from api.main import create_app
from rag.engine import Engine
from rag.settings import Settings


def test_ask_is_503_with_retry_after_while_the_engine_loads(ingested_dir: Path, engine: Engine):
    release = threading.Event()

    def slow_factory() -> Engine:
        release.wait(timeout=30)
        return engine

    app = create_app(Settings(data_dir=ingested_dir))
    app.state.engine_factory = slow_factory
    with TestClient(app) as client:  # the context runs the lifespan: the load starts
        resp = client.post("/v1/ask", json={"question": "Kế hoạch có bao nhiêu chỉ tiêu?"})
        assert resp.status_code == 503 and resp.headers["Retry-After"].isdigit()
        message = resp.json()["error"]["message"]
        assert "đang nạp" in message and not message.isascii()
        ready = client.get("/readyz")
        assert ready.status_code == 503 and "đang nạp" in ready.json()["error"]["message"]
        release.set()
        app.state.loader._thread.join(timeout=30)
        resp = client.post("/v1/ask", json={"question": "Kế hoạch có bao nhiêu chỉ tiêu?"})
        assert resp.status_code == 200 and resp.json()["answer"]
        assert client.get("/readyz").status_code == 200
