"""The vector store (a Chroma server) is unreachable: 503 with Retry-After, never a 500.

In client/server mode every question queries the Chroma server; when it stops, the HTTP client
raises a transport error. That is an outage of a dependency, not a bug: the API answers 503
"store_unavailable" in Vietnamese with Retry-After, logs it once per outage, and the next request
after Chroma is back is answered normally (the client connects anew for each request).
"""

from __future__ import annotations

import logging
import threading
import time

import httpx
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from api.errors import error_response
from api.loading import STORE_MESSAGE, StoreUnavailable

log = logging.getLogger("troly.api")
RETRY_AFTER_S = 10
# StoreUnavailable: the engine could not even load (Chroma down at start-up, api.loading).
UNREACHABLE = (httpx.TransportError, ConnectionError, StoreUnavailable)


class _OutageLog:
    """Logs an outage once a minute at most, not once per request during it."""

    def __init__(self, every_s: float = 60.0) -> None:
        self._lock = threading.Lock()
        self._every_s = every_s
        self._last = float("-inf")

    def failed(self, exc: BaseException) -> None:
        now = time.monotonic()
        with self._lock:
            due = now - self._last >= self._every_s
            if due:
                self._last = now
        if due:
            log.error("vector store unreachable: %s", exc)


def install_store_errors(app: FastAPI) -> None:
    outage = _OutageLog()
    app.state.store_outage = outage

    async def _unreachable(_: Request, exc: Exception) -> JSONResponse:
        outage.failed(exc)
        return error_response(
            503, "store_unavailable", STORE_MESSAGE, headers={"Retry-After": str(RETRY_AFTER_S)}
        )

    for kind in UNREACHABLE:
        app.add_exception_handler(kind, _unreachable)
