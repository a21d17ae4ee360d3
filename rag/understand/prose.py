"""Read plans written in prose: task, target, budget and last-year result sentences.

Many plans have no tables: a task is a sentence ("Giao Phòng Kinh tế chủ trì, phối hợp với
Viettel … khảo sát, lắp đặt …, hoàn thành trước ngày 30/9/2026"; "…; Đoàn Thanh niên xã chủ
trì."), a target is a sentence with a year and a value ("Phấn đấu đến hết năm 2026, tỷ lệ … đạt
85%"), the budget is a paragraph ("Tổng kinh phí … là 785 triệu đồng, trong đó: …") and last
year's results are sentences with numbers under a "Kết quả …" heading. This module finds those
sentences and splits them into typed items (text, lead, partners, deadline, values, amounts)
with their line numbers; rag.tables.parse turns them into records. The cue words are in
prose_cues.yaml. Sentences inside tables and headings are never read here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from rag.text import SECTION_SEP, fold
from rag.understand.agency_words import starts_like_agency

CUES_FILE = Path(__file__).with_name("prose_cues.yaml")
_ITEM_START = re.compile(r"^\s*(?:[-+•–*]\s+|\d+(?:\.\d+)*\.\s+|\d+\)\s+|[a-zđ]\)\s+)")
# A task's title line ("3. Thư viện số.") is short; a longer numbered line is a task itself.
_MAX_TITLE_WORDS = 20
_NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_PCT = re.compile(rf"(?:{_NUMBER})\s*%")
_YEAR = re.compile(r"\b(20\d\d)\b")
MAX_UNIT_CHARS = 900


@dataclass
class ProseItem:
    """One fact read from a sentence: kind task | target | result | budget | budget_total."""

    kind: str
    text: str  # task / indicator / budget line, as printed (cue words removed for tasks)
    quote: str  # the whole sentence
    section: str
    line_start: int  # 1-based
    line_end: int
    lead: str = ""
    partners: str = ""
    deadline: str = ""
    year: str = ""
    values: list[str] = field(default_factory=list)
    amount: float | None = None
    amount_raw: str = ""
    unit: str = ""
    source: str = ""  # where a budget line's money comes from ("từ ngân sách tỉnh")
    of_task: bool = False  # a task's own budget (written in its paragraph), not a part of the total
    in_subtotal: bool = False  # a line under a subtotal heading ("I. Ngân sách xã: 586 triệu đồng")
    # a share of the total by source ("Nguồn kinh phí: ngân sách xã …", "Nguồn: A 450 triệu đồng;
    # B 620 triệu đồng"), not an item of the estimate
    funds: bool = False


@dataclass(frozen=True)
class Cues:
    lead: re.Pattern
    assign: re.Pattern
    assign_words: str  # the assigning words as a pattern, unanchored
    labels: tuple[tuple[str, re.Pattern], ...]  # ("lead" | "partners" | "deadline", label)
    partner: re.Pattern
    partner_end: re.Pattern  # "…, Công an xã phối hợp": the cue after the partners
    verbs: re.Pattern
    deadlines: tuple[re.Pattern, ...]
    target: re.Pattern
    result_heading: re.Pattern
    budget_total: re.Pattern
    budget_heading: re.Pattern  # a budget section / intro of budget lines
    total_line: re.Pattern  # "Tổng cộng: 300 triệu đồng" closing the budget lines
    source: re.Pattern  # "(kinh phí) từ <nguồn>": group 1 is the source
    funds_intro: re.Pattern  # "Nguồn kinh phí: …": the total split by source follows
    breakdown: re.Pattern
    breakdown_list: re.Pattern  # "…, gồm: A …; B …" (a colon list of the total's shares)
    breakdown_open: re.Pattern  # "Trong đó: A …; B …" opening a line of the budget section
    paid_by: re.Pattern  # "… do doanh nghiệp tự bảo đảm kinh phí": who pays, no amount
    money: re.Pattern
    value: re.Pattern
    not_value_words: frozenset[str]
    same_item_overlap: float


@lru_cache(maxsize=4)
def load_cues(path: Path = CUES_FILE) -> Cues:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    verbs = "|".join(re.escape(v) for v in data["action_verbs"])
    units = "|".join(re.escape(u) for u in data["value_units"])
    return Cues(
        lead=re.compile(rf"\b{data['lead']}\b"),
        assign=re.compile(rf"^{data['assign']}\s+"),
        assign_words=data["assign"],
        labels=tuple((k, re.compile(rf"\b{v}")) for k, v in (data.get("labels") or {}).items()),
        partner=re.compile(rf"\b{data['partner']}\s+"),
        partner_end=re.compile(rf"\s{data['partner']}$"),
        verbs=re.compile(rf"\s(?:{verbs})\b"),
        deadlines=tuple(re.compile(d) for d in data["deadlines"]),
        target=re.compile(data["target_cues"]),
        result_heading=re.compile(data["result_heading"]),
        budget_total=re.compile(data["budget_total"]),
        budget_heading=re.compile(data["budget_heading"]),
        total_line=re.compile(data["total_line"]),
        source=re.compile(data["source"]),
        funds_intro=re.compile(data["funds_intro"]),
        breakdown=re.compile(data["breakdown"]),
        breakdown_list=re.compile(data["breakdown_list"]),
        breakdown_open=re.compile(data["breakdown_open"]),
        paid_by=re.compile(data["paid_by"]),
        money=re.compile(rf"({_NUMBER})\s*({data['money_units']})\b"),
        value=re.compile(rf"(?<![\d/.,])({_NUMBER})(?:\s*(%)|\s+({units})\b)?(?![\d/])"),
        not_value_words=frozenset(data["not_value_words"]),
        same_item_overlap=float(data["same_item_overlap"]),
    )


@lru_cache(maxsize=1)
def load_units(path: Path = CUES_FILE) -> tuple[str, ...]:
    """The value units of the vocabulary (folded), longest first."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    return tuple(sorted(data["value_units"], key=lambda u: -len(u.split())))


def _folded(text: str) -> str:
    """fold() one character at a time, so offsets in the result are offsets in text."""
    f = fold(text)
    if len(f) == len(text):
        return f
    return "".join((fold(c) or " ")[:1] for c in text)


def _clean(text: str) -> str:
    return " ".join(text.split()).strip(" ,;:.")


# A field the plan fills with a placeholder instead of a value: "—", "…", "(để trống)",
# "chưa xác định" — the plan states nothing there.
_BLANK_RE = re.compile(
    r"^[\s\-–—.…_()]*$|^\(?\s*(?:de trong|chua xac dinh|chua co|khong co|chua giao"
    r"|chua phan cong|khong)\s*\)?[\s.;]*$"
)


def blank_value(text: str) -> bool:
    """The value of a field or a cell is a placeholder for nothing ("—", "(để trống)")."""
    return bool(_BLANK_RE.match(fold(" ".join(text.split()))))


def _parse_number(raw: str) -> float | None:
    m = re.fullmatch(r"(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?", raw.strip())
    if not m:
        return None
    whole = m.group(1).replace(".", "")
    return float(f"{whole}.{m.group(2)}") if m.group(2) else float(whole)


# ----------------------------------------------------------------------------- units
@dataclass
class _Unit:
    text: str
    line_start: int
    line_end: int
    section: str


def paragraphs(
    lines: list[str],
    paths: list[str],
    skip: set[int] | frozenset[int],
    cues: Cues | None = None,
) -> list[_Unit]:
    """Paragraphs / list items outside tables and headings (0-based indexes in skip). With
    `cues`, a line in lower case that opens with a task's field label ("phối hợp: …",
    "thời hạn: …") after a line ending in ";" goes on the same sentence (a wrapped task)."""
    out: list[_Unit] = []
    cur: list[int] = []

    def flush() -> None:
        if cur:
            text = " ".join(" ".join(lines[n].split()) for n in cur)
            text = re.sub(r"\*\*|__", "", text)
            out.append(_Unit(text, cur[0] + 1, cur[-1] + 1, paths[cur[0]]))
            cur.clear()

    for n, raw in enumerate(lines):
        line = raw.strip()
        if not line or n in skip or "\t" in raw or line.startswith("|"):
            flush()
            continue
        new_item = bool(_ITEM_START.match(line))
        ended = bool(cur) and lines[cur[-1]].rstrip().endswith((".", ";", ":"))
        if ended and lines[cur[-1]].rstrip().endswith(":") and line[:1].islower():
            ended = False  # "… Thời gian:" / "từ tháng 3/2026." — a label's value wrapped
        if (
            ended
            and cues is not None
            and lines[cur[-1]].rstrip().endswith(";")
            and line[:1].islower()
            and _field_label(line, cues)
        ):
            ended = False  # "… Chủ trì: A;" / "phối hợp: B. Thời hạn: …" — one task wrapped
        if new_item or ended or (cur and paths[cur[-1]] != paths[n]):
            flush()
        cur.append(n)
    flush()
    return [u for u in out if len(u.text) <= MAX_UNIT_CHARS]


