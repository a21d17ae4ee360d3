"""ASGI middleware: request body size limits and a per-client rate limit on question endpoints.

Both are plain ASGI (no BaseHTTPMiddleware) so streamed responses pass through untouched, and
both answer with the API's one error shape {"error": {"code", "message"}} in Vietnamese.
"""

from __future__ import annotations

import math
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import error_response

MAX_BODY_BYTES = 16 * 1024
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MULTIPART_OVERHEAD = 64 * 1024
ADMIN_PREFIX = "/v1/admin/"
TELEGRAM_PREFIX = "/v1/telegram/"
TELEGRAM_MAX_BODY = 1_000_000
QUESTION_PATHS = frozenset({"/v1/ask", "/v1/ask/stream", "/v1/search"})


class _TooLarge(Exception):
    pass


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers") or ():
        if key.lower() == name:
            return value.decode("latin-1")
    return None


def _kb(n: int) -> str:
    return f"{n // (1024 * 1024)} MB" if n >= 1024 * 1024 else f"{n // 1024} KB"


class BodySizeLimitMiddleware:
    """413 JSON for bodies over `max_body` bytes; some path prefixes get their own limit.

    Small bodies are read whole before the app runs; bodies under a prefix with a larger limit
    (admin upload, Telegram webhook) are streamed to the app and cut off past their limit.
    """

    def __init__(
        self,
        app: ASGIApp,
        max_body: int = MAX_BODY_BYTES,
        max_admin_body: int = MAX_UPLOAD_BYTES + MULTIPART_OVERHEAD,
        admin_prefix: str = ADMIN_PREFIX,
        prefix_limits: dict[str, int] | None = None,
    ) -> None:
        limits = {admin_prefix: max_admin_body, **(prefix_limits or {})}
        if max_body < 1 or any(v < 1 for v in limits.values()):
            raise ValueError("body limits must be positive")
        self.app = app
        self.max_body = max_body
        self.admin_prefix = admin_prefix
        self.prefix_limits = limits

    def _too_large(self, path: str, limit: int):
        if path.startswith(self.admin_prefix):
            message = f"Tệp tải lên quá lớn (tối đa {_kb(MAX_UPLOAD_BYTES)})."
        else:
            message = f"Nội dung gửi lên quá lớn (tối đa {_kb(limit)})."
        return error_response(413, "payload_too_large", message)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        limit = next(
            (v for prefix, v in self.prefix_limits.items() if path.startswith(prefix)), None
        )
        streamed = limit is not None
        limit = limit or self.max_body
        declared = _header(scope, b"content-length")
        if declared is not None:
            try:
                size = int(declared)
            except ValueError:
                size = -1
            if size < 0:
                await error_response(400, "bad_request", "Độ dài nội dung không hợp lệ.")(
                    scope, receive, send
                )
                return
            if size > limit:
                await self._too_large(path, limit)(scope, receive, send)
                return
        if streamed:
            await self._counted(scope, receive, send, limit)
        else:
            await self._buffered(scope, receive, send, limit)

    async def _buffered(self, scope: Scope, receive: Receive, send: Send, limit: int) -> None:
        """Read the whole (small) body first, then replay it to the app."""
        chunks: list[bytes] = []
        total = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":  # client went away
                return
            body = message.get("body", b"")
            total += len(body)
            if total > limit:
                await self._too_large(scope.get("path", ""), limit)(scope, receive, send)
                return
            chunks.append(body)
            if not message.get("more_body", False):
                break
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": b"".join(chunks), "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _counted(self, scope: Scope, receive: Receive, send: Send, limit: int) -> None:
        """Stream the (large) body to the app, stopping it once it passes the limit."""
        total = 0
        started = False

        async def counting() -> Message:
            nonlocal total
            message = await receive()
            if message["type"] == "http.request":
                total += len(message.get("body", b""))
                if total > limit:
                    raise _TooLarge()
            return message

        async def watch(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting, watch)
        except _TooLarge:
            if not started:
                await self._too_large(scope.get("path", ""), limit)(scope, receive, send)


class RateLimitMiddleware:
    """Sliding one-minute window per client on the question endpoints → 429 with Retry-After."""

    def __init__(
        self,
        app: ASGIApp,
        per_minute: int,
        trust_proxy: bool = False,
        paths: Iterable[str] = QUESTION_PATHS,
        window_s: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
        max_clients: int = 10_000,
    ) -> None:
        if per_minute < 0:
            raise ValueError("per_minute must be >= 0 (0 turns the limit off)")
        if window_s <= 0 or max_clients < 1:
            raise ValueError("window_s and max_clients must be positive")
        self.app = app
        self.per_minute = per_minute
        self.trust_proxy = trust_proxy
        self.paths = frozenset(paths)
        self.window_s = window_s
        self.clock = clock
        self.max_clients = max_clients
        self._hits: OrderedDict[str, deque[float]] = OrderedDict()

    def client_key(self, scope: Scope) -> str:
        if self.trust_proxy:
            forwarded = _header(scope, b"x-forwarded-for")
            if forwarded:
                first = forwarded.split(",")[0].strip()
                if first:
                    return first
        client = scope.get("client")
        return str(client[0]) if client else "unknown"

    def check(self, key: str) -> int:
        """0 if the request may pass (and count it), else seconds until it may."""
        now = self.clock()
        hits = self._hits.get(key)
        if hits is None:
            hits = self._hits[key] = deque()
            if len(self._hits) > self.max_clients:
                self._hits.popitem(last=False)
        else:
            self._hits.move_to_end(key)
        while hits and hits[0] <= now - self.window_s:
            hits.popleft()
        if len(hits) >= self.per_minute:
            return max(1, math.ceil(hits[0] + self.window_s - now))
        hits.append(now)
        return 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or self.per_minute == 0
            or scope.get("path") not in self.paths
            or scope.get("method") == "OPTIONS"
        ):
            await self.app(scope, receive, send)
            return
        retry = self.check(self.client_key(scope))
        if retry:
            message = (
                f"Bạn đã gửi quá nhiều câu hỏi (tối đa {self.per_minute} câu mỗi phút). "
                f"Vui lòng thử lại sau {retry} giây."
            )
            await error_response(429, "rate_limited", message, headers={"Retry-After": str(retry)})(
                scope, receive, send
            )
            return
        await self.app(scope, receive, send)
