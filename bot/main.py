"""Entry point of `troly bot`: long polling, or a webhook server (bot.webhook)."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from urllib.parse import urlparse

from telegram.error import InvalidToken, NetworkError, TelegramError

from bot.app import build_application, preflight
from bot.config import ALLOWED_UPDATES, BotConfigError, check_base_url, check_token
from rag.settings import Settings

log = logging.getLogger("troly.bot")


def _configure_logging() -> None:
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    # httpx logs every request URL at INFO, and Bot API URLs contain the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)


def _fail(message: str, code: int) -> int:
    print(message, file=sys.stderr)
    return code


def run_bot(settings: Settings, args: argparse.Namespace) -> int:
    """Entry point of `troly bot`; returns the process exit code."""
    from rag.embedders import EmbedderError
    from rag.engine import get_engine
    from rag.index import IndexError_

    webhook_url = getattr(args, "webhook_url", None)
    api = urlparse(settings.telegram_api_base_url or "https://api.telegram.org").netloc
    try:
        check_token(settings.telegram_bot_token)
        check_base_url(settings.telegram_api_base_url)
        secret = ""
        if webhook_url:
            from bot.updates import check_webhook_url, webhook_secret

            check_webhook_url(webhook_url)
            secret = webhook_secret(settings)
        _configure_logging()
        asyncio.run(preflight(settings, webhook_url or "", secret))
        try:
            engine = get_engine(settings)  # the LLM strategy comes from the settings
        except (IndexError_, EmbedderError) as exc:
            return _fail(" ".join(str(exc).split()), 2)
        application = build_application(settings, engine)
        if webhook_url:
            from bot.webhook import serve_webhook

            return serve_webhook(application, webhook_url, secret, args.listen, args.port)
        log.info("Trợ lý ảo bot: long polling (%s)", api)
        application.run_polling(allowed_updates=ALLOWED_UPDATES, drop_pending_updates=False)
    except BotConfigError as exc:
        return _fail(str(exc), 2)
    except InvalidToken:
        return _fail(
            "Lỗi: Telegram từ chối TELEGRAM_BOT_TOKEN (sai hoặc đã bị thu hồi). "
            "/ Error: the bot token was rejected.",
            2,
        )
    except NetworkError as exc:
        return _fail(
            f"Lỗi: không kết nối được Telegram Bot API ({api}): {exc}. "
            "/ Error: cannot reach the Bot API.",
            1,
        )
    except TelegramError as exc:
        return _fail(f"Lỗi Telegram Bot API: {exc} / Telegram Bot API error.", 1)
    return 0
