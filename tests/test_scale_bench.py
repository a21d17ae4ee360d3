"""The scale benchmark script: its synthetic corpus, and a smoke run at three communes."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

from rag.documents import load_document

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "scale_bench.py"


def _bench_module():
    spec = importlib.util.spec_from_file_location("scale_bench", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("scale_bench", module)  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_synthetic_corpus_renames_every_plan_and_repeats_some_names(tmp_path: Path):
    bench = _bench_module()
    templates = bench.load_templates()
    communes = bench.make_communes(200, templates, seed=3)
    pairs = {(c.name, c.province) for c in communes}
    assert len(pairs) == 200  # unique as (commune, province) ...
    assert len({c.name for c in communes}) < 200  # ... while some names recur elsewhere
    bench.write_corpus(tmp_path, communes[:10], templates)
    for c in communes[:10]:
        doc = load_document(tmp_path / "plans" / f"{c.doc_id}.txt")
        assert (doc.commune, doc.province, doc.doc_id) == (c.name, c.province, c.doc_id)
        assert c.name in doc.text and c.name in doc.title
        for t in templates:  # no bundled commune name is left behind
            assert t.commune not in doc.text
    assert (tmp_path / "guides").is_dir()


@pytest.mark.slow
def test_scale_bench_smoke_run_prints_every_number(tmp_path: Path):
    work = tmp_path / "work"
    proc = subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            "--communes",
            "3",
            "--questions",
            "5",
            "--ready-timeout",
            "300",
            "--keep",
            str(work),
        ],
        capture_output=True,
        text=True,
        timeout=900,
        cwd=SCRIPT.parent.parent,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    out = dict(
        line.split(": ", 1) for line in proc.stdout.splitlines() if re.match(r"^\w+: ", line)
    )
    assert out["communes"] == "3"
    assert int(out["chunks"]) > 100
    for key in ("ingest_s", "ready_s"):
        assert re.fullmatch(r"\d+\.\d", out[key]), (key, out[key])
    for key in ("ingest_peak_rss_mb", "server_rss_mb", "ask_p50_ms", "ask_p95_ms"):
        assert re.fullmatch(r"\d+", out[key]) and int(out[key]) > 0, (key, out[key])
    assert float(out["ask_p50_ms"]) <= float(out["ask_p95_ms"])
    only, asked = map(int, out["cites_only_asked_commune"].split("/"))
    assert 0 <= only <= asked == 5
    for key in ("add_one_plan_s", "change_one_plan_s", "remove_one_plan_s"):
        assert re.fullmatch(r"\d+\.\d", out[key]), (key, out[key])
    assert re.search(
        r"^\| 3 \| \d+ \| [\d.]+ \| [\d.]+ \| \d+ \| \d+ / \d+ \| \d+/\d+ \| [\d.]+ \|$",
        proc.stdout,
        re.M,
    )
    assert (work / "data" / "chroma").is_dir()
