"""Chroma in client/server mode: a real `chroma run` on a loopback port started by the test."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from rag.engine import Engine
from rag.ingest import Ingestor
from rag.settings import Settings


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def chroma_server(tmp_path: Path):
    exe = shutil.which("chroma") or str(Path(sys.executable).parent / "chroma")
    port = _free_port()
    proc = subprocess.Popen(
        [
            exe,
            "run",
            "--path",
            str(tmp_path / "chroma-server"),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={"ANONYMIZED_TELEMETRY": "False", "PATH": "/usr/bin:/bin"},
    )
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                if (
                    httpx.get(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1).status_code
                    == 200
                ):
                    break
            except httpx.HTTPError:
                time.sleep(0.3)
        else:
            pytest.fail("chroma run did not start within 60 s")
        yield port
    finally:
        proc.terminate()
        proc.wait(timeout=20)


@pytest.mark.slow
def test_ingest_and_answer_through_a_chroma_server(
    chroma_server: int, tmp_path: Path, fake_embedder
):
    settings = Settings(
        data_dir=tmp_path / "data", chroma_host="127.0.0.1", chroma_port=chroma_server
    )
    report = Ingestor(settings, embedder=fake_embedder).run(progress=False)
    assert report.chunks > 100 and not report.failed
    assert not (tmp_path / "data" / "chroma").exists()  # nothing written to the embedded store
    engine = Engine(settings, embedder=fake_embedder)
    ans = engine.ask("Tổng kinh phí chuyển đổi số năm 2026 của xã Giao An?")
    assert "844" in ans.answer
    again = Ingestor(settings, embedder=fake_embedder).run(progress=False)
    assert not again.changed
