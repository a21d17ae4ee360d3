"""A bot channel (`troly bot`, `troly zalo`) run as the real entry point in a subprocess.

Shared by the Telegram and Zalo CLI tests: which program to start, the environment it gets
(the real default embedder, no LLM, no Chroma server) and a stop that always collects the output.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

# Settings a developer's shell may carry that would change what the child loads.
_DROPPED = ("TROLY_EMBED_MODEL", "CHROMA_HOST", "TROLY_LLM_BASE_URL", "TROLY_LLM_MODEL")


def troly_command() -> list[str]:
    """The installed `troly` script next to this interpreter, else the module."""
    script = Path(sys.executable).with_name("troly")
    return [str(script)] if script.exists() else [sys.executable, "-m", "rag.cli"]


@dataclass
class Channel:
    proc: subprocess.Popen
    out: str = ""

    @property
    def returncode(self) -> int | None:
        return self.proc.returncode


@contextmanager
def running_channel(args: list[str], data_dir: Path, **env: str) -> Iterator[Channel]:
    """Start `troly ARGS` with its own data dir; SIGTERM it at the end and keep its output."""
    child_env = {**os.environ, "TROLY_DATA_DIR": str(data_dir), "PYTHONUNBUFFERED": "1", **env}
    for var in _DROPPED:
        child_env.pop(var, None)
    proc = subprocess.Popen(
        [*troly_command(), *args],
        env=child_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    channel = Channel(proc)
    try:
        yield channel
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            channel.out, _ = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            channel.out, _ = proc.communicate()
