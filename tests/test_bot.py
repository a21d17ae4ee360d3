"""The Telegram bot against a fake Bot API server on loopback (PTB base_url points to it)."""

from __future__ import annotations

import asyncio
import re
import threading
from pathlib import Path

import pytest
from telegram import Update

from bot.app import build_application, setup_bot
from bot.render import MAX_MESSAGE_LEN
from bot.state import BotState, state_path
from rag.compose import Citation
from rag.engine import Answer, Engine
from rag.ingest import Ingestor
from rag.interactions import InteractionLog, default_log_path
from rag.settings import Settings
from tests.fake_telegram import (
    BOT_ID,
    TOKEN,
    FakeTelegram,
    callback_update,
    check_telegram_html,
    mention_update,
    message,
    photo_update,
    text_update,
)

GROUP = -1001234567
QUESTION = "Tỷ lệ hồ sơ trực tuyến toàn trình năm 2026?"


@pytest.fixture
def fake():
    with FakeTelegram() as server:
        yield server


@pytest.fixture
def bot_settings(tmp_path: Path, fake: FakeTelegram) -> Settings:
    return Settings(
        data_dir=tmp_path / "botdata",
        telegram_bot_token=TOKEN,
        telegram_api_base_url=fake.base_url,
    )


async def _drive(settings: Settings, engine, fake: FakeTelegram, updates: list[dict]) -> None:
    """Run one Application (getMe, setMyCommands) and feed it updates, one after the other."""
    application = build_application(settings, engine)
    async with application:
        await setup_bot(application)
        for update in updates:
            update = dict(update)
            update.setdefault("update_id", fake.next_update_id())
            await application.process_update(Update.de_json(update, application.bot))


def drive(settings: Settings, engine, fake: FakeTelegram, *updates: dict) -> None:
    asyncio.run(_drive(settings, engine, fake, list(updates)))


def sent(fake: FakeTelegram, chat_id: int | None = None) -> list[dict]:
    return [
        c.params
        for c in fake.calls_of("sendMessage")
        if chat_id is None or c.params.get("chat_id") == chat_id
    ]


def plain(html_text: str) -> str:
    return check_telegram_html(html_text)


def buttons(params: dict) -> list[dict]:
    markup = params.get("reply_markup") or {}
    return [b for row in markup.get("inline_keyboard", []) for b in row]


# --------------------------------------------------------------------- /start
def test_start_greets_explains_storage_and_offers_commune_picker(bot_settings, engine, fake):
    drive(bot_settings, engine, fake, text_update("/start"))

    assert [c.method for c in fake.calls[:2]] == ["getMe", "setMyCommands"]
    commands = [c["command"] for c in fake.calls_of("setMyCommands")[0].params["commands"]]
    assert {"start", "xa", "huongdan", "chitieu", "lienhe", "help", "xoa"} <= set(commands)
    (reply,) = sent(fake)
    text = plain(reply["text"])
    assert "Xin chào Lan" in text
    assert "/xoa" in text and "Luật Bảo vệ dữ liệu cá nhân" in text
    picker = buttons(reply)
    assert [b["text"] for b in picker] == engine.communes
    assert all(b["callback_data"].startswith("c:") for b in picker)


def test_picked_commune_is_remembered_across_restarts(bot_settings, engine, fake):
    drive(bot_settings, engine, fake, callback_update("c:Phú Trung"))
    assert fake.calls_of("answerCallbackQuery")[0].params["text"] == "Đã chọn xã Phú Trung"
    (edit,) = [c.params for c in fake.calls_of("editMessageText")]
    assert "xã Phú Trung" in plain(edit["text"])

    fake.clear()
    # A brand-new Application (a restart) over the same data dir still knows the commune.
    drive(bot_settings, engine, fake, text_update("/chitieu"))
    (page,) = sent(fake)
    text = plain(page["text"])
    assert "Chỉ tiêu, nhiệm vụ của xã Phú Trung" in text
    assert BotState(state_path(bot_settings.data_dir)).get_commune(555) == "Phú Trung"
    nxt = [b["callback_data"] for b in buttons(page)]
    assert nxt == ["t:2"]

    fake.clear()
    drive(bot_settings, engine, fake, callback_update("t:2"))
    (edit,) = [c.params for c in fake.calls_of("editMessageText")]
    assert "(trang 2/" in plain(edit["text"])
    assert [b["callback_data"] for b in buttons(edit)] == ["t:1", "t:3"]


