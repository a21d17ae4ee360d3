"""`report.html` beside an evaluation's results.jsonl: one self-contained page with inline SVG charts.

Reads only the result rows (the same dicts written to results.jsonl), so it also renders an old
run: per-category pass rates beside the naive baseline, a latency histogram, retrieval recall@k
and MRR for the items that name their source, refusal precision and recall, and every failure
with its question, answer and what was missing. No script, no link to another host.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from html import escape
from pathlib import Path

from eval.runner import percentile, refusal_stats
from rag.charts import MUTED, PRIMARY, Series, bar_chart, histogram

RECALL_KS = (1, 3, 5)


@dataclass(frozen=True)
class Retrieval:
    """Where the expected source first appears among an answer's citations."""

    items: int
    recall: dict[int, float]
    mrr: float


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def expected_sources(item: dict) -> list[tuple[str, str]]:
    """(field, value) pairs a citation must match: a guide's doc_id or a commune."""
    if item.get("expect_refusal"):
        return []
    if item.get("expect_guide"):
        return [("doc_id", f"guide-{item['expect_guide']}")]
    if item.get("expect_commune"):
        return [("commune", str(item["expect_commune"]))]
    return [("commune", str(c)) for c in item.get("expect_communes") or []]


def first_rank(row: dict) -> int | None:
    """1-based rank of the first citation naming an expected source; None when none does."""
    wanted = expected_sources(row)
    for rank, cite in enumerate(row.get("citations") or [], 1):
        if any(str(cite.get(field, "")) == value for field, value in wanted):
            return rank
    return None


def retrieval_stats(rows: list[dict], ks: tuple[int, ...] = RECALL_KS) -> Retrieval:
    named = [r for r in rows if expected_sources(r)]
    ranks = [first_rank(r) for r in named]
    n = len(named)
    recall = {k: (sum(1 for x in ranks if x is not None and x <= k) / n if n else 0.0) for k in ks}
    mrr = sum(1.0 / x for x in ranks if x) / n if n else 0.0
    return Retrieval(n, recall, mrr)


def category_rates(rows: list[dict]) -> list[tuple[str, int, float, float | None]]:
    """(category, n, troly pass %, baseline pass % or None) per category, sorted by name."""
    groups: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        groups[str(r.get("category") or "—")].append(r)
    out = []
    for cat in sorted(groups):
        items = groups[cat]
        passed = 100 * sum(bool(r["score"]["passed"]) for r in items) / len(items)
        based = [r["baseline_pass"] for r in items if "baseline_pass" in r]
        base = 100 * sum(bool(b) for b in based) / len(based) if based else None
        out.append((cat, len(items), passed, base))
    return out


