"""Assignments made by cross-reference: a plan that lists its tasks as numbered points without
agencies ("II. NHIỆM VỤ: 1. …, 2. …") and assigns them in a later section ("Giao Công an xã
chủ trì thực hiện nhiệm vụ tại điểm 1, 4 mục II; phối hợp: Đoàn Thanh niên xã"), with amounts
given per task number ("Nhiệm vụ 3: 45 triệu đồng").

`read_crossrefs` resolves those references to the numbered points they name; the record
builder (rag.tables.parse) turns them into task and budget records that quote both the point
and the sentence that assigns it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rag.understand.money import UNIT_NAMES, unit_alternation
from rag.understand.prose import _deadline, _folded, load_cues

SECTION_SEP = " › "
_ITEM_RE = re.compile(r"^\s*(\d{1,2})[.)]\s+(\S.*)$")
_SECTION_KEY_RE = re.compile(r"^(?:(?:phan|muc|chuong)\s+)?([ivxlc]+|\d{1,2})\b[.:)]?")
_NUMS = r"\d{1,2}(?:\s*(?:,|;|va|-|–|den)\s*\d{1,2})*"
_ASSIGN_RE = re.compile(
    r"(?:\bgiao\s+)?(?P<lead>[^;:]+?)\s+(?:chu tri|phu trach)\s+"
    r"(?:(?:thuc hien|trien khai|to chuc thuc hien)\s+)?(?:cac\s+)?(?:nhom\s+)?"
    r"(?:nhiem vu|noi dung)\s+(?:(?:neu\s+)?(?:tai|o|theo)\s+)?(?:(?:diem|khoan|tiet|so)\s+)?"
    r"(?P<nums>" + _NUMS + r")"
    r"(?:\s*,?\s*(?:(?:cua|thuoc|tai)\s+)?(?:muc|phan|chuong|phan thu)\s+(?P<sec>[ivxlc]+|\d{1,2})\b)?"
)
_PARTNERS_RE = re.compile(r"\bphoi hop(?:\s+voi)?\s*:?\s*")
_AMOUNT_RE = re.compile(
    r"^\s*(?:[-–+•]\s*)?(?:\d{1,2}[.)]\s*)?(?:nhiem vu|noi dung)\s+(?:(?:neu\s+)?(?:tai|o|theo)\s+)?"
    r"(?:(?:diem|khoan|tiet|so)\s+)?(?P<n>\d{1,2})\b[^:]{0,40}:\s*"
    r"(?P<amt>\d[\d.,]*)\s*(?P<unit>" + unit_alternation() + r")\b"
)


@dataclass
class Point:
    """A numbered point of a section ("1. Rà soát … hoàn thành trong Quý II/2026.")."""

    section_key: str  # folded numeral of the section it belongs to: "ii"
    number: int
    text: str  # without its number
    deadline: str
    section: str  # section path
    line: int  # 0-based


@dataclass
class Assignment:
    """A point assigned by reference to a lead (and partners) in another sentence."""

    point: Point
    lead: str  # as printed
    partners: str  # as printed ("" when none)
    sentence: str
    line: int


@dataclass
class PointAmount:
    point: Point
    amount_raw: str
    unit: str
    sentence: str
    line: int


@dataclass
class CrossRefs:
    assignments: list[Assignment] = field(default_factory=list)
    amounts: list[PointAmount] = field(default_factory=list)
    lines: set[int] = field(default_factory=set)  # lines whose sentences were read here


def _section_key(path: str) -> str:
    """The numeral of the deepest numbered heading of a section path ("II. NHIỆM VỤ" → "ii")."""
    for part in reversed(path.split(SECTION_SEP)):
        m = _SECTION_KEY_RE.match(_folded(part).strip())
        if m and part.strip():
            return m.group(1)
    return ""


def _numbers(raw: str) -> list[int]:
    out: list[int] = []
    for m in re.finditer(r"(\d{1,2})(?:\s*(?:-|–|den)\s*(\d{1,2}))?", raw):
        a = int(m.group(1))
        b = int(m.group(2)) if m.group(2) else a
        out.extend(range(a, b + 1) if 0 <= b - a <= 20 else [a])
    return out


def _points(lines: list[str], paths: list[str], skip: set[int]) -> dict[tuple[str, int], Point]:
    cues = load_cues()
    points: dict[tuple[str, int], Point] = {}
    for i, raw in enumerate(lines):
        m = _ITEM_RE.match(raw)
        if not m or i in skip:
            continue
        key = _section_key(paths[i])
        if not key:
            continue
        text = m.group(2).strip()
        points.setdefault(
            (key, int(m.group(1))),
            Point(key, int(m.group(1)), text, _deadline(text, cues)[0], paths[i], i),
        )
    return points


def _target_section(points: dict, numbers: list[int], own: str) -> str:
    """The section a reference without a section numeral means: another section holding all
    the numbered points, preferring one headed as tasks (nhiệm vụ)."""
    keys = {k for (k, _n) in points if k != own and all((k, n) in points for n in numbers)}
    if len(keys) == 1:
        return next(iter(keys))
    tasky = {
        k
        for k in keys
        if any("nhiem vu" in _folded(p.section) for (kk, _), p in points.items() if kk == k)
    }
    return next(iter(tasky)) if len(tasky) == 1 else ""


def read_crossrefs(
    lines: list[str], paths: list[str], skip: set[int] | frozenset[int] = frozenset()
) -> CrossRefs:
    """Assignments and amounts that refer to numbered points by number (see module doc)."""
    out = CrossRefs()
    points = _points(lines, paths, set(skip))
    if not points:
        return out
    for i, raw in enumerate(lines):
        if i in skip or not raw.strip():
            continue
        f = _folded(raw)
        own = _section_key(paths[i])
        for m in _ASSIGN_RE.finditer(f):
            numbers = _numbers(m.group("nums"))
            key = m.group("sec") or _target_section(points, numbers, own)
            if not key or key == own or not all((key, n) in points for n in numbers):
                continue
            lead = re.sub(
                r"^\s*(?:\d{1,2}[.)]\s*)?(?:[Gg]iao\s+)?", "", raw[m.start("lead") : m.end("lead")]
            )
            end = len(raw)
            nxt = re.search(r"[.;]\s+(?=[A-ZĐ]|\d)|\.\s*$", raw[m.end() :])
            tail = raw[m.end() : m.end() + nxt.start()] if nxt else raw[m.end() :]
            p = _PARTNERS_RE.search(_folded(tail))
            partners = tail[p.end() :].strip(" .;") if p else ""
            sentence_end = m.end() + len(tail) if nxt else end
            sentence = raw[m.start() : sentence_end].strip()
            sentence = re.sub(r"^\s*\d{1,2}[.)]\s*", "", raw[: m.start()].strip() + " " + sentence)
            for n in numbers:
                out.assignments.append(
                    Assignment(points[(key, n)], lead.strip(), partners, sentence.strip(), i)
                )
            out.lines.add(i)
        a = _AMOUNT_RE.match(f)
        if a:
            n = int(a.group("n"))
            key = _target_section(points, [n], own)
            if key:
                amt = raw[a.start("amt") : a.end("amt")].rstrip(".,")
                out.amounts.append(
                    PointAmount(points[(key, n)], amt, UNIT_NAMES[a.group("unit")], raw.strip(), i)
                )
                out.lines.add(i)
    return out
