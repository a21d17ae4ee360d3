"""`troly eval --out` writes a self-contained report.html; `troly eval --compare` lists flips."""

from __future__ import annotations

import json
import re
from pathlib import Path

from eval.report_html import first_rank, retrieval_stats
from eval.runner import run_eval, write_outputs
from rag.cli import main

ITEMS = [
    {
        "id": "t1",
        "category": "howto",
        "question": "Làm sao đăng ký tài khoản định danh điện tử mức 2?",
        "expect_facts": ["VNeID"],
        "expect_guide": "vneid-muc-2",
    },
    {
        "id": "t2",
        "category": "indicator",
        "question": "Tỷ lệ hồ sơ trực tuyến toàn trình năm 2026 của xã Phú Trung là bao nhiêu?",
        "expect_facts": ["một con số không có trong kế hoạch 123456"],
        "expect_commune": "Phú Trung",
    },
    {
        "id": "t3",
        "category": "refusal",
        "question": "Xã Phú Trung có bao nhiêu con mèo?",
        "expect_refusal": True,
    },
]
# Namespace names inside SVG are identifiers, not links; anything else would be a fetch.
NAMESPACES = {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}


def test_report_html_is_self_contained_with_charts(tmp_path: Path, engine) -> None:
    write_outputs(run_eval(engine, ITEMS), tmp_path)
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert set(re.findall(r"https?://[^\s\"'<>)]+", html)) <= NAMESPACES
    assert not re.search(r"<(script|link|img|iframe)\b", html)
    assert html.count("<svg") == 2  # pass rates by category, latency histogram
    assert "Tỷ lệ đạt theo nhóm câu hỏi" in html and "Phân bố độ trễ" in html
    assert "recall@1" in html and "MRR" in html and "Precision" in html
    # The failing item is listed with its question, its answer and what was missing.
    failures = html.split('id="failures"')[1]
    assert "t2" in failures and "Phú Trung" in failures
    assert "một con số không có trong kế hoạch 123456" in failures


def test_retrieval_ranks_use_the_named_source() -> None:
    rows = [
        {"expect_guide": "a", "citations": [{"doc_id": "x"}, {"doc_id": "guide-a"}]},
        {"expect_commune": "B", "citations": [{"commune": "B"}]},
        {"expect_commune": "C", "citations": [{"commune": "B"}]},
        {"expect_refusal": True, "citations": []},  # names no source: not counted
    ]
    assert [first_rank(r) for r in rows[:3]] == [2, 1, None]
    stats = retrieval_stats(rows)
    assert stats.items == 3
    assert stats.recall[1] == 1 / 3 and stats.recall[3] == 2 / 3
    assert abs(stats.mrr - (0.5 + 1.0) / 3) < 1e-9


def _results(path: Path, passed: dict[str, bool]) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for key, ok in passed.items():
            row = {"id": key, "category": "c", "question": f"câu {key}"}
            row["score"] = {"passed": ok, "missing": [] if ok else ["12%"]}
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


def test_compare_shows_flipped_items(tmp_path: Path, capsys) -> None:
    old = _results(tmp_path / "old.jsonl", {"a": True, "b": False, "c": True, "gone": True})
    new = _results(tmp_path / "new.jsonl", {"a": False, "b": True, "c": True, "added": False})
    assert main(["eval", "--compare", str(old), str(new)]) == 0
    out = capsys.readouterr().out
    assert "fixed: 1 · hỏng / broke: 1" in out
    assert "+ fixed b" in out and "- broke a" in out and "missing: ['12%']" in out
    assert "c [c]" not in out
    assert "gone" in out and "added" in out
    assert main(["eval", "--compare", str(old), str(tmp_path / "nope.jsonl")]) == 2
