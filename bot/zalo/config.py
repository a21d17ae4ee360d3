"""Zalo Bot Platform constants and configuration checks (docs: bot.zaloplatforms.com/docs)."""

from __future__ import annotations

import re
from urllib.parse import urlparse

DEFAULT_BASE_URL = "https://bot-api.zaloplatforms.com"
# setWebhook's `secret_token` comes back in this header on every delivery.
SECRET_HEADER = "X-Bot-Api-Secret-Token"
SECRET_MIN, SECRET_MAX = 8, 256
# sendMessage: "text … từ 1 đến 2000 ký tự"; plain text only.
MAX_TEXT = 2000
# getUpdates long-poll timeout (seconds, sent as a string).
POLL_TIMEOUT_S = 30
# "<bot id>:<access token>" as issued by Zalo Bot Creator.
TOKEN_RE = re.compile(r"^\d{1,25}:[A-Za-z0-9_-]{8,200}$")


class ZaloConfigError(ValueError):
    """A configuration problem; the message is one line, Vietnamese / English."""


def check_token(token: str) -> str:
    token = (token or "").strip()
    if not token:
        raise ZaloConfigError(
            "Lỗi: chưa đặt ZALO_BOT_TOKEN (lấy token khi tạo bot tại Zalo Bot Creator). "
            "/ Error: ZALO_BOT_TOKEN is not set."
        )
    if not TOKEN_RE.match(token):
        raise ZaloConfigError(
            "Lỗi: ZALO_BOT_TOKEN không đúng định dạng <số>:<chuỗi> do Zalo Bot Creator cấp. "
            "/ Error: ZALO_BOT_TOKEN is malformed."
        )
    return token


def check_base_url(url: str) -> str:
    url = (url or "").strip() or DEFAULT_BASE_URL
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise ZaloConfigError(
            "Lỗi: ZALO_API_BASE_URL phải là địa chỉ http(s)://…, ví dụ "
            f"{DEFAULT_BASE_URL}. / Error: ZALO_API_BASE_URL is not an http(s) URL."
        )
    return url.rstrip("/")


def check_secret(secret: str) -> str:
    secret = (secret or "").strip()
    if not SECRET_MIN <= len(secret) <= SECRET_MAX:
        raise ZaloConfigError(
            f"Lỗi: ZALO_WEBHOOK_SECRET phải dài {SECRET_MIN}–{SECRET_MAX} ký tự. "
            "/ Error: ZALO_WEBHOOK_SECRET must be 8-256 characters."
        )
    return secret