def _field_label(text: str, cues: Cues) -> str:
    """The kind of label a line opens with ("- Đơn vị chủ trì: …" → "lead"), else ""."""
    f = _folded(_ITEM_START.sub("", text, count=1))
    for kind, pat in cues.labels:
        if pat.match(f):
            return kind
    return ""


def attach_field_lines(units: list[_Unit], cues: Cues) -> list[_Unit]:
    """A task whose lead, partners and deadline are written as lines of their own under its
    description ("- Đơn vị chủ trì: A." / "- Thời gian hoàn thành: …"): the field lines join
    the paragraph above them, so the task reads as one labelled sentence."""
    out: list[_Unit] = []
    labelled: set[str] = set()  # sections whose tasks are written this way
    k = 0
    while k < len(units):
        unit = units[k]
        run_end = k
        while (
            run_end < len(units)
            and units[run_end].section == unit.section  # a heading ends the task's fields
            and _field_label(units[run_end].text, cues)
        ):
            run_end += 1
        run = units[k:run_end]
        prev = out[-1] if out else None
        kinds = {_field_label(u.text, cues) for u in run}
        # fields naming partners only close a task too where the tasks above name a lead so;
        # a lead, or partners and a deadline, close one anywhere
        if (
            run
            and (
                "lead" in kinds
                or len(kinds) >= 2
                or ("partners" in kinds and run[0].section in labelled)
            )
            and prev is not None
            and prev.section == run[0].section
            and not _field_label(prev.text, cues)
            and not cues.lead.search(_folded(prev.text))
            and run[0].line_start - prev.line_end <= 2
        ):
            fields = " ".join(_ITEM_START.sub("", u.text, count=1).rstrip(" ;.") + "." for u in run)
            title = out[-2] if len(out) >= 2 else None
            if title is not None and _task_title(title, prev, cues):
                # "3. Thư viện số." / "Số hóa sách …" / "Trách nhiệm: …": the numbered title
                # line above the description opens the same task
                out.pop()
                prev = _Unit(
                    f"{title.text.rstrip()} {prev.text.strip()}",
                    title.line_start,
                    prev.line_end,
                    prev.section,
                )
            out[-1] = _Unit(
                f"{prev.text.rstrip()} {fields}", prev.line_start, run[-1].line_end, prev.section
            )
            labelled.add(prev.section)
            k = run_end
            continue
        out.append(unit)
        k += 1
    return out


def _task_title(title: _Unit, body: _Unit, cues: Cues) -> bool:
    """A short numbered line ("3. Thư viện số.") right above an unnumbered description in
    the same section: the title of the task the description and its field lines describe."""
    return (
        bool(_ITEM_START.match(title.text))
        and not _ITEM_START.match(body.text)
        and title.section == body.section
        and body.line_start - title.line_end <= 2
        and len(title.text.split()) <= _MAX_TITLE_WORDS
        and not _field_label(title.text, cues)
        and not cues.lead.search(_folded(title.text))
        and not cues.money.search(_folded(title.text))
    )


def _sentences(text: str) -> list[str]:
    """Split at ". " before a capital letter (numbers like 5.870 stay whole)."""
    parts = re.split(r"(?<=[.!?])\s+(?=[A-ZĐÀ-Ỹ\"“])", text)
    return [p.strip() for p in parts if p.strip()]


# ----------------------------------------------------------------------------- tasks
def _deadline(text: str, cues: Cues) -> tuple[str, tuple[int, int] | None]:
    f = _folded(text)
    best: tuple[int, int] | None = None
    for pat in cues.deadlines:
        for m in pat.finditer(f):
            s, e = m.start(), m.end()
            while s < e and f[s] == " ":
                s += 1
            if best is None or e - s > best[1] - best[0]:
                best = (s, e)
    if best is None:
        return "", None
    return text[best[0] : best[1]].strip(), best


def _action_at(text: str, cues: Cues) -> int:
    """Where the first action verb written in lower case starts in text, else -1 (a
    capitalised verb is part of a name: "Trung tâm Phát triển quỹ đất")."""
    for m in cues.verbs.finditer(_folded(text)):
        if text[m.start() + 1 : m.start() + 2].islower():
            return m.start()
    return -1


def _cut_partners(text: str, cues: Cues) -> tuple[str, str]:
    """'Viettel Gia Lai khảo sát, lắp đặt …' → ('Viettel Gia Lai', 'khảo sát, lắp đặt …')."""
    at = _action_at(text, cues)
    if at < 0:
        head, _, rest = text.partition(";")
        return _clean(head), _clean(rest)
    return _clean(text[:at]), _clean(text[at:])


def _without_action(partners: str, cues: Cues) -> str:
    """'Đoàn Thanh niên và Hội Cựu chiến binh xã thực hiện' → the names only: an action verb
    that ends the clause is not part of a name (one inside it may be: "Văn phòng đăng ký
    đất đai")."""
    text = partners.rstrip(" .;,")
    for m in cues.verbs.finditer(_folded(text)):
        if m.end() == len(text) and text[m.start() + 1 : m.start() + 2].islower():
            return _clean(text[: m.start()])
    return partners


def read_task(sentence: str, cues: Cues | None = None) -> dict | None:
    """{task, lead, partners, deadline} of a sentence that names a lead agency, else None.
    A task that names partners only ("… Phối hợp: B. Thời hạn: …", "…: các đơn vị liên quan
    phối hợp với B thực hiện") is read with an empty lead: the plan names no lead for it."""
    cues = cues or load_cues()
    body = _ITEM_START.sub("", sentence, count=1).strip()
    f = _folded(body)
    labelled = _labelled_task(body, f, cues)
    if labelled is not None:
        return labelled or None
    leads = list(cues.lead.finditer(f))
    if not leads:
        return _assigned_doer(body, f, cues) or _partners_only(body, f, cues)
    if len(leads) != 1:
        return None
    m = leads[0]
    before, after = body[: m.start()], body[m.end() :]
    deadline, span = _deadline(body, cues)
    fb = _folded(before)
    cut = max(before.rfind(";"), before.rfind(". "), before.rfind(", "))
    # "<task> do <Agency> chủ trì, …": the agency follows "do" right before the cue
    by = list(re.finditer(r"(?:^|\s)do\s+(?=[A-ZĐ])", before[cut + 1 :]))
    lead_from = cut + 1
    if by and not cues.assign.match(fb):
        lead_from = cut + 1 + by[-1].end()
        cut = cut + 1 + by[-1].start()
    lead, task, partners = "", "", ""
    if cut < 0 or cues.assign.match(fb):
        # "Giao X chủ trì, phối hợp với Y <action> …" / "X chủ trì <action> …"
        am = cues.assign.match(fb)
        lead = _clean(before[am.end() :] if am else before)
        rest = after.lstrip(" ,")
        pm = cues.partner.match(_folded(rest))
        if pm:
            named, cut_rest = _cut_partners(rest[pm.end() :], cues)
            if _action_at(f" {named}", cues) != 0:  # "chủ trì, phối hợp triển khai …": nobody
                partners, rest = named, cut_rest
            else:
                rest = rest[pm.end() :]
        task = rest
        if not partners:
            # "A chủ trì X; B và C phối hợp thực hiện, hoàn thành …": partners in a later clause
            for sep in re.finditer(r";\s+", task):
                named = _partners_before_cue(task[sep.end() :], cues)
                if named:
                    partners, task = named, task[: sep.start()]
                    break
    else:
        # "<action> …; X chủ trì[, phối hợp Y | , Y phối hợp][, hoàn thành …]."
        lead = _clean(before[lead_from:])
        task = before[:cut]
        rest = after.lstrip(" ,;")
        pm = cues.partner.match(_folded(rest))
        post = None if pm else _partners_before_cue(rest, cues)
        if post:
            partners = post
        elif pm:
            partners = _clean(re.split(r"[;.]|,\s*(?=\w+\s+\w+\s+\d)", rest[pm.end() :])[0])
            if deadline and deadline in partners:
                partners = _clean(partners.split(",")[0])
            partners = _without_action(partners, cues)
        tm = cues.partner.match(_folded(task))
        if tm and not partners:
            partners, task = _cut_partners(task[tm.end() :], cues)
            task = task or body[:cut]
    lead = _after_assign(lead, cues)
    if not lead or not lead[0].isupper() or not 2 <= len(lead.split()) <= 12:
        return None
    if re.search(r"\b(?:don vi|co quan|bo phan)$", _folded(lead)):
        return None  # "Phân công rõ đơn vị chủ trì, …": the label words, not an agency
    if span is not None:
        task = task.replace(body[span[0] : span[1]], "")
    task = _clean(task)
    if len(task.split()) < 3:
        return None
    return {"task": task, "lead": lead, "partners": partners, "deadline": deadline}


