#!/usr/bin/env python
"""Load test: N concurrent clients ask mixed, realistic questions of a running `troly serve`.

Bounded by a total number of requests and a time limit. Prints requests/s, latency percentiles
and errors by status; exits 1 when any 5xx or transport error happened, or when --max-p95-ms
is given and exceeded.

    TROLY_RATE_LIMIT_PER_MINUTE=0 troly serve --port 8765 &
    python scripts/load_test.py http://127.0.0.1:8765 --clients 20 --requests 600 --duration 60

Use --endpoint stream to exercise POST /v1/ask/stream (latency = until the final event; the time
to the first event is reported too).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass, field

import httpx

# (question, commune or None): plan questions with/without the selector, how-to guides, no
# diacritics, comparisons and questions the assistant must refuse.
QUESTIONS: list[tuple[str, str | None]] = [
    ("Tỷ lệ hồ sơ trực tuyến toàn trình năm 2026 của xã Phú Trung là bao nhiêu?", None),
    ("Ai chủ trì chỉ tiêu sổ sức khỏe điện tử ở Giao An?", None),
    ("Làm sao đăng ký tài khoản định danh điện tử mức 2?", None),
    ("lam sao dang nhap dich vu cong bang vneid", None),
    ("Tỷ lệ hồ sơ trực tuyến toàn trình năm 2026 là bao nhiêu?", "Phú Trung"),
    ("Kinh phí thực hiện kế hoạch lấy từ đâu?", "Dân Tiến"),
    ("Mục tiêu chuyển đổi số đến năm 2030 của xã Đại Đồng là gì?", None),
    ("Ai phụ trách nhiệm vụ phát triển kinh tế số ở xã Tiên Minh?", None),
    ("cach thanh toan le phi truc tuyen bang ma QR", None),
    ("Tổ công nghệ số cộng đồng làm những việc gì?", None),
    ("Làm thế nào để tránh lừa đảo qua mạng?", None),
    ("Chữ ký số từ xa là gì và đăng ký ở đâu?", None),
    ("So sánh tỷ lệ hồ sơ trực tuyến toàn trình của các xã", None),
    ("Kế hoạch năm 2035 của xã Giao An có gì?", None),
    ("Giá vàng hôm nay bao nhiêu?", None),
    ("ty le nguoi dan co chu ky so cua xa dan tien", None),
    ("Cơ quan nào phối hợp thực hiện chỉ tiêu dịch vụ công trực tuyến?", "Giao An"),
    ("Tích hợp giấy phép lái xe vào VNeID như thế nào?", None),
]


@dataclass
class Result:
    latencies_ms: list[float] = field(default_factory=list)
    first_event_ms: list[float] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)
    transport_errors: Counter = field(default_factory=Counter)
    bad_bodies: int = 0
    refused: int = 0


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


async def _ask_json(client: httpx.AsyncClient, body: dict, result: Result) -> int:
    resp = await client.post("/v1/ask", json=body)
    if resp.status_code == 200:
        try:
            data = resp.json()
            if not isinstance(data.get("answer"), str) or "answer_id" not in data:
                result.bad_bodies += 1
            result.refused += bool(data.get("refused"))
        except ValueError:
            result.bad_bodies += 1
    return resp.status_code


async def _ask_stream(client: httpx.AsyncClient, body: dict, result: Result, started: float) -> int:
    async with client.stream("POST", "/v1/ask/stream", json=body) as resp:
        if resp.status_code != 200:
            await resp.aread()
            return resp.status_code
        final = None
        first = True
        async for line in resp.aiter_lines():
            if not line.startswith("data:"):
                continue
            if first:
                result.first_event_ms.append((time.perf_counter() - started) * 1000)
                first = False
            event = json.loads(line[5:])
            if event.get("type") in {"final", "error"}:
                final = event
        if final is None or final.get("type") != "final":
            result.bad_bodies += 1
        else:
            result.refused += bool(final.get("refused"))
        return resp.status_code


async def run(
    url: str,
    clients: int,
    total: int,
    duration: float,
    endpoint: str,
    timeout: float,
    unique: bool = False,
) -> tuple[Result, float, int]:
    result = Result()
    next_index = 0
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=url, timeout=timeout, limits=limits) as client:
        # Warm-up (not counted): the server is alive and has loaded its engine.
        (await client.get("/healthz")).raise_for_status()
        await client.post("/v1/ask", json={"question": QUESTIONS[0][0]})
        deadline = time.perf_counter() + duration
        t0 = time.perf_counter()

        async def worker() -> None:
            nonlocal next_index
            while time.perf_counter() < deadline:
                if next_index >= total:
                    return
                i = next_index
                next_index += 1
                question, commune = QUESTIONS[i % len(QUESTIONS)]
                if unique:  # defeat the server's query cache: every request is a new text
                    question = f"{question} ({i})"
                body = {"question": question, "commune": commune}
                started = time.perf_counter()
                try:
                    if endpoint == "stream":
                        status = await _ask_stream(client, body, result, started)
                    else:
                        status = await _ask_json(client, body, result)
                except httpx.TimeoutException:
                    result.transport_errors["timeout"] += 1
                    continue
                except httpx.HTTPError as exc:
                    result.transport_errors[type(exc).__name__] += 1
                    continue
                result.latencies_ms.append((time.perf_counter() - started) * 1000)
                result.statuses[status] += 1

        await asyncio.gather(*(worker() for _ in range(clients)))
        elapsed = time.perf_counter() - t0
    return result, elapsed, next_index


def report(result: Result, elapsed: float, sent: int, args: argparse.Namespace) -> int:
    lat = result.latencies_ms
    done = len(lat)
    print(
        f"target:        {args.url}  endpoint: /v1/ask{'/stream' if args.endpoint == 'stream' else ''}"
    )
    print(f"clients:       {args.clients}  requests sent: {sent}  completed: {done}")
    print(f"elapsed:       {elapsed:.1f} s")
    print(f"throughput:    {done / elapsed:.1f} requests/s" if elapsed else "throughput: n/a")
    if lat:
        print(
            "latency ms:    "
            f"p50 {percentile(lat, 0.5):.0f}  p95 {percentile(lat, 0.95):.0f}  "
            f"p99 {percentile(lat, 0.99):.0f}  max {max(lat):.0f}  mean {statistics.fmean(lat):.0f}"
        )
    if result.first_event_ms:
        fe = result.first_event_ms
        print(f"first event:   p50 {percentile(fe, 0.5):.0f} ms  p95 {percentile(fe, 0.95):.0f} ms")
    print("status counts: " + ", ".join(f"{k}: {v}" for k, v in sorted(result.statuses.items())))
    errors = {str(k): v for k, v in result.statuses.items() if k >= 400}
    errors.update(result.transport_errors)
    print("errors:        " + (", ".join(f"{k}: {v}" for k, v in sorted(errors.items())) or "0"))
    print(f"refused:       {result.refused}  malformed 200 bodies: {result.bad_bodies}")
    server_errors = sum(v for k, v in result.statuses.items() if k >= 500)
    failed = server_errors + sum(result.transport_errors.values()) + result.bad_bodies
    if args.max_p95_ms and lat and percentile(lat, 0.95) > args.max_p95_ms:
        print(f"FAIL: p95 above {args.max_p95_ms:.0f} ms")
        failed += 1
    if failed:
        print("FAIL: server errors, transport errors or malformed answers")
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Tải thử: nhiều người hỏi cùng lúc (load test)")
    parser.add_argument("url", nargs="?", default="http://127.0.0.1:8000")
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients (20)")
    parser.add_argument("--requests", type=int, default=600, help="total requests (600)")
    parser.add_argument("--duration", type=float, default=60.0, help="time limit in s (60)")
    parser.add_argument("--endpoint", choices=["ask", "stream"], default="ask")
    parser.add_argument("--timeout", type=float, default=30.0, help="per-request timeout (s)")
    parser.add_argument("--max-p95-ms", type=float, default=0.0, help="fail above this p95")
    parser.add_argument(
        "--unique", action="store_true", help="make every question text unique (no cache hits)"
    )
    args = parser.parse_args(argv)
    if args.clients < 1 or args.requests < 1 or args.duration <= 0 or args.timeout <= 0:
        parser.error("clients, requests, duration and timeout must be positive")
    try:
        result, elapsed, sent = asyncio.run(
            run(
                args.url.rstrip("/"),
                args.clients,
                args.requests,
                args.duration,
                args.endpoint,
                args.timeout,
                args.unique,
            )
        )
    except httpx.HTTPError as exc:
        print(f"Không kết nối được tới {args.url}: {exc}", file=sys.stderr)
        return 2
    return report(result, elapsed, sent, args)


if __name__ == "__main__":
    sys.exit(main())
