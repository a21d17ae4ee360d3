"""POST /v1/zalo/webhook: Zalo Bot Platform deliveries, authenticated by the secret header.

Answers 403 unless `X-Bot-Api-Secret-Token` equals ZALO_WEBHOOK_SECRET (compared in constant
time; with no secret configured every call is refused). Each message is processed once, however
often it is delivered, also after a restart (keys persisted in the data dir).
"""

from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from api.errors import error_response
from api.webhooks import read_delivery
from bot.zalo.client import ZaloApiError, ZaloUpdate
from bot.zalo.config import SECRET_HEADER, ZaloConfigError

WEBHOOK_PATH = "/v1/zalo/webhook"
log = logging.getLogger("troly.api")
router = APIRouter(tags=["zalo"])


async def _bot(request: Request):
    """The app's Zalo bot, built on the first delivery (None when no token is configured)."""
    state = request.app.state
    current = getattr(state, "zalo_bot", None)
    if current is not None or not state.settings.zalo_bot_token:
        return current
    if getattr(state, "zalo_lock", None) is None:
        state.zalo_lock = asyncio.Lock()
    async with state.zalo_lock:
        if getattr(state, "zalo_bot", None) is not None:
            return state.zalo_bot
        from api.deps import get_engine, interaction_log
        from bot.zalo.app import build_bot, make_client

        engine = await asyncio.to_thread(get_engine, request)
        try:
            client = make_client(state.settings)
        except ZaloConfigError as exc:
            log.warning("zalo bot unavailable: %s", exc)
            return None
        try:
            me = await client.get_me()
        except (ZaloApiError, ConnectionError) as exc:  # answers still work without the names
            log.warning("zalo getMe failed: %s", exc)
            me = None
        state.zalo_bot = build_bot(
            state.settings, engine, client, me, interactions=interaction_log(state)
        )
    return state.zalo_bot


@router.post(WEBHOOK_PATH, include_in_schema=False)
async def zalo_webhook(request: Request) -> JSONResponse:
    secret = request.app.state.settings.zalo_webhook_secret
    data = await read_delivery(request, SECRET_HEADER, secret)
    if isinstance(data, JSONResponse):
        return data
    if ZaloUpdate.from_json(data) is None:
        return error_response(422, "invalid_update", "Không phải sự kiện Zalo Bot hợp lệ.")
    bot = await _bot(request)
    if bot is None:
        return error_response(
            503, "bot_unavailable", "Bot Zalo chưa được cấu hình (ZALO_BOT_TOKEN)."
        )
    processed = await bot.feed(data)
    return JSONResponse({"ok": True, "duplicate": not processed})
