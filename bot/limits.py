"""Per-user question limit (sliding window) with one friendly warning per blocked spell."""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable, Hashable
from dataclasses import dataclass

DEFAULT_PER_MINUTE = 10
_MAX_KEYS = 50_000


@dataclass(frozen=True)
class Decision:
    allowed: bool
    retry_after_s: float = 0.0
    # True only for the first refusal of a spell, so a flood gets one reply, not one per message.
    warn: bool = False


def limit_message(per_minute: int, retry_after_s: float) -> str:
    wait = max(1, math.ceil(retry_after_s))
    return (
        f"Bạn đang hỏi hơi nhanh 🙂 Trợ lý nhận tối đa {per_minute} câu hỏi mỗi phút cho mỗi "
        f"người. Bạn vui lòng chờ khoảng {wait} giây rồi hỏi tiếp nhé."
    )


class UserRateLimiter:
    """At most `per_minute` questions per key in any `window_s` seconds."""

    def __init__(
        self,
        per_minute: int = DEFAULT_PER_MINUTE,
        window_s: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if not isinstance(per_minute, int) or isinstance(per_minute, bool) or per_minute < 1:
            raise ValueError("per_minute must be a positive int")
        if window_s <= 0:
            raise ValueError("window_s must be > 0")
        self.per_minute = per_minute
        self.window_s = float(window_s)
        self._clock = clock
        self._hits: dict[Hashable, deque[float]] = {}
        self._warned: set[Hashable] = set()
        self._lock = threading.Lock()

    def hit(self, key: Hashable) -> Decision:
        now = self._clock()
        with self._lock:
            if len(self._hits) > _MAX_KEYS:
                self._prune(now)
            hits = self._hits.setdefault(key, deque())
            while hits and now - hits[0] >= self.window_s:
                hits.popleft()
            if len(hits) < self.per_minute:
                hits.append(now)
                self._warned.discard(key)
                return Decision(True)
            retry = self.window_s - (now - hits[0])
            warn = key not in self._warned
            self._warned.add(key)
            return Decision(False, retry, warn)

    def _prune(self, now: float) -> None:
        stale = [k for k, h in self._hits.items() if not h or now - h[-1] >= self.window_s]
        for k in stale:
            del self._hits[k]
            self._warned.discard(k)
