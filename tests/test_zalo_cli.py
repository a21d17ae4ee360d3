"""`troly zalo` itself: the real entry point as a subprocess, long polling the fake Zalo API."""

from __future__ import annotations

import shutil

import pytest

from tests.channel_kit import running_channel
from tests.fake_zalo import TOKEN, FakeZalo, sticker_update, text_update
from tests.test_bot_cli import real_index  # noqa: F401  (module fixture)

QUESTION = "Tỷ lệ hồ sơ trực tuyến toàn trình năm 2026?"


@pytest.mark.slow
def test_troly_zalo_polls_and_answers_with_the_fact_and_its_sources(real_index, tmp_path):  # noqa: F811
    data = tmp_path / "data"
    shutil.copytree(real_index, data)
    with (
        FakeZalo() as fake,
        running_channel(
            ["zalo"], data, ZALO_BOT_TOKEN=TOKEN, ZALO_API_BASE_URL=fake.base_url
        ) as bot,
    ):
        fake.wait_for("getMe", timeout=60)
        fake.wait_for("getUpdates", timeout=90)
        assert fake.calls_of("deleteWebhook")  # polling and a webhook exclude each other
        exchange = ["xa phu trung", QUESTION]
        fake.push(text_update(exchange[0]))
        fake.wait_for("sendMessage", count=1, timeout=30)
        fake.push(text_update(exchange[1]))
        fake.wait_for("sendMessage", count=2, timeout=60)
        fake.push(sticker_update())
        fake.wait_for("sendMessage", count=3, timeout=30)
        replies = fake.sent()
    for said, reply in zip([*exchange, "[sticker]"], replies, strict=True):
        print(f"\n>>> {said}\n<<< {reply}")
    chosen, answer, sticker = replies
    assert "Đã chọn xã Phú Trung" in chosen
    assert "25%" in answer
    assert "\n\nNguồn:\n1. " in answer and "Phú Trung" in answer.split("Nguồn:")[1]
    assert "chỉ đọc được câu hỏi bằng chữ" in sticker
    assert bot.returncode == 0, bot.out
    assert "Traceback" not in bot.out
    assert TOKEN not in bot.out  # the token never reaches the logs
