"""Long polling: getUpdates in a loop, each update handled in its own task."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from bot.zalo.bot import ZaloBot
from bot.zalo.client import ZaloApiError, ZaloClient

log = logging.getLogger("troly.zalo")

FATAL_CODES = {401, 403}
MAX_BACKOFF_S = 30.0
DRAIN_S = 10.0


async def poll(bot: ZaloBot, client: ZaloClient, stop: asyncio.Event) -> None:
    """Poll until `stop` is set; in-flight answers get DRAIN_S seconds to finish."""
    tasks: set[asyncio.Task] = set()
    backoff = 1.0
    while not stop.is_set():
        getter = asyncio.create_task(client.get_updates())
        stopper = asyncio.create_task(stop.wait())
        done, _ = await asyncio.wait({getter, stopper}, return_when=asyncio.FIRST_COMPLETED)
        if getter not in done:
            getter.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await getter
            break
        stopper.cancel()
        try:
            updates = getter.result()
            backoff = 1.0
        except ZaloApiError as exc:
            if exc.code in FATAL_CODES:
                raise
            log.warning("getUpdates failed: %s", exc)
            updates = []
            await _sleep(stop, backoff)
            backoff = min(MAX_BACKOFF_S, backoff * 2)
        except ConnectionError as exc:
            log.warning("Zalo Bot API unreachable: %s", exc)
            updates = []
            await _sleep(stop, backoff)
            backoff = min(MAX_BACKOFF_S, backoff * 2)
        for update in updates:
            task = asyncio.create_task(bot.feed(update.raw))
            tasks.add(task)
            task.add_done_callback(tasks.discard)
    if tasks:
        await asyncio.wait(tasks, timeout=DRAIN_S)


async def _sleep(stop: asyncio.Event, seconds: float) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), timeout=seconds)
