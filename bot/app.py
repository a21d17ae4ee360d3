"""Build the PTB Application (run by bot.main: `troly bot`, long polling or `--webhook-url`)."""

from __future__ import annotations

import logging

from telegram import LinkPreviewOptions
from telegram.error import TelegramError
from telegram.ext import AIORateLimiter, Application, Defaults

from bot.config import (
    ALLOWED_UPDATES,
    BOT_KEY,
    CONCURRENT_UPDATES,
    check_base_url,
    check_token,
)
from bot.core.interactions import open_interactions
from bot.handlers import TrolyBot, bot_commands
from bot.limits import UserRateLimiter
from bot.state import BotState, state_path
from rag.engine import Engine
from rag.settings import Settings

log = logging.getLogger("troly.bot")


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
