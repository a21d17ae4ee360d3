"""Wiring of the Zalo channel: settings -> client, state, limiter, core -> ZaloBot."""

from __future__ import annotations

from bot.core.conversation import Conversation
from bot.core.interactions import open_interactions
from bot.limits import UserRateLimiter
from bot.zalo.bot import ZaloBot
from bot.zalo.client import BotInfo, ZaloClient
from bot.zalo.config import check_base_url, check_token
from bot.zalo.state import ZaloState, state_path
from rag.settings import Settings

CHANNEL = "zalo"


def make_client(settings: Settings) -> ZaloClient:
    """The API client; raises ZaloConfigError for a missing/malformed token or base URL."""
    return ZaloClient(
        check_token(settings.zalo_bot_token), check_base_url(settings.zalo_api_base_url)
    )


def build_bot(
    settings: Settings,
    engine,
    client: ZaloClient,
    me: BotInfo | None = None,
    interactions=None,
) -> ZaloBot:
    state = ZaloState(state_path(settings.data_dir))
    core = Conversation(
        engine,
        state,
        UserRateLimiter(max(1, int(settings.zalo_rate_limit_per_minute))),
        interactions=interactions if interactions is not None else open_interactions(settings),
        answer_timeout_s=settings.answer_timeout_s,
        retention_days=settings.log_retention_days,
        channel=CHANNEL,
    )
    return ZaloBot(client, core, state, me)
