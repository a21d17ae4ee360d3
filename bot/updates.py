"""Telegram webhook updates: the secret-token check and the once-per-update_id processor.

Shared by the API route (api/routes/telegram.py) and the stand-alone server (bot/webhook.py).
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import re
import secrets
from urllib.parse import urlparse

from bot.config import BotConfigError
from rag.settings import Settings

log = logging.getLogger("troly.bot")

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# Telegram accepts 1-256 characters A-Z, a-z, 0-9, _ and - as secret_token.
SECRET_RE = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


def secret_ok(given: str | None, expected: str | None) -> bool:
    """True only if a secret is configured and the header matches it (constant time)."""
    if not expected or given is None:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


class WebhookProcessor:
    """Feeds webhook updates to an initialised Application, each update_id once."""

    def __init__(self, application, state) -> None:
        if application is None or state is None:
            raise ValueError("application and state are required")
        self.application = application
        self.state = state

    async def feed(self, data: dict) -> bool:
        """Process one update; False if this update_id was already delivered."""
        from telegram import Update

        update_id = data.get("update_id")
        if not isinstance(update_id, int) or isinstance(update_id, bool):
            raise ValueError("update_id must be an int")
        if not await asyncio.to_thread(self.state.first_seen, update_id):
            log.info("duplicate update %s ignored", update_id)
            return False
        update = Update.de_json(data, self.application.bot)
        await self.application.process_update(update)
        return True


def webhook_secret(settings: Settings) -> str:
    """The configured secret (validated), or a fresh random one for this run."""
    secret = (settings.telegram_webhook_secret or "").strip()
    if not secret:
        return secrets.token_urlsafe(32)
    if not SECRET_RE.match(secret):
        raise BotConfigError(
            "Lỗi: TELEGRAM_WEBHOOK_SECRET chỉ được gồm 1-256 ký tự A-Z, a-z, 0-9, _ và -. "
            "/ Error: TELEGRAM_WEBHOOK_SECRET has invalid characters."
        )
    return secret


def check_webhook_url(url: str) -> str:
    parsed = urlparse(url or "")
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise BotConfigError(
            "Lỗi: --webhook-url phải là địa chỉ https://… công khai. "
            "/ Error: --webhook-url must be a public https:// URL."
        )
    return url
