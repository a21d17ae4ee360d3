"""Fit the answer-or-refuse decision (scikit-learn) and score it leave-one-plan-out."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from eval.features import ItemOutcome
from rag.decision import FEATURE_NAMES, AnswerDecision, DecisionFeatures, DecisionParams

SEED = 13
CV_FOLDS = 5


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


def choose_threshold(probs: list[tuple[float, ItemOutcome]]) -> float:
    """The threshold that passes most items, given each item's out-of-fold probability. Ties go
    to the one nearest 0.5, the model's own decision point."""
    candidates = sorted({0.0, 1.0, *(p for p, _ in probs)})
    mids = [(a + b) / 2 for a, b in zip(candidates, candidates[1:], strict=False)] or [0.5]
    scored = [(sum(r.passed(p >= t) for p, r in probs), t) for t in mids]
    best = max(s for s, _ in scored)
    return float(min((t for s, t in scored if s == best), key=lambda t: abs(t - 0.5)))


def _model(seed: int):
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    return make_pipeline(
        StandardScaler(), LogisticRegression(C=1.0, max_iter=2000, random_state=seed)
    )


def _out_of_fold(x: np.ndarray, y: np.ndarray, w: np.ndarray, ids: list[str], seed: int):
    """Each item's probability from a model fitted without it (grouped K-fold): the threshold is
    chosen on every item, not on a small split where one item can move it far."""
    from sklearn.model_selection import GroupKFold, cross_val_predict

    folds = min(CV_FOLDS, len(set(ids)))
    if folds < 2 or len(set(y.tolist())) < 2:
        return None
    cv = GroupKFold(n_splits=folds, shuffle=True, random_state=seed)
    return cross_val_predict(
        _model(seed),
        x,
        y,
        groups=ids,
        cv=cv,
        method="predict_proba",
        params={"logisticregression__sample_weight": w},
    )[:, 1]


def fit_params(
    rows: list[ItemOutcome], fitted_on: dict | None = None, seed: int = SEED
) -> DecisionParams:
    """Logistic regression on every item the decision reaches; the threshold chosen on
    out-of-fold probabilities (grouped by item, so an item's phrasings stay in one fold)."""
    import sklearn

    x, y, w = _xy(rows)
    if len(x) == 0:
        raise ValueError("không có câu nào qua bước quyết định / no item reached the decision")
    reached = [r for r in rows if r.reached]
    if len(set(y.tolist())) < 2:  # one class only: a constant decision
        mean, scale = x.mean(axis=0), np.ones(x.shape[1])
        coef, intercept = np.zeros(x.shape[1]), (4.0 if y[0] else -4.0)
    else:
        model = _model(seed).fit(x, y, logisticregression__sample_weight=w)
        scaler, logit = model[0], model[-1]
        mean = scaler.mean_
        scale = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)
        coef, intercept = logit.coef_[0], float(logit.intercept_[0])
    params = DecisionParams(
        features=list(FEATURE_NAMES),
        coef=[round(float(c), 6) for c in coef],
        intercept=round(intercept, 6),
        mean=[round(float(m), 6) for m in mean],
        scale=[round(float(s), 6) for s in scale],
        threshold=0.5,
        fitted_on=dict(fitted_on or {}),
    )
    oof = _out_of_fold(x, y, w, [r.id for r in reached], seed)
    if oof is not None:
        params.threshold = round(choose_threshold(list(zip(oof.tolist(), reached, strict=True))), 6)
    params.fitted_on.update(
        {
            "decided_items": int(len(y)),
            "threshold_from": f"out-of-fold probabilities, GroupKFold({CV_FOLDS})",
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
