"""The engine loads off the request path: requests arriving meanwhile get a 503 that says so.

`troly serve` starts the load when the app starts (lifespan); until it is done, routes that need
the engine answer 503 with a Vietnamese message and Retry-After, and /readyz says why. Without a
started load (tests, a TestClient used without its context) the engine loads on first use.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from rag.index import store_unreachable

log = logging.getLogger("troly.api")
RETRY_AFTER_S = 5
LOADING_MESSAGE = "Trợ lý đang nạp dữ liệu, vui lòng thử lại sau ít giây."
STORE_MESSAGE = "Kho dữ liệu của trợ lý tạm thời không kết nối được, vui lòng thử lại sau ít phút."
STORE_RETRY_S = 2.0  # while the store is down, one load attempt per this many seconds


class EngineLoading(RuntimeError):
    """The engine is being loaded; the request should be retried shortly."""


class StoreUnavailable(RuntimeError):
    """The vector store (a Chroma server) cannot be reached, so the engine cannot load yet."""


class EngineLoader:
    """One background load of the engine into `state.engine`."""

    def __init__(self, state, factory: Callable[[], object]) -> None:
        self._state = state
        self._factory = factory
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._attempt = threading.Lock()  # one load attempt at a time on the request path
        self._store_down_until = 0.0
        self.error: Exception | None = None

    def start(self) -> None:
        with self._lock:
            if self._thread is None and getattr(self._state, "engine", None) is None:
                self._thread = threading.Thread(target=self._load, name="troly-load", daemon=True)
                self._thread.start()

    def _load(self) -> None:
        try:
            self._state.engine = self._factory()
        except Exception as exc:  # noqa: BLE001 - reported by /readyz and on the next request
            log.warning("engine load failed: %s", exc)
            self.error = exc
            if store_unreachable(exc):
                self._store_down_until = time.monotonic() + STORE_RETRY_S

    @property
    def loading(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def get(self):
        """The loaded engine; EngineLoading while the background load runs; loads here (and
        raises its error) if no background load was started or it failed. StoreUnavailable
        while the Chroma server cannot be reached: tried again every STORE_RETRY_S, so the
        engine loads as soon as the store is back, without a restart."""
        engine = getattr(self._state, "engine", None)
        if engine is not None:
            return engine
        if self.loading:
            raise EngineLoading(LOADING_MESSAGE)
        with self._attempt:
            engine = getattr(self._state, "engine", None)
            if engine is not None:
                return engine
            if time.monotonic() < self._store_down_until:
                raise StoreUnavailable(STORE_MESSAGE) from self.error
            try:
                engine = self._factory()
            except Exception as exc:
                self.error = exc
                if store_unreachable(exc):
                    self._store_down_until = time.monotonic() + STORE_RETRY_S
                    raise StoreUnavailable(STORE_MESSAGE) from exc
                raise
            self._state.engine = engine
            self.error = None
            return engine
