"""Webhook mode: the secret-token header, repeated update_ids, the stand-alone webhook app."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from bot.app import build_application
from bot.webhook import SECRET_HEADER, webhook_app
from rag.settings import Settings
from tests.fake_telegram import TOKEN, FakeTelegram, text_update

SECRET = "s3cret_Token-42"
PATH = "/v1/telegram/webhook"


@pytest.fixture
def fake():
    with FakeTelegram() as server:
        yield server


def _settings(tmp_path: Path, fake: FakeTelegram, secret: str = SECRET) -> Settings:
    return Settings(
        data_dir=tmp_path / "data",
        telegram_bot_token=TOKEN,
        telegram_api_base_url=fake.base_url,
        telegram_webhook_secret=secret,
    )


def _start(update_id: int) -> dict:
    update = text_update("/start")
    update["update_id"] = update_id
    return update


@pytest.mark.parametrize(
    "headers",
    [{}, {SECRET_HEADER: "wrong"}, {SECRET_HEADER: SECRET + "x"}, {SECRET_HEADER: ""}],
    ids=["missing", "wrong", "longer", "empty"],
)
def test_wrong_or_missing_secret_is_403(tmp_path, engine, fake, headers):
    app = create_app(_settings(tmp_path, fake), engine=engine)
    with TestClient(app) as client:
        r = client.post(PATH, json=_start(1), headers=headers)
    assert r.status_code == 403
    assert r.json() == {"error": {"code": "forbidden", "message": "Không có quyền truy cập."}}
    assert fake.calls == []  # nothing reached the bot


def test_no_secret_configured_refuses_everything(tmp_path, engine, fake):
    app = create_app(_settings(tmp_path, fake, secret=""), engine=engine)
    with TestClient(app) as client:
        r = client.post(PATH, json=_start(1), headers={SECRET_HEADER: ""})
    assert r.status_code == 403


def test_right_secret_processes_each_update_once(tmp_path, engine, fake):
    app = create_app(_settings(tmp_path, fake), engine=engine)
    with TestClient(app) as client:
        first = client.post(PATH, json=_start(77), headers={SECRET_HEADER: SECRET})
        again = client.post(PATH, json=_start(77), headers={SECRET_HEADER: SECRET})
        other = client.post(PATH, json=_start(78), headers={SECRET_HEADER: SECRET})
        bad = client.post(
            PATH,
            content=b"{not json",
            headers={SECRET_HEADER: SECRET, "Content-Type": "application/json"},
        )
        no_id = client.post(PATH, json={"message": {}}, headers={SECRET_HEADER: SECRET})
    assert first.status_code == 200 and first.json() == {"ok": True, "duplicate": False}
    assert again.status_code == 200 and again.json() == {"ok": True, "duplicate": True}
    assert other.json() == {"ok": True, "duplicate": False}
    assert len(fake.calls_of("sendMessage")) == 2  # 77 once, 78 once
    assert fake.calls_of("setMyCommands")
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "invalid_json"
    assert no_id.status_code == 422


def test_repeated_update_is_ignored_after_a_restart(tmp_path, engine, fake):
    settings = _settings(tmp_path, fake)
    with TestClient(create_app(settings, engine=engine)) as client:
        client.post(PATH, json=_start(5), headers={SECRET_HEADER: SECRET})
    with TestClient(create_app(settings, engine=engine)) as client:
        r = client.post(PATH, json=_start(5), headers={SECRET_HEADER: SECRET})
    assert r.json()["duplicate"] is True
    assert len(fake.calls_of("sendMessage")) == 1


def test_webhook_without_bot_token_is_503(tmp_path, engine, fake):
    settings = _settings(tmp_path, fake).model_copy(update={"telegram_bot_token": ""})
    with TestClient(create_app(settings, engine=engine)) as client:
        r = client.post(PATH, json=_start(1), headers={SECRET_HEADER: SECRET})
    assert r.status_code == 503
    assert r.json()["error"]["code"] == "bot_unavailable"


def test_standalone_webhook_app_serves_its_own_path(tmp_path, engine, fake):
    settings = _settings(tmp_path, fake)
    application = build_application(settings, engine)
    app = webhook_app(application, SECRET, "/tg/hook")
    with TestClient(app) as client:
        assert [c.method for c in fake.calls[:2]] == ["getMe", "setMyCommands"]
        denied = client.post("/tg/hook", json=_start(1), headers={SECRET_HEADER: "nope"})
        ok = client.post("/tg/hook", json=_start(1), headers={SECRET_HEADER: SECRET})
        assert client.get("/healthz").json() == {"ok": True}
    assert denied.status_code == 403
    assert ok.json() == {"ok": True, "duplicate": False}
    (reply,) = fake.calls_of("sendMessage")
    assert reply.params["reply_markup"]["inline_keyboard"]
