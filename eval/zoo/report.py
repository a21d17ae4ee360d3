"""Break the results of a zoo run down by layout dimension.

python eval/zoo/report.py --questions GEN/questions --results OUT/results.jsonl [--failures 5]
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

DIMENSIONS = ("task_layout", "layout", "deadline_style", "qtype", "typing")
DEADLINE_QTYPES = ("deadline", "deadline_none", "list_by_period")


def load(questions: Path, results: Path) -> list[dict]:
    items = {}
    for f in sorted(questions.glob("*.jsonl")):
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.strip():
                q = json.loads(line)
                items[q["id"]] = q
    rows = []
    for line in results.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        r = json.loads(line)
        q = items.get(r.get("id"))
        if q is None:
            continue
        rows.append(
            {
                **q,
                "passed": bool((r.get("score") or {}).get("passed")),
                "answer": r.get("answer", ""),
            }
        )
    return rows


def table(rows: list[dict], dim: str) -> list[str]:
    if dim == "deadline_style":  # the style only matters for questions about deadlines
        rows = [r for r in rows if r["qtype"] in DEADLINE_QTYPES]
    agg: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in rows:
        agg[r.get(dim, "-")][0] += r["passed"]
        agg[r.get(dim, "-")][1] += 1
    out = [f"-- by {dim}" + (" (deadline questions only)" if dim == "deadline_style" else "")]
    for key in sorted(agg):
        p, n = agg[key]
        out.append(f"  {key:<28} {p:>4}/{n:<4} {100 * p / n:5.1f}%")
    return out


def matrix(rows: list[dict], dim_rows: str, dim_cols: str) -> list[str]:
    """pass/total for each pair of values of two dimensions ("." where no question)."""
    agg: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for r in rows:
        cell = agg[(r.get(dim_rows, "-"), r.get(dim_cols, "-"))]
        cell[0] += r["passed"]
        cell[1] += 1
    rkeys = sorted({k[0] for k in agg})
    ckeys = sorted({k[1] for k in agg})
    width = 9
    out = [
        f"-- {dim_rows} x {dim_cols}",
        " " * 8 + " ".join(f"{c[:width]:>{width}}" for c in ckeys),
    ]
    for rk in rkeys:
        cells = []
        for ck in ckeys:
            p, n = agg.get((rk, ck), (0, 0))
            cells.append(f"{f'{p}/{n}' if n else '.':>{width}}")
        out.append(f"  {rk:<6}" + " ".join(cells))
    return out


def report(rows: list[dict], failures: int = 0) -> str:
    lines = []
    p = sum(r["passed"] for r in rows)
    lines.append(f"== zoo: {p}/{len(rows)} passed ({100 * p / max(1, len(rows)):.1f}%)")
    for dim in DIMENSIONS:
        lines += table(rows, dim)
    lines += table(rows, "category")
    lines += table(rows, "plan")
    lines += matrix(rows, "task_layout", "qtype")
    if failures:
        by_layout: dict[str, list[dict]] = defaultdict(list)
        for r in rows:
            if not r["passed"]:
                by_layout[r["task_layout"]].append(r)
        for tl in sorted(by_layout):
            lines.append(f"-- failures {tl} ({len(by_layout[tl])})")
            for r in by_layout[tl][:failures]:
                ans = " ".join(r["answer"].split())[:200]
                lines.append(
                    f"  [{r['id']} {r['qtype']}/{r['layout']}/{r['deadline_style']}] {r['question']}"
                )
                lines.append(f"    expected: {r['expect_facts'] or 'refusal'}")
                lines.append(f"    answer:   {ans}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--questions", type=Path, required=True)
    ap.add_argument("--results", type=Path, required=True)
    ap.add_argument("--failures", type=int, default=0, help="show up to N failures per task layout")
    a = ap.parse_args(argv)
    print(report(load(a.questions, a.results), a.failures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
