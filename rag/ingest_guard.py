"""Guards around one ingest: one writer at a time, leftovers of a crashed ingest removed, and a
full disk reported in Vietnamese with the index left as it was.

An ingest killed part-way (power cut, SIGKILL, out of memory) can leave a half-written index
generation (never pointed to, so never read), a temporary table store and temporary view
folders. They are harmless to readers but take disk space and, for the views, are never pruned
by name; `clean_leftovers` removes them. It runs only while `ingest_lock` is held, so it never
touches the files of an ingest that is still running.
"""

from __future__ import annotations

import errno
import fcntl
import logging
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rag.index import ChromaIndex

log = logging.getLogger("troly.ingest")
LOCK_NAME = ".ingest.lock"
BUSY_MESSAGE = (
    "Đang có một lần nạp dữ liệu khác chạy trên thư mục dữ liệu này (lệnh `troly ingest` "
    "hoặc trang quản trị); hãy chờ nó xong rồi thử lại."
)


class IngestBusy(RuntimeError):
    """Another process is ingesting into the same data dir."""


@contextmanager
def ingest_lock(data_dir: Path) -> Iterator[None]:
    """Hold the data dir's ingest lock (an OS file lock, released if the process dies);
    IngestBusy at once if another process holds it."""
    path = Path(data_dir)
    path.mkdir(parents=True, exist_ok=True)
    fd = os.open(path / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise IngestBusy(BUSY_MESSAGE) from exc
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _writer_alive(name: str) -> bool:
    """True if the temporary file names a process that is still running."""
    parts = name.split(".")
    pid = next((p.split("-")[0] for p in parts if p.split("-")[0].isdigit()), "")
    if not pid or int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_leftovers(data_dir: Path, index: ChromaIndex | None) -> list[str]:
    """Remove what an interrupted ingest left behind; returns what was removed.
    Call only while holding `ingest_lock`."""
    data_dir = Path(data_dir)
    removed: list[str] = []
    for tmp in data_dir.glob(".*.tmp*"):  # rag.tables.store: ".tables.sqlite.<pid>-<thread>.tmp"
        if _writer_alive(tmp.name):
            continue  # a running server rebuilding its tables
        tmp.unlink(missing_ok=True)
        removed.append(tmp.name)
    views = data_dir / "views"
    if views.is_dir():
        for child in views.iterdir():
            if child.name.startswith(".") and child.is_dir():  # rag.lexical.atomic_directory
                shutil.rmtree(child, ignore_errors=True)
                removed.append(f"views/{child.name}")
    if index is not None:  # half-written (newer than the pointer) or left by a killed prune
        removed += index.prune_stray()
    if removed:
        log.info("removed leftovers of an interrupted ingest: %s", ", ".join(removed))
    return removed


_FULL_MARKERS = ("no space left", "disk is full", "database or disk is full", "enospc")


def is_disk_full(exc: BaseException) -> bool:
    """True if this error (or one it was raised from) means the disk is full."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, OSError) and current.errno in (errno.ENOSPC, errno.EDQUOT):
            return True
        text = str(current).lower()  # sqlite3 and chroma name it only in the message
        if any(marker in text for marker in _FULL_MARKERS):
            return True
        current = current.__cause__ or current.__context__
    return False


# Chroma reports a full disk as a generic "compaction" error: after a failed ingest, a write of
# this size into the data dir tells whether the disk is (nearly) full.
PROBE_BYTES = 8 * 1024 * 1024


def no_room(data_dir: Path, size: int = PROBE_BYTES) -> bool:
    """True if `size` bytes cannot be written into data_dir (ENOSPC or quota)."""
    probe = Path(data_dir) / ".disk-probe.tmp"
    try:
        with probe.open("wb") as out:
            block = b"\0" * (1024 * 1024)
            for _ in range(max(1, size // len(block))):
                out.write(block)
            out.flush()
            os.fsync(out.fileno())
    except OSError as exc:
        return exc.errno in (errno.ENOSPC, errno.EDQUOT)
    finally:
        probe.unlink(missing_ok=True)
    return False


def disk_full_message(data_dir: Path) -> str:
    free = shutil.disk_usage(Path(data_dir)).free if Path(data_dir).exists() else 0
    return (
        f"Ổ đĩa chứa thư mục dữ liệu ({data_dir}) đã đầy (còn trống {free // (1024 * 1024)} MB), "
        "không nạp được tài liệu. Chỉ mục cũ được giữ nguyên và vẫn trả lời bình thường. "
        "Hãy giải phóng dung lượng (ví dụ xóa bản sao lưu cũ) rồi chạy lại `troly ingest`."
    )
