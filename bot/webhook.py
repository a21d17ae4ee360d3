"""Webhook mode: constant-time secret check, each update_id processed once, a small server.

The HTTP route itself lives in api/routes/telegram.py so the same code serves the webhook
mounted on the main API and the stand-alone server of `troly bot --webhook-url`.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import re
import secrets
import sys
from contextlib import asynccontextmanager
from urllib.parse import urlparse

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
        from bot.app import BotConfigError

        raise BotConfigError(
            "Lỗi: TELEGRAM_WEBHOOK_SECRET chỉ được gồm 1-256 ký tự A-Z, a-z, 0-9, _ và -. "
            "/ Error: TELEGRAM_WEBHOOK_SECRET has invalid characters."
        )
    return secret


def check_webhook_url(url: str) -> str:
    parsed = urlparse(url or "")
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        from bot.app import BotConfigError

        raise BotConfigError(
            "Lỗi: --webhook-url phải là địa chỉ https://… công khai. "
            "/ Error: --webhook-url must be a public https:// URL."
        )
    return url


async def _register_webhook(application, url: str, secret: str) -> None:
    from bot.app import ALLOWED_UPDATES

    await application.bot.set_webhook(
        url, secret_token=secret, allowed_updates=ALLOWED_UPDATES, drop_pending_updates=False
    )


def webhook_app(application, secret: str, path: str, url: str | None = None):
    """A minimal FastAPI app serving only the Telegram webhook (and /healthz)."""
    from fastapi import FastAPI

    from api.errors import install_error_handlers
    from api.routes.telegram import make_router
    from bot.app import BOT_KEY

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        await application.initialize()
        if application.post_init is not None:
            await application.post_init(application)
        if url:
            await _register_webhook(application, url, secret)
        await application.start()
        app.state.telegram_processor = WebhookProcessor(
            application, application.bot_data[BOT_KEY].state
        )
        log.info("Trợ lý ảo bot: webhook at %s", path)
        try:
            yield
        finally:
            await application.stop()
            await application.shutdown()

    app = FastAPI(title="Trợ lý ảo — Telegram webhook", lifespan=lifespan)
    app.state.telegram_webhook_secret = secret
    install_error_handlers(app)
    app.include_router(make_router(path))

    @app.get("/healthz", include_in_schema=False)
    async def healthz() -> dict:
        return {"ok": True}

    return app


def serve_webhook(application, url: str, secret: str, host: str, port: int) -> int:
    """Serve the webhook (already registered with Telegram by bot.app.preflight)."""
    import uvicorn

    path = urlparse(url).path or "/"
    print(f"Webhook: {url} → http://{host}:{port}{path}", file=sys.stderr)
    uvicorn.run(webhook_app(application, secret, path), host=host, port=port, log_level="warning")
    return 0