def test_unknown_commune_button_is_refused_politely(bot_settings, engine, fake):
    drive(bot_settings, engine, fake, callback_update("c:Xã Không Có"))
    (ans,) = fake.calls_of("answerCallbackQuery")
    assert "chọn lại" in ans.params["text"]
    assert BotState(state_path(bot_settings.data_dir)).get_commune(555) is None


# ------------------------------------------------------------------- answers
def test_question_gets_fact_citation_feedback_buttons_and_is_logged(bot_settings, engine, fake):
    drive(
        bot_settings,
        engine,
        fake,
        callback_update("c:Phú Trung"),
        text_update(QUESTION),
    )
    assert fake.calls_of("sendChatAction")[0].params["action"] == "typing"
    (reply,) = sent(fake)
    assert reply["parse_mode"] == "HTML"
    text = plain(reply["text"])
    assert "25%" in text
    assert "Nguồn:" in text and "[1]" in text
    assert "Phú Trung" in text.split("Nguồn:")[1]
    votes = buttons(reply)
    assert [b["text"] for b in votes] == ["👍", "👎"]
    answer_id = votes[0]["callback_data"].split(":")[-1]

    log = InteractionLog(default_log_path(bot_settings.data_dir))
    (row,) = log.rows()
    assert row["answer_id"] == answer_id
    assert row["channel"] == "telegram"
    assert row["question"] == QUESTION
    assert row["commune"] == "Phú Trung"
    assert row["user_key"] and "555" not in row["user_key"]

    fake.clear()
    drive(bot_settings, engine, fake, callback_update(votes[0]["callback_data"]))
    assert fake.calls_of("answerCallbackQuery")[0].params["text"] == "Cảm ơn bạn đã góp ý!"
    assert log.rows()[0]["rating"] == "up"
    assert fake.calls_of("editMessageReplyMarkup")  # buttons removed after voting


def test_personal_numbers_are_masked_and_xoa_deletes_the_chat_log(bot_settings, engine, fake):
    drive(
        bot_settings,
        engine,
        fake,
        text_update(
            "Số 0912345678 của tôi hỏi: tỷ lệ hồ sơ trực tuyến toàn trình năm 2026 ở Phú Trung?"
        ),
        text_update(QUESTION, chat_id=777, user_id=777),
    )
    log = InteractionLog(default_log_path(bot_settings.data_dir))
    assert len(log.rows()) == 2
    assert all("0912345678" not in r["question"] for r in log.rows())

    fake.clear()
    drive(bot_settings, engine, fake, text_update("/xoa"))
    (reply,) = sent(fake)
    assert "Đã xoá 1 câu hỏi" in plain(reply["text"])
    rows = log.rows()
    assert len(rows) == 1 and rows[0]["question"] == QUESTION  # the other chat is untouched


class LongAnswerEngine:
    """A stand-in engine whose answer is longer than one Telegram message (e.g. an LLM's)."""

    def __init__(self, real: Engine, commune: str = "Tiên Minh") -> None:
        self.communes = real.communes
        self.provinces = real.provinces
        self.chunks = real.chunks
        self.resolve_commune = real.resolve_commune
        self._chunks = [
            c
            for c in real.chunks
            if c.meta.get("commune") == commune and c.meta.get("kind") == "text"
        ]

    def ask(self, question: str, commune: str | None = None) -> Answer:
        body = "\n\n".join(c.text for c in self._chunks)
        cites = [
            Citation(
                c.meta["doc_id"], c.meta["title"], c.meta["commune"], "", c.meta["section"], ""
            )
            for c in self._chunks[:3]
        ]
        return Answer(body, False, cites, latency_ms=1.0, answer_id="longanswer000001")


