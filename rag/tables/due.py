"""Tasks due within an asked period ("những việc phải xong trong quý 4 năm 2026").

The question names a period in any form (rag.understand.periods); a task is listed when the
window its deadline falls due in lies inside that period — "Tháng 11/2026", "15/12/2026" and a
schedule row ending in "Quý IV" are due in quý IV; "Năm 2026" or "2026-2030" are not (they are
broader than the quarter). Deadlines were normalised at ingest (Record.due_*).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from rag.understand.periods import Period, from_fields, label, labelled

# A list of tasks asked ("những việc", "các nhiệm vụ", "nhiệm vụ nào", "liệt kê") …
_ASKS_TASKS_RE = re.compile(
    r"\b(?:(?:nhung|cac|liet ke|danh sach)\b.*\b(?:viec|nhiem vu|hoat dong|noi dung)"
    r"|(?:viec|nhiem vu|hoat dong|noi dung) (?:gi|nao))\b"
)
# … that are due ("phải xong", "hoàn thành", "hạn", "kết thúc") …
_DUE_RE = re.compile(r"\b(?:xong|hoan thanh|han|ket thuc|het han)\b")
# … not when ("khi nào", "bao giờ": one task's deadline), nor what was done ("đã hoàn thành").
_WHEN_RE = re.compile(
    r"\b(?:khi nao|bao gio|luc nao|ngay nao|(?:da|duoc) (?:hoan thanh|xong|thuc hien|lam))\b"
)


@dataclass(frozen=True)
class AskedPeriod:
    period: Period
    shown: str  # "quý IV/2026"


def asked_period(q: str, default_year: str = "") -> AskedPeriod | None:
    """The period a folded question asks the tasks due in, None when it asks no such list."""
    if not (_ASKS_TASKS_RE.search(q) and _DUE_RE.search(q)) or _WHEN_RE.search(q):
        return None
    found = labelled(q, default_year)
    if len(found) != 1:
        return None
    kind, (start, end) = found[0]
    return AskedPeriod(Period(start, end, start, q), label(kind, (start, end)))


def asked_work_period(q: str, default_year: str = "") -> AskedPeriod | None:
    """ "Quý III phải làm những việc gì": the one period (a quarter, month or half-year) a
    folded question asks the tasks worked on in, without asking when they are due."""
    if not _ASKS_TASKS_RE.search(q) or _DUE_RE.search(q) or _WHEN_RE.search(q):
        return None
    found = [(k, s) for k, s in labelled(q, default_year) if k != "year"]
    if len(found) != 1 or found[0][0] not in ("quarter", "month", "half"):
        return None
    kind, (start, end) = found[0]
    return AskedPeriod(Period(start, end, start, q), label(kind, (start, end)))


def scheduled_in(recs: list[dict], asked: AskedPeriod, key: Callable[[str], str]) -> list[dict]:
    """Records of a schedule grid (periods marked per task) whose marked span meets the
    period, one per task name."""
    out, seen = [], set()
    for r in recs:
        period = from_fields(r)
        name = key(r["indicator"])
        if not r.get("periods") or period is None or not name or name in seen:
            continue
        year = str(period.end.year)
        marked = [k for k, v in r["periods"].items() if str(v).strip()]
        spans = [s for k in marked for _, s in labelled(k, year)]
        if not spans:  # marks whose labels name no period: the span they were read into
            spans = [(period.start, period.end)]
        if any(a <= asked.period.end and asked.period.start <= b for a, b in spans):
            seen.add(name)
            out.append(r)
    return out


def due_in(recs: list[dict], asked: AskedPeriod, key: Callable[[str], str]) -> list[dict]:
    """Records (one per task name, `key` folds it) whose deadline falls due within the period."""
    out, seen = [], set()
    for r in recs:
        period = from_fields(r)
        name = key(r["indicator"])
        if period is None or not name or name in seen:
            continue
        if period.due_within(asked.period):
            seen.add(name)
            out.append(r)
    return out


def dated(recs: list[dict]) -> list[dict]:
    """Records whose deadline was read into a period."""
    return [r for r in recs if from_fields(r) is not None]