def _assigned_doer(body: str, f: str, cues: Cues) -> dict | None:
    """A task given to one agency to carry out, with no "chủ trì": "<work>; giao Phòng A thực
    hiện, hoàn thành …" / "Giao Phòng A thực hiện <work>". None otherwise."""
    found = list(
        re.finditer(
            rf"(?:^|(?<=[;,.])\s*|\s)(?:{cues.assign_words})\s+(?P<who>[^,;.]{{3,80}}?)\s+"
            rf"{_DOER_VERB}\b",
            f,
        )
    )
    if len(found) != 1:
        return None
    m = found[0]
    lead = _clean(body[m.start("who") : m.end("who")])
    if not lead[:1].isupper() or len(lead.split()) > 12:
        return None
    deadline, span = _deadline(body, cues)
    task = body[: m.start()].rstrip(" ;,.")
    if len(task.split()) < 3:
        task = body[m.end() :]
    if span is not None:
        task = task.replace(body[span[0] : span[1]], "")
    task = _clean(task)
    if len(task.split()) < 3:
        return None
    return {"task": task, "lead": lead, "partners": "", "deadline": deadline}


def _partners_only(body: str, f: str, cues: Cues) -> dict | None:
    """A task sentence with partners and no lead: labelled ("Xây dựng … . Phối hợp: B. Thời
    hạn: Tháng 11/2026") or written ("Chi trả …: các cơ quan liên quan phối hợp với B thực
    hiện; hoàn thành …" — the doer is no named agency). None otherwise ("Công an xã phối hợp
    với B …" names who does it)."""
    found = sorted((m.start(), m.end(), kind) for kind, pat in cues.labels for m in pat.finditer(f))
    deadline, _ = _deadline(body, cues)
    if found and found[0][2] == "partners":
        start, end, _kind = found[0]
        stop = found[1][0] if len(found) > 1 else len(body)
        partners = _clean(_partner_value(body[end:stop], cues).strip(" ,;.-–("))
        task = _clean(body[:start].rstrip(" .;:-–("))
        labelled_deadline = next(
            (
                _clean(
                    re.split(
                        r";|\.\s|\.$",
                        body[e : (found[n + 1][0] if n + 1 < len(found) else len(body))],
                    )[0]
                )
                for n, (_s, e, k) in enumerate(found)
                if k == "deadline"
            ),
            "",
        )
        deadline = labelled_deadline or deadline
    else:
        cue = list(cues.partner.finditer(f))
        if found or len(cue) != 1:
            return None
        before = body[: cue[0].start()]
        cut = max(before.rfind("; "), before.rfind(". "), before.rfind(": "))
        doer = before[cut + 2 :].strip()
        if cut < 0 or doer[:1].isupper() or not (doer or deadline):
            return None  # a named doer, or a bare "Phối hợp với …" remark with no deadline
        task = _clean(before[:cut])
        partners, _rest = _cut_partners(body[cue[0].end() :], cues)
        if deadline and deadline in partners:
            partners = _clean(partners.split(deadline)[0])
    if len(task.split()) < 3 or not partners[:1].isupper() or len(partners.split()) > 30:
        return None
    return {"task": task, "lead": "", "partners": partners, "deadline": deadline}


def _partner_value(span: str, cues: Cues) -> str:
    """The partners a "Phối hợp:" label names, up to the end of its sentence: agencies listed
    with ";" ("Phối hợp: Hợp tác xã A; Chi cục B.") stay together; the list ends at a piece
    that starts in lower case or names a deadline."""
    pieces = re.split(r"\.\s|\)|\.$", span)[0].split(";")
    kept = [pieces[0]]
    for piece in pieces[1:]:
        if not piece.strip()[:1].isupper() or _deadline(piece, cues)[0]:
            break
        kept.append(piece)
    return ";".join(kept)


def _labelled_task(body: str, f: str, cues: Cues) -> dict | None:
    """A task written with labels ("X. Đơn vị chủ trì: A; phối hợp: B; thời gian: Quý IV/2026"):
    None when the sentence has no lead label, {} when it has one but no task before it."""
    found = sorted((m.start(), m.end(), kind) for kind, pat in cues.labels for m in pat.finditer(f))
    if not any(kind == "lead" for _, _, kind in found):
        return None
    values: dict[str, str] = {}
    spans: dict[str, str] = {}
    for n, (_, end, kind) in enumerate(found):
        stop = found[n + 1][0] if n + 1 < len(found) else len(body)
        value = re.split(r";|\.\s|\)|\.$", body[end:stop])[0]
        if kind == "partners":
            value = _partner_value(body[end:stop], cues)
        elif value.count("(") > value.count(")"):
            value += ")"  # "trước ngày khai giảng (05/9/2026)": the note stays whole
        if blank_value(value):  # "Thời gian hoàn thành: —": the plan states none
            value = ""
        values.setdefault(kind, _clean(value.strip(" ,;.-–(")))
        spans.setdefault(kind, body[end:stop])
    task = _clean(body[: found[0][0]].rstrip(" .;:-–("))
    lead = values.get("lead", "")
    blank = {kind for kind, _ in spans.items() if not values.get(kind)}
    if not values.get("partners") and "lead" not in blank:
        # "Đơn vị thực hiện: A chủ trì, phối hợp B" / "…: A phối hợp B" / "…: A chủ trì; B
        # phối hợp"
        lead, values["partners"] = _split_lead(spans["lead"], cues)
        if _NO_LEAD.search(_folded(lead)):
            # "Trách nhiệm: Kế hoạch chưa giao đơn vị chủ trì; B phối hợp": no lead named
            lead = ""
            blank.add("lead")
    if "lead" in blank and len(task.split()) >= 3 and (values.get("partners") or len(spans) > 1):
        lead = ""  # a labelled task whose lead is left blank: the plan names no lead
    elif len(task.split()) < 3 or not lead or not lead[:1].isupper():
        return {}
    deadline = values.get("deadline", "")
    if not deadline and "deadline" not in blank:
        # "Chủ trì: A; phối hợp: B. Hoàn thành trước 30/4/2026." (no label)
        deadline, _ = _deadline(body[found[0][0] :], cues)
    return {
        "task": task,
        "lead": lead,
        "partners": values.get("partners", ""),
        "deadline": deadline,
    }


# "(Kế hoạch) chưa giao / không phân công (đơn vị chủ trì)": the plan says it names no lead.
_NO_LEAD = re.compile(r"\b(?:chua|khong)\s+(?:giao|phan cong|xac dinh|co|neu|ghi)\b")


def _split_lead(value: str, cues: Cues) -> tuple[str, str]:
    """'A chủ trì, phối hợp B và C' / 'A phối hợp B' → ('A', 'B và C'); ('A', '') without
    partners."""
    value = value.strip(" ,;.-–(")

    def clause(text: str) -> str:
        return _clean(re.split(r";|\.\s|\)|\.$", text)[0])

    f = _folded(value)
    lm = cues.lead.search(f)
    pm = cues.partner.search(f)
    if lm and (pm is None or lm.start() < pm.start()):
        head = value[: lm.start()]
        rest = value[lm.end() :].lstrip(" ,;")
        after = cues.partner.match(_folded(rest))
        partners = clause(rest[after.end() :]) if after else _partners_before_cue(rest, cues)
    else:
        head = value[: pm.start()] if pm else value
        partners = clause(value[pm.end() :]) if pm else ""
    return clause(head), _without_action(partners, cues)


def _after_assign(lead: str, cues: Cues) -> str:
    """'Nhiệm vụ này giao Phòng Văn hóa - Xã hội' → 'Phòng Văn hóa - Xã hội': the agency is
    what follows the last assigning word when a capitalised name follows it."""
    f = _folded(lead)
    for m in reversed(list(re.finditer(rf"(?:^|\s){cues.assign_words}\s+", f))):
        rest = lead[m.end() :].strip()
        if rest[:1].isupper():
            return rest
    return lead


