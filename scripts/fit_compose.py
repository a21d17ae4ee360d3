"""Fit a few numbers of the extractive composer (rag/params/compose.json) on labelled questions.

Usage: TROLY_DATA_DIR=/path/to/data python scripts/fit_compose.py [--dry-run] [--passes 2]
The data dir must hold the bundled plans and eval/plans (`troly ingest`, `troly ingest eval/plans`).

Method: coordinate search over a small grid per parameter (grids below, fixed before the search).
Score = questions passed by eval.scoring (through eval.runner.run_eval) on the FIT set
(eval/dev.jsonl, eval/dev_howto.jsonl, eval/unseen/*.jsonl). The CHECK set (eval/holdout.jsonl)
never chooses a value: it only vetoes a change that would lower it. A change is kept only when it
gains at least --min-gain fit questions; ties keep the current value.

Speed: one Engine; for each candidate the composer's params object (rag.compose._P) is swapped
and the questions re-asked in-process. A question whose answer never read a composer number
(another strategy answered it) cannot change with them, so only the others are re-asked.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

Params = dict[str, float]
Scorer = Callable[[Params], int]

# Candidate values per parameter, as functions of the hand-set value (rounded to 4 places).
GRID_SPEC: dict[str, tuple[str, tuple[float, ...]]] = {
    # how many units are quoted, and which
    "keep_share": ("add", (-0.1, -0.05, 0.05, 0.1)),
    "keep_share_listing": ("add", (-0.1, -0.05, 0.05, 0.1)),
    "units": ("add", (-1, 1)),
    "units_listing": ("add", (-1, 1)),
    "per_passage": ("add", (-1, 1)),
    "per_passage_listing": ("add", (-1, 1)),
    "commune_min_share": ("add", (-0.1, 0.1)),
    "rare_first_below_coverage": ("add", (-0.1, 0.05)),
    "rare_first_min_share": ("add", (-0.1, 0.1)),
    "comparison_min_coverage": ("add", (-0.1, -0.05, 0.05, 0.1)),
    # how a unit is ranked
    "section_credit": ("add", (-0.25, -0.1, 0.1, 0.25)),
    "bigram_bonus": ("mul", (0.0, 0.5, 1.5, 2.0)),
    "rank_prior": ("mul", (0.0, 0.5, 1.5, 2.0)),
    "phrase_bonus": ("mul", (0.0, 2.0, 4.0)),
    "row_name_weight": ("mul", (0.0, 0.5, 1.5, 2.0)),
    "long_unit_chars": ("mul", (0.5, 2.0)),
    "long_unit_penalty": ("mul", (0.0, 0.5, 1.5, 2.0)),
    "number_bonus": ("mul", (0.5, 1.5, 2.0)),
    "date_bonus": ("mul", (0.0, 2.0)),
    "agency_bonus": ("mul", (0.0, 2.0)),
    "enum_bonus": ("mul", (0.0, 2.0)),
    "reason_bonus": ("mul", (0.0, 2.0)),
    "distribution_list_penalty": ("mul", (0.0, 2.0)),
    "card_document_bonus": ("mul", (0.0, 2.0)),
}


def make_grid(
    current: Params, spec: dict[str, tuple[str, tuple[float, ...]]], shares: frozenset[str]
) -> dict[str, list]:
    """Each parameter's candidate values (the current one included), sorted; counts stay ≥ 1,
    numbers ≥ 0 and shares ≤ 1."""
    grid: dict[str, list] = {}
    for name, (how, steps) in spec.items():
        base = current[name]
        values = {base}
        for s in steps:
            v = base + s if how == "add" else base * s
            v = int(round(v)) if isinstance(base, int) else round(v, 4)
            if v >= (1 if isinstance(base, int) else 0) and (name not in shares or v <= 1):
                values.add(v)
        grid[name] = sorted(values)
    return grid


def next_version(old: str, today: str) -> str:
    """today.N: N one more than the old version's when it is from the same day, else 1."""
    day, _, n = old.rpartition(".")
    return f"{today}.{int(n) + 1}" if day == today and n.isdigit() else f"{today}.1"


