"""The interaction log is locked by another process, or corrupt: every question is still
answered promptly, and the problem is logged once (not once per question).

Checks the handling in rag.interactions (open_interaction_log moves a corrupt file aside and
starts a new log; a failing write is logged once per failure streak) and api.deps
(record_answer waits at most LOG_WAIT_S for the log, not at all while it is failing; a log that
cannot be opened is reported once). Without it, a locked log holds each answer for SQLite's
10 s busy time-out and each question logs the same warning again.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import httpx
import pytest

from tests.faults.procs import QUESTION, serving

pytestmark = pytest.mark.slow
ASKS = 5


def _ask_all(url: str) -> list[float]:
    took = []
    with httpx.Client(timeout=60) as client:
        for i in range(ASKS):
            started = time.monotonic()
            resp = client.post(url + "/v1/ask", json={"question": f"{QUESTION} ({i})"})
            took.append(time.monotonic() - started)
            assert resp.status_code == 200, resp.text
            assert resp.json()["citations"]
    return took


def _log_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if "interaction log" in line]


def test_corrupt_log_is_moved_aside_and_answers_go_on(data_dir: Path) -> None:
    log = data_dir / "interactions.sqlite"
    log.write_bytes(b"this is not a database\x00" * 200)
    with serving(data_dir) as (url, server):
        _ask_all(url)
    stderr = server.stderr.read()
    assert len(_log_lines(stderr)) == 1, stderr[-3000:]
    aside = list(data_dir.glob("interactions.sqlite.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes().startswith(b"this is not a database")
    with sqlite3.connect(log) as conn:  # a new log took the questions
        assert conn.execute("SELECT COUNT(*) FROM interactions").fetchone()[0] == ASKS


def test_locked_log_does_not_hold_answers(data_dir: Path) -> None:
    with serving(data_dir) as (url, server):
        _ask_all(url)  # the log exists and works
        holder = sqlite3.connect(data_dir / "interactions.sqlite", isolation_level=None)
        holder.execute("BEGIN EXCLUSIVE")  # another process keeps the log locked
        try:
            took = _ask_all(url)
            # Held 12 s past the last answer, beyond SQLite's 10 s busy time-out, so a write
            # waiting on the lock fails however slowly a loaded machine served the answers.
            time.sleep(12)
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        assert sum(took) < 20, took  # not 10 s of busy time-out per answer
        time.sleep(12)  # the writes queued behind the lock are done
        _ask_all(url)  # the log works again
    stderr = server.stderr.read()
    lines = [line for line in _log_lines(stderr) if "could not write" in line]
    assert len(lines) == 1, stderr[-3000:]