def _partners_before_cue(rest: str, cues: Cues) -> str:
    """'Công an xã phối hợp; hoàn thành …' → 'Công an xã' (the partners named before the cue,
    in the clause right after the lead)."""
    clause = re.split(r"[;.]\s", rest + " ", maxsplit=1)[0].strip(" ;.")
    f = _folded(clause)
    m = cues.partner_end.search(f)
    if not m:
        # "B phối hợp thực hiện, hoàn thành …": the cue closes the names, not the clause
        word = cues.partner_end.pattern.removeprefix(r"\s").removesuffix("$")
        # (or an action in lower case follows it: "B phối hợp lập danh mục")
        m = next(
            (
                c
                for c in re.finditer(rf"\s{word}(?:\s+thuc hien)?\s*(?=,|$|\s\w)", f)
                if c.end() >= len(f)
                or f[c.end()] == ","
                or clause[c.end() + 1 : c.end() + 2].islower()
            ),
            None,
        )
        if not m:
            return ""
    names = _clean(clause[: m.start()])
    if not names or not names[0].isupper() or len(names.split()) > 16:
        return ""
    return names


# ----------------------------------------------------------------------------- values
def values_in(text: str, cues: Cues | None = None) -> list[str]:
    """Numbers with their unit as printed: ['5.870 người', '68,9%']; years and dates left out."""
    cues = cues or load_cues()
    f = _folded(text)
    out = []
    for m in cues.value.finditer(f):
        raw = m.group(1)
        if _YEAR.fullmatch(raw) and not (m.group(2) or m.group(3)):
            continue
        if not (m.group(2) or m.group(3)):
            # bare number: keep it with the next word ("54 thành viên" already has a unit)
            nxt = re.match(r"\s+(\S+)", text[m.end() :])
            word = fold(nxt.group(1)).strip(",.;:") if nxt else ""
            if not word or word[:1].isdigit() or word in cues.not_value_words:
                continue
            out.append(f"{text[m.start() : m.end()]} {nxt.group(1).strip(',.;')}")
            continue
        out.append(text[m.start() : m.end()].strip())
    return out


# ----------------------------------------------------------------------------- reader
def _task_of(task: dict, year: str, **where) -> ProseItem:
    """The task record of a read task (its name, lead, partners, deadline) and where it is."""
    return ProseItem(
        "task",
        task["task"],
        lead=task["lead"],
        partners=task["partners"],
        deadline=task["deadline"],
        year=year,
        **where,
    )


def read_prose(
    lines: list[str],
    paths: list[str],
    skip: set[int] | frozenset[int],
    plan_year: str = "",
    target_sections: set[str] | frozenset[str] = frozenset(),
    cues: Cues | None = None,
) -> list[ProseItem]:
    """Items of every prose paragraph outside tables/headings (skip: 0-based line indexes).
    Paragraphs in target_sections (already read as target lists) give no targets here."""
    cues = cues or load_cues()
    items: list[ProseItem] = []
    last_year = str(int(plan_year) - 1) if plan_year.isdigit() else ""
    units = attach_field_lines(paragraphs(lines, paths, skip, cues), cues)
    budget_at: int | None = None
    group = ("", "")
    for k, unit in enumerate(units):
        f = _folded(unit.text)
        home = units[budget_at].section if budget_at is not None else ""
        under = _sub_heading(unit.section, home) if budget_at is not None else ""
        if budget_at is not None and (unit.section == home or under):
            money = list(cues.money.finditer(f))
            mark = _mark_kind(unit.text)
            if money and not mark and (cues.total_line.match(f) or cues.budget_total.match(f)):
                # "Tổng cộng: 300 triệu đồng (Bằng chữ: …)" closes the lines above it (and
                # may split itself by source: "…; nguồn: ngân sách xã 295 triệu đồng")
                items.extend(_total_line(unit, cues))
                items.extend(_funds_lines(unit, cues))
                budget_at, group = None, ("", "")
                continue
            funds = _funds_lines(unit, cues)
            if money and funds:
                items.extend(funds)
                continue
            opener = cues.breakdown_open.match(_folded(_LEVEL_MARK.sub("", unit.text, count=1)))
            if money and opener is not None:
                # "Trong đó: ki-ốt 85 triệu đồng; camera 760 triệu đồng." after the total
                text = _LEVEL_MARK.sub("", unit.text, count=1)
                items.extend(_breakdown(text[opener.end() :], unit, cues))
                continue
            if (len(money) == 1 and (mark or _named_amount(unit.text, cues))) or _named_with_parts(
                unit.text, cues
            ):
                if mark == group[1]:  # a sibling of the subtotal line closes its group
                    group = ("", "")
                if not under and unit.text.rstrip().endswith(":"):
                    # "A. Vốn sự nghiệp: 300 triệu đồng, gồm:" — a subtotal over the lines below
                    text = _GROUP_TAIL.sub("", _LEVEL_MARK.sub("", unit.text, count=1))
                    m = cues.money.search(_folded(text))
                    if m is not None:
                        items.append(_budget_line(text, unit, m))
                        group = (_funds_label(text, cues), mark)
                        continue
                label = _funds_label(under, cues) or group[0]
                text = _LEVEL_MARK.sub("", unit.text, count=1)
                m = cues.money.search(_folded(text)) or money[0]
                line = _budget_line(text, unit, m, source=label)
                line.in_subtotal = bool(label)
                named = re.match(r"(.+?)\s*:\s*$", text[: m.start()])
                rest = text[m.end() :].strip(" .;,")
                if named and not rest:
                    line.text = _clean(named.group(1))  # "Mua máy quét: 120 triệu đồng;"
                elif named and re.fullmatch(r"\([^()]+\)", rest):
                    # "Kéo cáp quang: 0 đồng (doanh nghiệp tự đầu tư)": the name and its note
                    line.text = _clean(f"{named.group(1)} {rest}")
                items.append(line)
                continue
            if money and unit.text[:1].islower():
                # The breakdown runs on after a line that ended with ";" (a PDF wrap).
                items.extend(_breakdown(unit.text, unit, cues))
                continue
            paid = _paid_lines(unit.text, unit, cues) if not money else []
            if paid and unit.section == home:
                items.extend(paid)
                continue
            if mark and not money and unit.section == home:
                # "- Hội nghị trực tuyến: chưa xác định, …": a line whose amount is not set
                named = re.match(r"(.+?)\s*:\s*(\S.*)$", _LEVEL_MARK.sub("", unit.text, count=1))
                if named and len(named.group(1).split()) <= _MAX_LINE_NAME_WORDS:
                    items.append(_unpriced_line(named.group(1), named.group(2), unit))
                continue
        budget_at = None
        group = ("", "")  # (source label, list marker kind) of the open subtotal line
        folded_path = fold(unit.section)
        in_results = bool(
            last_year and cues.result_heading.search(folded_path) and last_year in folded_path
        )
        # One task's paragraph: one lead cue ("… chủ trì"), or one lead label with none
        # ("Đơn vị thực hiện: A. … Kinh phí dự kiến: 540 triệu đồng.")
        task_paragraph = len(cues.lead.findall(f)) == 1 or (
            not cues.lead.search(f)
            and sum(len(p.findall(f)) for k, p in cues.labels if k == "lead") == 1
        )
        if cues.budget_total.search(f) and cues.money.search(f) and not task_paragraph:
            items.extend(_budget(unit, cues))
            items.extend(_subtotal_headings(unit, lines, paths, cues))
            budget_at = k
            continue
        sources = _SOURCES_LINE.match(f)
        if sources and len(cues.money.findall(f)) >= 2 and not task_paragraph:
            # "Nguồn: ngân sách xã 450 triệu đồng; hỗ trợ từ … 620 triệu đồng.": the money by
            # source, one line each
            for line in _breakdown(unit.text[sources.end() :], unit, cues):
                line.funds = True
                items.append(line)
            continue
        opened = _opens_budget_lines(units, k, cues)
        if opened is not None:
            if opened:
                items.extend(_heading_total(unit, lines, cues))
            items.extend(opened)
            budget_at = k
            continue
        fielded = _heading_fields(unit, cues)
        if fielded is not None:
            # "#### Công an xã" / "- Nhiệm vụ: X — Thời hạn: D — Phối hợp: P": the heading leads
            items.append(
                _task_of(
                    fielded,
                    plan_year,
                    quote=unit.text,
                    section=unit.section,
                    line_start=unit.line_start,
                    line_end=unit.line_end,
                )
            )
            items.extend(_task_budget(unit, fielded["task"], cues))
            continue
        duty = _heading_duty(unit, cues)
        sentences = _role_sentences(duty or unit.text, cues)
        sentences = [c for sentence in sentences for c in _agency_clauses(sentence, cues)]
        for sentence in sentences:
            base = dict(
                # a duty under its agency's heading quotes the item as printed (the heading
                # is its section), so it is not read as an "Agency: …" paragraph again
                quote=unit.text if duty else sentence,
                section=unit.section,
                line_start=unit.line_start,
                line_end=unit.line_end,
            )
            task = read_task(sentence, cues)
            if task is not None and not task["lead"] and not _task_item(unit, cues):
                task = None
            if task is not None:
                items.append(_task_of(task, plan_year, **base))
                if task_paragraph:
                    items.extend(_task_budget(unit, task["task"], cues))
                if unit.section not in target_sections:
                    # "… phấn đấu 30% hộ có chữ ký số trong năm 2026; …" inside a task
                    items.extend(_task_targets(task["task"], base, plan_year, cues))
                continue
            for s in _sentences(sentence) if sentence is unit.text else [sentence]:
                base["quote"] = s
                fs = _folded(s)
                years = _YEAR.findall(s)
                vals = values_in(s, cues)
                if not vals:
                    continue
                if in_results or (last_year and re.match(rf"^(?:trong )?nam {last_year}\b", fs)):
                    s = _ITEM_START.sub("", s, count=1)
                    pieces = [p for p in s.split(";") if values_in(p, cues)]
                    for piece in pieces if len(pieces) > 1 else [s]:
                        items.append(
                            ProseItem(
                                "result",
                                _clean(piece),
                                year=last_year,
                                values=values_in(piece, cues),
                                **{**base, "quote": _clean(piece) if len(pieces) > 1 else s},
                            )
                        )
                elif (
                    unit.section not in target_sections
                    and cues.target.search(fs)
                    and years
                    and _PCT.search(s)
                ):
                    year = (
                        max(y for y in years if y >= (plan_year or "0"))
                        if any(y >= (plan_year or "0") for y in years)
                        else ""
                    )
                    if year:
                        # "A đạt 100%; phấn đấu B năm 2026 đạt 70%; 85% C": one target each.
                        parts = s.split(";")
                        pieces = [p for p in parts if _PCT.search(p)]
                        for piece in pieces if len(parts) > 1 else [s]:
                            pcts = [v for v in values_in(piece, cues) if v.endswith("%")]
                            quote = _clean(piece) if len(parts) > 1 else s
                            items.append(
                                ProseItem(
                                    "target",
                                    _clean(piece),
                                    year=year,
                                    values=pcts,
                                    **{**base, "quote": quote},
                                )
                            )
    items.extend(_leadless_items(units, items, plan_year, cues))
    _heading_partners(units, items, cues)
    return _linked_duties(units, items, plan_year, cues)