def _table(headers: list[str], rows: list[list[object]]) -> str:
    head = "".join(f'<th scope="col">{_e(h)}</th>' for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;
margin:0 auto;max-width:60rem;padding:1rem;color:#1a1f2b;line-height:1.5}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem}
svg{max-width:100%;height:auto}table{border-collapse:collapse;width:100%;margin:.5rem 0}
th,td{border-bottom:1px solid #cbd2dc;padding:.3rem .5rem;text-align:left;vertical-align:top;
overflow-wrap:anywhere}.fail{border-top:1px solid #cbd2dc;padding:.5rem 0}
.answer{white-space:pre-wrap;background:#f5f7fa;padding:.5rem;margin:.25rem 0}
.missing{color:#8a1010}code{font-size:.95em}
"""


def _failure(r: dict) -> str:
    sc = r["score"]
    problems = []
    if sc.get("missing"):
        problems.append("thiếu dữ kiện: " + ", ".join(sc["missing"]))
    if not sc.get("refusal_ok", True):
        problems.append("lẽ ra phải từ chối" if r.get("expect_refusal") else "từ chối sai")
    if not sc.get("commune_ok", True):
        wanted = ", ".join(f"{f}={v}" for f, v in expected_sources(r))
        problems.append(f"không trích đúng nguồn ({wanted})")
    if not sc.get("length_ok", True):
        problems.append("câu trả lời quá dài")
    return (
        f'<div class="fail"><p><code>{_e(r["id"])}</code> [{_e(r.get("category", ""))}] '
        f"<strong>{_e(r['question'])}</strong></p>"
        f'<p class="answer">{_e(r.get("answer", ""))}</p>'
        f'<p class="missing">Thiếu / sai: {_e("; ".join(problems) or "—")}</p></div>'
    )


def render_report(rows: list[dict], title: str = "Trợ lý ảo — báo cáo đánh giá") -> str:
    n = len(rows)
    passed = sum(bool(r["score"]["passed"]) for r in rows)
    rates = category_rates(rows)
    has_base = any(b is not None for *_, b in rates)
    series = [Series("Trợ lý ảo", [p for _, _, p, _ in rates], PRIMARY)]
    if has_base:
        series.append(Series("Baseline", [b or 0.0 for *_, b in rates], MUTED))
    cats = bar_chart(
        [c for c, *_ in rates],
        series,
        title="Tỷ lệ đạt theo nhóm câu hỏi (%)",
        ylabel="% đạt",
        horizontal=True,
        percent=True,
    )
    cat_rows = [[c, k, f"{p:.0f}%", "—" if b is None else f"{b:.0f}%"] for c, k, p, b in rates]
    lat = [float(r.get("latency_ms", 0.0)) for r in rows]
    lat_svg = histogram(lat, title="Phân bố độ trễ (ms)", xlabel="ms")
    ret = retrieval_stats(rows)
    ref = refusal_stats(rows)
    failures = [r for r in rows if not r["score"]["passed"]]
    recall_cells = ", ".join(f"recall@{k} {100 * v:.1f}%" for k, v in ret.recall.items())
    body = [
        f"<h1>{_e(title)}</h1>",
        f"<p>Đạt <strong>{passed}/{n}</strong> ({100 * passed / n if n else 0:.1f}%).</p>",
        '<h2 id="categories">Tỷ lệ đạt theo nhóm, so với baseline</h2>',
        cats,
        _table(["Nhóm", "Số câu", "Trợ lý ảo", "Baseline"], cat_rows),
        '<h2 id="latency">Độ trễ</h2>',
        lat_svg,
        f"<p>p50 {percentile(lat, 50):.0f} ms · p95 {percentile(lat, 95):.0f} ms · "
        f"lớn nhất {max(lat, default=0):.0f} ms</p>",
        '<h2 id="retrieval">Truy hồi nguồn</h2>',
        f"<p>Trên {ret.items} câu có nêu nguồn cần trích (xã hoặc hướng dẫn): {recall_cells}; "
        f"MRR {ret.mrr:.3f}.</p>",
        '<h2 id="refusals">Từ chối</h2>',
        f"<p>Precision {100 * ref['precision']:.1f}% ({ref['correct']}/{ref['refused']} câu bị "
        f"từ chối là đúng), recall {100 * ref['recall']:.1f}% ({ref['correct']}/"
        f"{ref['expected']} câu cần từ chối đã được từ chối).</p>",
        f'<h2 id="failures">Các câu chưa đạt ({len(failures)})</h2>',
        *(_failure(r) for r in failures),
    ]
    return (
        '<!doctype html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n<main>\n"
        + "\n".join(body)
        + "\n</main>\n</body>\n</html>\n"
    )


def write_report(rows: list[dict], path: Path) -> Path:
    path.write_text(render_report(rows), encoding="utf-8")
    return path


def load_results(path: Path) -> dict[str, dict]:
    out = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            out[str(row["id"])] = row
    return out


def compare(old: Path, new: Path) -> str:
    """Which items flipped between two results.jsonl files (and which appear in one only)."""
    before, after = load_results(old), load_results(new)
    fixed, broke = [], []
    for key in sorted(set(before) & set(after)):
        was, now = bool(before[key]["score"]["passed"]), bool(after[key]["score"]["passed"])
        if was != now:
            (fixed if now else broke).append(after[key])
    only_old = sorted(set(before) - set(after))
    only_new = sorted(set(after) - set(before))

    def tally(rows: dict[str, dict]) -> str:
        ok = sum(bool(r["score"]["passed"]) for r in rows.values())
        return f"{ok}/{len(rows)}"

    lines = [
        f"Cũ / old {old}: {tally(before)} — mới / new {new}: {tally(after)}",
        f"Sửa được / fixed: {len(fixed)} · hỏng / broke: {len(broke)}",
    ]
    for label, rows in (("+ fixed", fixed), ("- broke", broke)):
        for r in rows:
            missing = r["score"].get("missing") or []
            tail = f" — missing: {missing}" if label.startswith("-") and missing else ""
            lines.append(f"{label} {r['id']} [{r.get('category', '')}] {r['question']}{tail}")
    if only_old:
        lines.append(f"Chỉ có trong bản cũ / only in old: {', '.join(only_old)}")
    if only_new:
        lines.append(f"Chỉ có trong bản mới / only in new: {', '.join(only_new)}")
    return "\n".join(lines)
