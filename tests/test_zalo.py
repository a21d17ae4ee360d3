"""The Zalo channel against a fake Zalo Bot API on loopback (tests/fake_zalo.py)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from bot.zalo.app import build_bot
from bot.zalo.client import ZaloClient
from bot.zalo.config import MAX_TEXT, SECRET_HEADER
from bot.zalo.state import ZaloState, state_path
from rag.cli import main
from rag.compose import Citation
from rag.engine import Answer, Engine
from rag.interactions import InteractionLog, default_log_path
from rag.settings import Settings, get_settings
from tests.fake_zalo import TOKEN, FakeZalo, image_update, sticker_update, text_update

QUESTION = "Tỷ lệ hồ sơ trực tuyến toàn trình năm 2026?"
SECRET = "zalo-secret-123"


@pytest.fixture
def fake():
    with FakeZalo() as server:
        yield server


def _settings(tmp_path: Path, fake: FakeZalo, **extra) -> Settings:
    return Settings(
        data_dir=tmp_path / "zalodata",
        zalo_bot_token=TOKEN,
        zalo_api_base_url=fake.base_url,
        zalo_webhook_secret=SECRET,
        **extra,
    )


async def _drive(settings: Settings, engine, fake: FakeZalo, updates: list[dict]) -> list[bool]:
    async with ZaloClient(TOKEN, fake.base_url) as client:
        bot = build_bot(settings, engine, client, await client.get_me())
        return [await bot.feed(u) for u in updates]


def drive(settings: Settings, engine, fake: FakeZalo, *updates: dict) -> list[bool]:
    return asyncio.run(_drive(settings, engine, fake, list(updates)))


def _no_markup(text: str) -> None:
    assert "<b>" not in text and "<i>" not in text and "&lt;" not in text and "&amp;" not in text


# ------------------------------------------------------------ greeting, commune
def test_greeting_explains_storage_and_prompts_for_a_commune(tmp_path, engine, fake):
    drive(_settings(tmp_path, fake), engine, fake, text_update("Xin chào"))
    (reply,) = fake.sent()
    assert "Xin chào Lan" in reply
    assert "xoa" in reply and "Luật Bảo vệ dữ liệu cá nhân" in reply
    assert "Bạn ở xã nào?" in reply
    for commune in engine.communes:  # every commune with the words to type
        assert f"gõ «xa {commune}»" in reply
    _no_markup(reply)


@pytest.mark.parametrize("typed", ["xa phu trung", "/xa Phú Trung", "Xã Phú Trung", "phu trung"])
def test_commune_is_chosen_by_typing_its_name_with_or_without_diacritics(
    tmp_path, engine, fake, typed
):
    settings = _settings(tmp_path, fake)
    drive(settings, engine, fake, text_update(typed))
    (reply,) = fake.sent()
    assert "Đã chọn xã Phú Trung" in reply
    _no_markup(reply)
    assert ZaloState(state_path(settings.data_dir)).get_commune("u555") == "Phú Trung"

    fake.clear()  # a restart over the same data dir still knows the commune
    drive(settings, engine, fake, text_update("chi tieu"))
    page = "\n".join(fake.sent())  # a page may take two messages
    assert "Chỉ tiêu, nhiệm vụ của xã Phú Trung" in page and "gõ «chi tieu 2»" in page


# ----------------------------------------------------------------- answers
def test_question_gets_the_fact_and_numbered_sources_and_is_logged(tmp_path, engine, fake):
    settings = _settings(tmp_path, fake)
    drive(settings, engine, fake, text_update("xa phu trung"), text_update(QUESTION))
    assert fake.calls_of("sendChatAction")[0].params == {"chat_id": "u555", "action": "typing"}
    answer = fake.sent()[-1]
    assert "25%" in answer
    body, sources = answer.split("\n\nNguồn:\n")
    assert "25%" in body
    assert sources.startswith("1. ") and "Phú Trung" in sources
    _no_markup(answer)
    (row,) = InteractionLog(default_log_path(settings.data_dir)).rows()
    assert row["channel"] == "zalo" and row["commune"] == "Phú Trung"
    assert row["user_key"].startswith("zl:") and "u555" not in row["user_key"]

    fake.clear()
    drive(settings, engine, fake, text_update("👍"))
    assert fake.sent() == ["Cảm ơn bạn đã góp ý!"]
    assert InteractionLog(default_log_path(settings.data_dir)).rows()[0]["rating"] == "up"


class LongAnswerEngine:
    """A stand-in engine whose answer is several Zalo messages long (e.g. an LLM's)."""

    def __init__(self, real: Engine, commune: str = "Tiên Minh") -> None:
        self.communes = real.communes
        self.provinces = real.provinces
        self.chunks = real.chunks
        self.resolve_commune = real.resolve_commune
        self.paragraphs = [
            c.text.strip()
            for c in real.chunks
            if c.meta.get("commune") == commune and c.meta.get("kind") == "text"
        ]
        self._cites = [
            Citation(
                c.meta["doc_id"], c.meta["title"], c.meta["commune"], "", c.meta["section"], ""
            )
            for c in real.chunks
            if c.meta.get("commune") == commune
        ][:3]

    def ask(self, question: str, commune: str | None = None) -> Answer:
        body = "\n\n".join(self.paragraphs)
        return Answer(body, False, self._cites, latency_ms=1.0, answer_id="longanswer000001")


def test_long_answer_becomes_several_messages_within_the_limit(tmp_path, engine, fake):
    long_engine = LongAnswerEngine(engine)
    full = long_engine.ask("x").answer
    assert len(full) > 3 * MAX_TEXT
    drive(_settings(tmp_path, fake), long_engine, fake, text_update("Nhiệm vụ của xã Tiên Minh?"))
    parts = fake.sent()
    assert len(parts) >= 4
    assert all(1 <= len(p) <= MAX_TEXT for p in parts)
    joined = " ".join(" ".join(parts).split())
    assert " ".join(full.split()) in joined
    assert "Nguồn:" in parts[-1] and "1. " in parts[-1]
    # Every part but the last ends where a paragraph of the answer ended.
    ends = {p[-30:] for p in long_engine.paragraphs}
    assert all(p.strip()[-30:] in ends for p in parts[:-2])


# ------------------------------------------------------------------ groups
def test_group_answers_only_when_addressed(tmp_path, engine, fake):
    settings = _settings(tmp_path, fake)
    group = {"chat_id": "g100", "group": True}
    drive(
        settings,
        engine,
        fake,
        text_update(QUESTION + " xã Phú Trung", sender="u1", **group),
        sticker_update(chat_id="g100", group=True),
        image_update(chat_id="g100", group=True),
    )
    assert fake.sent() == [] and fake.calls_of("sendChatAction") == []
    assert InteractionLog(default_log_path(settings.data_dir)).count() == 0

    drive(
        settings,
        engine,
        fake,
        text_update("@Trợ lý ảo " + QUESTION + " xã Phú Trung", sender="u1", **group),
        text_update("/hoi " + QUESTION + " Phú Trung", sender="u2", **group),
        text_update("@bot.TrolyThu", sender="u3", **group),
    )
    replies = fake.sent("g100")
    assert len(replies) == 3
    assert all("25%" in r for r in replies[:2])
    assert "Bạn cần hỏi gì?" in replies[2]
    questions = [r["question"] for r in InteractionLog(default_log_path(settings.data_dir)).rows()]
    assert questions and all("@" not in q for q in questions)


@pytest.mark.parametrize("update", [sticker_update(), image_update()], ids=["sticker", "image"])
def test_sticker_or_image_in_private_gets_the_polite_reply(tmp_path, engine, fake, update):
    drive(_settings(tmp_path, fake), engine, fake, update)
    (reply,) = fake.sent()
    assert "chỉ đọc được câu hỏi bằng chữ" in reply


# ------------------------------------------------------------------ limits
def test_third_question_at_two_per_minute_gets_the_friendly_message(tmp_path, engine, fake):
    settings = _settings(tmp_path, fake, zalo_rate_limit_per_minute=2)
    ask = QUESTION + " xã Phú Trung"
    drive(
        settings,
        engine,
        fake,
        *[text_update(ask) for _ in range(4)],
        text_update(ask, chat_id="u888"),
    )
    mine = fake.sent("u555")
    assert sum("25%" in t for t in mine) == 2
    assert len(mine) == 3  # one friendly message, then silence
    assert "hỏi hơi nhanh" in mine[2] and "tối đa 2 câu hỏi mỗi phút" in mine[2]
    assert "25%" in fake.sent("u888")[0]  # other users are not affected


# ------------------------------------------------------------ guides, commands
def test_guides_by_typed_words(tmp_path, engine, fake):
    settings = _settings(tmp_path, fake)
    drive(settings, engine, fake, text_update("huong dan"))
    (listing,) = fake.sent()
    assert "gõ «huong dan 1»" in listing

    fake.clear()
    drive(settings, engine, fake, text_update("huong dan vneid muc 2"))
    (steps,) = fake.sent()
    step_chunk = next(
        c
        for c in engine.chunks
        if c.meta.get("doc_id") == "guide-vneid-muc-2" and "bước" in c.meta["section"].lower()
    )
    assert step_chunk.text.strip().splitlines()[0] in steps and "Nguồn:" in steps


def test_help_delete_and_unknown_command(tmp_path, engine, fake):
    settings = _settings(tmp_path, fake)
    drive(
        settings,
        engine,
        fake,
        text_update("xa Phú Trung"),
        text_update(QUESTION),
        text_update("tro giup"),
        text_update("/khong_co"),
        text_update("xoa"),
    )
    replies = fake.sent()
    assert "Cách dùng Trợ lý ảo" in replies[2] and "huong dan vneid" in replies[2]
    assert "không có lệnh này" in replies[3]
    assert "Đã xoá 1 câu hỏi" in replies[4] and "xã đã chọn" in replies[4]
    assert InteractionLog(default_log_path(settings.data_dir)).count() == 0
    assert ZaloState(state_path(settings.data_dir)).get_commune("u555") is None


def test_a_sentence_starting_with_a_command_word_is_a_question(tmp_path, engine, fake):
    drive(
        _settings(tmp_path, fake),
        engine,
        fake,
        text_update("Xã Phú Trung có tỷ lệ hồ sơ trực tuyến toàn trình năm 2026 là bao nhiêu?"),
    )
    (reply,) = fake.sent()
    assert "25%" in reply and "Nguồn:" in reply


# ----------------------------------------------------------------- webhook
def _post(client: TestClient, update: dict, secret: str | None = SECRET):
    headers = {SECRET_HEADER: secret} if secret is not None else {}
    return client.post("/v1/zalo/webhook", json=update, headers=headers)


@pytest.mark.parametrize("secret", ["wrong-secret", None, ""], ids=["wrong", "missing", "empty"])
def test_webhook_with_a_wrong_secret_is_403(tmp_path, engine, fake, secret):
    with TestClient(create_app(_settings(tmp_path, fake), engine=engine)) as client:
        resp = _post(client, text_update(QUESTION), secret)
    assert resp.status_code == 403
    assert fake.sent() == []


def test_webhook_without_a_configured_secret_refuses_everything(tmp_path, engine, fake):
    settings = _settings(tmp_path, fake).model_copy(update={"zalo_webhook_secret": ""})
    with TestClient(create_app(settings, engine=engine)) as client:
        assert _post(client, text_update(QUESTION), "").status_code == 403


def test_repeated_delivery_is_answered_once_even_after_a_restart(tmp_path, engine, fake):
    settings = _settings(tmp_path, fake)
    update = text_update(QUESTION + " xã Phú Trung", message_id="dup0001")
    wrapped = {"ok": True, "result": update}  # the same delivery, as getUpdates wraps it
    with TestClient(create_app(settings, engine=engine)) as client:
        first = _post(client, update)
        again = _post(client, wrapped)
    with TestClient(create_app(settings, engine=engine)) as client:  # a restart
        later = _post(client, update)
        bad = client.post("/v1/zalo/webhook", content=b"{", headers={SECRET_HEADER: SECRET})
    assert first.json() == {"ok": True, "duplicate": False}
    assert again.json() == {"ok": True, "duplicate": True}
    assert later.json() == {"ok": True, "duplicate": True}
    assert bad.status_code == 400
    answers = fake.sent()
    assert len(answers) == 1 and "25%" in answers[0]


def test_webhook_without_a_bot_token_is_503(tmp_path, engine, fake):
    settings = _settings(tmp_path, fake).model_copy(update={"zalo_bot_token": ""})
    with TestClient(create_app(settings, engine=engine)) as client:
        assert _post(client, text_update(QUESTION)).status_code == 503


# ----------------------------------------------------------------- start-up
@pytest.mark.parametrize(
    ("token", "expected"),
    [("", "chưa đặt ZALO_BOT_TOKEN"), ("not-a-token", "không đúng định dạng")],
    ids=["missing", "malformed"],
)
def test_missing_or_malformed_token_is_one_line_and_exit_2(monkeypatch, capsys, token, expected):
    monkeypatch.setenv("ZALO_BOT_TOKEN", token)
    get_settings.cache_clear()
    code = main(["zalo"])
    err = capsys.readouterr().err
    assert code == 2
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1 and expected in lines[0] and "Traceback" not in err


def test_token_rejected_by_the_api_is_one_line_and_exit_2(monkeypatch, capsys):
    with FakeZalo(token="999:OtherTokenOtherToken") as fake:
        monkeypatch.setenv("ZALO_BOT_TOKEN", TOKEN)
        monkeypatch.setenv("ZALO_API_BASE_URL", fake.base_url)
        get_settings.cache_clear()
        code = main(["zalo"])
    err = capsys.readouterr().err
    assert code == 2 and "từ chối" in err and TOKEN not in err
    assert len([ln for ln in err.splitlines() if ln.strip()]) == 1


# ------------------------------------------------------------------ polling
async def _poll_until(settings, engine, fake: FakeZalo, replies: int) -> None:
    from bot.zalo.polling import poll

    async with ZaloClient(TOKEN, fake.base_url) as client:
        bot = build_bot(settings, engine, client, await client.get_me())
        stop = asyncio.Event()
        runner = asyncio.create_task(poll(bot, client, stop))
        for _ in range(400):
            if len(fake.sent()) >= replies:
                break
            await asyncio.sleep(0.05)
        stop.set()
        await asyncio.wait_for(runner, timeout=15)


def test_polling_handles_one_chat_in_order_and_other_chats_alongside(tmp_path, engine, fake):
    # Pushed back to back: the commune is chosen before the question that relies on it.
    fake.push(text_update("xa phu trung"))
    fake.push(text_update(QUESTION))
    fake.push(sticker_update(chat_id="u999"))
    asyncio.run(_poll_until(_settings(tmp_path, fake), engine, fake, replies=3))
    chosen, answer = fake.sent("u555")
    assert "Đã chọn xã Phú Trung" in chosen and "25%" in answer
    assert "chỉ đọc được câu hỏi bằng chữ" in fake.sent("u999")[0]
