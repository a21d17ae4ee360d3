"""POST /v1/admin/ingest: key checks, uploads, bad files leave the index as it was."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from rag.engine import Engine
from rag.interactions import InteractionLog
from rag.settings import Settings
from tests.test_api import is_vietnamese_error

KEY = "khoa-quan-tri-thu-nghiem"
PLAN = """KẾ HOẠCH
Chuyển đổi số xã Thử Nghiệm năm 2026

I. MỤC TIÊU
Đến hết năm 2026, tỷ lệ hồ sơ thủ tục hành chính được xử lý trực tuyến của xã Thử Nghiệm đạt
trên 85%. Văn phòng HĐND và UBND xã chủ trì, phối hợp với Công an xã.

II. KINH PHÍ
Kinh phí thực hiện kế hoạch từ nguồn ngân sách xã năm 2026.
"""


@pytest.fixture
def admin_env(ingested_dir: Path, fake_embedder, tmp_path: Path):
    """A writable copy of the ingested index, an engine on it and an app with admin on."""
    data = tmp_path / "data"
    shutil.copytree(ingested_dir, data)
    settings = Settings(data_dir=data, admin_key=KEY)
    engine = Engine(settings, embedder=fake_embedder)
    app = create_app(settings, engine=engine)
    app.state.interactions = InteractionLog(tmp_path / "log.sqlite")
    return TestClient(app), engine, data


def upload(client: TestClient, name: str, content: bytes, key: str | None = KEY, **fields):
    data = {"commune": "Thử Nghiệm", "title": "Kế hoạch chuyển đổi số xã Thử Nghiệm", **fields}
    headers = {"X-API-Key": key} if key is not None else {}
    return client.post(
        "/v1/admin/ingest", files={"file": (name, content)}, data=data, headers=headers
    )


def test_admin_off_without_key(ingested_dir: Path, engine: Engine) -> None:
    client = TestClient(create_app(Settings(data_dir=ingested_dir), engine=engine))
    resp = client.post("/v1/admin/ingest", json={"reingest": True}, headers={"X-API-Key": ""})
    assert resp.status_code == 404 and is_vietnamese_error(resp)
    resp = client.post("/v1/admin/ingest", json={"reingest": True}, headers={"X-API-Key": "x"})
    assert resp.status_code == 404


@pytest.mark.parametrize(
    ("key", "status"), [(None, 401), ("", 401), ("sai", 403), (KEY + "x", 403)]
)
def test_admin_key_checked(admin_env, key: str | None, status: int) -> None:
    client, engine, _ = admin_env
    before = engine.generation
    resp = upload(client, "ke-hoach.txt", PLAN.encode(), key=key)
    assert resp.status_code == status and is_vietnamese_error(resp)
    assert engine.generation == before


def test_upload_plan_then_ask(admin_env) -> None:
    client, engine, data = admin_env
    before = engine.generation
    resp = upload(client, "ke-hoach-thu-nghiem.txt", PLAN.encode(), province="tỉnh Thử")
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert body["ok"] and len(body["added"]) == 1 and not body["failed"]
    assert engine.generation != before
    assert (data / "uploads" / "ke-hoach-thu-nghiem.txt").is_file()
    assert not any((data / "uploads" / ".incoming").iterdir())
    communes = {c["name"]: c for c in client.get("/v1/communes").json()["communes"]}
    assert communes["Thử Nghiệm"]["province"] == "tỉnh Thử"
    assert len(communes) == 6
    doc = client.get(f"/v1/documents/{body['added'][0]}").json()
    assert doc["text_source"] == "file" and "85%" in doc["text"]
    answer = client.post(
        "/v1/ask", json={"question": "Tỷ lệ hồ sơ xử lý trực tuyến của xã Thử Nghiệm năm 2026?"}
    ).json()
    assert not answer["refused"] and "85%" in answer["answer"]
    # uploading the same file again changes nothing
    again = upload(client, "ke-hoach-thu-nghiem.txt", PLAN.encode(), province="tỉnh Thử").json()
    assert again["unchanged"] == body["added"] and not again["added"]


def test_reingest_bundled(admin_env) -> None:
    client, engine, _ = admin_env
    chunks = len(engine.chunks)
    resp = client.post("/v1/admin/ingest", json={"reingest": True}, headers={"X-API-Key": KEY})
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert body["ok"] and body["chunks"] == chunks and len(body["unchanged"]) >= 17


BAD_UPLOADS = [
    ("corrupt PDF", "ke-hoach.pdf", b"%PDF-1.4 not really a pdf", {}, 422, "PDF"),
    ("empty text", "rong.txt", b"   \n", {}, 422, "rỗng"),
    ("not UTF-8", "latin.txt", "Kế hoạch".encode("utf-16"), {}, 422, "UTF-8"),
    ("wrong type", "virus.exe", b"MZ....", {}, 422, ".pdf"),
    ("no suffix", "README", b"abc", {}, 422, ".pdf"),
    ("missing commune", "a.txt", PLAN.encode(), {"commune": ""}, 422, "commune"),
    ("missing title", "a.txt", PLAN.encode(), {"title": ""}, 422, "title"),
    ("bad doc_id", "a.txt", PLAN.encode(), {"doc_id": "../../etc"}, 422, "doc_id"),
    ("bad doc_type", "a.txt", PLAN.encode(), {"doc_type": "video"}, 422, "doc_type"),
    ("null byte field", "a.txt", PLAN.encode(), {"title": "a\x00b"}, 422, "title"),
    ("bad front matter", "a.md", b"---\n: [\n---\nabc\n", {}, 422, "YAML"),
]


@pytest.mark.parametrize(
    ("label", "name", "content", "fields", "status", "hint"),
    BAD_UPLOADS,
    ids=[b[0] for b in BAD_UPLOADS],
)
def test_bad_upload_leaves_index(admin_env, label, name, content, fields, status, hint) -> None:
    client, engine, data = admin_env
    before = (engine.generation, len(engine.chunks))
    resp = upload(client, name, content, **fields)
    assert resp.status_code == status, resp.text
    assert is_vietnamese_error(resp) and hint in resp.json()["error"]["message"]
    assert (engine.generation, len(engine.chunks)) == before
    assert engine.index.current()["current"] == before[0]
    uploads = data / "uploads"
    assert not uploads.exists() or not [p for p in uploads.iterdir() if p.is_file()]


def test_failed_reupload_keeps_previous_file(admin_env) -> None:
    client, _, data = admin_env
    assert upload(client, "kh.txt", PLAN.encode()).status_code == 200
    assert upload(client, "kh.txt", b"").status_code == 422
    assert (data / "uploads" / "kh.txt").read_text(encoding="utf-8") == PLAN


def test_missing_file_and_bad_json(admin_env) -> None:
    client, _, _ = admin_env
    h = {"X-API-Key": KEY}
    resp = client.post("/v1/admin/ingest", data={"commune": "A", "title": "B"}, headers=h)
    assert resp.status_code == 422 and is_vietnamese_error(resp)
    resp = client.post(
        "/v1/admin/ingest",
        content=b"{bad",
        headers={**h, "content-type": "application/json"},
    )
    assert resp.status_code == 422 and is_vietnamese_error(resp)
    resp = client.post("/v1/admin/ingest", json={"reingest": False}, headers=h)
    assert resp.status_code == 422 and is_vietnamese_error(resp)


def test_upload_over_cap_is_413(admin_env) -> None:
    client, engine, _ = admin_env
    before = engine.generation
    resp = upload(client, "to.txt", b"a" * (10 * 1024 * 1024 + 1))
    assert resp.status_code == 413 and is_vietnamese_error(resp)
    assert "10 MB" in resp.json()["error"]["message"]
    assert engine.generation == before


def test_admin_in_openapi_when_on(admin_env) -> None:
    client, _, _ = admin_env
    assert "/v1/admin/ingest" in client.get("/openapi.json").json()["paths"]
