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
# "(khi thực hiện) (nhiệm vụ) (tại) điểm 2, 5": a reference to points of the section just named
_POINT_REF = (
    r"(?:(?:thuc hien|trien khai)\s+)?(?:(?:cac\s+)?nhiem vu\s+)?(?:(?:tai|o)\s+)?"
    r"(?:diem|khoan)\s+(?P<nums>" + _NUMS + r")"
)
# "…; phối hợp với Công an xã thực hiện nhiệm vụ tại điểm 4": partners of some points only
_PARTNERS_FOR_RE = re.compile(r"^(?P<names>.+?)\s+" + _POINT_REF)
# "Khi thực hiện điểm 5, phối hợp với B và C": partners of one point of the section just named
_WHEN_POINT_RE = re.compile(
    r"\b(?:khi|trong khi|doi voi)\s+" + _POINT_REF + r"\s*(?:muc\s+[ivxlc\d]+\s*)?,?\s*"
    r"phoi hop(?:\s+voi)?\s*:?\s*(?P<names>[^;.]+)"
)
# "Đề nghị A, B và C phối hợp thực hiện nhiệm vụ tại điểm 7 mục II": partners, no lead
_PARTNERS_ONLY_RE = re.compile(
    r"(?:\b(?:de nghi|giao|yeu cau)\s+)?(?P<names>[^;:.]+?)\s+phoi hop\s+"
    r"(?:thuc hien|trien khai|tham gia)\s+(?:cac\s+)?(?:nhiem vu|noi dung)\s+"
    r"(?:(?:tai|o|theo)\s+)?(?:(?:diem|khoan)\s+)?(?P<nums>" + _NUMS + r")"
    r"(?:\s*,?\s*(?:(?:cua|thuoc|tai)\s+)?(?:muc|phan|chuong)\s+(?P<sec>[ivxlc]+|\d{1,2})\b)?"
)
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
        assigned = _assignments_on(raw, f, own, points, i)
        if assigned:
            out.assignments.extend(assigned)
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
    out.assignments = _merged(out.assignments, points)
    return out


def _assignments_on(
    raw: str, f: str, own: str, points: dict[tuple[str, int], Point], i: int
) -> list[Assignment]:
    """The assignments one line makes: leads by reference (with their partners, or partners
    given for some of the points only), partners named per point ("khi thực hiện điểm 5, phối
    hợp với …") and partners without a lead ("Đề nghị A phối hợp thực hiện nhiệm vụ tại điểm 7")."""
    found: list[Assignment] = []
    key = ""
    for m in _ASSIGN_RE.finditer(f):
        numbers = _numbers(m.group("nums"))
        key = m.group("sec") or _target_section(points, numbers, own)
        if not key or key == own or not all((key, n) in points for n in numbers):
            key = ""
            continue
        lead = re.sub(
            r"^\s*(?:\d{1,2}[.)]\s*)?(?:[Gg]iao\s+)?", "", raw[m.start("lead") : m.end("lead")]
        )
        nxt = re.search(r"[.;]\s+(?=[A-ZĐ]|\d)|\.\s*$", raw[m.end() :])
        tail = raw[m.end() : m.end() + nxt.start()] if nxt else raw[m.end() :]
        p = _PARTNERS_RE.search(_folded(tail))
        partners = tail[p.end() :].strip(" .;") if p else ""
        only: list[int] = []
        if partners:
            pf = _PARTNERS_FOR_RE.match(_folded(partners))
            if pf:  # "phối hợp với Công an xã thực hiện nhiệm vụ tại điểm 4"
                only = [n for n in _numbers(pf.group("nums")) if n in numbers]
                partners = partners[: pf.end("names")].strip(" ,;")
        sentence_end = m.end() + len(tail) if nxt else len(raw)
        sentence = raw[m.start() : sentence_end].strip()
        sentence = re.sub(r"^\s*\d{1,2}[.)]\s*", "", raw[: m.start()].strip() + " " + sentence)
        for n in numbers:
            given = partners if not only or n in only else ""
            found.append(Assignment(points[(key, n)], lead.strip(), given, sentence.strip(), i))
    if key:
        for m in _WHEN_POINT_RE.finditer(f):
            names = raw[m.start("names") : m.end("names")].strip(" ,;.")
            for n in _numbers(m.group("nums")):
                if (key, n) in points and names[:1].isupper():
                    clause = raw[m.start() : m.end()].strip()
                    found.append(Assignment(points[(key, n)], "", names, clause, i))
    elif not found:
        for m in _PARTNERS_ONLY_RE.finditer(f):
            numbers = _numbers(m.group("nums"))
            sec = m.group("sec") or _target_section(points, numbers, own)
            names = re.sub(
                r"^\s*(?:\d{1,2}[.)]\s*)?(?:(?:Đề nghị|Giao|Yêu cầu)\s+)?",
                "",
                raw[m.start("names") : m.end("names")],
            ).strip(" ,;")
            if not sec or sec == own or not names[:1].isupper():
                continue
            if not all((sec, n) in points for n in numbers):
                continue
            sentence = re.sub(r"^\s*\d{1,2}[.)]\s*", "", raw[m.start() :].split(". ")[0]).strip()
            for n in numbers:
                found.append(Assignment(points[(sec, n)], "", names, sentence, i))
    return found


def _merged(
    assignments: list[Assignment], points: dict[tuple[str, int], Point]
) -> list[Assignment]:
    """One assignment per point: partners named in another sentence join the point's lead
    assignment; a point of a section whose other points are assigned, that no sentence
    assigns, gets one with no lead (the plan names none)."""
    by_point: dict[int, Assignment] = {}
    for a in assignments:
        have = by_point.get(a.point.line)
        if have is None:
            by_point[a.point.line] = Assignment(a.point, a.lead, a.partners, a.sentence, a.line)
            continue
        if not have.lead and a.lead:
            have.lead = a.lead
            have.sentence, have.line = a.sentence, a.line
        if a.partners and a.partners not in have.partners:
            have.partners = f"{have.partners}; {a.partners}" if have.partners else a.partners
            if a.sentence not in have.sentence:
                have.sentence = f"{have.sentence} … {a.sentence}"
    sections = {a.point.section_key for a in by_point.values() if a.lead}
    for (key, _n), point in sorted(points.items(), key=lambda kv: kv[1].line):
        if key in sections and point.line not in by_point and _tasky(point):
            by_point[point.line] = Assignment(point, "", "", "", point.line)
    return sorted(by_point.values(), key=lambda a: a.point.line)


def _tasky(point: Point) -> bool:
    """A point under a heading of tasks ("nhiệm vụ", "giải pháp")."""
    return bool(re.search(r"\b(?:nhiem vu|giai phap)\b", _folded(point.section)))