# ----------------------------------------------------------------------------- task units
# A section heading's own number ("5.3.", "a)", "II.") in front of its title.
_HEADING_MARK = re.compile(r"^\s*(?:[IVXLC]+[.)]|\d+(?:\.\d+)*[.)]?|[a-zđ][.)])\s+")
# Headings that name a part of the plan, not an agency ("Nhiệm vụ …", "Tổ chức thực hiện").
_PART_HEADING = re.compile(
    r"\b(?:nhiem vu|giai phap|to chuc thuc hien|phan cong|trach nhiem|muc tieu|chi tieu"
    r"|kinh phi|noi dung|ke hoach)\b"
)
# "thực hiện" / "triển khai" right after an assigned agency ("…; giao Phòng A thực hiện, …").
_DOER_VERB = r"(?:thuc hien|trien khai|dam nhiem|phu trach)"


def _heading_agency(section: str) -> str:
    """The agency a section heading names ("5.3. Công an xã" → "Công an xã"), else "": a short
    capitalised title that names no part of the plan and opens like an agency's name (not a
    field of the plan: "II. Xã hội số và dữ liệu số")."""
    title = _HEADING_MARK.sub("", section.split(SECTION_SEP)[-1], count=1).strip(" :.")
    if not title[:1].isupper() or not 2 <= len(title.split()) <= 12:
        return ""
    f = _folded(title)
    if _PART_HEADING.search(f) or re.search(r"[;:,]|\d", title) or re.search(r"\bchu tri\b", f):
        return ""
    return title if starts_like_agency(title) else ""


def _heading_duty(unit: _Unit, cues: Cues) -> str:
    """An item under an agency's heading that opens with the role verb and names no subject
    ("5.3. Công an xã" / "- Chủ trì bảo đảm …; hoàn thành …"): written as the agency's duty
    ("Công an xã: Chủ trì bảo đảm …"), so the heading is its lead. Else ""."""
    body = _ITEM_START.sub("", unit.text, count=1).strip()
    if not cues.lead.match(_folded(body)) or not _ITEM_START.match(unit.text):
        return ""
    agency = _heading_agency(unit.section)
    return f"{agency}: {body}" if agency else ""


# "Nhiệm vụ: X" / "Nội dung: X": the label that opens a task item before its other fields.
_TASK_LABEL = re.compile(r"^(?:ten\s+)?(?:nhiem vu|noi dung|cong viec|hoat dong)\s*:\s*")
# A heading over tasks that have no lead yet ("Nhiệm vụ chưa phân công chủ trì", "… chưa giao").
_UNASSIGNED_HEADING = re.compile(r"\bchua\s+(?:duoc\s+)?(?:phan cong|giao|co (?:don vi|co quan))\b")
# Characters around a labelled field's value ("— Thời hạn: 30/6/2026 —", "| Phối hợp: B |").
_FIELD_EDGE = " ,;.-–—|("


def _heading_fields(unit: _Unit, cues: Cues) -> dict | None:
    """A task item written as labelled fields under a heading that names its lead ("Công an
    xã" / "- Nhiệm vụ: X — Thời hạn: D — Phối hợp: P", fields apart by "—", ";", "|"): the
    heading's agency is the lead. Under a heading that says no lead is assigned ("… chưa phân
    công …") the task has no lead. None for an item with a lead of its own or no fields."""
    body = _ITEM_START.sub("", unit.text, count=1).strip()
    f = _folded(body)
    if cues.lead.search(f):
        return None  # it names its own lead: read as any task sentence
    found = sorted((m.start(), m.end(), kind) for kind, pat in cues.labels for m in pat.finditer(f))
    kinds = {kind for _, _, kind in found}
    if not kinds & {"deadline", "partners"}:
        return None
    heading = unit.section.split(SECTION_SEP)[-1]
    if _UNASSIGNED_HEADING.search(_folded(heading)):
        lead = ""
    else:
        lead = _heading_agency(unit.section)
        if not lead:
            return None
    values: dict[str, str] = {}
    for n, (_, end, kind) in enumerate(found):
        stop = found[n + 1][0] if n + 1 < len(found) else len(body)
        value = re.split(r"\.\s|\.$", body[end:stop].strip())[0]
        values.setdefault(kind, _clean(value.strip(_FIELD_EDGE)))
    head = body[: found[0][0]]
    m = _TASK_LABEL.match(_folded(head))
    task = _clean((head[m.end() :] if m else head).strip(_FIELD_EDGE))
    if len(task.split()) < 3:
        return None
    return {
        "task": task,
        "lead": lead,
        "partners": values.get("partners", ""),
        "deadline": values.get("deadline", ""),
    }


def _role_count(text: str, cues: Cues) -> int:
    """How many role cues a paragraph holds: "chủ trì", and an agency given a task to carry
    out ("giao Phòng A thực hiện")."""
    f = _folded(text)
    doers = re.findall(rf"(?:^|[\s,;.]){cues.assign_words}\s+[^,;.]{{3,80}}?\s{_DOER_VERB}\b", f)
    return len(cues.lead.findall(f)) + len(doers)


def _role_sentences(text: str, cues: Cues) -> list[str]:
    """A paragraph as its task units. One role cue: the paragraph is one unit. Several: one
    unit per sentence, where a sentence that only assigns ("Giao Phòng A chủ trì, B phối
    hợp, hoàn thành …") goes with the sentence before it that names the work and no role."""
    if _role_count(text, cues) <= 1:
        return [text]
    out: list[str] = []
    pending = ""  # the last sentence without a role cue, not yet used
    for s in _sentences(text):
        if _role_count(s, cues) == 0:
            if pending:
                out.append(pending)
            pending = s
            continue
        task = read_task(s, cues)
        if pending and (task is None or _assigns_only(s, cues)):
            out.append(f"{pending} {s}")
        else:
            if pending:
                out.append(pending)
            out.append(s)
        pending = ""
    if pending:
        out.append(pending)
    return out


def _assigns_only(sentence: str, cues: Cues) -> bool:
    """A sentence that opens by assigning ("Giao A chủ trì, B phối hợp, hoàn thành …") and
    holds no work of its own after the agencies and the deadline."""
    body = _ITEM_START.sub("", sentence, count=1).strip()
    f = _folded(body)
    if not cues.assign.match(f):
        return False
    _d, span = _deadline(body, cues)
    if span is not None:
        body = body[: span[0]] + body[span[1] :]
    rest = re.sub(r"[A-ZĐÀ-Ỹ][^,;.]*", "", body)  # names start in capitals
    words = [w for w in re.findall(r"\w+", _folded(rest))]
    cue_words = set(
        "giao cho de nghi yeu cau chu tri phoi hop voi va thuc hien trien khai cac".split()
    )
    return sum(1 for w in words if w not in cue_words) < 3


