"""The coordinate search of scripts/fit_compose.py, on fake scorers (no engine, no data)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

_SPEC = importlib.util.spec_from_file_location(
    "fit_compose", Path(__file__).resolve().parents[1] / "scripts" / "fit_compose.py"
)
fit_compose = importlib.util.module_from_spec(_SPEC)
sys.modules["fit_compose"] = fit_compose  # dataclasses look their module up
_SPEC.loader.exec_module(fit_compose)


def _peak(at: dict[str, float], height: int = 100):
    """A fit score that is highest at `at` and drops 3 per grid step away from it."""

    def score(p: dict[str, float]) -> int:
        return height - sum(round(abs(p[k] - v) * 10) * 3 for k, v in at.items())

    return score


GRID = {"a": [0.1, 0.2, 0.3, 0.4], "b": [0.5, 0.6, 0.7]}


def test_it_walks_each_parameter_to_the_best_grid_value() -> None:
    res = fit_compose.coordinate_search(
        {"a": 0.1, "b": 0.7}, GRID, _peak({"a": 0.3, "b": 0.5}), lambda p: 50
    )
    assert res.params == {"a": 0.3, "b": 0.5}
    assert (res.fit_before, res.fit_after) == (88, 100)
    assert all(s.accepted for s in res.steps)


def test_a_gain_below_the_minimum_keeps_the_hand_set_value() -> None:
    def fit(p: dict[str, float]) -> int:
        return 10 + (p["a"] == 0.4)  # one more question: not enough

    res = fit_compose.coordinate_search({"a": 0.1, "b": 0.6}, GRID, fit, lambda p: 5, min_gain=2)
    assert res.params == {"a": 0.1, "b": 0.6}
    assert res.fit_after == res.fit_before == 10
    assert [s.accepted for s in res.steps] == [False]


def test_ties_keep_the_current_value() -> None:
    res = fit_compose.coordinate_search({"a": 0.2, "b": 0.6}, GRID, lambda p: 7, lambda p: 7)
    assert res.params == {"a": 0.2, "b": 0.6} and not res.steps and res.passes == 1
    assert [(n, v) for n, v, _ in res.trials] == [
        ("a", 0.1),
        ("a", 0.3),
        ("a", 0.4),
        ("b", 0.5),
        ("b", 0.7),
    ]


def test_a_change_that_lowers_the_check_set_is_vetoed() -> None:
    def check(p: dict[str, float]) -> int:
        return 20 - (p["b"] != 0.7)  # any move of b costs a check question

    res = fit_compose.coordinate_search(
        {"a": 0.1, "b": 0.7}, GRID, _peak({"a": 0.3, "b": 0.5}), check
    )
    assert res.params == {"a": 0.3, "b": 0.7}
    assert res.check_after == res.check_before == 20
    vetoed = [s for s in res.steps if not s.accepted]
    assert {(s.param, s.new, s.check_after) for s in vetoed} == {("b", 0.5, 19)}


def test_the_grid_keeps_counts_and_shares_in_range() -> None:
    spec = {"units": ("add", (-1, 1)), "share": ("add", (-0.1, 0.1)), "w": ("mul", (0.0, 2.0))}
    grid = fit_compose.make_grid({"units": 1, "share": 0.95, "w": 0.12}, spec, frozenset({"share"}))
    assert grid == {"units": [1, 2], "share": [0.85, 0.95], "w": [0.0, 0.12, 0.24]}


def test_the_version_moves_on() -> None:
    assert fit_compose.next_version("2026-12-02.1", "2026-12-02") == "2026-12-02.2"
    assert fit_compose.next_version("2026-11-30.4", "2026-12-02") == "2026-12-02.1"
