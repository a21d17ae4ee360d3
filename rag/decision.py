"""Answer or refuse: a logistic model over the composer's retrieval/coverage features.

The coefficients, feature scaling and threshold are fitted on data (scripts/fit_params.py) and
kept in a versioned file (rag/params/answer_decision.json); serving needs numpy only.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

PARAMS_DIR = Path(__file__).resolve().parent / "params"
DECISION_FILE = PARAMS_DIR / "answer_decision.json"


@dataclass
class DecisionFeatures:
    """What the composer knows about its best passages when it decides to answer or refuse."""

    support: float = 0.0  # best coverage of the question by a unit or a whole top-3 passage
    top_coverage: float = 0.0  # coverage of the best unit
    top_score: float = 0.0  # coverage + priors of the best unit
    margin: float = 0.0  # best unit's score minus the second's
    n_terms: float = 0.0  # content words of the question
    unknown_words: float = 0.0  # 1 if a word of the question occurs nowhere in the corpus
    unknown_gap: float = 0.0  # unknown_words * (1 - top_coverage)
    unknown_typos: float = 0.0  # share of those words one edit from a corpus word (typos)
    rare_words: float = 0.0  # 1 if the question has words found in at most two passages
    rare_missing_top: float = 0.0  # 1 if those rare words are not in the best unit
    rare_missing_all: float = 0.0  # 1 if no retrieved unit has them
    rare_gap: float = 0.0  # rare_missing_top * (1 - top_coverage)
    rare_ratio: float = 1.0  # best unit with the rare words / best unit (score ratio)
    wants_number: float = 0.0
    number_in_top: float = 0.0  # the best unit holds a quantity
    commune_asked: float = 0.0
    commune_match: float = 0.0  # the best unit belongs to a commune the question names
    top_is_row: float = 0.0  # the best unit is a table row
    listing: float = 0.0
    quantity_unstated: float = 0.0  # a quantity is asked and no best unit has a number by its words

    def as_dict(self) -> dict[str, float]:
        return {k: float(v) for k, v in asdict(self).items()}

    def vector(self, names: list[str]) -> np.ndarray:
        values = self.as_dict()
        return np.array([values.get(n, 0.0) for n in names], dtype=float)


FEATURE_NAMES = list(DecisionFeatures().as_dict())


@dataclass
class DecisionParams:
    """A fitted logistic model: p(answer is right) = sigmoid(coef · (x - mean) / scale + b)."""

    features: list[str]
    coef: list[float]
    intercept: float
    mean: list[float]
    scale: list[float]
    threshold: float
    fitted_on: dict = field(default_factory=dict)
    version: int = 1

    @classmethod
    def load(cls, path: Path | str = DECISION_FILE) -> DecisionParams:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
        n = len(raw["features"])
        if not (len(raw["coef"]) == len(raw["mean"]) == len(raw["scale"]) == n):
            raise ValueError(f"{path}: features, coef, mean and scale differ in length")
        return cls(
            features=list(raw["features"]),
            coef=[float(c) for c in raw["coef"]],
            intercept=float(raw["intercept"]),
            mean=[float(m) for m in raw["mean"]],
            scale=[float(s) or 1.0 for s in raw["scale"]],
            threshold=float(raw["threshold"]),
            fitted_on=dict(raw.get("fitted_on", {})),
            version=int(raw.get("version", 1)),
        )

    def save(self, path: Path | str = DECISION_FILE) -> None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_text(
            json.dumps(asdict(self), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )


class AnswerDecision:
    """Answers when the fitted probability that an answer is right reaches the threshold."""

    def __init__(self, params: DecisionParams) -> None:
        self.params = params
        self._coef = np.array(params.coef, dtype=float)
        self._mean = np.array(params.mean, dtype=float)
        self._scale = np.array(params.scale, dtype=float)

    @classmethod
    def from_file(cls, path: Path | str = DECISION_FILE) -> AnswerDecision:
        return cls(DecisionParams.load(path))

    def probability(self, feats: DecisionFeatures) -> float:
        x = (feats.vector(self.params.features) - self._mean) / self._scale
        z = float(x @ self._coef) + self.params.intercept
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))

    def should_answer(self, feats: DecisionFeatures) -> bool:
        return self.probability(feats) >= self.params.threshold


@lru_cache(maxsize=1)
def default_decision() -> AnswerDecision:
    return AnswerDecision.from_file(DECISION_FILE)
