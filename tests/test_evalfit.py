"""Generated questions, the fitted answer-or-refuse decision, refusal P/R, leave-one-plan-out."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from eval.features import RecordingDecision
from eval.generate import generate_from_store
from eval.runner import report_table, run_eval
from eval.scoring import fact_present
from rag.decision import DECISION_FILE, FEATURE_NAMES, AnswerDecision, DecisionParams
from rag.engine import Engine
from rag.ingest import Ingestor
from rag.settings import Settings
from rag.tables.store import TableStore
from rag.text import fold, nfc

# A question about a prose passage (no table row answers it): the composer decides.
PROSE_Q = "Vì sao xã Dân Tiến còn hạn chế trong chuyển đổi số?"


def _generate(engine: Engine, ingested_dir: Path, **kw) -> list[dict]:
    store = TableStore(ingested_dir / "tables.sqlite")
    return generate_from_store(store, engine.chunks, **kw)


def test_generated_items_are_valid_and_grounded(engine: Engine, ingested_dir: Path) -> None:
    items = _generate(engine, ingested_dir)
    store = TableStore(ingested_dir / "tables.sqlite")
    assert len({i["id"] for i in items}) == len(items) > 50
    assert items == _generate(engine, ingested_dir)  # seeded: the same every run
    assert items != _generate(engine, ingested_dir, seed=7)
    cards = {c.meta["commune"]: c.text for c in engine.chunks if c.meta.get("kind") == "card"}
    sources: dict[str, str] = {}
    for commune in store.communes():
        quotes = [r["quote"] for r in store.records(commune=commune)]
        quotes += [
            q["quote"]
            for d in store.legal_bases()
            for q in d.get("citations", [])
            if q.get("commune") == commune
        ]
        sources[commune] = "\n".join([*quotes, cards.get(commune, "")])
    styles = set()
    for item in items:
        assert item["question"].strip() and item["question"] == nfc(item["question"])
        assert item["category"] and isinstance(item["expect_facts"], list)
        styles.add(item["style"])
        if item.get("expect_refusal"):
            assert not item["expect_facts"] and item["plan"] in sources
            continue
        assert item["expect_commune"] in sources and item["expect_facts"]
        for fact in item["expect_facts"]:
            assert fact_present(fact, sources[item["expect_commune"]]), (item, fact)
    assert {"formal", "casual", "short", "no_diacritics", "typo"} <= styles
    folded = [i for i in items if i["style"] == "no_diacritics"]
    assert folded and all(i["question"] == fold(i["question"]) for i in folded)
    short = " ".join(i["question"] for i in items if i["style"] in ("typo", "short")).split()
    assert {"bn", "kh"} & {w.lower() for w in short}
    refusals = [i for i in items if i.get("expect_refusal")]
    kinds = {i["id"].split("-refusal_")[1].split("-")[0] for i in refusals}
    assert {"year", "place", "topic"} <= kinds


def _params(threshold: float) -> DecisionParams:
    coef = [1.0 if n == "top_coverage" else 0.0 for n in FEATURE_NAMES]
    zeros = [0.0] * len(FEATURE_NAMES)
    ones = [1.0] * len(FEATURE_NAMES)
    return DecisionParams(list(FEATURE_NAMES), coef, 0.0, zeros, ones, threshold)


def test_shipped_params_match_the_features() -> None:
    params = DecisionParams.load(DECISION_FILE)
    assert params.features == FEATURE_NAMES
    assert 0.0 < params.threshold < 1.0
    assert "holdout.jsonl" not in params.fitted_on.get("datasets", [])


def test_decision_loads_from_file_and_flips_with_threshold(engine: Engine, tmp_path) -> None:
    recorder = RecordingDecision()
    engine.composer.decision = recorder
    try:
        engine.ask(PROSE_Q)
        feats = recorder.last
        assert feats is not None, "the question must reach the composer's decision"
        path = tmp_path / "decision.json"
        _params(0.0).save(path)
        low = AnswerDecision.from_file(path)
        data = json.loads(path.read_text(encoding="utf-8"))
        data["threshold"] = 1.0
        path.write_text(json.dumps(data), encoding="utf-8")
        high = AnswerDecision.from_file(path)
        assert low.probability(feats) == high.probability(feats)
        assert low.should_answer(feats) and not high.should_answer(feats)
        engine.composer.decision = low
        answered = engine.ask(PROSE_Q)
        engine.composer.decision = high
        refused = engine.ask(PROSE_Q)
    finally:
        engine.composer.decision = None
    assert not answered.refused and answered.citations
    assert refused.refused and not refused.citations


def test_eval_prints_refusal_precision_and_recall(engine: Engine, tmp_path) -> None:
    items = [
        {"id": "a", "question": "Thời tiết Hà Nội hôm nay thế nào?", "expect_refusal": True},
        {"id": "b", "question": "Xã Hòa Bình đặt chỉ tiêu bao nhiêu?", "expect_refusal": True},
        {"id": "c", "question": PROSE_Q, "expect_facts": []},
    ]
    run = run_eval(engine, items)
    table = report_table(run)
    refused = sum(r["refused"] for r in run["results"])
    both = sum(r["refused"] and r.get("expect_refusal", False) for r in run["results"])
    line = next(ln for ln in table.splitlines() if ln.startswith("Refusals:"))
    assert f"({both}/{refused} refused were expected)" in line
    assert f"({both}/2 expected refusals refused)" in line


@pytest.fixture(scope="module")
def tiny_engine(tmp_path_factory, fake_embedder) -> Engine:
    """Two bundled plans only (fake embedder): a small corpus for leave-one-plan-out."""
    from rag.settings import BUNDLED_CORPUS

    root = tmp_path_factory.mktemp("tiny")
    corpus = root / "corpus"
    shutil.copytree(BUNDLED_CORPUS, corpus)
    keep = ["000_be6c3848cef982c0.txt", "004_f63d237c21b6bbb2.txt"]
    for f in (corpus / "plans").glob("*.txt"):
        if f.name not in keep:
            f.unlink()
    settings = Settings(data_dir=root / "data", corpus_dir=corpus)
    Ingestor(settings, embedder=fake_embedder).run(progress=False)
    return Engine(settings, embedder=fake_embedder)


def test_lopo_runs_on_a_tiny_corpus(tiny_engine: Engine, monkeypatch, capsys, tmp_path) -> None:
    from rag import cli

    dataset = tmp_path / "mini.jsonl"
    dataset.write_text(
        "\n".join(
            json.dumps(i, ensure_ascii=False)
            for i in [
                {"id": "r", "question": "Giá vàng hôm nay bao nhiêu?", "expect_refusal": True},
                {"id": "p", "question": PROSE_Q, "expect_commune": "Dân Tiến"},
            ]
        ),
        encoding="utf-8",
    )
    monkeypatch.setenv("TROLY_DATA_DIR", str(tiny_engine.settings.data_dir))
    monkeypatch.setattr("rag.engine.get_engine", lambda settings: tiny_engine)
    args = ["eval", "--lopo", "--dataset", str(dataset), "--per-kind", "2"]
    assert cli.main(args) == 0
    out = capsys.readouterr().out
    rows = [ln for ln in out.splitlines() if ln.startswith("| ") and "---" not in ln]
    assert rows[0].startswith("| plan | n | pass |")
    plans = [ln.split("|")[1].strip() for ln in rows[1:-1]]
    assert plans == ["Dân Tiến", "Giao An"]
    assert rows[-1].startswith("| **mean** |")
    cache = Path(tiny_engine.settings.data_dir) / "eval_features.jsonl"
    n_cached = len(cache.read_text(encoding="utf-8").splitlines())
    assert cli.main(args) == 0  # second run: features from the cache, same table
    assert capsys.readouterr().out == out
    assert len(cache.read_text(encoding="utf-8").splitlines()) == n_cached
    with pytest.raises(SystemExit):
        cli.main(["eval", "--fit", "--params"])  # argparse: --params needs a value
    holdout = tmp_path / "holdout.jsonl"
    holdout.write_text(dataset.read_text(encoding="utf-8"), encoding="utf-8")
    assert cli.main(["eval", "--fit", "--dataset", str(holdout)]) == 2  # never fit on holdout


def test_typos_are_told_apart_from_unknown_words(engine: Engine) -> None:
    from rag.termstats import ExactTermStats

    stats = ExactTermStats(["thanh toán trực tuyến", "chuyển đổi số", "nông nghiệp"])
    assert stats.near("thnah") and stats.near("chuyểnn") and stats.near("toá")
    assert not stats.near("vàng") and not stats.near("kết") and not stats.near("nóng")
    recorder = RecordingDecision()
    engine.composer.decision = recorder
    try:
        engine.ask(PROSE_Q)
        clean = recorder.last
        # a dropped letter: not mended at analysis (rag.pipeline.typos), so a typo to the decision
        engine.ask(PROSE_Q.replace("chuyển", "chuyể"))
        typo = recorder.last
    finally:
        engine.composer.decision = None
    assert clean is not None and typo is not None
    assert clean.unknown_words == 0.0 and clean.unknown_typos == 0.0
    assert typo.unknown_words == 1.0 and typo.unknown_typos == 1.0