def _heading_partners(units: list[_Unit], items: list[ProseItem], cues: Cues) -> None:
    """Items under an agency's heading that say it takes part in another agency's task
    ("5.2. VNPT" / "- Phối hợp với Công an xã bảo đảm an toàn thông tin …"): the heading's
    agency joins the partners of the task item led by that agency whose words the item
    repeats."""
    tasks = [i for i in items if i.kind == "task" and i.lead]
    if not tasks:
        return
    for u in units:
        body = _ITEM_START.sub("", u.text, count=1).strip()
        pm = cues.partner.match(_folded(body))
        if pm is None or not _ITEM_START.match(u.text):
            continue
        agency = _heading_agency(u.section)
        if not agency:
            continue
        rest = _folded(body[pm.end() :])
        mine = _bigrams(body[pm.end() :])
        best, best_score = None, 0.0
        for t in tasks:
            if not rest.startswith(_folded(t.lead).strip()):
                continue
            own = _bigrams(t.text)
            score = len(own & mine) / len(own) if own else 0.0
            if score > best_score:
                best, best_score = t, score
        if best is None or best_score < 0.8 or _folded(agency) in _folded(best.partners):
            continue
        best.partners = f"{best.partners}, {agency}" if best.partners else agency


# "4. Phòng Kinh tế: …": an agency's duties written after its name and a colon.
_AGENCY_LABEL = re.compile(r"^\s*(?:\d{1,2}[.)]\s+|[a-zđ]\)\s+|[-+•–]\s+)?[^\W\d_][^:;]{2,90}:\s+")


def _agency_clauses(sentence: str, cues: Cues) -> list[str]:
    """ "Phòng A: chủ trì X, hoàn thành …; phối hợp …; chủ trì Y." -> one sentence per duty the
    agency leads ("Phòng A: chủ trì X, hoàn thành …", "Phòng A: chủ trì Y."), each with its own
    deadline; a clause with no cue is one more duty of the agency ("…; tổ chức Z"); clauses
    where it only takes part ("phối hợp …") are left out. Any other sentence as it is."""
    if len(cues.lead.findall(_folded(sentence))) < 2:
        return _one_duty_clauses(sentence, cues)
    m = _AGENCY_LABEL.match(sentence)
    if m is None:
        return [sentence]
    label, body = sentence[: m.end()], sentence[m.end() :]
    clauses = [c.strip() for c in body.split(";") if c.strip()]
    if sum(1 for c in clauses if cues.lead.match(_folded(c))) < 2:
        return [sentence]
    if not cues.lead.match(_folded(clauses[0])):
        return [sentence]
    lead = _folded(clauses[0])[: cues.lead.match(_folded(clauses[0])).end()]
    out = []
    for c in clauses:
        f = _folded(c)
        if cues.partner.match(f) or cues.lead.search(f) and not cues.lead.match(f):
            continue
        out.append(label + (c if cues.lead.match(f) else f"{clauses[0][: len(lead)]} {c}"))
    return out


def _one_duty_clauses(sentence: str, cues: Cues) -> list[str]:
    """ "Phòng A: chủ trì X; tham mưu Y trước ngày 10/12/2026." -> "Phòng A: chủ trì X" and
    "Phòng A: chủ trì tham mưu Y trước ngày 10/12/2026.": the deadline of a later duty is not
    the first one's. Clauses that only add partners or a deadline stay with the clause before
    them; a sentence whose first duty has its own deadline, or whose later duties have none,
    is left whole."""
    m = _AGENCY_LABEL.match(sentence)
    if m is None:
        return [sentence]
    label, body = sentence[: m.end()], sentence[m.end() :]
    lm = cues.lead.match(_folded(body))
    if lm is None:
        return [sentence]
    clauses: list[str] = []
    for c in (c.strip() for c in body.split(";")):
        if not c:
            continue
        deadline, span = _deadline(c, cues)
        rest = c.replace(c[span[0] : span[1]], "") if span else c
        if clauses and (cues.partner.match(_folded(c)) or len(rest.strip(" .,").split()) < 3):
            clauses[-1] = f"{clauses[-1]}; {c}"
        else:
            clauses.append(c)
    if len(clauses) < 2 or _deadline(clauses[0], cues)[0]:
        return [sentence]
    if not any(_deadline(c, cues)[0] for c in clauses[1:]):
        return [sentence]
    cue = body[: lm.end()]
    return [label + clauses[0]] + [f"{label}{cue} {c}" for c in clauses[1:]]


# Headings of the sections that list the plan's tasks
_TASK_HEADING = re.compile(r"\b(?:nhiem vu|giai phap)\b")


def _bigrams(text: str) -> set[tuple[str, str]]:
    words = re.findall(r"\w+", _folded(text))
    return set(zip(words, words[1:], strict=False))


def _linked_duties(
    units: list[_Unit], items: list[ProseItem], plan_year: str, cues: Cues
) -> list[ProseItem]:
    """Tasks listed without an agency under a tasks heading ("+ Rà soát … ; hoàn thành trong
    tháng 4/2026.") whose lead is given elsewhere, in an agency's paragraph that names the
    task's words ("1. Văn phòng xã: Chủ trì rà soát …"). Each such task becomes one task item
    with that agency as lead, its own deadline (else the duty's), quoting both; the duty items
    so linked are replaced by them. Where the plan links two tasks or more this way, a task of
    the same sections that no paragraph names is one whose lead the plan does not give."""
    duties = [i for i in items if i.kind == "task" and i.lead and _AGENCY_LABEL.match(i.quote)]
    if not duties:
        return items
    read = {i.line_start for i in items}
    # the duty's own words, not its partners' names ("chủ trì X, phối hợp với B")
    own = [re.split(r",\s*(?=" + cues.partner.pattern + ")", _folded(d.text))[0] for d in duties]
    grams = [_bigrams(text) for text in own]
    linked: list[tuple[_Unit, str, ProseItem | None]] = []
    for u in units:
        if u.line_start in read or not _ITEM_START.match(u.text):
            continue
        if not _TASK_HEADING.search(fold(u.section)) or u.text.rstrip().endswith(":"):
            continue
        body = _ITEM_START.sub("", u.text, count=1)
        deadline, span = _deadline(body, cues)
        task = _clean(body.replace(body[span[0] : span[1]], "") if span else body)
        task = task.rstrip(" ;,.:")
        if len(task.split()) < 4 or cues.lead.search(_folded(body)):
            continue
        mine = _bigrams(task)
        scores = [len(mine & g) for g in grams]
        best = max(scores)
        leads = {duties[k].lead for k, s in enumerate(scores) if s == best}
        duty = duties[scores.index(best)] if best >= 2 and len(leads) == 1 else None
        linked.append((u, deadline, duty))
    if sum(1 for _u, _d, duty in linked if duty is not None) < 2:
        return items
    sections = {u.section for u, _d, duty in linked if duty is not None}
    used = {id(duty) for _u, _d, duty in linked if duty is not None}
    out = [i for i in items if id(i) not in used]
    for u, deadline, duty in linked:
        if duty is None and u.section not in sections:
            continue
        body = _ITEM_START.sub("", u.text, count=1)
        _d, span = _deadline(body, cues)
        task = _clean(body.replace(body[span[0] : span[1]], "") if span else body)
        out.append(
            ProseItem(
                "task",
                task.rstrip(" ;,.:"),
                lead=duty.lead if duty else "",
                partners=_duty_partners(duty, cues) if duty else "",
                deadline=deadline or (duty.deadline if duty else ""),
                year=plan_year,
                quote=f"{u.text} — {duty.quote}" if duty else u.text,
                section=u.section,
                line_start=min(u.line_start, duty.line_start) if duty else u.line_start,
                line_end=max(u.line_end, duty.line_end) if duty else u.line_end,
            )
        )
    return out


def _duty_partners(duty: ProseItem, cues: Cues) -> str:
    """The partners of a duty: read with it, else those its text names after a comma
    ("chủ trì X, phối hợp với B và C")."""
    if duty.partners:
        return duty.partners
    m = re.search(r",\s*(?:" + cues.partner.pattern + r")", _folded(duty.text))
    return _clean(duty.text[m.end() :]).rstrip(" .;,") if m else ""


