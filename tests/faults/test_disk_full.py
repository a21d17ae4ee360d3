"""A full disk during `troly ingest`: a clear Vietnamese error, exit code 1, the index unchanged
and still answering, nothing half-written left; after space is freed the same ingest succeeds.

The data dir lives on a small tmpfs (needs root, as in CI; skipped otherwise) filled up to a few
hundred KB. Checks the handling in rag.ingest_guard, called by `troly ingest`: a full disk is
recognised (ENOSPC, SQLite's "disk is full", or Chroma's generic error plus a failed write
probe) and reported instead of a traceback, and the half-written generation is removed. Without
it the command ends with a Python traceback and leaves the half-written generation behind.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.faults.procs import QUESTION, index_state, leftovers, troly

pytestmark = pytest.mark.slow
PLAN = "003_5de626574d4b83a5.txt"


@pytest.fixture
def small_disk(tmp_path: Path):
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("needs root to mount a small tmpfs (CI runs as root)")
    mnt = tmp_path / "small-disk"
    mnt.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(mnt)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount tmpfs here: {done.stderr.decode(errors='replace')}")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)


@pytest.mark.parametrize("free_kb", [256, 3072])
def test_disk_full_during_ingest(
    small_disk: Path, data_dir: Path, corpus: Path, free_kb: int
) -> None:
    data = small_disk / "data"
    shutil.copytree(data_dir, data)
    plan = corpus / "plans" / PLAN
    plan.write_text(plan.read_text(encoding="utf-8") + "\n\nGhi chú bổ sung.\n", "utf-8")
    before = index_state(data)
    filler = small_disk / "filler"
    with filler.open("wb") as out:
        out.write(b"\0" * (shutil.disk_usage(small_disk).free - free_kb * 1024))

    done = troly(["ingest", "--quiet"], data, TROLY_CORPUS_DIR=str(corpus))
    assert done.returncode == 1, done.stderr[-3000:]
    assert "Traceback" not in done.stderr
    assert "Ổ đĩa chứa thư mục dữ liệu" in done.stderr and "đã đầy" in done.stderr
    assert "Chỉ mục cũ được giữ nguyên" in done.stderr
    assert index_state(data) == before
    assert leftovers(data) == []
    asked = troly(["ask", QUESTION], data)
    assert asked.returncode == 0 and "Phú Trung" in asked.stdout, asked.stderr[-2000:]

    filler.unlink()
    done = troly(["ingest", "--quiet"], data, TROLY_CORPUS_DIR=str(corpus))
    assert done.returncode == 0, done.stderr[-3000:]
    after = index_state(data)
    assert after["generation"] == before["generation"] + 1
    assert len(after["generations"]) <= 2
