"""Telegram bot configuration shared by the bot and the webhook route: checks and constants."""

from __future__ import annotations

import re
from urllib.parse import urlparse

from telegram import Update

# "<bot id>:<secret>" as issued by @BotFather.
TOKEN_RE = re.compile(r"^\d{1,20}:[A-Za-z0-9_-]{20,100}$")
ALLOWED_UPDATES = [Update.MESSAGE, Update.EDITED_MESSAGE, Update.CALLBACK_QUERY]
CONCURRENT_UPDATES = 64
BOT_KEY = "troly"


class BotConfigError(ValueError):
    """A configuration problem; the message is one line, Vietnamese / English."""


def check_token(token: str) -> str:
    token = (token or "").strip()
    if not token:
        raise BotConfigError(
            "Lỗi: chưa đặt TELEGRAM_BOT_TOKEN (lấy token từ @BotFather). "
            "/ Error: TELEGRAM_BOT_TOKEN is not set."
        )
    if not TOKEN_RE.match(token):
        raise BotConfigError(
            "Lỗi: TELEGRAM_BOT_TOKEN không đúng định dạng <số>:<chuỗi> do @BotFather cấp. "
            "/ Error: TELEGRAM_BOT_TOKEN is malformed."
        )
    return token


def check_base_url(url: str) -> str:
    url = (url or "").strip()
    if not url:
        return ""
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise BotConfigError(
            "Lỗi: TELEGRAM_API_BASE_URL phải là địa chỉ http(s)://…, ví dụ "
            "http://127.0.0.1:8081/bot. / Error: TELEGRAM_API_BASE_URL is not an http(s) URL."
        )
    return url