def _leadless_items(
    units: list[_Unit], items: list[ProseItem], plan_year: str, cues: Cues
) -> list[ProseItem]:
    """Task items that name no agency at all, in a list whose other items each name a lead
    ("a) Phòng A chủ trì …; b) Phòng B chủ trì …; c) Tổ chức ngày hội …"): one more task of
    that list, its lead left out by the plan. An item read as anything else is not one."""
    read = {i.line_start for i in items}
    led_at = {i.line_start for i in items if i.kind == "task" and i.lead}
    led: dict[tuple[str, str], int] = {}
    for u in units:
        if u.line_start in led_at and _ITEM_START.match(u.text):
            key = (u.section, _mark_kind(u.text))
            led[key] = led.get(key, 0) + 1
    out: list[ProseItem] = []
    for u in units:
        if u.line_start in read or not _task_item(u, cues):
            continue
        if led.get((u.section, _mark_kind(u.text)), 0) < 2 or cues.money.search(_folded(u.text)):
            continue
        body = _ITEM_START.sub("", u.text, count=1)
        deadline, span = _deadline(body, cues)
        task = _clean(body.replace(body[span[0] : span[1]], "") if span else body)
        task = task.rstrip(" ;,.:")
        if len(task.split()) < 4 or body.rstrip().endswith(":"):
            continue
        out.append(
            ProseItem(
                "task",
                task,
                lead="",
                partners="",
                deadline=deadline,
                year=plan_year,
                quote=u.text,
                section=u.section,
                line_start=u.line_start,
                line_end=u.line_end,
            )
        )
    return out


# A line that gives the sources of the money: "Nguồn: …", "Nguồn kinh phí: …"
_SOURCES_LINE = re.compile(r"^\s*(?:[-+•]\s*)?nguon(?: kinh phi| von)?\s*:\s*")


# "Nhiệm vụ 6. …", "Hoạt động 2: …": a task item labelled with its number.
_LABELLED_ITEM = re.compile(r"^\s*(?:nhiem vu|hoat dong|cong viec)\s+\d{1,2}\s*[.:)]\s")


def _task_item(unit: _Unit, cues: Cues) -> bool:
    """A numbered or bulleted item outside the closing "tổ chức thực hiện" section: where a
    task that names partners only is read as a task without a lead. A paragraph with labelled
    fields of two kinds ("… Phối hợp: B. Thời hạn: Quý II/2026.") is such an item too."""
    f = _folded(unit.text)
    fields = {kind for kind, pat in cues.labels if pat.search(f)}
    if not _ITEM_START.match(unit.text) and not _LABELLED_ITEM.match(f) and len(fields) < 2:
        return False
    return not re.search(r"\bto chuc thuc hien\b", _folded(unit.section))


def _opens_budget_lines(units: list[_Unit], k: int, cues: Cues) -> list[ProseItem] | None:
    """Budget lines that no total sentence opens: an intro line of a budget section ("Kinh
    phí … được bố trí từ ngân sách xã, cụ thể:") followed by marked lines with one amount
    each, or the first such line right under a budget heading. Returns the items of unit `k`
    (none for an intro) when it opens them, else None."""
    unit = units[k]
    heading = _folded(unit.section.split(SECTION_SEP)[-1])
    f = _folded(unit.text)

    def budget_line(n: int) -> bool:
        if n >= len(units) or units[n].section != unit.section:
            return False
        if not _mark_kind(units[n].text) and not _named_amount(units[n].text, cues):
            return False
        return len(cues.money.findall(_folded(units[n].text))) == 1

    if unit.text.rstrip().endswith(":") and not cues.money.search(f):
        if (cues.budget_heading.search(f) or cues.budget_heading.search(heading)) and budget_line(
            k + 1
        ):
            return []
        return None
    # lines printed without an amount may come first ("- Kéo cáp: doanh nghiệp tự đầu tư.")
    unpriced = []
    j = k
    while j > 0 and units[j - 1].section == unit.section:
        prev = units[j - 1].text
        named = re.match(r"(.+?)\s*:\s*(\S.*)$", _LEVEL_MARK.sub("", prev, count=1))
        if not (_mark_kind(prev) and named and not cues.money.search(_folded(prev))):
            break
        if len(named.group(1).split()) > _MAX_LINE_NAME_WORDS:
            break
        unpriced.insert(0, _unpriced_line(named.group(1), named.group(2), units[j - 1]))
        j -= 1
    first = j == 0 or units[j - 1].section != unit.section
    if first and cues.budget_heading.search(heading) and budget_line(k) and budget_line(k + 1):
        text = _LEVEL_MARK.sub("", unit.text, count=1)
        m = cues.money.search(_folded(text))
        if m is None:
            return None
        line = _budget_line(text, unit, m)
        named = re.match(r"(.+?)\s*:\s*$", text[: m.start()])
        rest = text[m.end() :].strip(" .;,")
        if named and not rest:
            line.text = _clean(named.group(1))
        elif named and re.fullmatch(r"\([^()]+\)", rest):
            line.text = _clean(f"{named.group(1)} {rest}")
        return [*unpriced, line]
    return None


_MAX_LINE_NAME_WORDS = 15
_NAMED_AMOUNT = re.compile(r"^\s*([^:]{3,100}?)\s*:\s*(?=\d)")


def _named_amount(text: str, cues: Cues) -> bool:
    """An unmarked budget line: a short name, a colon and right after it the amount ("Nâng
    cấp mạng nội bộ: 95 triệu đồng.")."""
    m = _NAMED_AMOUNT.match(text)
    return (
        m is not None
        and len(m.group(1).split()) <= _MAX_LINE_NAME_WORDS
        and cues.money.match(_folded(text), m.end()) is not None
    )


def _named_with_parts(text: str, cues: Cues) -> bool:
    """A named budget line whose amount is split in brackets after it ("Lắp loa thông minh: 260
    triệu đồng (doanh nghiệp 200 triệu đồng, ngân sách xã 60 triệu đồng)."): one line, the
    bracket its note."""
    if not _named_amount(text, cues):
        return False
    m = cues.money.search(_folded(text), _NAMED_AMOUNT.match(text).end())
    rest = text[m.end() :].strip(" .;,") if m is not None else ""
    return bool(re.fullmatch(r"\([^()]+\)", rest))


def _unpriced_line(name: str, said: str, unit: _Unit) -> ProseItem:
    """A budget line printed without an amount: what it says instead ("chưa xác định")
    is kept as printed, with no amount."""
    return ProseItem(
        "budget",
        _clean(name),
        quote=_clean(_LEVEL_MARK.sub("", unit.text, count=1)),
        section=unit.section,
        line_start=unit.line_start,
        line_end=unit.line_end,
        amount_raw=_clean(said).rstrip(" .;"),
    )


def _heading_total(unit: _Unit, lines: list[str], cues: Cues) -> list[ProseItem]:
    """The plan's total stated by the heading the budget lines are under ("1. Tổng kinh phí
    năm 2026: 1.386 triệu đồng, gồm:"): a budget total quoting that heading; [] when the
    heading states none."""
    head = unit.section.split(SECTION_SEP)[-1]
    f = _folded(head)
    tm = cues.budget_total.search(f)
    m = cues.money.search(f, tm.end()) if tm is not None else None
    if m is None:
        return []
    at = next(
        (n for n in range(unit.line_start - 2, -1, -1) if _clean(lines[n]) == _clean(head)),
        unit.line_start - 2,
    )
    return [
        ProseItem(
            "budget_total",
            _clean(head[: m.end()]),
            quote=_clean(head),
            section=unit.section,
            line_start=at + 1,
            line_end=at + 1,
            amount=_parse_number(m.group(1)),
            amount_raw=head[m.start(1) : m.end(1)],
            unit=head[m.start(2) : m.end(2)],
        )
    ]


def _total_line(unit: _Unit, cues: Cues) -> list[ProseItem]:
    """The total closing a run of budget lines ("Tổng cộng: 300 triệu đồng (Bằng chữ: …)")."""
    m = cues.money.search(_folded(unit.text))
    if m is None:
        return []
    return [
        ProseItem(
            "budget_total",
            _clean(unit.text[: m.end()]),
            quote=unit.text,
            section=unit.section,
            line_start=unit.line_start,
            line_end=unit.line_end,
            amount=_parse_number(m.group(1)),
            amount_raw=unit.text[m.start(1) : m.end(1)],
            unit=unit.text[m.start(2) : m.end(2)],
        )
    ]


def _task_targets(task: str, base: dict, plan_year: str, cues: Cues) -> list[ProseItem]:
    """Targets a task's own words set: each clause with a target cue, a percentage and a
    year from the plan's year on (the task's deadline is not in `task`)."""
    out = []
    for piece in task.split(";"):
        years = [y for y in _YEAR.findall(piece) if y >= (plan_year or "0")]
        if not years or not _PCT.search(piece) or not cues.target.search(_folded(piece)):
            continue
        pcts = [v for v in values_in(piece, cues) if v.endswith("%")]
        if len(pcts) != 1:
            continue
        # the clause with the value names what it measures ("…, phấn đấu 30% hộ …")
        clause = next((c for c in piece.split(", ") if _PCT.search(c)), piece)
        if len(clause.split()) >= 4 and _YEAR.search(clause):
            piece = clause
        out.append(
            ProseItem(
                "target",
                _clean(piece),
                year=max(years),
                values=pcts,
                **{**base, "quote": _clean(piece)},
            )
        )
    return out


