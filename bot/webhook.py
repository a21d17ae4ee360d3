"""Webhook mode: a small server for `troly bot --webhook-url`.

The HTTP route itself lives in api/routes/telegram.py and the secret check and update
processor in bot/updates.py, so the same code serves the webhook mounted on the main API and
this stand-alone server. Names of bot/updates.py are re-exported here.
"""

from __future__ import annotations

import logging
import sys
from contextlib import asynccontextmanager
from urllib.parse import urlparse

from bot.config import ALLOWED_UPDATES, BOT_KEY
from bot.updates import (
    SECRET_HEADER,
    SECRET_RE,
    WebhookProcessor,
    check_webhook_url,
    secret_ok,
    webhook_secret,
)

log = logging.getLogger("troly.bot")

__all__ = [
    "SECRET_HEADER",
    "SECRET_RE",
    "WebhookProcessor",
    "check_webhook_url",
    "secret_ok",
    "serve_webhook",
    "webhook_app",
    "webhook_secret",
]


async def _register_webhook(application, url: str, secret: str) -> None:
    await application.bot.set_webhook(
        url, secret_token=secret, allowed_updates=ALLOWED_UPDATES, drop_pending_updates=False
    )


def webhook_app(application, secret: str, path: str, url: str | None = None):
    """A minimal FastAPI app serving only the Telegram webhook (and /healthz)."""
    from fastapi import FastAPI

    from api.errors import install_error_handlers
    from api.routes.telegram import make_router

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
    """Serve the webhook (already registered with Telegram by bot.app.preflight via bot.main)."""
    import uvicorn

    path = urlparse(url).path or "/"
    print(f"Webhook: {url} → http://{host}:{port}{path}", file=sys.stderr)
    uvicorn.run(webhook_app(application, secret, path), host=host, port=port, log_level="warning")
    return 0
