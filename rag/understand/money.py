"""The money units plans print (folded), their written form and their scale in đồng: one
list for every reader of amounts (tables, prose budgets, budget years, cross-references)."""

from __future__ import annotations

# folded unit -> (as written, value of one unit in đồng)
MONEY_UNITS: dict[str, tuple[str, float]] = {
    "ty dong": ("tỷ đồng", 1e9),
    "trieu dong": ("triệu đồng", 1e6),
    "nghin dong": ("nghìn đồng", 1e3),
    "ngan dong": ("nghìn đồng", 1e3),
    "dong": ("đồng", 1.0),
}
UNIT_SCALE: dict[str, float] = {u: scale for u, (_, scale) in MONEY_UNITS.items()}
UNIT_NAMES: dict[str, str] = {u: name for u, (name, _) in MONEY_UNITS.items()}


def unit_alternation(bare: bool = True) -> str:
    """The folded units as a regex alternation, longest first; without `bare`, not the bare
    "đồng" (a unit in a heading or a note says "triệu đồng", never just "đồng")."""
    units = [u for u in MONEY_UNITS if bare or " " in u]
    return "|".join(sorted(units, key=lambda u: (-len(u), u)))