def test_long_answer_is_split_into_valid_parts(bot_settings, engine, fake):
    long_engine = LongAnswerEngine(engine)
    full = long_engine.ask("x").answer
    assert len(full) > 3 * MAX_MESSAGE_LEN

    drive(bot_settings, long_engine, fake, text_update("Nhiệm vụ của xã Tiên Minh?"))
    parts = sent(fake)
    assert len(parts) >= 4
    for part in parts:
        assert len(part["text"].encode("utf-16-le")) // 2 <= MAX_MESSAGE_LEN
        plain(part["text"])  # balanced, known tags, whole entities (raises otherwise)
    assert [bool(buttons(p)) for p in parts] == [False] * (len(parts) - 1) + [True]
    joined = " ".join(plain(p["text"]) for p in parts)
    assert " ".join(full.split()) in " ".join(joined.split())
    # Parts end at paragraph boundaries: each but the last ends where a passage ended.
    ends = {c.text.strip()[-30:] for c in long_engine._chunks}
    assert all(plain(p["text"]).strip()[-30:] in ends for p in parts[:-1])


def test_corpus_text_with_markup_characters_is_escaped(tmp_path, fake, fake_embedder):
    doc = tmp_path / "an-hoa.txt"
    doc.write_text(
        "KẾ HOẠCH\n\nChuyển đổi số xã An Hòa năm 2026\n\nII. MỤC TIÊU\n\n"
        "Tỷ lệ hộ gia đình có kết nối cáp quang & Internet băng rộng (khắc phục sự cố < 24 giờ) "
        "năm 2026 đạt 85%, theo chỉ tiêu do Phòng VH&XH theo dõi.\n",
        encoding="utf-8",
    )
    data = tmp_path / "idx"
    Ingestor(Settings(data_dir=data), embedder=fake_embedder).run(
        doc,
        overrides={
            "commune": "An Hòa",
            "province": "tỉnh Thử <Nghiệm>",
            "title": "Kế hoạch <CĐS> & hạ tầng số xã An Hòa",
            "doc_id": "an-hoa-test",
            "doc_type": "plan",
        },
        progress=False,
    )
    small = Engine(Settings(data_dir=data), embedder=fake_embedder)
    settings = Settings(
        data_dir=tmp_path / "botdata", telegram_bot_token=TOKEN, telegram_api_base_url=fake.base_url
    )
    drive(
        settings,
        small,
        fake,
        text_update("Tỷ lệ hộ gia đình có kết nối cáp quang năm 2026 của xã An Hòa?"),
        text_update("/xa"),
        callback_update("c:An Hòa"),
        text_update("/lienhe"),
    )
    # The chunker strips tag-like "<…>" from documents, so "<" and "&" reach the bot as plain
    # characters in passages and as-is in metadata (title, province).
    reply = sent(fake)[0]["text"]
    assert "cáp quang &amp; Internet băng rộng (khắc phục sự cố &lt; 24 giờ)" in reply
    assert "Kế hoạch &lt;CĐS&gt; &amp; hạ tầng số" in reply
    text = plain(reply)  # Telegram would accept it
    assert "cáp quang & Internet băng rộng (khắc phục sự cố < 24 giờ)" in text and "85%" in text
    assert "Kế hoạch <CĐS> & hạ tầng số xã An Hòa" in text
    chosen = plain(fake.calls_of("editMessageText")[0].params["text"])
    assert "xã An Hòa, tỉnh Thử <Nghiệm>" in chosen
    for params in sent(fake) + [c.params for c in fake.calls_of("editMessageText")]:
        plain(params["text"])


# -------------------------------------------------------------------- groups
def test_group_message_without_mention_is_ignored(bot_settings, engine, fake):
    drive(bot_settings, engine, fake, text_update(QUESTION, chat_id=GROUP, kind="supergroup"))
    assert sent(fake) == []
    assert fake.calls_of("sendChatAction") == []
    assert InteractionLog(default_log_path(bot_settings.data_dir)).count() == 0


