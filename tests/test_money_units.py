"""One list of money units for every reader: a budget by years in "ngàn đồng" is read with
its unit, as the other units are."""

from __future__ import annotations

from rag.understand.budget_years import read_year_budgets
from rag.understand.money import UNIT_NAMES, UNIT_SCALE, unit_alternation


def test_every_unit_has_a_name_and_a_scale() -> None:
    assert set(UNIT_NAMES) == set(UNIT_SCALE)
    assert UNIT_SCALE["ngan dong"] == UNIT_SCALE["nghin dong"]
    assert "dong" not in unit_alternation(bare=False).split("|")


def test_a_year_budget_in_ngan_dong_gets_its_unit() -> None:
    text = (
        "IV. KINH PHÍ (đơn vị: ngàn đồng)\n"
        "Nội dung\tNăm 2026\tNăm 2027\n"
        "Mua máy tính\t120.000\t80.000\n"
        "Tập huấn\t30.000\t40.000\n"
    )
    lines = text.split("\n")
    found = read_year_budgets(lines, ["IV. KINH PHÍ (đơn vị: ngàn đồng)"] * len(lines))
    assert found and found[0].unit == "nghìn đồng"