@dataclass
class Step:
    param: str
    old: float
    new: float
    fit_before: int
    fit_after: int
    check_before: int | None = None
    check_after: int | None = None
    accepted: bool = False


@dataclass
class SearchResult:
    params: Params
    fit_before: int
    fit_after: int
    check_before: int
    check_after: int
    steps: list[Step] = field(default_factory=list)
    passes: int = 0
    trials: list[tuple[str, float, int]] = field(default_factory=list)  # (param, value, fit)


def coordinate_search(
    start: Params,
    grid: dict[str, list],
    fit: Scorer,
    check: Scorer,
    passes: int = 2,
    min_gain: int = 2,
    log: Callable[[str], None] = lambda _m: None,
) -> SearchResult:
    """Per parameter in turn, the grid value with the best fit score, other values held.

    A value replaces the current one only if it gains ≥ min_gain fit questions and the check
    scorer does not go down; ties and smaller gains keep the current value. Stops after `passes`
    passes or a pass that changes nothing.
    """
    current = dict(start)
    fit_start = fit_now = fit(current)
    check_start = check_now = check(current)
    log(f"start: fit {fit_now}, check {check_now}")
    steps: list[Step] = []
    trials: list[tuple[str, float, int]] = []
    done = 0
    for _ in range(passes):
        done += 1
        changed = False
        for name, values in grid.items():
            best_value, best_score = current[name], fit_now
            for v in values:
                if v == current[name]:
                    continue
                score = fit({**current, name: v})
                trials.append((name, v, score))
                log(f"  {name}={v}: fit {score} (current {current[name]}: {fit_now})")
                if score > best_score:  # strictly better: ties keep the earlier (current) value
                    best_value, best_score = v, score
            if best_value == current[name]:
                continue
            step = Step(name, current[name], best_value, fit_now, best_score)
            if best_score - fit_now >= min_gain:
                step.check_before = check_now
                step.check_after = check({**current, name: best_value})
                step.accepted = step.check_after >= check_now
            log(f"  -> {step}")
            steps.append(step)
            if step.accepted:
                current[name] = best_value
                fit_now, check_now = best_score, step.check_after
                changed = True
        if not changed:
            break
    return SearchResult(current, fit_start, fit_now, check_start, check_now, steps, done, trials)


# --- the real scorer: the engine and the project's own eval functions ---------------------------


class _Watch:
    """The composer's params, noting whether any number was read (one flag per question)."""

    def __init__(self, params) -> None:
        self._params = params
        self.read = False

    def __getattr__(self, name: str):
        self.read = True
        return getattr(self._params, name)


class EngineScorer:
    """Passes of a question set under candidate composer params, asked in-process."""

    def __init__(self, engine, items: list[dict], base_params) -> None:
        import rag.compose as compose
        from eval.runner import run_eval

        self._engine, self._compose, self._run_eval = engine, compose, run_eval
        self._base = base_params
        self.items = items
        self.calls = 0
        # Which questions read a composer number at all (the others are fixed: counted once).
        self.moving: list[dict] = []
        self.fixed_passes = 0
        for item in items:
            watch = _Watch(base_params)
            compose._P = watch
            try:
                passed = self._passed([item])
            finally:
                compose._P = base_params
            if watch.read:
                self.moving.append(item)
            else:
                self.fixed_passes += passed

    def _passed(self, items: list[dict]) -> int:
        run = self._run_eval(self._engine, items)
        return sum(s.passed for s in run["scores"])

    def __call__(self, candidate: Params) -> int:
        self.calls += 1
        self._compose._P = dataclasses.replace(self._base, **candidate)
        try:
            return self.fixed_passes + self._passed(self.moving)
        finally:
            self._compose._P = self._base


def fit_sets(root: Path) -> list[Path]:
    return [root / "eval" / "dev.jsonl", root / "eval" / "dev_howto.jsonl"] + sorted(
        (root / "eval" / "unseen").glob("*.jsonl")
    )