def test_group_mention_reply_and_command_are_answered(bot_settings, engine, fake):
    bot_message = {
        "message_id": 9,
        "date": 0,
        "chat": {"id": GROUP, "type": "supergroup", "title": "Thôn 3"},
        "from": {"id": BOT_ID, "is_bot": True, "first_name": "Trợ lý ảo"},
        "text": "…",
    }
    drive(
        bot_settings,
        engine,
        fake,
        mention_update(QUESTION + " xã Phú Trung", chat_id=GROUP, kind="supergroup"),
        text_update(
            "Còn tỷ lệ hồ sơ trực tuyến toàn trình năm 2026 của xã Phú Trung?",
            chat_id=GROUP,
            kind="supergroup",
            reply_to=bot_message,
        ),
        text_update("/hoi " + QUESTION + " Phú Trung", chat_id=GROUP, kind="supergroup"),
        mention_update("hỏi thử", username="other_bot", chat_id=GROUP, kind="supergroup"),
    )
    replies = sent(fake, GROUP)
    assert len(replies) == 3
    assert all("25%" in plain(r["text"]) for r in replies)
    # In a group the bot quotes the message it answers.
    assert all(r.get("reply_parameters") for r in replies)
    questions = [
        r["question"] for r in InteractionLog(default_log_path(bot_settings.data_dir)).rows()
    ]
    assert all("@troly_test_bot" not in q for q in questions)


# ----------------------------------------------------------- other content
@pytest.mark.parametrize(
    "extra",
    [
        {"sticker": {"file_id": "s", "file_unique_id": "s", "width": 1, "height": 1,
                     "is_animated": False, "is_video": False, "type": "regular"}},
        {"voice": {"file_id": "v", "file_unique_id": "v", "duration": 3}},
        {"document": {"file_id": "d", "file_unique_id": "d", "file_name": "kehoach.pdf"}},
        {"location": {"latitude": 21.0, "longitude": 105.8}},
    ],
    ids=["sticker", "voice", "document", "location"],
)  # fmt: skip
def test_non_text_messages_get_a_polite_reply(bot_settings, engine, fake, extra):
    drive(bot_settings, engine, fake, {"message": message(None, **extra)})
    (reply,) = sent(fake)
    assert "chỉ đọc được câu hỏi bằng chữ" in plain(reply["text"])


def test_photo_polite_in_private_silent_in_group_and_edits_handled(bot_settings, engine, fake):
    edited = message("câu hỏi đã sửa")
    drive(
        bot_settings,
        engine,
        fake,
        photo_update(),
        photo_update(chat_id=GROUP, kind="supergroup"),
        {"edited_message": edited},
        {"edited_message": message("sửa trong nhóm", chat_id=GROUP, kind="supergroup")},
    )
    replies = sent(fake)
    assert [r["chat_id"] for r in replies] == [555, 555]
    assert "chỉ đọc được câu hỏi bằng chữ" in plain(replies[0]["text"])
    assert "tin nhắn đã sửa" in plain(replies[1]["text"])


# -------------------------------------------------------------------- limits
def test_per_user_rate_limit_gives_one_friendly_message(tmp_path, engine, fake):
    settings = Settings(
        data_dir=tmp_path / "botdata",
        telegram_bot_token=TOKEN,
        telegram_api_base_url=fake.base_url,
        telegram_rate_limit_per_minute=2,
    )
    questions = [text_update(QUESTION + " xã Phú Trung") for _ in range(5)]
    other_user = text_update(QUESTION + " xã Phú Trung", chat_id=888, user_id=888)
    drive(settings, engine, fake, *questions, other_user)
    texts = [plain(p["text"]) for p in sent(fake, 555)]
    assert sum("25%" in t for t in texts) == 2
    limited = [t for t in texts if "hỏi hơi nhanh" in t]
    assert len(limited) == 1 and "tối đa 2 câu hỏi mỗi phút" in limited[0]
    assert "25%" in plain(sent(fake, 888)[0]["text"])  # other users are not affected


def test_invalid_question_gets_vietnamese_error(bot_settings, engine, fake):
    drive(bot_settings, engine, fake, text_update("x" * 1200))
    (reply,) = sent(fake)
    assert "Câu hỏi quá dài" in plain(reply["text"])


class BrokenEngine(LongAnswerEngine):
    def ask(self, question: str, commune: str | None = None) -> Answer:
        raise RuntimeError("index file vanished")


def test_engine_failure_is_reported_to_the_user_not_crashing(bot_settings, engine, fake, caplog):
    drive(bot_settings, BrokenEngine(engine), fake, text_update(QUESTION), text_update("/help"))
    replies = [plain(p["text"]) for p in sent(fake)]
    assert "đã có lỗi xảy ra" in replies[0]
    assert "Cách dùng Trợ lý ảo" in replies[1]  # the bot keeps working
    assert "index file vanished" in caplog.text


