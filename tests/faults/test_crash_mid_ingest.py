"""SIGKILL of `troly ingest` at several points: the previous generation keeps answering, and the
next ingest completes and removes what the killed one left.

Checks the handling in rag.ingest_guard (clean_leftovers under the ingest lock, called by
`troly ingest`) on top of the index's generation pointer (rag.index) and the atomic table and
view swaps. Without clean_leftovers, a kill while the views or the table store are being written
leaves `views/.views-*` or `.tables.sqlite.*.tmp` behind for good, and this test fails.

One kill is aimed at the `switch` fault point (rag.fault_points): the pointer names the new
generation but the older ones are not deleted yet. Every later ingest, also one that updates in
place without a new generation, must delete them (ChromaIndex.prune_stray). One more point is
random (printed seed; TROLY_FAULT_SEED replays it), so runs keep trying new moments.
"""

from __future__ import annotations

import json
import os
import random
import signal
import time
from pathlib import Path

import pytest

from rag import fault_points
from tests.faults.procs import QUESTION, Drained, index_state, leftovers, start_troly, troly

pytestmark = pytest.mark.slow
PLAN = "003_5de626574d4b83a5.txt"
FAULT_POINTS = ("switch",)


def _edit_plan(corpus: Path, n: int) -> None:
    """Change one plan so that the next ingest writes a new generation."""
    path = corpus / "plans" / PLAN
    path.write_text(path.read_text(encoding="utf-8") + f"\n\nGhi chú bổ sung số {n}.\n", "utf-8")


def _phase(data: Path, phase: str) -> bool:
    if phase == "views":
        views = data / "views"
        return views.is_dir() and any(p.name.startswith(".views-") for p in views.iterdir())
    if phase == "tables":
        return any(data.glob(".tables.sqlite.*.tmp"))
    return False


def _kill_ingest(data: Path, corpus: Path, at: str | float, timeout: float = 120) -> bool:
    """Start an ingest and SIGKILL it when `at` seconds passed, the phase `at` is seen, or
    it reached the fault point `at`. True if it was killed (False: it finished first)."""
    pause = {"TROLY_FAULT_PAUSE": f"{at}:{timeout}"} if at in FAULT_POINTS else {}
    proc = start_troly(["ingest", "--quiet"], data, TROLY_CORPUS_DIR=str(corpus), **pause)
    stderr = Drained(proc.stderr)
    started = time.monotonic()
    while proc.poll() is None and time.monotonic() - started < timeout:
        if at in FAULT_POINTS:
            due = f"{fault_points.ANNOUNCE} {at}" in stderr.so_far()
        elif isinstance(at, str):
            due = _phase(data, at)
        else:
            due = time.monotonic() - started >= float(at)
        if due:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)
            return True
        time.sleep(0.01)
    proc.wait(timeout=timeout)
    return False


def _answers(data: Path) -> dict:
    done = troly(["ask", QUESTION, "--json"], data)
    assert done.returncode == 0, done.stderr[-2000:]
    answer = json.loads(done.stdout)
    assert not answer["refused"] and answer["citations"], answer
    return answer


def test_sigkill_at_several_points_loses_nothing(data_dir: Path, corpus: Path) -> None:
    seed = int(os.environ.get("TROLY_FAULT_SEED", time.time()))
    rng = random.Random(seed)
    print(f"seed={seed}")
    # A full ingest of one changed plan, timed: the random kill points fall inside it.
    _edit_plan(corpus, 0)
    started = time.monotonic()
    done = troly(["ingest", "--quiet"], data_dir, TROLY_CORPUS_DIR=str(corpus))
    assert done.returncode == 0, done.stderr[-2000:]
    duration = time.monotonic() - started
    # Three aimed points (right after the pointer switch, while the views, then the table
    # store, are written), one at random.
    points: list[str | float] = ["switch", "views", "tables", rng.uniform(0.3, 0.95) * duration]

    killed = 0
    before = index_state(data_dir)
    for n, at in enumerate(points, start=1):
        _edit_plan(corpus, n)
        killed += _kill_ingest(data_dir, corpus, at)
        after = index_state(data_dir)
        # The pointer names a complete generation: the previous one, or the new one if the kill
        # came after the switch.
        assert after["generation"] in (before["generation"], before["generation"] + 1), (at, after)
        assert after["chunks"] > 0
        if after["generation"] == before["generation"]:
            assert after["chunks"] == before["chunks"]
        _answers(data_dir)

        done = troly(["ingest", "--quiet"], data_dir, TROLY_CORPUS_DIR=str(corpus))
        assert done.returncode == 0, (at, done.stderr[-2000:])
        clean = index_state(data_dir)
        assert leftovers(data_dir) == [], (at, leftovers(data_dir))
        numbers = [int(name.rsplit("_", 1)[1]) for name in clean["generations"]]
        assert max(numbers) == clean["generation"] and len(numbers) <= 2, (at, clean)
        # Views only for stored generations (or the pointer's in-place update of one).
        assert clean["pointer_views"] in clean["views"], (at, clean)
        assert set(clean["views"]) <= set(clean["generations"]) | {clean["pointer_views"]}, (
            at,
            clean,
        )
        _answers(data_dir)
        before = clean
    assert killed >= 3, f"only {killed} of {len(points)} ingests were killed (seed={seed})"