def _budget(unit: _Unit, cues: Cues) -> list[ProseItem]:
    f = _folded(unit.text)
    tm = cues.budget_total.search(f)
    first = cues.money.search(f, tm.end())
    if first is None:
        return []
    base = dict(
        quote=unit.text, section=unit.section, line_start=unit.line_start, line_end=unit.line_end
    )
    total = ProseItem(
        "budget_total",
        _clean(unit.text[: first.end()]),
        amount=_parse_number(first.group(1)),
        amount_raw=unit.text[first.start(1) : first.end(1)],
        unit=unit.text[first.start(2) : first.end(2)],
        **base,
    )
    out = [total]
    bm = cues.breakdown.search(f, first.end()) or cues.breakdown_list.search(f, first.end())
    if bm is None:
        return out + _funds_lines(unit, cues, first.end())
    out.extend(_breakdown(unit.text[bm.end() :], unit, cues))
    return out


_LEVEL_MARK = re.compile(
    r"^\s*(?:(?P<roman>[IVX]+[.)])|(?P<upper>[A-ZĐ][.)])|(?P<num>\d+(?:\.\d+)*[.)])"
    r"|(?P<lower>[a-zđ][.)])|(?P<bullet>[-+•–*]))\s+"
)
_GROUP_TAIL = re.compile(r"[,;]?\s*(?:bao gồm|gồm|trong đó|như sau|cụ thể)?\s*:\s*$")


def _mark_kind(text: str) -> str:
    """The kind of list marker a line opens with ("roman", "upper", "num", "lower", "bullet")."""
    m = _LEVEL_MARK.match(text)
    return m.lastgroup or "" if m else ""


def _sub_heading(section: str, home: str) -> str:
    """The heading right under `home` that `section` lies in, else ""."""
    if not home or not section.startswith(home + SECTION_SEP):
        return ""
    return section[len(home) + len(SECTION_SEP) :].split(SECTION_SEP)[0]


def _funds_label(heading: str, cues: Cues) -> str:
    """'I. Ngân sách xã: 586 triệu đồng, trong đó:' → 'Ngân sách xã' (the source its lines
    are paid from); "" when the heading carries no amount."""
    if not heading or not cues.money.search(_folded(heading)):
        return ""
    label = re.sub(r"^\s*(?:[IVX]+|\d+|[a-zđ])[.)]\s*", "", heading).split(":")[0]
    label = _clean(re.split(r"\d", label)[0])
    return label if 0 < len(label.split()) <= 10 else ""


def _subtotal_headings(
    unit: _Unit, lines: list[str], paths: list[str], cues: Cues
) -> list[ProseItem]:
    """Headings under the budget paragraph's section that carry one amount ("I. Ngân sách xã:
    586 triệu đồng, trong đó:", "II. Nguồn xã hội hóa: 540 triệu đồng (…)"): one budget line
    each, its words as printed (they name the source of the money)."""
    out: list[ProseItem] = []
    seen: set[str] = set()
    for n, path in enumerate(paths):
        head = _sub_heading(path, unit.section)
        if not head or head in seen or n >= len(lines) or _clean(lines[n]) != _clean(head):
            continue
        seen.add(head)
        money = list(cues.money.finditer(_folded(head)))
        if len(money) != 1:
            continue
        text = re.sub(r"^\s*(?:[IVX]+|\d+)[.)]\s*", "", head)
        m = cues.money.search(_folded(text))
        if m is None:
            continue
        sub = _Unit(text, n + 1, n + 1, path)
        out.append(_budget_line(_clean(text.replace("trong đó", "")), sub, m))
    return out


def _task_budget(unit: _Unit, task: str, cues: Cues) -> list[ProseItem]:
    """The budget of one task written in its paragraph ("Tổng kinh phí dự kiến 350 triệu
    đồng, trong đó ngân sách xã 150 triệu đồng…", "Kinh phí 420 triệu đồng từ ngân sách
    tỉnh"): one budget line named after the task, quoting the sentence with the amount. It
    is never the total of the plan."""
    for sentence in _sentences(unit.text):
        m = cues.money.search(_folded(sentence))
        if m is None:
            continue
        return [_budget_line(sentence, unit, m, task=task, source=_source_of(sentence, cues))]
    # "Kinh phí dự kiến: sử dụng kinh phí thường xuyên": the task's budget label says how it
    # is paid instead of an amount; kept as printed ("—" states nothing)
    f = _folded(unit.text)
    for kind, pat in cues.labels:
        m = pat.search(f) if kind == "budget" else None
        if m is None:
            continue
        said = re.split(r";|\.\s|\.$", unit.text[m.end() :])[0].strip(" ,;.-–(")
        if said and not blank_value(said) and len(said.split()) <= _MAX_LINE_NAME_WORDS:
            line = _unpriced_line(task, said, unit)
            line.of_task = True
            return [line]
    return []


def _source_of(sentence: str, cues: Cues) -> str:
    """'… 420 triệu đồng từ ngân sách tỉnh hỗ trợ.' → 'ngân sách tỉnh hỗ trợ'."""
    m = cues.source.search(_folded(sentence))
    if m is None:
        return ""
    return _clean(re.split(r"[;.,(]", sentence[m.start(1) :])[0])


def _funds_lines(unit: _Unit, cues: Cues, start: int = 0) -> list[ProseItem]:
    """The shares of the total by source after a funds intro ("Nguồn kinh phí: ngân sách xã
    515 triệu đồng; vốn … 350 triệu đồng") at or after `start`; [] without one."""
    m = cues.funds_intro.search(_folded(unit.text), start)
    if m is None:
        return []
    lines = _breakdown(unit.text[m.end() :], unit, cues)
    for line in lines:
        line.funds = True
    return lines


def _breakdown(tail: str, unit: _Unit, cues: Cues) -> list[ProseItem]:
    """Budget lines of "…, trong đó: A 540 triệu đồng; B 310 triệu đồng (…); C 15 triệu đồng"."""
    out = []
    for part in re.split(r";|\.\s+(?=[A-ZĐ])", tail):
        part = _clean(part)
        pf = _folded(part)
        money = list(cues.money.finditer(pf))
        if len(money) > 1:  # "A 800 triệu đồng, B 200 triệu đồng, C 200 triệu đồng"
            for piece in re.split(r",\s+(?=\D)", part):
                piece = _clean(piece)
                found = list(cues.money.finditer(_folded(piece)))
                if len(found) == 1:
                    out.append(_budget_line(piece, unit, found[0]))
            continue
        if not money:
            out.extend(_paid_lines(part, unit, cues))
        if len(money) != 1:
            continue
        out.append(_budget_line(part, unit, money[0]))
    return out


def _paid_lines(text: str, unit: _Unit, cues: Cues) -> list[ProseItem]:
    """Budget lines without an amount that say who pays ("Nhiệm vụ phủ sóng 4G do doanh
    nghiệp tự bảo đảm kinh phí."): named by the words before the payer, the payer as their
    source and what the plan says as printed in place of an amount."""
    out = []
    for sentence in _sentences(_LEVEL_MARK.sub("", text, count=1)):
        m = cues.paid_by.search(_folded(sentence))
        name = _clean(sentence[: m.start()]) if m is not None else ""
        if m is None or not 1 <= len(name.split()) <= _MAX_LINE_NAME_WORDS:
            continue
        line = _unpriced_line(name, sentence[m.start() :], unit)
        line.quote = _clean(sentence)
        line.source = _clean(sentence[m.start("who") : m.end("who")])
        out.append(line)
    return out


def _budget_line(
    part: str, unit: _Unit, m: re.Match, task: str | None = None, source: str = ""
) -> ProseItem:
    """A budget line with the amount `m` found in `part`; with `task`, the budget of that task
    (the whole sentence is the quote)."""
    of_task = task is not None
    text = _clean(part) if of_task else _clean(_ITEM_START.sub("", part, count=1))
    return ProseItem(
        "budget",
        task if of_task else text,
        quote=text,
        section=unit.section,
        line_start=unit.line_start,
        line_end=unit.line_end,
        amount=_parse_number(m.group(1)),
        amount_raw=part[m.start(1) : m.end(1)],
        unit=part[m.start(2) : m.end(2)],
        source=source,
        of_task=of_task,
    )
