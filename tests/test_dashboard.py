"""The officials' dashboard: login, session cookie, filters, grouping, exports (seeded week)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np
import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from rag.dashboard import CachedEmbed, DashboardFilter, build_dashboard, group_questions
from rag.interactions import InteractionLog
from rag.settings import Settings
from tests.dashboard_seed import seed_week

KEY = "khoa-bang-theo-doi"


@pytest.fixture
def seeded(tmp_path: Path) -> tuple[Path, dict]:
    path = tmp_path / "log.sqlite"
    return path, seed_week(path)


@pytest.fixture
def client(seeded, engine, ingested_dir: Path) -> TestClient:
    app = create_app(
        Settings(data_dir=ingested_dir, admin_key=KEY, rate_limit_per_minute=0), engine=engine
    )
    app.state.interactions = InteractionLog(seeded[0])
    return TestClient(app, base_url="https://testserver")


def _login(client: TestClient, key: str = KEY):
    return client.post("/admin/login", data={"key": key}, follow_redirects=False)


def test_admin_is_off_without_a_key(ingested_dir: Path, engine) -> None:
    client = TestClient(create_app(Settings(data_dir=ingested_dir), engine=engine))
    assert client.get("/admin").status_code == 404
    assert client.post("/admin/login", data={"key": "x"}).status_code == 404


def test_login_form_then_wrong_key_then_session_cookie(client: TestClient) -> None:
    page = client.get("/admin")
    assert page.status_code == 200
    assert 'method="post" action="/admin/login"' in page.text and 'type="password"' in page.text
    wrong = _login(client, "sai")
    assert wrong.status_code == 401 and "Khóa quản trị không đúng" in wrong.text
    assert "set-cookie" not in wrong.headers
    assert _login(client, "").status_code == 401
    ok = _login(client)
    assert ok.status_code == 303 and ok.headers["location"] == "/admin"
    cookie = ok.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Secure" in cookie
    assert KEY not in cookie  # the cookie is a signed token, never the key
    # The key goes nowhere near a URL: a GET with ?key= does not sign in.
    fresh = TestClient(client.app, base_url="https://testserver")
    assert "Đăng nhập" in fresh.get(f"/admin?key={KEY}").text
    assert fresh.get("/admin/export.csv").status_code == 401


def test_dashboard_shows_the_seeded_week(client: TestClient, seeded) -> None:
    _, expected = seeded
    _login(client)
    page = client.get("/admin")
    assert page.status_code == 200
    text = page.text
    assert page.headers["cache-control"] == "no-store"
    assert text.count('<img class="chart" src="data:image/svg+xml;base64,') == 4
    assert f"<dd>{expected['total']}</dd>" in text
    assert "Tài liệu không nêu con số được hỏi" in text  # refusal reason label
    assert "Xã Phú Trung có bao nhiêu camera an ninh?" in text  # grouped with its unaccented twin
    assert "xa phu trung co bao nhieu camera" not in text
    assert "0912 345 678" not in text and "[số điện thoại]" in text
    assert "dan@example.com" not in text and "[email]" in text
    assert "Làm sao đổi giấy phép lái xe" in text.split('id="howto"')[1]
    # Commune filter: only that commune's rows.
    one = client.get("/admin", params={"commune": "Giao An"}).text
    assert "camera an ninh" not in one and "Lương cán bộ xã Giao An" in one
    # Logging out ends the session.
    client.post("/admin/logout")
    assert 'action="/admin/login"' in client.get("/admin").text


def test_exports_csv_and_xlsx(client: TestClient, seeded) -> None:
    _, expected = seeded
    _login(client)
    resp = client.get("/admin/export.csv")
    assert resp.status_code == 200 and resp.headers["content-type"].startswith("text/csv")
    assert "attachment" in resp.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(resp.content.decode("utf-8-sig"))))
    summary = {r[1]: r[2] for r in rows if r[0] == "summary"}
    assert summary["Tổng số câu hỏi"] == str(expected["total"])
    per_day = [r for r in rows if r[0] == "per_day"][1:]
    assert len(per_day) == 7 and sum(int(r[4]) for r in per_day) == expected["total"]
    xlsx = client.get("/admin/export.xlsx")
    assert xlsx.status_code == 200
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(xlsx.content))
    assert "Theo ngày" in book.sheetnames
    assert book["Tổng quan"]["B5"].value == expected["total"]


def test_similar_questions_group_with_the_embedder(tmp_path: Path) -> None:
    rows = [
        {"question": q, "commune": "A", "refused": True}
        for q in ("Đổi bằng lái xe online?", "Làm sao đổi giấy phép lái xe?", "Camera an ninh?")
    ]

    def embed(texts: list[str]) -> np.ndarray:  # a fake that knows two topics
        return np.array([[1.0, 0.1] if "lái xe" in t else [0.0, 1.0] for t in texts])

    groups = group_questions(rows, embed, threshold=0.95, top=10)
    assert [g.count for g in groups] == [2, 1]
    assert groups[0].communes == ["A"] and len(groups[0].variants) == 1
    assert [g.count for g in group_questions(rows, None, threshold=0.95, top=10)] == [1, 1, 1]


def test_period_filter_counts_whole_days(seeded) -> None:
    path, expected = seeded
    log = InteractionLog(path)
    week = build_dashboard(log, DashboardFilter.last_days(7))
    assert (week.total, week.answered, week.refused) == (
        expected["total"],
        expected["answered"],
        expected["refused"],
    )
    assert [d.answered for d in week.per_day] == [1, 2, 3, 4, 5, 6, 7]
    two = build_dashboard(log, DashboardFilter.last_days(2))
    assert len(two.per_day) == 2 and two.total == sum(
        d.answered + d.refused for d in week.per_day[-2:]
    )
    assert {r.code: r.count for r in week.refusal_reasons} == expected["by_reason"]
    assert set(week.latency_ms) == {"p50", "p90", "p95", "p99", "max"}


def test_secure_cookie_only_over_https(ingested_dir: Path, engine) -> None:
    plain = TestClient(create_app(Settings(data_dir=ingested_dir, admin_key=KEY), engine=engine))
    cookie = _login(plain).headers["set-cookie"]
    assert "HttpOnly" in cookie and "Secure" not in cookie
    proxied = TestClient(
        create_app(Settings(data_dir=ingested_dir, admin_key=KEY, trust_proxy=True), engine=engine)
    )
    resp = proxied.post(
        "/admin/login",
        data={"key": KEY},
        headers={"X-Forwarded-Proto": "https"},
        follow_redirects=False,
    )
    assert "Secure" in resp.headers["set-cookie"]


def test_cached_embed_embeds_each_text_once() -> None:
    calls: list[list[str]] = []

    def embed(texts: list[str]) -> np.ndarray:
        calls.append(list(texts))
        return np.array([[float(len(t)), 1.0] for t in texts])

    cached = CachedEmbed(embed)
    first = cached(["a", "bb"])
    again = cached(["bb", "ccc", "a"])
    assert calls == [["a", "bb"], ["ccc"]]
    assert again[0].tolist() == first[1].tolist() and again[2].tolist() == first[0].tolist()


def test_a_log_from_before_answers_were_kept_gains_the_column(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "old.sqlite"
    conn = sqlite3.connect(path)
    conn.execute(
        "CREATE TABLE interactions (id INTEGER PRIMARY KEY AUTOINCREMENT, ts REAL NOT NULL, "
        "answer_id TEXT NOT NULL UNIQUE, question TEXT NOT NULL, commune TEXT, "
        "refused INTEGER NOT NULL, latency_ms REAL NOT NULL, doc_ids TEXT NOT NULL, "
        "channel TEXT NOT NULL, user_key TEXT, prompt_version TEXT, fallback_reason TEXT, "
        "rating TEXT, comment TEXT, feedback_ts REAL)"
    )
    conn.execute(
        "INSERT INTO interactions (ts, answer_id, question, refused, latency_ms, doc_ids, channel)"
        " VALUES (strftime('%s','now'), 'old1', 'Câu cũ?', 1, 5, '[]', 'web')"
    )
    conn.commit()
    conn.close()
    log = InteractionLog(path)
    log.record(
        answer_id="new1",
        question="Câu mới?",
        commune=None,
        refused=False,
        latency_ms=3,
        doc_ids=[],
        channel="web",
        answer="Trả lời [1]",
    )
    InteractionLog(path).close()  # a second opener finds the column already there
    rows = {r["answer_id"]: r for r in log.rows()}
    assert rows["old1"]["answer"] is None and rows["new1"]["answer"] == "Trả lời [1]"
    dash = build_dashboard(log, DashboardFilter.last_days(1))
    assert dash.total == 2 and dash.refused == 1