# ------------------------------------------------------------ guides, contacts
def test_guides_list_opens_step_list(bot_settings, engine, fake):
    drive(bot_settings, engine, fake, text_update("/huongdan"))
    (listing,) = sent(fake)
    guide_buttons = buttons(listing)
    guide_ids = {c.meta["doc_id"] for c in engine.chunks if c.meta.get("doc_type") == "guide"}
    assert {b["callback_data"][2:] for b in guide_buttons} == guide_ids

    fake.clear()
    drive(bot_settings, engine, fake, callback_update("g:guide-vneid-muc-2"))
    (steps,) = sent(fake)
    text = plain(steps["text"])
    step_chunk = next(
        c
        for c in engine.chunks
        if c.meta.get("doc_id") == "guide-vneid-muc-2" and "bước" in c.meta["section"].lower()
    )
    assert step_chunk.text.strip().splitlines()[0] in text
    assert re.search(r"^1\. ", text, re.M) and "Nguồn:" in text


def test_contacts_come_from_the_plan_and_need_a_commune(bot_settings, engine, fake):
    drive(bot_settings, engine, fake, text_update("/lienhe"))
    (ask_first,) = sent(fake)
    assert "Bạn chưa chọn xã" in plain(ask_first["text"]) and buttons(ask_first)

    fake.clear()
    drive(bot_settings, engine, fake, callback_update("c:Phú Trung"), text_update("/lienhe"))
    text = "\n".join(plain(p["text"]) for p in sent(fake))
    assert "Công an xã" in text and "Trung tâm Dịch vụ Tổng hợp xã" in text
    assert "Tổ chức thực hiện" in text


# --------------------------------------------------------------- concurrency
class SlowEngine(LongAnswerEngine):
    """Blocks in ask() until released: stands for a slow answer (e.g. a slow LLM)."""

    def __init__(self, real: Engine, release: threading.Event, max_wait_s: float = 20.0) -> None:
        super().__init__(real)
        self.release = release
        self.max_wait_s = max_wait_s

    def ask(self, question: str, commune: str | None = None) -> Answer:
        self.release.wait(self.max_wait_s)
        return Answer("Trả lời chậm.", False, [], latency_ms=1.0, answer_id="slowanswer000001")


async def _concurrent(settings, engine, fake, release) -> tuple[list[str], list[str]]:
    application = build_application(settings, engine)
    async with application:
        await application.start()
        try:
            for update in (text_update(QUESTION), text_update("/help", chat_id=999, user_id=999)):
                update["update_id"] = fake.next_update_id()
                await application.update_queue.put(Update.de_json(update, application.bot))
            for _ in range(100):  # the other chat is answered while the slow answer runs
                if sent(fake, 999):
                    break
                await asyncio.sleep(0.05)
            before = [plain(p["text"]) for p in sent(fake)]
            release.set()
            for _ in range(100):
                if sent(fake, 555):
                    break
                await asyncio.sleep(0.05)
            after = [plain(p["text"]) for p in sent(fake)]
        finally:
            await application.stop()
    return before, after


def test_slow_answer_does_not_block_other_chats(bot_settings, engine, fake):
    release = threading.Event()
    before, after = asyncio.run(
        _concurrent(bot_settings, SlowEngine(engine, release), fake, release)
    )
    assert len(before) == 1 and "Cách dùng Trợ lý ảo" in before[0]
    assert any("Trả lời chậm." in t for t in after)
    assert fake.calls_of("sendChatAction")


def test_answer_timeout_gives_a_polite_message(tmp_path, engine, fake):
    settings = Settings(
        data_dir=tmp_path / "botdata",
        telegram_bot_token=TOKEN,
        telegram_api_base_url=fake.base_url,
        answer_timeout_s=0.3,
    )
    release = threading.Event()
    try:
        drive(settings, SlowEngine(engine, release, max_wait_s=1.0), fake, text_update(QUESTION))
    finally:
        release.set()
    (reply,) = sent(fake)
    assert "trả lời quá lâu" in plain(reply["text"])
