"""`troly ingest` is quiet by default: counts and one line per part; details with --verbose."""

from __future__ import annotations

import pytest

from rag.cli import main as troly
from rag.ingest import IngestReport
from rag.ingest_output import VERBOSE_HINT, ingest_output
from rag.settings import get_settings
from tests.fakes import FakeEmbedder


def _report() -> IngestReport:
    report = IngestReport(added=["a", "b"], chunks=12, seconds=1.0)
    report.read = [("a.txt", "xã A, số 1/KH"), ("b.txt", "xã B, số 2/KH")]
    report.failed = [("c.txt", "không đọc được")]
    report.tables = "Bảng số liệu kế hoạch → tables.sqlite\n" + "\n".join(
        f"  - dòng {i}: bảng PDF mất cột" for i in range(30)
    )
    return report


def test_default_output_is_a_short_summary_and_failures_are_always_shown() -> None:
    out = ingest_output(_report(), verbose=False)
    assert len(out.splitlines()) <= 6
    assert "c.txt: không đọc được" in out
    assert "bảng PDF mất cột" not in out and "xã A" not in out
    assert VERBOSE_HINT in out


def test_verbose_and_named_files_show_the_details() -> None:
    verbose = ingest_output(_report(), verbose=True)
    assert verbose.count("bảng PDF mất cột") == 30 and "xã A, số 1/KH" in verbose
    named = ingest_output(_report(), verbose=False, show_read=True)
    assert "xã A, số 1/KH" in named and "bảng PDF mất cột" not in named


def test_bundled_ingest_prints_few_lines(capsys, monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    monkeypatch.setattr("rag.ingest.make_embedder", lambda _model: FakeEmbedder())
    assert troly(["ingest", "--quiet"]) == 0
    out = capsys.readouterr().out
    assert len(out.splitlines()) <= 6, out
    # The same first ingest into another data dir, with the details (a second run into the same
    # dir changes nothing, so it has no parser notes to show).
    monkeypatch.setenv("TROLY_DATA_DIR", str(tmp_path / "verbose"))
    get_settings.cache_clear()
    assert troly(["ingest", "--quiet", "--verbose"]) == 0
    assert len(capsys.readouterr().out.splitlines()) > 6
