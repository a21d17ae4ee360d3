"""Bad input, body size, rate limit and time-out: always a 4xx/503 JSON error in Vietnamese."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from api.middleware import RateLimitMiddleware
from rag.engine import Engine
from rag.interactions import InteractionLog
from rag.settings import Settings
from tests.test_api import QUESTION, is_vietnamese_error


def build(data_dir: Path, engine, tmp_path: Path, **settings) -> TestClient:
    app = create_app(Settings(data_dir=data_dir, **settings), engine=engine)
    app.state.interactions = InteractionLog(tmp_path / "log.sqlite")
    return TestClient(app)


@pytest.fixture
def client(ingested_dir: Path, engine: Engine, tmp_path: Path) -> TestClient:
    return build(ingested_dir, engine, tmp_path)


JSON = {"content-type": "application/json"}
BAD_ASK_INPUTS = [
    ("empty question", {"json": {"question": ""}}, 422),
    ("whitespace question", {"json": {"question": " \n\t "}}, 422),
    ("question over 1000 chars", {"json": {"question": "a" * 1001}}, 422),
    ("question is a number", {"json": {"question": 123}}, 422),
    ("question is a list", {"json": {"question": ["a"]}}, 422),
    ("question is null", {"json": {"question": None}}, 422),
    ("missing question", {"json": {"commune": "Phú Trung"}}, 422),
    ("null byte in question", {"json": {"question": "xin\x00chào"}}, 422),
    ("commune is a number", {"json": {"question": QUESTION, "commune": 5}}, 422),
    ("commune with null byte", {"json": {"question": QUESTION, "commune": "a\x00"}}, 422),
    ("commune over 100 chars", {"json": {"question": QUESTION, "commune": "x" * 101}}, 422),
    ("malformed JSON", {"content": b'{"question": "abc"', "headers": JSON}, 422),
    ("JSON array body", {"content": b'["abc"]', "headers": JSON}, 422),
    ("JSON string body", {"content": b'"abc"', "headers": JSON}, 422),
    ("empty body", {"content": b"", "headers": JSON}, 422),
    ("raw null byte in JSON", {"content": b'{"question": "a\x00b"}', "headers": JSON}, 422),
    ("invalid UTF-8", {"content": b'{"question": "\xff\xfe"}', "headers": JSON}, 400),
    ("body over 16 KB", {"json": {"question": "a", "pad": "x" * 17_000}}, 413),
]


@pytest.mark.parametrize("path", ["/v1/ask", "/v1/ask/stream"])
@pytest.mark.parametrize(
    ("label", "kwargs", "status"), BAD_ASK_INPUTS, ids=[b[0] for b in BAD_ASK_INPUTS]
)
def test_bad_ask_input(client, path: str, label: str, kwargs: dict, status: int) -> None:
    resp = client.post(path, **kwargs)
    assert resp.status_code == status, (label, resp.text)
    assert resp.headers["content-type"].startswith("application/json")
    assert is_vietnamese_error(resp), resp.text


def test_question_of_exactly_1000_chars_is_accepted(client) -> None:
    resp = client.post("/v1/ask", json={"question": "VNeID " + "a" * 994})
    assert resp.status_code == 200


def test_chunked_body_over_limit_is_413(client) -> None:
    def body():
        for _ in range(20):
            yield b"x" * 1024

    resp = client.post("/v1/ask", content=body(), headers=JSON)
    assert resp.status_code == 413 and is_vietnamese_error(resp)
    assert "16 KB" in resp.json()["error"]["message"]


def test_bad_content_length_is_400(client) -> None:
    resp = client.post("/v1/ask", content=b"{}", headers={**JSON, "content-length": "abc"})
    assert resp.status_code == 400 and is_vietnamese_error(resp)


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [("get", "/v1/ask", 405), ("get", "/v1/khong-co", 404), ("delete", "/v1/feedback", 405)],
)
def test_unknown_routes_and_methods(client, method: str, path: str, status: int) -> None:
    resp = getattr(client, method)(path)
    assert resp.status_code == status and is_vietnamese_error(resp)


# ------------------------------------------------------------------- rate limit
def test_rate_limit(ingested_dir: Path, engine: Engine, tmp_path: Path) -> None:
    client = build(ingested_dir, engine, tmp_path, rate_limit_per_minute=3)
    for _ in range(3):
        assert client.post("/v1/ask", json={"question": QUESTION}).status_code == 200
    resp = client.post("/v1/ask", json={"question": QUESTION})
    assert resp.status_code == 429 and is_vietnamese_error(resp)
    assert 1 <= int(resp.headers["retry-after"]) <= 60
    # every question endpoint shares the budget; other endpoints are not limited
    assert client.get("/v1/search", params={"q": "vneid"}).status_code == 429
    assert client.post("/v1/ask/stream", json={"question": QUESTION}).status_code == 429
    assert client.get("/v1/communes").status_code == 200
    assert client.get("/healthz").status_code == 200
    # X-Forwarded-For is ignored unless the proxy is trusted
    spoofed = client.post(
        "/v1/ask", json={"question": QUESTION}, headers={"X-Forwarded-For": "10.0.0.9"}
    )
    assert spoofed.status_code == 429


def test_rate_limit_behind_trusted_proxy(ingested_dir: Path, engine: Engine, tmp_path: Path):
    client = build(ingested_dir, engine, tmp_path, rate_limit_per_minute=2, trust_proxy=True)
    a = {"X-Forwarded-For": "203.0.113.5, 10.0.0.1"}
    b = {"X-Forwarded-For": "198.51.100.7"}
    for _ in range(2):
        assert client.get("/v1/search", params={"q": "vneid"}, headers=a).status_code == 200
    assert client.get("/v1/search", params={"q": "vneid"}, headers=a).status_code == 429
    assert client.get("/v1/search", params={"q": "vneid"}, headers=b).status_code == 200


def test_rate_limit_zero_is_off(ingested_dir: Path, engine: Engine, tmp_path: Path) -> None:
    client = build(ingested_dir, engine, tmp_path, rate_limit_per_minute=0)
    codes = {client.get("/v1/search", params={"q": "vneid", "k": 1}).status_code for _ in range(40)}
    assert codes == {200}


def test_rate_limit_window_slides() -> None:
    now = [1000.0]
    limiter = RateLimitMiddleware(app=None, per_minute=2, clock=lambda: now[0])
    assert limiter.check("a") == 0 and limiter.check("a") == 0
    assert limiter.check("a") == 60
    now[0] += 30
    assert limiter.check("a") == 30
    assert limiter.check("b") == 0
    now[0] += 30.5
    assert limiter.check("a") == 0
    with pytest.raises(ValueError):
        RateLimitMiddleware(app=None, per_minute=-1)


# --------------------------------------------------------------------- time-out
class SlowEngine:
    """The real engine, but ask() blocks until released (a hung LLM or store)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self.release = threading.Event()

    def ask(self, question: str, commune: str | None = None):
        self.release.wait(10)
        return self._engine.ask(question, commune)

    def __getattr__(self, name: str):
        return getattr(self._engine, name)


@pytest.mark.parametrize("path", ["/v1/ask", "/v1/ask/stream"])
def test_engine_timeout_is_503(
    ingested_dir: Path, engine: Engine, tmp_path: Path, path: str
) -> None:
    slow = SlowEngine(engine)
    client = build(ingested_dir, slow, tmp_path, answer_timeout_s=0.3)
    try:
        started = time.perf_counter()
        resp = client.post(path, json={"question": QUESTION})
        elapsed = time.perf_counter() - started
    finally:
        slow.release.set()
    assert resp.status_code == 503
    assert resp.json()["error"]["code"] == "timeout" and is_vietnamese_error(resp)
    assert elapsed < 3.0


def test_telegram_webhook_gets_its_own_larger_limit(client) -> None:
    """A long Telegram update (> 16 KB) is not cut by the API's 16 KB limit."""
    resp = client.post(
        "/v1/telegram/webhook",
        json={"update_id": 1, "message": {"text": "x" * 20_000}},
        headers={"X-Telegram-Bot-Api-Secret-Token": "sai"},
    )
    assert resp.status_code != 413
    resp = client.post("/v1/telegram/webhook", content=b"x" * 1_000_001, headers=JSON)
    assert resp.status_code == 413 and is_vietnamese_error(resp)
