"""Dependencies shared by the routes: settings, the one engine, the interaction log, time-outs."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Annotated, TypeVar

from fastapi import Depends, Request

from api.errors import AnswerTimeout
from rag.engine import Answer, Engine
from rag.interactions import InteractionLog, default_log_path, open_interaction_log
from rag.settings import Settings

T = TypeVar("T")
log = logging.getLogger("troly.api")
_LOG_LOCK = threading.Lock()
LOG_WAIT_S = 2.0  # longest an answer waits for its interaction-log row
LOG_RETRY_S = 60.0  # how often a log that could not be opened is tried again


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_engine(request: Request) -> Engine:
    """The engine; api.loading.EngineLoading (503, Retry-After) while it loads."""
    return request.app.state.loader.get()


def interaction_log(app_state) -> InteractionLog | None:
    """The process's interaction log, opened on first use; None if it cannot be opened."""
    current = getattr(app_state, "interactions", None)
    if current is not None:
        return current
    with _LOG_LOCK:
        current = getattr(app_state, "interactions", None)
        failed_at = getattr(app_state, "interactions_failed_at", None)
        if current is None and (failed_at is None or time.monotonic() - failed_at > LOG_RETRY_S):
            settings: Settings = app_state.settings
            try:
                current = open_interaction_log(
                    default_log_path(settings.data_dir),
                    retention_days=max(1, int(settings.log_retention_days)),
                )
            except (OSError, sqlite3.Error) as exc:
                if failed_at is None:  # logged once; retried quietly every LOG_RETRY_S
                    log.error("interaction log unavailable (answers still served): %s", exc)
                app_state.interactions_failed_at = time.monotonic()
                return None
            app_state.interactions = current
    return current


def get_interactions(request: Request) -> InteractionLog | None:
    return interaction_log(request.app.state)


async def run_with_timeout(request: Request, fn: Callable[..., T], *args: object) -> T:
    """Run fn in the app's worker pool; AnswerTimeout after Settings.answer_timeout_s.

    A timed-out call keeps its worker thread until it finishes, but the request returns at once.
    """
    executor: ThreadPoolExecutor = request.app.state.executor
    timeout = float(request.app.state.settings.answer_timeout_s)
    future = asyncio.wrap_future(executor.submit(fn, *args))
    try:
        return await asyncio.wait_for(future, timeout=timeout if timeout > 0 else None)
    except TimeoutError as exc:
        raise AnswerTimeout() from exc


async def record_answer(
    request: Request,
    engine: Engine,
    answer: Answer,
    question: str,
    commune: str | None,
    channel: str,
) -> None:
    """Write one answered question to the interaction log (off the event loop)."""
    logbook = get_interactions(request)
    if logbook is None or not answer.answer_id:
        return
    logged_commune = (
        ", ".join(answer.communes) if answer.communes else engine.resolve_commune(commune)
    ) or commune
    write = request.app.state.log_executor.submit(
        partial(
            logbook.record_answer,
            answer,
            question=question,
            commune=logged_commune,
            channel=channel,
        )
    )
    if not getattr(logbook, "healthy", True):
        return  # the log is failing (locked, disk full): do not make the user wait for it
    try:  # written before the reply (feedback may follow at once), but never holds it long
        await asyncio.wait_for(asyncio.shield(asyncio.wrap_future(write)), timeout=LOG_WAIT_S)
    except TimeoutError:
        pass


EngineDep = Annotated[Engine, Depends(get_engine)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
