"""The Chroma server stops while questions arrive: 503 with Retry-After (never another 5xx),
and answers again once Chroma is back, without restarting `troly serve`.

`troly serve` runs in client/server mode (CHROMA_HOST/CHROMA_PORT) against a `chroma run` started
here. Checks the handling in api.store_errors: an unreachable store is reported as 503
"store_unavailable" with Retry-After instead of the generic 500.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from pathlib import Path

import httpx
import pytest

from tests.faults.procs import free_port, serving, start_chroma, stop, troly

pytestmark = pytest.mark.slow
QUESTIONS = [
    "Tỷ lệ hồ sơ trực tuyến toàn trình năm 2026 của xã Phú Trung là bao nhiêu?",
    "Tổng kinh phí chuyển đổi số năm 2026 của xã Giao An?",
    "lam sao dang ky tai khoan dinh danh dien tu muc 2",
    "Kế hoạch chuyển đổi số của xã Đại Đồng có những nhiệm vụ gì?",
]


class Traffic:
    """A few clients asking in a loop; every (time, status, retry-after) is recorded."""

    def __init__(self, url: str, clients: int = 3) -> None:
        self.url = url
        self.results: list[tuple[float, int, str | None, str]] = []
        self._stop = threading.Event()
        self._threads = [
            threading.Thread(target=self._run, args=(i,), daemon=True) for i in range(clients)
        ]

    def _run(self, i: int) -> None:
        with httpx.Client(timeout=60) as client:
            n = i
            while not self._stop.is_set():
                n += 1
                try:
                    resp = client.post(
                        self.url + "/v1/ask", json={"question": QUESTIONS[n % len(QUESTIONS)]}
                    )
                    code = resp.json().get("error", {}).get("code", "") if resp.is_error else ""
                    self.results.append(
                        (time.monotonic(), resp.status_code, resp.headers.get("retry-after"), code)
                    )
                except httpx.HTTPError as exc:
                    self.results.append((time.monotonic(), -1, None, type(exc).__name__))

    def __enter__(self) -> Traffic:
        for t in self._threads:
            t.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        for t in self._threads:
            t.join(timeout=90)

    def since(self, t0: float) -> list[tuple[float, int, str | None, str]]:
        return [r for r in self.results if r[0] >= t0]


def _wait_for(pred, what, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if pred():
            return
        time.sleep(0.2)
    raise AssertionError(f"not met in time: {what()}")


def test_chroma_stops_mid_traffic(tmp_path: Path) -> None:
    port = free_port()
    store = tmp_path / "chroma-server"
    chroma = start_chroma(store, port)
    data = tmp_path / "data"
    env = {"CHROMA_HOST": "127.0.0.1", "CHROMA_PORT": str(port)}
    try:
        done = troly(["ingest", "--quiet"], data, **env)
        assert done.returncode == 0, done.stderr[-2000:]
        with serving(data, **env) as (url, _server), Traffic(url) as traffic:

            def seen() -> Counter:
                return Counter((r[1], r[3]) for r in traffic.results)

            _wait_for(lambda: sum(r[1] == 200 for r in traffic.results) >= 3, seen)
            stop(chroma)  # Chroma goes away mid-traffic
            down = time.monotonic()
            _wait_for(lambda: sum(r[1] == 503 for r in traffic.since(down)) >= 5, seen)
            chroma = start_chroma(store, port)  # and comes back on the same port
            back = time.monotonic()
            _wait_for(lambda: sum(r[1] == 200 for r in traffic.since(back)) >= 5, seen, timeout=90)
            # /readyz agrees once more.
            assert httpx.get(url + "/readyz", timeout=30).status_code == 200
        statuses = Counter(r[1] for r in traffic.results)
        print(statuses)
        outage = [r for r in traffic.since(down) if r[0] < back]
        assert all(r[1] in (200, 503) for r in traffic.results), statuses
        assert all(r[2] for r in traffic.results if r[1] == 503), "503 without Retry-After"
        assert {r[3] for r in outage if r[1] == 503} <= {"store_unavailable", "timeout"}
    finally:
        stop(chroma)
