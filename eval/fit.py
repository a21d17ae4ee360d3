"""Fit the answer-or-refuse decision (scikit-learn) and score it leave-one-plan-out."""

from __future__ import annotations

import random
import subprocess
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from eval.features import ItemOutcome
from rag.decision import FEATURE_NAMES, AnswerDecision, DecisionFeatures, DecisionParams

SEED = 13
VALIDATION_SHARE = 0.25


def _xy(rows: list[ItemOutcome]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    reached = [r for r in rows if r.reached]
    x = np.array([[r.features.get(n, 0.0) for n in FEATURE_NAMES] for r in reached], dtype=float)
    # Label: answering is right (passes). Items where refusing is right, or where neither passes,
    # are 0: an answer that would fail is better withheld.
    y = np.array([1 if r.pass_answer else 0 for r in reached], dtype=int)
    # Only items whose pass/fail depends on the decision carry information for the threshold;
    # every reached item still trains the probability.
    w = np.array([1.0 if r.pass_answer != r.pass_refuse else 0.5 for r in reached])
    return x, y, w


class HandSetRules:
    """The hand-set thresholds the fitted decision replaced (kept to compare against)."""

    def should_answer(self, f: DecisionFeatures) -> bool:
        if f.support < 0.34:
            return False
        if f.unknown_words and f.top_coverage < 0.85:
            return False
        return not (f.rare_missing_top and f.top_coverage < 0.9 and f.rare_ratio < 0.5)


def passes(decision, rows: list[ItemOutcome]) -> int:
    return sum(
        r.passed(decision.should_answer(DecisionFeatures(**r.features)) if r.reached else True)
        for r in rows
    )


def choose_threshold(params: DecisionParams, rows: list[ItemOutcome]) -> float:
    """The threshold that passes most validation items (ties: the middle of the best range)."""
    decision = AnswerDecision(params)
    probs = [(decision.probability(DecisionFeatures(**r.features)), r) for r in rows if r.reached]
    candidates = sorted({0.0, 1.0, *(p for p, _ in probs)})
    mids = [(a + b) / 2 for a, b in zip(candidates, candidates[1:], strict=False)] or [0.5]
    scored = [(sum(r.passed(p >= t) for p, r in probs), t) for t in mids]
    best = max(s for s, _ in scored)
    good = [t for s, t in scored if s == best]
    return float(good[len(good) // 2])


def fit_params(
    rows: list[ItemOutcome], fitted_on: dict | None = None, seed: int = SEED
) -> DecisionParams:
    """Logistic regression on a training split; the threshold chosen on the validation split."""
    import sklearn
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    groups = sorted({r.id for r in rows if r.reached})
    rng = random.Random(seed)
    rng.shuffle(groups)
    n_val = max(1, int(len(groups) * VALIDATION_SHARE))
    val_ids = set(groups[:n_val])
    train = [r for r in rows if r.id not in val_ids]
    val = [r for r in rows if r.id in val_ids]
    x, y, w = _xy(train)
    if len(x) == 0:
        raise ValueError("không có câu nào qua bước quyết định / no item reached the decision")
    scaler = StandardScaler().fit(x)
    scale = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)
    if len(set(y.tolist())) < 2:  # one class only: a constant decision
        coef, intercept = np.zeros(x.shape[1]), (4.0 if y[0] else -4.0)
    else:
        model = LogisticRegression(C=1.0, max_iter=2000, random_state=seed)
        model.fit((x - scaler.mean_) / scale, y, sample_weight=w)
        coef, intercept = model.coef_[0], float(model.intercept_[0])
    params = DecisionParams(
        features=list(FEATURE_NAMES),
        coef=[round(float(c), 6) for c in coef],
        intercept=round(intercept, 6),
        mean=[round(float(m), 6) for m in scaler.mean_],
        scale=[round(float(s), 6) for s in scale],
        threshold=0.5,
        fitted_on=dict(fitted_on or {}),
    )
    params.threshold = round(choose_threshold(params, val or train), 6)
    params.fitted_on.update(
        {
            "train_items": len(train),
            "validation_items": len(val),
            "train_decided": int(len(y)),
            "validation_split": VALIDATION_SHARE,
            "seed": seed,
            "model": "sklearn.linear_model.LogisticRegression(C=1.0), StandardScaler",
            "sklearn": sklearn.__version__,
        }
    )
    return params


def git_commit(root: Path) -> str:
    try:
        return subprocess.run(
            ["git", "-C", str(root), "rev-parse", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


@dataclass
class FoldResult:
    plan: str
    n: int
    passed: int
    passed_shipped: int  # under the params file (fitted on every plan: not held out)
    passed_handset: int  # under the hand-set rules the fitted decision replaced

    @property
    def pct(self) -> float:
        return 100.0 * self.passed / self.n if self.n else 0.0


def lopo(
    rows: list[ItemOutcome], current: AnswerDecision | None = None, seed: int = SEED
) -> list[FoldResult]:
    """For each plan: fit on the items of the other plans (and of no plan), score on its items."""
    plans = sorted({r.plan for r in rows if r.plan})
    out = []
    for plan in plans:
        held = [r for r in rows if r.plan == plan]
        params = fit_params([r for r in rows if r.plan != plan], seed=seed)
        passed = passes(AnswerDecision(params), held)
        now = passes(current, held) if current is not None else 0
        out.append(FoldResult(plan, len(held), passed, now, passes(HandSetRules(), held)))
    return out


def lopo_table(results: list[FoldResult]) -> str:
    lines = [
        "| plan | n | pass | % | hand-set rules | shipped params (not held out) |",
        "|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(
            f"| {r.plan} | {r.n} | {r.passed} | {r.pct:.1f}% | {r.passed_handset} "
            f"| {r.passed_shipped} |"
        )
    mean = sum(r.pct for r in results) / len(results) if results else 0.0
    total_n = sum(r.n for r in results)
    total = sum(r.passed for r in results)
    hand = sum(r.passed_handset for r in results)
    shipped = sum(r.passed_shipped for r in results)
    lines.append(f"| **mean** | {total_n} | {total} | **{mean:.1f}%** | {hand} | {shipped} |")
    return "\n".join(lines)
