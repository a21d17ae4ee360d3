"""`troly eval --generate / --fit / --lopo`: generated questions, fitted decision, LOPO table."""

from __future__ import annotations

import sys
from pathlib import Path

from eval.features import ItemOutcome, collect
from eval.fit import HandSetRules, fit_params, git_commit, lopo, lopo_table, passes
from eval.generate import SEED, generate_from_store, write_jsonl
from eval.runner import load_dataset
from rag.decision import DECISION_FILE, AnswerDecision
from rag.engine import Engine
from rag.settings import PACKAGE_ROOT, Settings

DEV_SETS = [PACKAGE_ROOT / "eval" / "dev.jsonl", PACKAGE_ROOT / "eval" / "dev_howto.jsonl"]
FEATURE_CACHE = "eval_features.jsonl"


def generated_items(
    engine: Engine, settings: Settings, per_kind: int | None = None, seed: int = SEED
) -> list[dict]:
    from rag.tables.store import TableStore

    store = TableStore(Path(settings.data_dir) / "tables.sqlite")
    return generate_from_store(store, engine.chunks, seed=seed, per_kind=per_kind)


def run_generate(engine: Engine, settings: Settings, out: Path, per_kind: int | None) -> int:
    items = generated_items(engine, settings, per_kind)
    write_jsonl(items, out)
    refusals = sum(bool(i.get("expect_refusal")) for i in items)
    print(f"Đã tạo / generated {len(items)} câu hỏi ({refusals} cần từ chối) -> {out}")
    return 0


def _fit_items(datasets: list[Path]) -> list[dict]:
    for path in datasets:
        if "holdout" in Path(path).name:
            raise ValueError(
                f"{path}: không khớp tham số trên tập holdout / never fit on the holdout set"
            )
    return [it for path in datasets for it in load_dataset(Path(path))]


def outcomes(
    engine: Engine, settings: Settings, datasets: list[Path], per_kind: int | None = None
) -> list[ItemOutcome]:
    items = _fit_items(datasets) + generated_items(engine, settings, per_kind)
    cache = Path(settings.data_dir) / FEATURE_CACHE
    return collect(engine, items, cache)


def run_fit(
    engine: Engine, settings: Settings, datasets: list[Path], out: Path, per_kind: int | None
) -> int:
    rows = outcomes(engine, settings, datasets, per_kind)
    generated = sum(r.id.startswith("gen-") for r in rows)
    params = fit_params(
        rows,
        fitted_on={
            "datasets": [Path(p).name for p in datasets],
            "generated_items": generated,
            "generator_seed": SEED,
            "items": len(rows),
            "index_generation": engine.generation,
            "embedder": engine.embedder.name,
            "commit": git_commit(PACKAGE_ROOT),
        },
    )
    params.save(out)
    decided = sum(r.reached for r in rows)
    before = sum(r.passed(True) for r in rows if not r.reached)
    fitted = AnswerDecision(params)
    print(
        f"Đã khớp / fitted on {len(rows)} items ({decided} decided by the composer, {before} "
        f"passed by other paths); threshold {params.threshold:.3f}; pass on these items: "
        f"fitted {passes(fitted, rows)}/{len(rows)}, hand-set rules "
        f"{passes(HandSetRules(), rows)}/{len(rows)} -> {out}"
    )
    return 0


def run_lopo(engine: Engine, settings: Settings, datasets: list[Path], per_kind: int | None) -> int:
    rows = outcomes(engine, settings, datasets, per_kind)
    try:
        current = AnswerDecision.from_file(DECISION_FILE)
    except (OSError, ValueError, KeyError):
        current = None
    results = lopo(rows, current)
    print(lopo_table(results))
    return 0


def run(args, settings: Settings, engine: Engine) -> int:
    datasets = [Path(p) for p in (args.dataset or [])] or DEV_SETS
    try:
        if args.generate:
            return run_generate(engine, settings, Path(args.generate), args.per_kind)
        if args.fit:
            out = Path(args.params or DECISION_FILE)
            return run_fit(engine, settings, datasets, out, args.per_kind)
        return run_lopo(engine, settings, datasets, args.per_kind)
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return 2
