"""POST /v1/telegram/webhook: Telegram updates, authenticated by the secret-token header.

Answers 403 unless `X-Telegram-Bot-Api-Secret-Token` equals TELEGRAM_WEBHOOK_SECRET (compared
in constant time; with no secret configured every call is refused). Each update_id is processed
once, however often Telegram delivers it.
"""

from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from api.errors import error_response
from api.webhooks import read_delivery
from bot.updates import SECRET_HEADER, WebhookProcessor

WEBHOOK_PATH = "/v1/telegram/webhook"
log = logging.getLogger("troly.api")


def _expected_secret(request: Request) -> str:
    state = request.app.state
    own = getattr(state, "telegram_webhook_secret", None)
    return own if own is not None else state.settings.telegram_webhook_secret


async def _processor(request: Request) -> WebhookProcessor | None:
    """The app's webhook processor; on the main API it is built on the first update."""
    state = request.app.state
    current = getattr(state, "telegram_processor", None)
    if current is not None:
        return current
    if not getattr(state, "settings", None) or not state.settings.telegram_bot_token:
        return None
    if getattr(state, "telegram_lock", None) is None:
        state.telegram_lock = asyncio.Lock()
    async with state.telegram_lock:
        current = getattr(state, "telegram_processor", None)
        if current is not None:
            return current
        from telegram.error import TelegramError

        from api.deps import get_engine, interaction_log
        from bot.app import build_application, setup_bot
        from bot.config import BOT_KEY, BotConfigError

        engine = await asyncio.to_thread(get_engine, request)
        try:
            application = build_application(
                state.settings, engine, interactions=interaction_log(state)
            )
            await application.initialize()
            await setup_bot(application)
        except (BotConfigError, TelegramError) as exc:
            log.warning("telegram bot unavailable: %s", exc)
            return None
        current = WebhookProcessor(application, application.bot_data[BOT_KEY].state)
        state.telegram_processor = current
    return current


def make_router(path: str = WEBHOOK_PATH) -> APIRouter:
    router = APIRouter(tags=["telegram"])

    @router.post(path, include_in_schema=False)
    async def telegram_webhook(request: Request) -> JSONResponse:
        data = await read_delivery(request, SECRET_HEADER, _expected_secret(request))
        if isinstance(data, JSONResponse):
            return data
        update_id = data.get("update_id") if isinstance(data, dict) else None
        if not isinstance(update_id, int) or isinstance(update_id, bool):
            return error_response(422, "invalid_update", "Thiếu hoặc sai trường update_id.")
        processor = await _processor(request)
        if processor is None:
            return error_response(
                503, "bot_unavailable", "Bot Telegram chưa được cấu hình (TELEGRAM_BOT_TOKEN)."
            )
        processed = await processor.feed(data)
        return JSONResponse({"ok": True, "duplicate": not processed})

    return router


router = make_router()
