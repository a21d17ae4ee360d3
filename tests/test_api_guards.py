"""Admin-key guessing is rate-limited (429 in Vietnamese, Retry-After); CORS is configurable."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from api.admin_guard import MAX_FAILURES, AdminKeyGuard
from api.main import create_app
from rag.settings import Settings

KEY = "khoa-quan-tri-dung-0123456789abcdef"


def _client(ingested_dir: Path, engine, **settings) -> TestClient:
    return TestClient(create_app(Settings(data_dir=ingested_dir, **settings), engine=engine))


def test_wrong_admin_keys_are_slowed_down(ingested_dir: Path, engine) -> None:
    client = _client(ingested_dir, engine, admin_key=KEY)
    for i in range(MAX_FAILURES):
        resp = client.post("/v1/admin/ingest", json={}, headers={"X-API-Key": f"doan-{i}"})
        assert resp.status_code == 403
    blocked = client.post("/v1/admin/ingest", json={}, headers={"X-API-Key": KEY})
    assert blocked.status_code == 429
    assert int(blocked.headers["retry-after"]) > 0
    message = blocked.json()["error"]["message"]
    assert "quá nhiều lần" in message and "giây" in message
    # Other endpoints are not affected.
    assert client.get("/healthz").status_code == 200


def test_wrong_keys_in_the_dashboard_login_are_slowed_down_too(ingested_dir: Path, engine) -> None:
    client = _client(ingested_dir, engine, admin_key=KEY)
    for i in range(MAX_FAILURES):
        assert client.post("/admin/login", data={"key": f"doan-{i}"}).status_code == 401
    blocked = client.post("/admin/login", data={"key": KEY}, follow_redirects=False)
    assert blocked.status_code == 429
    assert int(blocked.headers["retry-after"]) > 0
    assert "quá nhiều lần" in blocked.text
    assert "set-cookie" not in blocked.headers


def test_guard_forgets_failures_after_the_window() -> None:
    now = [0.0]
    guard = AdminKeyGuard(max_failures=2, window_s=60, clock=lambda: now[0])
    guard.failed("a")
    guard.failed("a")
    assert guard.retry_after("a") == 60 and guard.retry_after("b") == 0
    now[0] = 61.0
    assert guard.retry_after("a") == 0


def test_cors_only_for_configured_origins(ingested_dir: Path, engine) -> None:
    origin = "https://xa-vi-du.gov.vn"
    preflight = {"Origin": origin, "Access-Control-Request-Method": "POST"}
    closed = _client(ingested_dir, engine)
    resp = closed.options("/v1/ask", headers=preflight)
    assert "access-control-allow-origin" not in resp.headers
    opened = _client(ingested_dir, engine, embed_cors_origins=f"{origin}, https://khac.vn")
    resp = opened.options("/v1/ask", headers=preflight)
    assert resp.status_code == 200 and resp.headers["access-control-allow-origin"] == origin
    other = opened.options("/v1/ask", headers={**preflight, "Origin": "https://la.example"})
    assert other.headers.get("access-control-allow-origin") != "https://la.example"
