"""OCR benchmark: a plan as a 10-page scan against the same plan as text.

Usage:
    PYTHONPATH=. python scripts/ocr_bench.py [--plan eval/plans/tan-hoa-dong-kh45-2026.txt]
        [--questions eval/unseen/tan-hoa-dong-kh45-2026.jsonl] [--pages 10] [--skew 1.0]
        [--work /tmp/troly-ocr-bench] [--warm-cache DATA_DIR/embed_cache.sqlite]

What it does (no network; the embedder is the configured one, TROLY_EMBED_MODEL):
1. renders the plan text to page images (Pillow, DejaVu Sans, 150 dpi, slightly skewed), with
   the font size that gives --pages pages, and saves them as an image-only PDF;
2. builds two data dirs with the bundled corpus, then ingests the plan into one as text and
   into the other as the scan (fresh OCR cache), timing the scan's ingest (bar: 120 s);
3. asks the question set (eval format, LLM off) against both and prints both pass rates and
   their ratio (bar: scan ≥ 85% of text).

Output: one `key: value` line per number. Exit code 0 when both bars are met.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

from rag.scan.synth import ScanStyle, render_pages, save_pdf

INGEST_BAR_S = 120.0
RATIO_BAR = 0.85


def _style_for(text: str, pages: int, skew: float) -> tuple[ScanStyle, int]:
    """The font size (11-18 pt) whose rendering is closest to `pages` pages."""
    best: tuple[int, ScanStyle, int] | None = None
    for tenth in range(110, 181, 5):
        style = ScanStyle(font_pt=tenth / 10, skew_degrees=skew)
        n = len(render_pages(text, style))
        if best is None or abs(n - pages) < best[0]:
            best = (abs(n - pages), style, n)
        if n >= pages:
            break
    assert best is not None
    return best[1], best[2]


def _data_dir(root: Path, name: str, warm_cache: Path | None) -> Path:
    data = root / name
    shutil.rmtree(data, ignore_errors=True)
    data.mkdir(parents=True)
    if warm_cache and warm_cache.is_file():
        shutil.copy(warm_cache, data / "embed_cache.sqlite")
    return data


def _ingest(data: Path, folder: Path | None) -> tuple[float, object]:
    import os

    from rag.ingest import Ingestor
    from rag.settings import Settings, get_settings

    os.environ["TROLY_DATA_DIR"] = str(data)  # the OCR cache lives in the data dir
    get_settings.cache_clear()
    started = time.perf_counter()
    report = Ingestor(Settings(data_dir=data)).run(folder, progress=folder is not None)
    return time.perf_counter() - started, report


def _pass_rate(data: Path, items: list[dict]) -> tuple[int, list[dict]]:
    from eval.runner import run_eval
    from rag.engine import Engine
    from rag.settings import Settings

    engine = Engine(Settings(data_dir=data))
    engine.configure_llm(None)
    run = run_eval(engine, items)
    return sum(s.passed for s in run["scores"]), run["results"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--plan", default="eval/plans/tan-hoa-dong-kh45-2026.txt")
    ap.add_argument("--questions", default="eval/unseen/tan-hoa-dong-kh45-2026.jsonl")
    ap.add_argument("--pages", type=int, default=10)
    ap.add_argument("--skew", type=float, default=1.0)
    ap.add_argument("--work", default="/tmp/troly-ocr-bench")
    ap.add_argument("--warm-cache", default="", help="an embed_cache.sqlite to start from")
    args = ap.parse_args(argv)

    plan = Path(args.plan)
    text = plan.read_text(encoding="utf-8")
    items = [json.loads(x) for x in Path(args.questions).read_text("utf-8").splitlines() if x]
    root = Path(args.work)
    warm = Path(args.warm_cache) if args.warm_cache else None

    style, n_pages = _style_for(text, args.pages, args.skew)
    scan_dir, text_dir = root / "scan", root / "text"
    for d in (scan_dir, text_dir):
        shutil.rmtree(d, ignore_errors=True)
        d.mkdir(parents=True)
    pdf = save_pdf(render_pages(text, style), scan_dir / f"{plan.stem}.pdf", style.dpi)
    shutil.copy(plan, text_dir / plan.name)
    print(
        f"pages: {n_pages} (font {style.font_pt} pt, {style.dpi} dpi, skew {style.skew_degrees}°)"
    )

    results = {}
    for name, folder in (("text", text_dir), ("scan", scan_dir)):
        data = _data_dir(root, f"data-{name}", warm)
        corpus_s, _ = _ingest(data, None)
        seconds, report = _ingest(data, folder)
        if report.failed:
            print(f"{name}_failed: {report.failed}")
            return 2
        passed, rows = _pass_rate(data, items)
        results[name] = (seconds, passed, rows, report)
        print(f"{name}_corpus_ingest_s: {corpus_s:.1f}")
        print(f"{name}_ingest_s: {seconds:.1f}")
        print(f"{name}_passed: {passed}/{len(items)}")
    scan_report = results["scan"][3]
    for line in scan_report.summary().splitlines()[:3]:
        print(f"scan_report: {line.strip()}")
    text_pass, scan_pass = results["text"][1], results["scan"][1]
    ratio = scan_pass / text_pass if text_pass else 0.0
    seconds = results["scan"][0]
    print(f"scan_ingest_s_per_page: {seconds / max(1, n_pages):.1f}")
    print(f"ratio_scan_to_text: {ratio:.2f}")
    lost = [
        r["id"]
        for r, s in zip(results["text"][2], results["scan"][2], strict=True)
        if r["score"]["passed"] and not s["score"]["passed"]
    ]
    print(f"lost_in_scan: {', '.join(lost) or '-'}")
    ok = seconds <= INGEST_BAR_S and ratio >= RATIO_BAR
    print(f"bars_met: {ok} (ingest ≤ {INGEST_BAR_S:.0f} s, ratio ≥ {RATIO_BAR:.2f})")
    print(f"pdf: {pdf}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
