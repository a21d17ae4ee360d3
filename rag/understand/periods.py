"""Deadline expressions normalised to comparable periods.

A plan writes when a task is due in many forms: a date ("15/7/2026", "trước ngày 31/10/2026"),
a month ("Tháng 9/2026"), a quarter ("Quý IV/2026", "quý 4 năm 2026"), a half-year ("6 tháng
đầu năm 2026"), a year ("Năm 2026"), a range of years ("2026-2030") or the marked periods of a
schedule grid (start and end labels). Each is read into a `Period`: the first and last day it
covers, and the window in which the task is due (the last expression: "từ tháng 3 đến tháng
6/2026" is due in June). The original text is kept for what the user is shown.

Nothing here knows a task or a plan; expressions without a year take the plan year.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from rag.text import fold

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_YEAR = r"(20\d\d)"
_SEP = r"(?:\s*[/.-]\s*|\s+nam\s+|\s+)"
# Ordered: an earlier pattern wins over a later one on the same words.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("date", re.compile(rf"\b(\d{{1,2}})\s*[/.-]\s*(\d{{1,2}})\s*[/.-]\s*{_YEAR}\b")),
    (
        "date",
        re.compile(rf"\bngay (\d{{1,2}}) thang (\d{{1,2}})(?: nam {_YEAR})?\b"),
    ),
    ("half", re.compile(rf"\b(?:6|sau) thang (dau|cuoi)(?: nam)?(?:{_SEP}{_YEAR})?\b")),
    ("half", re.compile(rf"\bnua (dau|cuoi)(?: nam)?(?:{_SEP}{_YEAR})?\b")),
    ("quarter", re.compile(rf"\bquy (iv|iii|ii|i|[1-4])\b(?:{_SEP}{_YEAR}\b)?")),
    ("month", re.compile(rf"(?<![\d/.-])(\d{{1,2}})\s*/\s*{_YEAR}\b")),
    ("month", re.compile(rf"\b(?:thang|t) ?(\d{{1,2}})\b(?:{_SEP}{_YEAR}\b)?")),
    ("years", re.compile(rf"\b{_YEAR}\s*(?:-|–|den(?: nam)?)\s*{_YEAR}\b")),
    ("year", re.compile(rf"\b{_YEAR}\b")),
]
# Words that make a text a recurring duty, not a deadline ("thường xuyên", "hằng năm").
_RECURRING_RE = re.compile(r"\b(?:thuong xuyen|hang nam|hang quy|hang thang|dinh ky|lien tuc)\b")


@dataclass(frozen=True)
class Period:
    """A deadline as comparable dates: [start, end] covered, due within [due_from, end]."""

    start: date
    end: date
    due_from: date
    text: str  # as printed

    def due_within(self, other: Period) -> bool:
        """True when this deadline's due window lies inside `other` (an asked period)."""
        return other.start <= self.due_from and self.end <= other.end


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _span(kind: str, m: re.Match[str], default_year: int | None) -> tuple[date, date] | None:
    g = m.groups()
    try:
        if kind == "years":
            a, b = int(g[0]), int(g[1])
            return (date(a, 1, 1), date(b, 12, 31)) if a <= b else None
        year = int(g[-1]) if g[-1] else default_year
        if year is None:
            return None
        if kind == "date":
            day, month = int(g[0]), int(g[1])
            d = date(year, month, day)
            return d, d
        if kind == "half":
            first = g[0] == "dau"
            return (
                (date(year, 1, 1), date(year, 6, 30))
                if first
                else (
                    date(year, 7, 1),
                    date(year, 12, 31),
                )
            )
        if kind == "quarter":
            q = _ROMAN.get(g[0]) or int(g[0])
            return date(year, 3 * q - 2, 1), _month_end(year, 3 * q)
        if kind == "month":
            month = int(g[0])
            if not 1 <= month <= 12:
                return None
            return date(year, month, 1), _month_end(year, month)
        return date(year, 1, 1), date(year, 12, 31)
    except ValueError:  # 31/2, month 13: not a date
        return None


def expressions(text: str, default_year: str = "") -> list[tuple[date, date]]:
    """Every period expression of `text`, in reading order (overlaps resolved by kind order)."""
    return [span for _, span in labelled(text, default_year)]


_QUARTER_NAMES = ("I", "II", "III", "IV")


def label(kind: str, span: tuple[date, date]) -> str:
    """A period shown to the user ("quý IV/2026", "tháng 9/2026", "6 tháng đầu năm 2026")."""
    a, b = span
    if kind == "date":
        return f"{a.day}/{a.month}/{a.year}"
    if kind == "month":
        return f"tháng {a.month}/{a.year}"
    if kind == "quarter":
        return f"quý {_QUARTER_NAMES[(a.month - 1) // 3]}/{a.year}"
    if kind == "half":
        return f"6 tháng {'đầu' if a.month == 1 else 'cuối'} năm {a.year}"
    if kind == "years":
        return f"giai đoạn {a.year}-{b.year}"
    return f"năm {a.year}"


def labelled(text: str, default_year: str = "") -> list[tuple[str, tuple[date, date]]]:
    """(kind, span) of every period expression of `text`, in reading order."""
    folded = fold(text)
    year = int(default_year) if re.fullmatch(r"20\d\d", default_year or "") else None
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, str, tuple[date, date]]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(folded):
            if any(m.start() < b and a < m.end() for a, b in taken):
                continue
            span = _span(kind, m, year)
            if span is None:
                continue
            taken.append((m.start(), m.end()))
            found.append((m.start(), kind, span))
    return [(k, s) for _, k, s in sorted(found, key=lambda f: f[0])]


def read_period(text: str, default_year: str = "", start: str = "") -> Period | None:
    """The period of a deadline text (and of a separate start text, if any); None when the text
    names no period or a recurring duty."""
    if not text or _RECURRING_RE.search(fold(text)):
        return None
    spans = expressions(text, default_year)
    if not spans:
        return None
    begin = expressions(start, default_year) if start else []
    first = min(s for s, _ in spans + begin)
    due_from, end = spans[-1]
    if len(spans) > 1 and spans[-1][1] < spans[-2][1]:
        # "2026-2030, trước 31/12/2026"? keep the latest end as the due window
        due_from, end = max(spans, key=lambda s: s[1])
    return Period(min(first, due_from), end, due_from, " ".join(text.split()))


def as_fields(period: Period | None) -> dict[str, str]:
    """The ISO-dated fields a record stores for its deadline ("" when it has none)."""
    if period is None:
        return {"due_start": "", "due_from": "", "due_end": ""}
    return {
        "due_start": period.start.isoformat(),
        "due_from": period.due_from.isoformat(),
        "due_end": period.end.isoformat(),
    }


def from_fields(rec: dict, text: str = "") -> Period | None:
    """The Period of a stored record's ISO fields, None when it has none."""
    try:
        return Period(
            date.fromisoformat(rec["due_start"]),
            date.fromisoformat(rec["due_end"]),
            date.fromisoformat(rec["due_from"]),
            text or rec.get("deadline", ""),
        )
    except (KeyError, ValueError, TypeError):
        return None
