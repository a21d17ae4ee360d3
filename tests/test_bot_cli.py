"""`troly bot` itself: start-up errors, and the real entry point against the fake Bot API."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from rag.cli import main
from rag.ingest import Ingestor
from rag.settings import Settings, get_settings
from tests.channel_kit import running_channel
from tests.fake_telegram import TOKEN, FakeTelegram, callback_update, text_update

# A verbatim excerpt of the bundled Phú Trung plan (row 4.5 of its appendix table).
EXCERPT = """KẾ HOẠCH

Nâng cao chỉ số chuyển đổi số (DTI) giai đoạn 2026 - 2030 trên địa bàn xã Phú Trung

PHỤ LỤC BẢNG PHÂN CÔNG CÁC CƠ QUAN, PHÒNG CHUYÊN MÔN THỰC HIỆN CÁC CHỈ TIÊU DTI

4.5	Tỷ lệ hồ sơ trực tuyến toàn trình	Trung tâm Hành chính công xã	Trung tâm Phục vụ HCC tỉnh	25%	90%	Kế hoạch chuyển đổi số của tỉnh
"""


def _run_cli(monkeypatch, capsys, **env: str) -> tuple[int, str]:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    get_settings.cache_clear()
    code = main(["bot"])
    err = capsys.readouterr().err
    return code, err


def _one_line_no_traceback(err: str) -> None:
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1, err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("token", "expected"),
    [("", "chưa đặt TELEGRAM_BOT_TOKEN"), ("not-a-token", "không đúng định dạng")],
    ids=["missing", "malformed"],
)
def test_missing_or_malformed_token_is_a_one_line_error(monkeypatch, capsys, token, expected):
    code, err = _run_cli(monkeypatch, capsys, TELEGRAM_BOT_TOKEN=token)
    assert code == 2
    assert expected in err and "/ Error:" in err
    _one_line_no_traceback(err)


def test_token_rejected_by_the_api_is_a_one_line_error(monkeypatch, capsys):
    with FakeTelegram(token="999:ZZZZZZZZZZZZZZZZZZZZZZZZZZZZ") as fake:
        code, err = _run_cli(
            monkeypatch, capsys, TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_BASE_URL=fake.base_url
        )
    assert code == 2 and "từ chối" in err
    assert TOKEN not in err
    _one_line_no_traceback(err)


def test_unreachable_api_and_bad_base_url(monkeypatch, capsys):
    code, err = _run_cli(
        monkeypatch,
        capsys,
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_API_BASE_URL="http://127.0.0.1:9/bot",
    )
    assert code == 1 and "không kết nối được" in err
    _one_line_no_traceback(err)
    code, err = _run_cli(monkeypatch, capsys, TELEGRAM_API_BASE_URL="ftp://example")
    assert code == 2 and "TELEGRAM_API_BASE_URL" in err
    _one_line_no_traceback(err)


@pytest.fixture(scope="module")
def real_index(tmp_path_factory) -> Path:
    """A tiny index built with the real default embedder (what `troly bot` loads)."""
    root = tmp_path_factory.mktemp("realidx")
    doc = root / "phu-trung-excerpt.txt"
    doc.write_text(EXCERPT, encoding="utf-8")
    data = root / "data"
    report = Ingestor(Settings(data_dir=data)).run(
        doc,
        overrides={
            "commune": "Phú Trung",
            "province": "tỉnh Đồng Nai",
            "title": "Kế hoạch Nâng cao chỉ số chuyển đổi số (DTI) giai đoạn 2026 - 2030 trên "
            "địa bàn xã Phú Trung",
            "doc_id": "phu-trung-dti-2026-2030",
            "doc_type": "plan",
        },
        progress=False,
    )
    assert not report.failed
    return data


@pytest.mark.slow
def test_troly_bot_entry_point_polls_and_answers(real_index, tmp_path):
    data = tmp_path / "data"

    shutil.copytree(real_index, data)
    with (
        FakeTelegram() as fake,
        running_channel(
            ["bot"], data, TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_BASE_URL=fake.base_url
        ) as bot,
    ):
        fake.wait_for("getMe", timeout=60)
        fake.wait_for("setMyCommands", timeout=60)
        fake.wait_for("getUpdates", timeout=60)
        fake.push(text_update("/start"))
        (start,) = fake.wait_for("sendMessage", count=1, timeout=30)
        picker = start.params["reply_markup"]["inline_keyboard"]
        assert [b["text"] for row in picker for b in row] == ["Phú Trung"]
        fake.push(callback_update("c:Phú Trung"))
        fake.wait_for("editMessageText", timeout=30)
        fake.push(text_update("Tỷ lệ hồ sơ trực tuyến toàn trình năm 2026?"))
        answer = fake.wait_for("sendMessage", count=2, timeout=60)[-1]
        assert "25%" in answer.params["text"]
        assert "Nguồn:" in answer.params["text"]
    assert bot.returncode == 0, bot.out
    assert "Traceback" not in bot.out
    assert TOKEN not in bot.out  # the token never reaches the logs
    assert fake.calls_of("getMe") and fake.calls_of("setMyCommands")


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
def test_troly_bot_webhook_mode_checks_secret_and_dedupes(real_index, tmp_path):

    import httpx

    data = tmp_path / "data"
    shutil.copytree(real_index, data)
    port = _free_port()
    hook = f"http://127.0.0.1:{port}/tg/hook"
    args = ["bot", "--webhook-url", "https://bot.example.vn/tg/hook", "--port", str(port)]
    with (
        FakeTelegram() as fake,
        running_channel(
            args,
            data,
            TELEGRAM_BOT_TOKEN=TOKEN,
            TELEGRAM_API_BASE_URL=fake.base_url,
            TELEGRAM_WEBHOOK_SECRET="abc_123",
        ) as bot,
    ):
        deadline = time.time() + 60
        while True:
            try:
                httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1)
                break
            except httpx.HTTPError:
                assert time.time() < deadline and bot.proc.poll() is None
                time.sleep(0.2)
        (registered,) = fake.calls_of("setWebhook")
        assert registered.params["url"] == "https://bot.example.vn/tg/hook"
        assert registered.params["secret_token"] == "abc_123"
        update = {**text_update("/start"), "update_id": 42}
        header = "X-Telegram-Bot-Api-Secret-Token"
        denied = httpx.post(hook, json=update, headers={header: "wrong"})
        first = httpx.post(hook, json=update, headers={header: "abc_123"})
        again = httpx.post(hook, json=update, headers={header: "abc_123"})
    assert denied.status_code == 403
    assert first.json() == {"ok": True, "duplicate": False}
    assert again.json() == {"ok": True, "duplicate": True}
    assert len(fake.calls_of("sendMessage")) == 1
    assert "Traceback" not in bot.out and TOKEN not in bot.out
