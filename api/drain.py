"""Graceful stop on SIGTERM: questions already being answered finish; new ones get 503.

uvicorn alone stops listening at once on SIGTERM, so a client arriving during the stop meets a
refused connection (a proxy in front shows 502). Here the first SIGTERM/SIGINT only starts
draining: `DrainMiddleware` answers every new request with a Vietnamese 503 and Retry-After
while the requests in flight run to the end (at most `timeout_s`); then the server stops as
usual. A second signal stops at once.
"""

from __future__ import annotations

import signal
import threading
import time
from types import FrameType

import uvicorn
from starlette.types import ASGIApp, Receive, Scope, Send

from api.errors import error_response

RETRY_AFTER_S = 30
DRAIN_MESSAGE = "Máy chủ đang khởi động lại, vui lòng thử lại sau ít giây."


class Drain:
    """Shared by the middleware and the server: are we draining, how many requests run."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.draining = False
        self.in_flight = 0

    def enter(self) -> bool:
        with self._lock:
            if self.draining:
                return False
            self.in_flight += 1
            return True

    def leave(self) -> None:
        with self._lock:
            self.in_flight -= 1

    def wait_idle(self, timeout_s: float) -> bool:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            with self._lock:
                if self.in_flight <= 0:
                    return True
            time.sleep(0.05)
        return False


class DrainMiddleware:
    """Outermost ASGI middleware: counts HTTP requests in flight; 503 once draining."""

    def __init__(self, app: ASGIApp, drain: Drain) -> None:
        self.app = app
        self.drain = drain

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if not self.drain.enter():
            response = error_response(
                503,
                "shutting_down",
                DRAIN_MESSAGE,
                headers={"Retry-After": str(RETRY_AFTER_S), "Connection": "close"},
            )
            await response(scope, receive, send)
            return
        try:
            await self.app(scope, receive, send)
        finally:
            self.drain.leave()


class DrainingServer(uvicorn.Server):
    """uvicorn.Server whose first stop signal drains before stopping."""

    def __init__(self, config: uvicorn.Config, drain: Drain, timeout_s: float) -> None:
        super().__init__(config)
        self.drain = drain
        self.timeout_s = timeout_s

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        if self.drain.draining or sig not in (signal.SIGTERM, signal.SIGINT):
            super().handle_exit(sig, frame)  # a second signal: stop now
            return
        self.drain.draining = True
        threading.Thread(target=self._stop_when_idle, args=(sig,), daemon=True).start()

    def _stop_when_idle(self, sig: int) -> None:
        self.drain.wait_idle(self.timeout_s)
        super().handle_exit(sig, None)


def serve(app, host: str, port: int, timeout_s: float) -> None:
    """Run the app (created by api.main.create_app) with graceful draining on SIGTERM."""
    config = uvicorn.Config(app, host=host, port=port, log_level="info")
    DrainingServer(config, app.state.drain, timeout_s).run()
