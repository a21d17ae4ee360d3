"""Admin-key guessing is slowed down: after a few wrong keys from one client, 429 for a while.

Counts wrong X-API-Key values per client address in a sliding window; once a client reaches
MAX_FAILURES it gets a Vietnamese 429 with Retry-After (even with the right key) until its
oldest failure leaves the window. Memory is bounded (least recently seen clients dropped).
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable

MAX_FAILURES = 5
WINDOW_S = 300.0
MAX_CLIENTS = 10_000


class AdminKeyGuard:
    def __init__(
        self,
        max_failures: int = MAX_FAILURES,
        window_s: float = WINDOW_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.max_failures = max_failures
        self.window_s = window_s
        self._clock = clock
        self._lock = threading.Lock()
        self._failures: OrderedDict[str, deque[float]] = OrderedDict()

    def _recent(self, client: str, now: float) -> deque[float]:
        hits = self._failures.get(client)
        if hits is None:
            return deque()
        while hits and hits[0] <= now - self.window_s:
            hits.popleft()
        return hits

    def retry_after(self, client: str) -> int:
        """Seconds this client must wait before trying a key again (0: it may try now)."""
        now = self._clock()
        with self._lock:
            hits = self._recent(client, now)
            if len(hits) < self.max_failures:
                return 0
            return max(1, math.ceil(hits[0] + self.window_s - now))

    def failed(self, client: str) -> None:
        now = self._clock()
        with self._lock:
            hits = self._failures.setdefault(client, deque())
            self._failures.move_to_end(client)
            hits.append(now)
            while len(self._failures) > MAX_CLIENTS:
                self._failures.popitem(last=False)


def blocked_message(retry: int) -> str:
    return f"Nhập sai khóa quản trị quá nhiều lần. Vui lòng thử lại sau {retry} giây."
