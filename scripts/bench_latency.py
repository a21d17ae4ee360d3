"""Warm latency of POST /v1/ask, in-process over HTTP (TestClient), on realistic questions.

Usage: TROLY_DATA_DIR=data python scripts/bench_latency.py [--rounds 3]
Prints p50/p95/max in milliseconds. Run after `troly ingest`. Each question is asked once per
round with a varying suffix so the query-embedding cache does not flatter the numbers.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from fastapi.testclient import TestClient

from api.main import create_app

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--dataset", default=str(ROOT / "eval" / "dev.jsonl"))
    args = parser.parse_args()
    questions = [
        json.loads(line)["question"] for line in Path(args.dataset).read_text().splitlines() if line
    ]
    app = create_app()
    times: list[float] = []
    with TestClient(app) as client:
        # The engine loads in the background: wait until /readyz says ready, then warm up.
        deadline = time.monotonic() + 300
        while client.get("/readyz").status_code != 200:
            if time.monotonic() > deadline:
                print("not ready after 300 s")
                return 1
            time.sleep(0.2)
        client.post("/v1/ask", json={"question": "khởi động"})
        for rnd in range(args.rounds):
            for q in questions:
                body = {"question": q if rnd == 0 else f"{q} (lần {rnd + 1})"}
                t0 = time.perf_counter()
                r = client.post("/v1/ask", json=body)
                times.append((time.perf_counter() - t0) * 1000)
                if r.status_code != 200:
                    print("error", r.status_code, r.text[:200])
    times.sort()
    p95 = times[int(0.95 * (len(times) - 1))]
    print(
        f"requests: {len(times)}  p50: {statistics.median(times):.0f} ms  p95: {p95:.0f} ms  max: {times[-1]:.0f} ms"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
