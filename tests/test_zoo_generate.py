"""The layout zoo generator (eval/zoo/generate.py): deterministic, self-consistent, full coverage."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import unicodedata
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GENERATOR = ROOT / "eval" / "zoo" / "generate.py"
NOT_STATED_HEAD = "không nêu"


def run_generator(out: Path, seed: int, plans: int) -> dict:
    subprocess.run(
        [
            sys.executable,
            str(GENERATOR),
            "--out",
            str(out),
            "--seed",
            str(seed),
            "--plans",
            str(plans),
            "--no-pdf",
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def plan_text(gen: Path, slug: str) -> str:
    """The text of a generated plan read back from the written file (PDFs: their HTML source)."""
    plans = gen / "plans"
    for ext in ("txt", "md"):
        f = plans / f"{slug}.{ext}"
        if f.exists():
            return f.read_text(encoding="utf-8")
    f = plans / f"{slug}.docx"
    if f.exists():
        from docx import Document

        doc = Document(str(f))
        cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
        return "\n".join([p.text for p in doc.paragraphs] + cells)
    parser = _Text()
    parser.feed((gen / "html" / f"{slug}.html").read_text(encoding="utf-8"))
    return " ".join(parser.parts)


def norm(s: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", s).casefold())


@pytest.fixture(scope="module")
def zoo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("zoo") / "gen"
    return out, run_generator(out, seed=1, plans=16)


def questions(gen: Path) -> list[dict]:
    return [
        json.loads(line)
        for f in sorted((gen / "questions").glob("*.jsonl"))
        for line in f.read_text().splitlines()
    ]


@pytest.mark.slow  # generates the zoo twice more (~5 s on a busy machine)
def test_same_seed_same_zoo_other_seed_other_zoo(zoo, tmp_path: Path) -> None:
    gen, manifest = zoo
    again = tmp_path / "again"
    assert run_generator(again, seed=1, plans=16) == manifest
    for sub in ("questions", "html"):
        for f in sorted((gen / sub).iterdir()):
            assert f.read_text(encoding="utf-8") == (again / sub / f.name).read_text(
                encoding="utf-8"
            ), f.name
    for p in manifest["plans"]:
        assert plan_text(gen, p["slug"]) == plan_text(again, p["slug"])
    other = run_generator(tmp_path / "other", seed=2, plans=3)
    assert [p["slug"] for p in other["plans"]] != [p["slug"] for p in manifest["plans"][:3]]


def test_every_expected_fact_is_written_in_its_plan(zoo) -> None:
    gen, manifest = zoo
    assert manifest["errors"] == []
    texts = {p["slug"]: norm(plan_text(gen, p["slug"])) for p in manifest["plans"]}
    checked = 0
    for q in questions(gen):
        for fact in q["expect_facts"]:
            if fact.startswith(NOT_STATED_HEAD):
                continue
            assert norm(fact.split("|")[0]) in texts[q["plan"]], (q["id"], fact)
            checked += 1
    assert checked > 200


def test_every_layout_value_is_covered_by_two_plans(zoo) -> None:
    _, manifest = zoo
    plans = manifest["plans"]
    for key, values in {
        "format": ("txt", "md", "docx", "pdf"),
        "task_layout": ("T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8"),
        "target_layout": ("cols", "rows", "prose", "bullets"),
        "budget_layout": ("column", "table", "prose"),
    }.items():
        seen = Counter(p[key] for p in plans)
        assert all(seen[v] >= 2 for v in values), (key, seen)
    styles = Counter(s for p in plans for s in set(p["deadline_styles"]))
    for s in (
        "date",
        "before",
        "month",
        "quarter",
        "half",
        "regular",
        "yearly",
        "year",
        "range",
        "none",
        "schedule",
    ):
        assert styles[s] >= 2, (s, styles)


def test_questions_cover_every_question_type_and_carry_layout_tags(zoo) -> None:
    gen, manifest = zoo
    qs = questions(gen)
    assert len({q["id"] for q in qs}) == len(qs)
    qtypes = Counter(q["qtype"] for q in qs)
    for t in (
        "lead",
        "lead_none",
        "partner",
        "deadline",
        "deadline_none",
        "task_budget",
        "total_budget",
        "target",
    ):
        assert qtypes[t] >= 2, (t, qtypes)
    for t in ("list_by_agency", "list_by_period", "refusal_phone", "refusal_value"):
        assert qtypes[t] >= 2, (t, qtypes)
    for q in qs:
        assert {"layout", "task_layout", "deadline_style", "qtype", "typing"} <= q.keys()
        assert q.get("expect_refusal") is True or q["expect_commune"]
    plain = sum(q["question"] == q["question"].encode("ascii", "ignore").decode() for q in qs)
    assert 0.2 < plain / len(qs) < 0.5  # about a third typed without diacritics
    assert {"plain", "typo", "nodiac"} <= {q["typing"] for q in qs}
    per_plan = Counter(q["plan"] for q in qs)
    assert min(per_plan.values()) >= 15 and len(per_plan) == len(manifest["plans"])


def test_report_breaks_results_down_by_layout(tmp_path: Path) -> None:
    qdir = tmp_path / "questions"
    qdir.mkdir()
    base = {
        "category": "deadline",
        "question": "q",
        "expect_facts": ["x"],
        "layout": "md",
        "plan": "p",
    }
    qs = [
        {**base, "id": "a", "task_layout": "T1", "deadline_style": "month", "qtype": "deadline"},
        {
            **base,
            "id": "b",
            "task_layout": "T1",
            "deadline_style": "none",
            "qtype": "deadline_none",
        },
        {**base, "id": "c", "task_layout": "T5", "deadline_style": "month", "qtype": "lead"},
    ]
    (qdir / "p.jsonl").write_text("\n".join(json.dumps(q) for q in qs), encoding="utf-8")
    results = tmp_path / "results.jsonl"
    passed = {"a": True, "b": False, "c": True}
    results.write_text(
        "\n".join(
            json.dumps({"id": i, "answer": "ans " + i, "score": {"passed": ok}})
            for i, ok in passed.items()
        ),
        encoding="utf-8",
    )
    out = subprocess.run(
        [
            sys.executable,
            str(ROOT / "eval" / "zoo" / "report.py"),
            "--questions",
            str(qdir),
            "--results",
            str(results),
            "--failures",
            "3",
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert "== zoo: 2/3 passed" in out
    assert re.search(r"T1\s+1/2\b", out) and re.search(r"T5\s+1/1\b", out)
    # deadline styles count deadline questions only: the lead question "c" is left out
    assert re.search(r"month\s+1/1\b", out) and re.search(r"none\s+0/1\b", out)
    assert "failures T1 (1)" in out and "ans b" in out
