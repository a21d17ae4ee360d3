"""Entry point of `troly zalo`: long polling (or `--set-webhook URL` to register the API's
webhook route /v1/zalo/webhook instead)."""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys
from urllib.parse import urlparse

from bot.zalo.app import build_bot, make_client
from bot.zalo.client import ZaloApiError
from bot.zalo.config import ZaloConfigError, check_secret
from bot.zalo.polling import poll
from rag.settings import Settings

log = logging.getLogger("troly.zalo")


def _fail(message: str, code: int) -> int:
    print(message, file=sys.stderr)
    return code


def _configure_logging() -> None:
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    # httpx logs every request URL at INFO, and Bot API URLs contain the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)


async def _serve(settings: Settings, client) -> None:
    from rag.engine import get_engine

    async with client:
        me = await client.get_me()  # checks the token before the engine loads
        engine = await asyncio.to_thread(get_engine, settings)
        bot = build_bot(settings, engine, client, me)
        try:  # getUpdates does not work while a webhook is set
            await client.delete_webhook()
        except ZaloApiError as exc:
            log.warning("deleteWebhook failed: %s", exc)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        log.info("Trợ lý ảo Zalo: long polling (%s)", urlparse(settings.zalo_api_base_url).netloc)
        await poll(bot, client, stop)
        log.info("Trợ lý ảo Zalo: stopped")


async def _set_webhook(client, url: str, secret: str) -> None:
    async with client:
        await client.get_me()
        await client.set_webhook(url, secret)


def run_zalo(settings: Settings, args: argparse.Namespace) -> int:
    """Entry point of `troly zalo`; returns the process exit code."""
    from rag.embedders import EmbedderError
    from rag.index import IndexError_

    api = urlparse(settings.zalo_api_base_url).netloc or settings.zalo_api_base_url
    try:
        client = make_client(settings)
        webhook_url = getattr(args, "set_webhook", None)
        _configure_logging()
        if webhook_url:
            if urlparse(webhook_url).scheme != "https":
                raise ZaloConfigError(
                    "Lỗi: địa chỉ webhook phải là https://…/v1/zalo/webhook. "
                    "/ Error: the webhook URL must be https."
                )
            asyncio.run(
                _set_webhook(client, webhook_url, check_secret(settings.zalo_webhook_secret))
            )
            print(f"Đã đăng ký webhook: {webhook_url}")
            return 0
        asyncio.run(_serve(settings, client))
    except ZaloConfigError as exc:
        return _fail(str(exc), 2)
    except (IndexError_, EmbedderError) as exc:
        return _fail(" ".join(str(exc).split()), 2)
    except ZaloApiError as exc:
        if exc.code in (401, 403):
            return _fail(
                "Lỗi: Zalo từ chối ZALO_BOT_TOKEN (sai hoặc đã bị thu hồi). "
                "/ Error: the bot token was rejected.",
                2,
            )
        return _fail(f"Lỗi Zalo Bot API: {exc.code} {exc.description} / Zalo Bot API error.", 1)
    except ConnectionError as exc:
        return _fail(
            f"Lỗi: không kết nối được Zalo Bot API ({api}): {exc}. "
            "/ Error: cannot reach the Bot API.",
            1,
        )
    return 0
