"""An admin ingest of `troly serve` and `troly ingest` never write at once: while the admin
ingest runs (held at the `switch` fault point, rag.fault_points), `troly ingest` on the same
data dir says so in Vietnamese and exits 1, and the admin ingest then completes.

Checks that api.routes.admin takes the data dir's ingest lock (rag.ingest_guard.ingest_lock),
not only a lock of its own process."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import httpx
import pytest

from rag import fault_points
from tests.faults.procs import serving, troly

pytestmark = pytest.mark.slow
KEY = "khoa-quan-tri-thu-nghiem-0123456789"
PLAN = "003_5de626574d4b83a5.txt"


def test_cli_ingest_refused_while_an_admin_ingest_runs(data_dir: Path, corpus: Path) -> None:
    plan = corpus / "plans" / PLAN
    plan.write_text(plan.read_text(encoding="utf-8") + "\n\nGhi chú bổ sung.\n", "utf-8")
    env = {"TROLY_CORPUS_DIR": str(corpus)}
    replies: list[httpx.Response] = []
    with serving(data_dir, TROLY_ADMIN_KEY=KEY, TROLY_FAULT_PAUSE="switch:8", **env) as (
        url,
        server,
    ):

        def admin() -> None:
            replies.append(
                httpx.post(
                    url + "/v1/admin/ingest",
                    json={"reingest": True},
                    headers={"X-API-Key": KEY},
                    timeout=300,
                )
            )

        thread = threading.Thread(target=admin, daemon=True)
        thread.start()
        deadline = time.monotonic() + 120
        while f"{fault_points.ANNOUNCE} switch" not in server.stderr.so_far():
            assert time.monotonic() < deadline and thread.is_alive(), server.stderr.so_far()
            time.sleep(0.1)
        done = troly(["ingest", "--quiet"], data_dir, **env)  # while the admin ingest writes
        thread.join(timeout=300)
    assert done.returncode == 1, (done.returncode, done.stderr[-2000:])
    assert "nạp dữ liệu khác" in done.stderr and "Traceback" not in done.stderr
    assert replies and replies[0].status_code == 200, replies
    assert replies[0].json()["updated"], replies[0].json()
