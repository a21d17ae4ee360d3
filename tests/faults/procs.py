"""Child processes for the fault suite: `troly` commands and a `troly serve`, black-box.

Every child runs the installed program from this checkout with its own data dir and the tests'
hashing embedder (hook/sitecustomize.py), so the faults hit the real CLI and HTTP server.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
HOOK = Path(__file__).resolve().parent / "hook"
TROLY = [sys.executable, "-m", "rag.cli"]
QUESTION = "Tỷ lệ hồ sơ trực tuyến toàn trình năm 2026 của xã Phú Trung là bao nhiêu?"


def child_env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("TROLY_", "CHROMA_", "PYTEST_")) and k != "PYTHONPATH"
    }
    env.update(
        PYTHONPATH=f"{HOOK}{os.pathsep}{ROOT}",
        TROLY_DATA_DIR=str(data_dir),
        TROLY_FAKE_EMBEDDER="1",
        TROLY_RATE_LIMIT_PER_MINUTE="0",
        OMP_NUM_THREADS="1",
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


def troly(args: list[str], data_dir: Path, timeout: float = 300, **extra: str):
    """Run one `troly` command to the end; the CompletedProcess (text)."""
    return subprocess.run(
        [*TROLY, *args],
        env=child_env(data_dir, **extra),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def start_troly(args: list[str], data_dir: Path, **extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [*TROLY, *args],
        env=child_env(data_dir, **extra),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_ready(url: str, proc: subprocess.Popen | None = None, timeout: float = 120) -> dict:
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server exited {proc.returncode}: {proc.stderr.read()[-3000:]}")
        try:
            resp = httpx.get(url + "/readyz", timeout=10)
            if resp.status_code == 200:
                return resp.json()
            last = resp.text
        except httpx.HTTPError as exc:
            last = str(exc)
        time.sleep(0.3)
    raise RuntimeError(f"server not ready: {last}")


class Drained:
    """A child's output stream read continuously by a thread: a pipe nobody reads fills up
    (64 KB: a few hundred access-log lines under load) and then stalls the server. `read()`
    returns everything, once the stream ended (or after `timeout`)."""

    def __init__(self, stream) -> None:
        self._parts: list[str] = []
        self._thread = threading.Thread(target=self._pump, args=(stream,), daemon=True)
        self._thread.start()

    def _pump(self, stream) -> None:
        for line in stream:
            self._parts.append(line)

    def so_far(self) -> str:
        return "".join(self._parts)

    def read(self, timeout: float = 10) -> str:
        self._thread.join(timeout)
        return "".join(self._parts)


@contextmanager
def serving(data_dir: Path, **extra: str):
    """`troly serve` on a free port; yields (base url, process); stopped at the end. Its
    stdout and stderr are drained as it runs (`process.stderr.read()` gives the log)."""
    port = free_port()
    proc = start_troly(["serve", "--port", str(port)], data_dir, **extra)
    proc.stdout = Drained(proc.stdout)
    proc.stderr = Drained(proc.stderr)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_ready(url, proc)
        yield url, proc
    finally:
        stop(proc)


def stop(proc: subprocess.Popen, sig: int = signal.SIGTERM, timeout: float = 30) -> int:
    if proc.poll() is None:
        proc.send_signal(sig)
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
    return proc.returncode


def leftovers(data_dir: Path) -> list[str]:
    """Half-written files an interrupted ingest can leave (temporary tables, views)."""
    found = [p.name for p in Path(data_dir).glob(".*.tmp*")]
    views = Path(data_dir) / "views"
    if views.is_dir():
        found += [p.name for p in views.iterdir() if p.name.startswith(".")]
    return sorted(found)


_STATE = """
import json, sys
from pathlib import Path
from rag.index import ChromaIndex
from rag.settings import Settings
index = ChromaIndex.from_settings(Settings(data_dir=Path(sys.argv[1])))
ptr = index.current() or {}
col = index.collection()
views = Path(sys.argv[1]) / "views"
print(json.dumps({
    "current": ptr.get("current", ""),
    "pointer_views": ptr.get("views") or ptr.get("current", ""),
    "generation": int(ptr.get("generation", 0) or 0),
    "embedder": ptr.get("embedder", ""),
    "chunks": col.count() if col is not None else 0,
    "generations": sorted(index.generations()),
    "views": sorted(p.name for p in views.iterdir()) if views.is_dir() else [],
}))
"""


def index_state(data_dir: Path) -> dict:
    """The index as a new process sees it: pointer, chunk count, stored generations, views."""
    import json

    done = subprocess.run(
        [sys.executable, "-c", _STATE, str(data_dir)],
        env=child_env(data_dir),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def chroma_exe() -> str:
    import shutil

    return shutil.which("chroma") or str(Path(sys.executable).parent / "chroma")


def start_chroma(path: Path, port: int, timeout: float = 60) -> subprocess.Popen:
    """`chroma run` on a loopback port; returns once its heartbeat answers."""
    proc = subprocess.Popen(
        [chroma_exe(), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={"ANONYMIZED_TELEMETRY": "False", "PATH": os.environ.get("PATH", "/usr/bin:/bin")},
    )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"chroma run exited {proc.returncode}")
        try:
            url = f"http://127.0.0.1:{port}/api/v2/heartbeat"
            if httpx.get(url, timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    proc.kill()
    raise RuntimeError("chroma run did not start")