def main(argv: Sequence[str] | None = None) -> int:
    from eval.fit import git_commit
    from eval.runner import load_dataset
    from rag.compose_params import _SHARES, COMPOSE_PARAMS_FILE, load_compose_params
    from rag.engine import Engine
    from rag.settings import PACKAGE_ROOT, Settings

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dry-run", action="store_true", help="print, do not write compose.json")
    ap.add_argument("--passes", type=int, default=2)
    ap.add_argument("--min-gain", type=int, default=2)
    ap.add_argument("--params", default=str(COMPOSE_PARAMS_FILE))
    ap.add_argument(
        "--only", nargs="*", help="fit only these parameters (default: all in the grid)"
    )
    args = ap.parse_args(argv)

    fit_paths = fit_sets(PACKAGE_ROOT)
    check_paths = [PACKAGE_ROOT / "eval" / "holdout.jsonl"]
    fit_items = [it for p in fit_paths for it in load_dataset(p)]
    check_items = [it for p in check_paths for it in load_dataset(p)]
    params_file = Path(args.params)
    base = load_compose_params(params_file)
    start = {name: getattr(base, name) for name in GRID_SPEC}
    spec = {k: v for k, v in GRID_SPEC.items() if not args.only or k in args.only}
    grid = make_grid(start, spec, frozenset(_SHARES))

    t0 = time.monotonic()
    engine = Engine(Settings())
    engine.configure_llm(None)
    fit = EngineScorer(engine, fit_items, base)
    check = EngineScorer(engine, check_items, base)
    print(
        f"fit set {len(fit_items)} questions ({len(fit.moving)} read composer numbers), "
        f"check set {len(check_items)} ({len(check.moving)}); setup {time.monotonic() - t0:.0f} s",
        flush=True,
    )

    def log(msg: str) -> None:
        print(f"[{time.monotonic() - t0:6.0f} s] {msg}", flush=True)

    result = coordinate_search(start, grid, fit, check, args.passes, args.min_gain, log)
    changed = {k: v for k, v in result.params.items() if v != start[k]}
    print(
        f"fit {result.fit_before} -> {result.fit_after}/{len(fit_items)}, check "
        f"{result.check_before} -> {result.check_after}/{len(check_items)}; "
        f"changed: {changed or 'none (hand-set values kept)'}; {fit.calls} fit runs, "
        f"{time.monotonic() - t0:.0f} s"
    )
    raw = json.loads(params_file.read_text(encoding="utf-8"))
    raw.update(result.params)
    raw["version"] = next_version(base.version, time.strftime("%Y-%m-%d", time.gmtime()))
    raw["fit"] = {
        "method": f"coordinate search, ≤ {args.passes} passes, a change needs ≥ {args.min_gain} "
        "more fit passes and no fewer check passes; ties keep the current value",
        "fit_datasets": [str(p.relative_to(PACKAGE_ROOT)) for p in fit_paths],
        "check_datasets": [str(p.relative_to(PACKAGE_ROOT)) for p in check_paths],
        "grid": grid,
        "passes_run": result.passes,
        "fit_score": {"before": result.fit_before, "after": result.fit_after, "n": len(fit_items)},
        "check_score": {
            "before": result.check_before,
            "after": result.check_after,
            "n": len(check_items),
        },
        "changed": {k: {"from": start[k], "to": v} for k, v in changed.items()},
        "proposals": [dataclasses.asdict(s) for s in result.steps],
        "trials": [f"{name}={value}: {score}" for name, value, score in result.trials],
        "embedder": engine.embedder.name,
        "commit": git_commit(PACKAGE_ROOT),
    }
    text = json.dumps(raw, ensure_ascii=False, indent=2) + "\n"
    if args.dry_run:
        print(text)
        return 0
    params_file.write_text(text, encoding="utf-8")
    print(f"Đã ghi / written: {params_file}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
