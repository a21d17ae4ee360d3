"""One writer per data dir: while another process holds the data dir's ingest lock (a running
`troly ingest`), the admin ingest answers 409 "ingest_busy" in Vietnamese and leaves the index
and the uploads as they were, and a second `troly ingest` says so and exits 1.

The other direction (an admin ingest running, `troly ingest` refused) runs a real server and
CLI in tests/faults/test_ingest_lock_shared.py."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from rag.cli import main as troly
from tests.test_api import is_vietnamese_error
from tests.test_api_admin import KEY, admin_env  # noqa: F401  (fixture)

ROOT = Path(__file__).resolve().parents[1]
HOLD = """
import sys
from pathlib import Path
from rag.ingest_guard import ingest_lock
with ingest_lock(Path(sys.argv[1])):
    print("held", flush=True)
    sys.stdin.readline()
"""


@contextmanager
def lock_held_elsewhere(data: Path) -> Iterator[None]:
    """Another process holds the data dir's ingest lock, as `troly ingest` does while it runs."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(data)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout.readline().strip() == "held"
        yield
    finally:
        proc.stdin.close()
        proc.wait(timeout=30)


def test_admin_ingest_waits_for_nobody_while_another_process_ingests(admin_env) -> None:  # noqa: F811
    client, engine, data = admin_env
    before = engine.index.current()
    headers = {"X-API-Key": KEY}
    with lock_held_elsewhere(data):
        resp = client.post("/v1/admin/ingest", json={"reingest": True}, headers=headers)
        assert resp.status_code == 409 and is_vietnamese_error(resp), resp.text
        assert resp.json()["error"]["code"] == "ingest_busy"
        assert "nạp dữ liệu khác" in resp.json()["error"]["message"]
        upload = client.post(
            "/v1/admin/ingest",
            files={"file": ("ke-hoach.txt", "KẾ HOẠCH\nChuyển đổi số xã Thử Nghiệm\n".encode())},
            data={"commune": "Thử Nghiệm", "title": "Kế hoạch chuyển đổi số xã Thử Nghiệm"},
            headers=headers,
        )
        assert upload.status_code == 409 and upload.json()["error"]["code"] == "ingest_busy"
    assert engine.index.current() == before
    assert not (data / "uploads" / "ke-hoach.txt").exists()
    # Once the other ingest is done, the admin ingest runs.
    resp = client.post("/v1/admin/ingest", json={"reingest": True}, headers=headers)
    assert resp.status_code == 200, resp.text


def test_cli_ingest_refused_while_another_process_ingests(
    admin_env,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture,
) -> None:
    _, engine, data = admin_env
    before = engine.index.current()
    monkeypatch.setenv("TROLY_DATA_DIR", str(data))
    with lock_held_elsewhere(data):
        code = troly(["ingest", "--quiet"])
    err = capsys.readouterr().err
    assert code == 1 and "nạp dữ liệu khác" in err, err
    assert engine.index.current() == before
