"""Run a dataset through the engine (and the naive baseline) and report scores."""

from __future__ import annotations

import json
import statistics
from collections import defaultdict
from dataclasses import asdict
from pathlib import Path

from eval.scoring import ItemScore, score_item
from rag.engine import Engine


def load_dataset(path: Path) -> list[dict]:
    items = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(
                f"{path}:{n}: dòng không phải JSON hợp lệ / invalid JSON: {exc}"
            ) from exc
        if "id" not in item or "question" not in item:
            raise ValueError(
                f"{path}:{n}: thiếu trường 'id' hoặc 'question' / missing id or question"
            )
        items.append(item)
    if not items:
        raise ValueError(f"{path}: tập dữ liệu rỗng / empty dataset")
    return items


def percentile(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    idx = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[idx]


def run_eval(engine: Engine, items: list[dict], baseline=None) -> dict:
    results = []
    scores: list[ItemScore] = []
    base_scores: list[ItemScore] = []
    latencies = []
    for item in items:
        ans = engine.ask(item["question"], item.get("commune"))
        latencies.append(ans.latency_ms)
        cites = [c.as_dict() for c in ans.citations]
        sc = score_item(item, ans.answer, ans.refused, cites)
        scores.append(sc)
        row = {
            **item,
            "answer": ans.answer,
            "refused": ans.refused,
            "citations": cites,
            "latency_ms": round(ans.latency_ms, 1),
            "generated": ans.generated,
            "llm_fallback": ans.reason.removeprefix("llm_fallback:")
            if ans.reason.startswith("llm_fallback:")
            else "",
            "score": asdict(sc),
        }
        if baseline is not None:
            q = item["question"]
            text, bcites = baseline.ask(q)
            bs = score_item(item, text[:100000], False, bcites)
            # the baseline has no length limit of its own: judge it on facts and commune only
            bs.passed = bs.refusal_ok and bs.facts_ok and bs.commune_ok
            base_scores.append(bs)
            row["baseline_pass"] = bs.passed
        results.append(row)
    return {"results": results, "scores": scores, "baseline": base_scores, "latencies": latencies}


def report_table(run: dict) -> str:
    by_cat: dict[str, list[ItemScore]] = defaultdict(list)
    base_cat: dict[str, list[ItemScore]] = defaultdict(list)
    for s in run["scores"]:
        by_cat[s.category].append(s)
    for s in run["baseline"]:
        base_cat[s.category].append(s)
    has_base = bool(run["baseline"])
    lines = [
        "| category | n | troly pass | " + ("baseline pass |" if has_base else ""),
        "|---|---|---|" + ("---|" if has_base else ""),
    ]
    for cat in sorted(by_cat):
        ss = by_cat[cat]
        cell = f"{sum(s.passed for s in ss)}/{len(ss)} ({100 * sum(s.passed for s in ss) / len(ss):.0f}%)"
        bcell = ""
        if has_base:
            bs = base_cat[cat]
            bcell = f" {sum(s.passed for s in bs)}/{len(bs)} ({100 * sum(s.passed for s in bs) / len(bs):.0f}%) |"
        lines.append(f"| {cat} | {len(ss)} | {cell} |{bcell}")
    total = run["scores"]
    overall = 100 * sum(s.passed for s in total) / len(total)
    line = f"| **overall** | {len(total)} | **{sum(s.passed for s in total)}/{len(total)} ({overall:.1f}%)** |"
    if has_base:
        b = run["baseline"]
        line += f" {sum(s.passed for s in b)}/{len(b)} ({100 * sum(s.passed for s in b) / len(b):.1f}%) |"
    lines.append(line)
    lat = run["latencies"]
    lines.extend(["", refusal_line(run["results"]), ""])
    lines.extend(llm_summary(run["results"]))
    lines.append(
        f"Latency (engine, in-process): p50 {percentile(lat, 50):.0f} ms, p95 {percentile(lat, 95):.0f} ms, "
        f"mean {statistics.mean(lat):.0f} ms"
    )
    return "\n".join(lines)


def refusal_stats(results: list[dict]) -> dict[str, float]:
    """Refusal precision (refused and expected / refused) and recall (… / expected refusals)."""
    refused = sum(bool(r["refused"]) for r in results)
    expected = sum(bool(r.get("expect_refusal")) for r in results)
    both = sum(bool(r["refused"]) and bool(r.get("expect_refusal")) for r in results)
    return {
        "refused": refused,
        "expected": expected,
        "correct": both,
        "precision": both / refused if refused else 1.0,
        "recall": both / expected if expected else 1.0,
    }


def refusal_line(results: list[dict]) -> str:
    st = refusal_stats(results)
    return (
        f"Refusals: precision {100 * st['precision']:.1f}% ({st['correct']}/{st['refused']} refused "
        f"were expected), recall {100 * st['recall']:.1f}% ({st['correct']}/{st['expected']} "
        "expected refusals refused)"
    )


def llm_summary(results: list[dict]) -> list[str]:
    """How often the model's answer was used and how often the grounding check fell back."""
    tried = [r for r in results if r.get("generated") or r.get("llm_fallback")]
    if not tried:
        return []
    fallbacks = [r["llm_fallback"] for r in tried if r.get("llm_fallback")]
    reasons: dict[str, int] = defaultdict(int)
    for why in fallbacks:
        reasons[why.split(":")[0] + (":" + why.split(":")[1] if ":" in why else "")] += 1
    detail = ", ".join(f"{k} {v}" for k, v in sorted(reasons.items(), key=lambda kv: -kv[1]))
    n = len(tried)
    return [
        f"LLM: {n - len(fallbacks)}/{n} answers generated and grounded; "
        f"fell back to extractive {len(fallbacks)}/{n} ({100 * len(fallbacks) / n:.0f}%)"
        + (f" — {detail}" if detail else ""),
        "",
    ]


def write_outputs(run: dict, out_dir: Path) -> tuple[Path, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    results = out_dir / "results.jsonl"
    with results.open("w", encoding="utf-8") as f:
        for row in run["results"]:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    report = out_dir / "report.md"
    failed = [r for r in run["results"] if not r["score"]["passed"]]
    body = [
        "# Trợ lý ảo — evaluation report",
        "",
        report_table(run),
        "",
        f"## Failed items ({len(failed)})",
        "",
    ]
    for r in failed:
        body.append(
            f"- `{r['id']}` [{r.get('category')}] {r['question']} — missing: {r['score']['missing']}"
        )
    report.write_text("\n".join(body) + "\n", encoding="utf-8")
    from eval.report_html import write_report  # charts: imported only when a report is written

    write_report(run["results"], out_dir / "report.html")
    return report, results
