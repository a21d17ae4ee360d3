"""`troly backup` / `troly restore` round trip, and `troly doctor` (exit code, Vietnamese advice)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from rag.cli import main as troly
from rag.settings import get_settings
from tests.fakes import FakeEmbedder

QUESTION = "Tỷ lệ hồ sơ trực tuyến toàn trình năm 2026 của xã Phú Trung là bao nhiêu?"


@pytest.fixture
def fake_models(monkeypatch: pytest.MonkeyPatch) -> None:
    for where in ("rag.ingest.make_embedder", "rag.engine.make_embedder"):
        monkeypatch.setattr(where, lambda _model: FakeEmbedder())
    monkeypatch.setattr("rag.embedders.make_embedder", lambda _model="": FakeEmbedder())


def _ask(capsys) -> dict:
    assert troly(["ask", QUESTION, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def _use_data_dir(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setenv("TROLY_DATA_DIR", str(path))
    get_settings.cache_clear()


@pytest.mark.slow
def test_backup_restore_round_trip(tmp_path: Path, capsys, monkeypatch, fake_models) -> None:
    assert troly(["ingest", "--quiet"]) == 0
    capsys.readouterr()
    before = _ask(capsys)
    data = get_settings().data_dir
    with sqlite3.connect(data / "interactions.sqlite") as conn:  # a log worth keeping
        conn.execute("CREATE TABLE IF NOT EXISTS probe (x TEXT)")
        conn.execute("INSERT INTO probe VALUES ('giữ lại')")
    assert troly(["backup", str(tmp_path / "bk")]) == 0
    assert "Đã sao lưu" in capsys.readouterr().out
    assert troly(["backup", str(tmp_path / "bk")]) == 1  # never over an existing backup
    assert "đã có dữ liệu" in capsys.readouterr().err

    _use_data_dir(monkeypatch, tmp_path / "new-server")
    assert troly(["restore", str(tmp_path / "bk")]) == 0
    assert "Đã khôi phục" in capsys.readouterr().out
    after = _ask(capsys)
    assert after["answer"] == before["answer"]
    assert [c["quote"] for c in after["citations"]] == [c["quote"] for c in before["citations"]]
    new = tmp_path / "new-server"
    with sqlite3.connect(new / "interactions.sqlite") as conn:
        assert conn.execute("SELECT x FROM probe").fetchall() == [("giữ lại",)]
    assert (new / "tables.sqlite").exists() and any((new / "views").iterdir())
    assert troly(["doctor"]) == 0
    assert "Mọi thứ đều ổn." in capsys.readouterr().out


def test_restore_of_something_else_is_refused(tmp_path: Path, capsys) -> None:
    (tmp_path / "not-a-backup").mkdir()
    assert troly(["restore", str(tmp_path / "not-a-backup")]) == 1
    assert "không phải là một bản sao lưu" in capsys.readouterr().err


def test_doctor_on_an_empty_server_says_to_ingest(capsys, fake_models) -> None:
    assert troly(["doctor"]) == 1
    out = capsys.readouterr().out
    assert "✗ Chỉ mục" in out and "chạy `troly ingest`" in out
    assert "✓ Quyền ghi" in out and "✓ Phiên bản" in out
