"""Build the PTB Application and run it: `troly bot` (long polling) or `--webhook-url`."""

from __future__ import annotations

import argparse
import asyncio
import logging
import re
import sqlite3
import sys
from urllib.parse import urlparse

from telegram import LinkPreviewOptions, Update
from telegram.error import InvalidToken, NetworkError, TelegramError
from telegram.ext import AIORateLimiter, Application, Defaults

from bot.handlers import TrolyBot, bot_commands
from bot.limits import UserRateLimiter
from bot.state import BotState, state_path
from rag.engine import Engine
from rag.settings import Settings

log = logging.getLogger("troly.bot")

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


def open_interactions(settings: Settings):
    """The shared interaction log (same file as the API), or None if it cannot be opened."""
    from rag.interactions import InteractionLog, default_log_path

    try:
        return InteractionLog(
            default_log_path(settings.data_dir),
            retention_days=max(1, int(settings.log_retention_days)),
        )
    except (OSError, sqlite3.Error) as exc:
        log.warning("interaction log unavailable: %s", exc)
        return None


async def setup_bot(application: Application) -> None:
    """Register the command menu (Telegram shows it next to the text box)."""
    try:
        await application.bot.set_my_commands(bot_commands())
    except TelegramError as exc:
        log.warning("setMyCommands failed: %s", exc)


async def preflight(settings: Settings, webhook_url: str = "", secret: str = "") -> None:
    """Check the token and the API once (getMe; setWebhook in webhook mode) before serving.

    Done with a throw-away Bot so a failure is a one-line error, not PTB's logged traceback,
    and so a bad token is reported before the (slower) engine is loaded.
    """
    from telegram import Bot

    kwargs = {}
    base_url = check_base_url(settings.telegram_api_base_url)
    if base_url:
        kwargs["base_url"] = base_url
    async with Bot(check_token(settings.telegram_bot_token), **kwargs) as bot:
        if webhook_url:
            await bot.set_webhook(
                webhook_url,
                secret_token=secret,
                allowed_updates=ALLOWED_UPDATES,
                drop_pending_updates=False,
            )


def build_application(
    settings: Settings,
    engine: Engine,
    *,
    interactions=None,
    state: BotState | None = None,
) -> Application:
    """A ready-to-run Application for `settings` (token, base URL, data dir) over `engine`."""
    token = check_token(settings.telegram_bot_token)
    base_url = check_base_url(settings.telegram_api_base_url)
    builder = (
        Application.builder()
        .token(token)
        .rate_limiter(AIORateLimiter(max_retries=1))
        .concurrent_updates(CONCURRENT_UPDATES)
        .defaults(Defaults(link_preview_options=LinkPreviewOptions(is_disabled=True)))
        .post_init(setup_bot)
    )
    if base_url:
        builder = builder.base_url(base_url)
        if base_url.rstrip("/").endswith("/bot"):
            builder = builder.base_file_url(base_url.rstrip("/")[: -len("/bot")] + "/file/bot")
    application = builder.build()
    troly = TrolyBot(
        engine,
        state or BotState(state_path(settings.data_dir)),
        UserRateLimiter(max(1, int(settings.telegram_rate_limit_per_minute))),
        interactions=interactions if interactions is not None else open_interactions(settings),
        answer_timeout_s=settings.answer_timeout_s,
        retention_days=max(1, int(settings.log_retention_days)),
    )
    troly.register(application)
    application.bot_data[BOT_KEY] = troly
    return application


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
            from bot.webhook import check_webhook_url, webhook_secret

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
