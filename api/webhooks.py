"""The checks every chat-platform webhook makes before handling a delivery: the secret header
(constant time), the body size and the JSON. Shared by the Telegram and Zalo routes."""

from __future__ import annotations

import json

from fastapi import Request

from api.errors import error_response
from bot.updates import secret_ok

MAX_BODY_BYTES = 1_000_000


async def read_delivery(request: Request, header: str, expected: str | None) -> object:
    """The delivery's parsed JSON, or the error response to send back (403, 413 or 400)."""
    if not secret_ok(request.headers.get(header), expected):
        return error_response(403, "forbidden", "Không có quyền truy cập.")
    body = await request.body()
    if len(body) > MAX_BODY_BYTES:
        return error_response(413, "too_large", "Nội dung gửi lên quá lớn.")
    try:
        return json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError):
        return error_response(400, "invalid_json", "Nội dung gửi lên không phải JSON hợp lệ.")
