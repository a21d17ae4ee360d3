"""Plan tables and target lists → records (one per indicator / task / target).

Tables are read by rag.understand.tables (tab-separated, markdown pipe, HTML, PDF-flattened;
header found and columns classified by role, in any order). A PDF-flattened table whose
columns cannot be split keeps each row as task + raw text and counts it as unparsed. The
numbered/bulleted lists of the "Mục tiêu" sections become target records. Every field keeps
its original text beside the normalised value; rows that cannot be read are reported with
their line numbers, never dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rag.chunking import SECTION_SEP, SectionStack, heading_level
from rag.tables.agencies import AgencyMap
from rag.tables.legal import find_mentions
from rag.text import fold, nfc
from rag.understand import year_cells
from rag.understand.budget_years import read_year_budgets
from rag.understand.crossref import CrossRefs, Point, read_crossrefs
from rag.understand.matrix import matrix_roles
from rag.understand.money import UNIT_SCALE as _UNIT_SCALE
from rag.understand.periods import as_fields, read_period
from rag.understand.prose import ProseItem, blank_value, load_cues, read_prose, values_in
from rag.understand.schedule import inline_deadline, period_columns, schedule_span
from rag.understand.tables import (
    Row,
    Table,
    cell_items,
    clean_inline,
    find_tables,
    join_wrapped,
    row_kind,
    split_cell_roles,
    table_kind,
)
from rag.understand.task_codes import code_names, row_code

_YEAR_RE = re.compile(r"(20\d\d)")
_PCT_RE = re.compile(
    r"(?:(?P<q>đạt trên|trên|dưới|tối thiểu|ít nhất|từ|≥|>=|không thấp hơn)\s+)?"
    r"(?P<n>\d{1,3}(?:[.,]\d+)?)\s*%(?:\s*(?P<up>trở lên))?",
    re.I,
)
_BULLET_RE = re.compile(r"^\s*(?:[-+•–]\s+|\*\s+)")
_TARGET_HEAD_RE = re.compile(r"^(?:[ivx]+\.|\d+\.|[a-zđ][.)])?\s*muc tieu\b")
# "PHẦN III MỤC TIÊU, CHỈ TIÊU", "Chương 2. Mục tiêu": a part's own heading, when it does not
# hold the tasks too ("PHẦN II. MỤC TIÊU VÀ NHIỆM VỤ": its lists are tasks)
_PART_TARGET_HEAD_RE = re.compile(
    r"^(?:phan|chuong)(?: thu)?\s+(?:[ivx]+|\d+|\w+)\.?\s*muc tieu\b(?!.*\b(?:nhiem vu|giai phap)\b)"
)
# "(3) Diện tích … đạt 1.250 ha.": an enumerated target, one item of the list
_ENUM_ITEM_RE = re.compile(r"^\s*\(\d{1,2}\)\s+\S")
_LABEL_ITEM_RE = re.compile(r"^\s*(?:\d{1,2}|[a-zđ])\)\s+\S.*:\s*$")
_SKIP_ITEM_RE = re.compile(r"^(chi tiet|co phu luc|kem theo|\(co phu luc)")
QUOTE_CHARS = 600
_MONEY_UNITS = (
    (r"\btrieu\b", "triệu đồng"),
    (r"\b(nghin|ngan)\b", "nghìn đồng"),
    (r"\b(ty|ti)\b", "tỷ đồng"),
    (r"\b(dong|vnd)\b", "đồng"),
)


@dataclass
class Record:
    commune: str
    doc_id: str
    kind: str  # indicator | task | budget | result | target
    section: str
    table: str = ""
    group: str = ""
    row_no: str = ""
    indicator: str = ""
    indicator_raw: str = ""
    lead: str = ""
    leads: list[str] = field(default_factory=list)
    lead_keys: list[str] = field(default_factory=list)
    lead_raw: str = ""
    partners: list[str] = field(default_factory=list)
    partner_keys: list[str] = field(default_factory=list)
    partners_raw: str = ""
    has_partner_column: bool = False
    # the layout has a place for the lead (a lead column, a task sentence or numbered task
    # point): an empty lead there means the plan does not name one
    has_lead_column: bool = False
    targets: dict[str, str] = field(default_factory=dict)
    targets_raw: dict[str, str] = field(default_factory=dict)
    target_values: dict[str, dict] = field(default_factory=dict)
    year: str = ""
    deadline: str = ""
    deadline_raw: str = ""
    start: str = ""  # when the task starts (a "Bắt đầu" column), as printed
    periods: dict[str, str] = field(default_factory=dict)  # marked periods of a schedule grid
    # the deadline as ISO dates (rag.understand.periods): first day covered, due window
    due_start: str = ""
    due_from: str = ""
    due_end: str = ""
    has_deadline_column: bool = False
    deadline_column: str = ""  # header of the deadline column, as printed
    output: str = ""  # expected output / product
    unit: str = ""  # unit of the values (đơn vị tính)
    baseline: str = ""  # value before the plan (kết quả năm trước, hiện trạng)
    baseline_year: str = ""
    legal_basis: str = ""
    legal_basis_raw: str = ""
    legal_refs: list[str] = field(default_factory=list)
    actions: str = ""
    result: str = ""  # same as output (kept for readers of older stores)
    status: str = ""
    note: str = ""
    budget: float | None = None
    budget_raw: str = ""
    budget_unit: str = ""
    source: str = ""  # where the money comes from (nguồn kinh phí)
    # the parts of the budget in their own columns ("Kinh phí NSNN": "500"), as printed
    budget_parts: dict[str, str] = field(default_factory=dict)
    # the activities a year-column task table writes for the task, year by year: matched as
    # part of its name (rag.understand.year_cells)
    activities: str = ""
    origin: str = "table"  # table | list (Mục tiêu lists) | prose (sentences)
    quote: str = ""
    raw: str = ""
    line_start: int = 0
    line_end: int = 0


@dataclass
class Unparsed:
    line_start: int
    line_end: int
    reason: str
    raw: str
    section: str = ""


@dataclass
class BudgetCheck:
    table: str
    section: str
    stated_total: float | None
    stated_raw: str
    computed_total: float
    rows: int
    unit: str
    line: int
    # The total as printed: its table row ("Tổng cộng; Số tiền (đồng): 973.000.000") or the
    # sentence that states it (prose plans).
    quote: str = ""
    # A total the prose states beside the budget table's own total row, with another amount:
    # the plan contradicts itself (both are shown).
    restates: bool = False
    # A budget table with one column per year (rag.understand.budget_years.YearBudget.as_dict):
    # each year's amount, from its total row or its lines; {} when the plan has none.
    years: dict = field(default_factory=dict)
    # The total row's amounts in the budget's part columns (sources: "Xã hội hóa": "270"), as
    # printed; {} when the table has no such columns or no total row.
    parts: dict = field(default_factory=dict)

    @property
    def difference(self) -> float | None:
        if self.stated_total is None:
            return None
        return round(self.computed_total - self.stated_total, 3)


@dataclass
class ParsedDoc:
    doc_id: str
    commune: str
    plan_year: str
    records: list[Record] = field(default_factory=list)
    unparsed: list[Unparsed] = field(default_factory=list)
    budget_checks: list[BudgetCheck] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)  # section path of every line (0-based)


# ----------------------------------------------------------------------------- helpers
def plan_year(title: str, text: str = "") -> str:
    m = re.search(r"năm\s+(20\d\d)", title, flags=re.I) or _YEAR_RE.search(title)
    if m:
        return m.group(1)
    m = re.search(r"năm\s+(20\d\d)", text[:3000], flags=re.I)
    return m.group(1) if m else ""


def parse_number(text: str) -> float | None:
    """Vietnamese number: "844", "1.234", "12,5" → float."""
    t = clean_inline(text).strip()
    m = re.fullmatch(r"(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?", t)
    if not m:
        return None
    whole = m.group(1).replace(".", "")
    return float(f"{whole}.{m.group(2)}") if m.group(2) else float(whole)


def format_amount(value: float) -> str:
    """1110.0 -> "1.110"; 973000000.0 -> "973.000.000"; 12.5 -> "12,5" (Vietnamese grouping)."""
    whole, _, frac = f"{value:,.3f}".rstrip("0").rstrip(".").partition(".")
    return whole.replace(",", ".") + (f",{frac}" if frac else "")


def money_unit(header: str) -> str:
    """Currency unit of a budget column from its header: "Số tiền (đồng)" -> "đồng"."""
    head = fold(header)
    for pattern, unit in _MONEY_UNITS:
        if re.search(pattern, head):
            return unit
    return ""


def percent_values(text: str) -> list[dict]:
    out = []
    for m in _PCT_RE.finditer(text):
        value = float(m.group("n").replace(",", "."))
        qual = (m.group("q") or "").lower()
        if m.group("up"):
            qual = qual or "trở lên"
        out.append({"value": value, "unit": "%", "qualifier": qual, "text": m.group(0).strip()})
    return out


def split_targets(text: str) -> list[str]:
    """Split "A đạt 100%, tỷ lệ B đạt 100%" / "A 100%; B 100%" into one clause per value."""
    parts = [text]
    for pattern in (r";\s+", r",\s+(?=[Tt]ỷ lệ\s)"):
        nxt = []
        for p in parts:
            pieces = re.split(pattern, p)
            if len(pieces) > 1 and all(percent_values(x) and len(x.split()) >= 4 for x in pieces):
                nxt.extend(pieces)
            else:
                nxt.append(p)
        parts = nxt
    return [p.strip().rstrip(";") for p in parts if p.strip()]


def section_paths(
    lines: list[str], table_lines: set[int] | frozenset[int] = frozenset()
) -> tuple[list[str], list[bool]]:
    """(section path of each line, whether the line is a heading); table lines (0-based
    indexes in table_lines, or tab-separated) are never headings."""
    secs = SectionStack()
    paths: list[str] = []
    heads: list[bool] = []
    for i, raw in enumerate(lines):
        is_head = False
        if raw.strip() and "\t" not in raw and i not in table_lines:
            nxt = next((ln for ln in lines[i + 1 : i + 4] if ln.strip()), "")
            level = heading_level(raw, nxt)
            if level is not None:
                secs.push(level, clean_inline(raw))
                is_head = True
            else:
                secs.last_was_top = False
        paths.append(secs.path())
        heads.append(is_head)
    return paths, heads


# ----------------------------------------------------------------------------- parser
def _point_record(doc: ParsedDoc, kind: str, point: Point, sentence: str, line: int) -> Record:
    """A record for a numbered task point that a sentence elsewhere refers to (its lead or its
    amount): named by the point, quoted with both, spanning both lines."""
    rec = Record(doc.commune, doc.doc_id, kind, point.section, "", "")
    rec.origin = "prose"
    rec.row_no = str(point.number)
    rec.indicator = point.text
    rec.indicator_raw = rec.raw = f"{point.number}. {point.text}"
    rec.quote = f"{point.number}. {point.text}" + (f" — {sentence}" if sentence else "")
    rec.quote = rec.quote[: QUOTE_CHARS * 2]
    rec.line_start, rec.line_end = min(point.line, line) + 1, max(point.line, line) + 1
    rec.year = doc.plan_year
    return rec


class PlanParser:
    """Parses one plan's text into records."""

    def __init__(self, agencies: AgencyMap | None = None) -> None:
        self.agencies = agencies or AgencyMap()

    def parse(self, text: str, doc_id: str, commune: str, title: str = "") -> ParsedDoc:
        text = nfc(text).replace("\r\n", "\n")
        lines = text.split("\n")
        tables = find_tables(text)
        in_tables = {n for t in tables for n in range(t.line_start - 1, t.line_end)}
        paths, heads = section_paths(lines, in_tables)
        doc = ParsedDoc(doc_id, commune, plan_year(title, text), sections=paths)
        self._codes = code_names(tables)  # tasks named elsewhere by their code ("NV05")
        for table in tables:
            section = paths[table.line_start - 1]
            for bad in table.bad:
                doc.unparsed.append(
                    Unparsed(bad.line_start, bad.line_end, bad.reason, bad.raw, section)
                )
            if table.split:
                self._grid_table(doc, table, section)
            else:
                self._flat_table(doc, table, section)
        target_sections = self._target_lists(doc, lines, paths, heads, in_tables)
        skip = in_tables | {n for n, head in enumerate(heads) if head}
        items = read_prose(lines, paths, skip, doc.plan_year, target_sections)
        self._prose_records(doc, items)
        self._crossref_records(doc, read_crossrefs(lines, paths, skip))
        _attach_year_budget(doc, lines, paths)
        for rec in doc.records:
            if rec.deadline:
                found = read_period(rec.deadline, doc.plan_year, rec.start)
                rec.due_start, rec.due_from, rec.due_end = as_fields(found).values()
        return doc

    # ------------------------------------------------------- assignments by reference
    def _crossref_records(self, doc: ParsedDoc, refs: CrossRefs) -> None:
        """Task records for numbered points assigned by reference in another section, and
        budget records for amounts given per point number (rag.understand.crossref). They
        replace the records read from the referring sentences themselves."""
        if not refs.assignments and not refs.amounts:
            return
        doc.records = [
            r
            for r in doc.records
            if r.origin != "prose"
            or r.kind not in ("task", "budget")
            or not any(n - 1 in refs.lines for n in range(r.line_start, r.line_end + 1))
        ]
        if refs.amounts:  # amounts per task stand as the budget lines: the sources are parts
            for r in doc.records:
                if r.origin == "prose" and r.kind == "budget" and r.source:
                    r.kind = "budget_source"
        by_point: dict[int, Record] = {}
        for a in refs.assignments:
            point = a.point
            rec = _point_record(doc, "task", point, a.sentence, a.line)
            self._fill_agencies(rec, a.lead, a.partners or None)
            rec.has_partner_column = False
            if a.partners and not rec.partners:
                rec.partners = [a.partners]
                rec.partner_keys = [f"~{fold(a.partners)}"]
            rec.has_deadline_column = rec.has_lead_column = True
            rec.deadline = rec.deadline_raw = point.deadline
            by_point[point.line] = rec
            doc.records.append(rec)
        for m in refs.amounts:
            point = m.point
            rec = _point_record(doc, "budget", point, m.sentence, m.line)
            rec.budget_raw, rec.budget_unit = m.amount_raw, m.unit
            rec.budget = parse_number(m.amount_raw)
            task = by_point.get(point.line)
            if task is not None:
                rec.lead, rec.leads, rec.lead_keys = task.lead, task.leads, task.lead_keys
                task.budget_raw, task.budget_unit, task.budget = (
                    rec.budget_raw,
                    rec.budget_unit,
                    rec.budget,
                )
            doc.records.append(rec)

    # ------------------------------------------------------------------ agencies
    def _fill_agencies(self, rec: Record, lead_cell: str, partner_cell: str | None) -> None:
        lead_cell = "" if blank_value(lead_cell) else lead_cell  # "—": no lead named
        if partner_cell is not None and blank_value(partner_cell):
            partner_cell = ""
        rec.lead_raw = " ".join(lead_cell.split())
        leads = self.agencies.find(clean_inline(lead_cell), rec.commune) if lead_cell else []
        rec.leads = [e.name for e in leads]
        rec.lead_keys = [e.key or f"~{fold(e.name)}" for e in leads]
        rec.lead = "; ".join(rec.leads)
        if partner_cell is not None:
            rec.has_partner_column = True
            rec.partners_raw = " ".join(partner_cell.split())
            parts = self.agencies.find(clean_inline(partner_cell), rec.commune)
            rec.partners = [e.name for e in parts]
            rec.partner_keys = [e.key or f"~{fold(e.name)}" for e in parts]

    # ------------------------------------------------------------- grid tables
    def _grid_table(self, doc: ParsedDoc, table: Table, section: str) -> None:
        title = section.split(SECTION_SEP)[-1] if section else ""
        table_year = _table_year(title, doc.plan_year)
        if not table.has_header:
            for row in table.rows:
                doc.unparsed.append(
                    Unparsed(row.line_start, row.line_end, "bảng không có dòng tiêu đề", row.text)
                )
            return
        kind = table_kind(table, title)
        _past_years_are_baselines(table, doc.plan_year)
        unit = (
            (money_unit(table.name("budget")) or money_unit(table.caption))
            if kind == "budget"
            else ""
        )
        for row in table.rows:
            doc.records.extend(
                self._row_records(doc, table, row, kind, section, title, table_year, unit)
            )
        if kind == "budget":
            recs = [r for r in doc.records if r.table == title and r.kind == "budget"]
            stated_raw, stated, quote, parts = "", None, "", {}
            if table.total is not None:
                stated_raw = clean_inline(table.cell(table.total, "budget") or "")
                stated = parse_number(stated_raw)
                label = next((c for c in map(clean_inline, table.total.cells) if c), "")
                quote = f"{label}; {table.name('budget', 'Kinh phí')}: {stated_raw}"
                parts = {
                    c.header: clean_inline(table.total.cells[c.index])
                    for c in table.columns
                    if c.role == "budget_part" and c.index < len(table.total.cells)
                }
            doc.budget_checks.append(
                BudgetCheck(
                    title,
                    section,
                    stated,
                    stated_raw,
                    round(sum(r.budget or 0 for r in recs), 3),
                    len(recs),
                    unit,
                    table.total.line_start if table.total else 0,
                    quote,
                    parts={k: v for k, v in parts.items() if v},
                )
            )

    def _row_records(
        self,
        doc: ParsedDoc,
        table: Table,
        row: Row,
        kind: str,
        section: str,
        title: str,
        table_year: str,
        unit: str,
    ) -> list[Record]:
        def cell(role: str) -> str:
            return table.cell(row, role) or ""

        raw_text = row.text
        items = cell_items(cell("indicator"))
        code = row_code(table, row, getattr(self, "_codes", {}))
        if not items and code:  # a row keyed by a task code only: the task it names
            printed, name = self._codes[code]
            items = [f"{name} ({printed})"]
        if not items:
            doc.unparsed.append(
                Unparsed(
                    row.line_start,
                    row.line_end,
                    f"hàng {row.no} không có tên chỉ tiêu/nhiệm vụ",
                    raw_text,
                    section,
                )
            )
            return []
        kind = row_kind(kind, items[0])
        base = Record(doc.commune, doc.doc_id, kind, section, title, row.group, row.no)
        base.line_start, base.line_end, base.raw, base.year = (
            row.line_start,
            row.line_end,
            raw_text,
            table_year,
        )
        lead_cell, partner_cell = cell("lead"), table.cell(row, "partners")
        if partner_cell is None and lead_cell:
            # one agency cell marks each role: "A (chủ trì); B, C (phối hợp)"
            roles = split_cell_roles(lead_cell)
            if roles is not None:
                lead_cell, partner_cell = roles.lead, roles.partners or None
        matrix = matrix_roles(table, row) if table.index("lead") is None else None
        if matrix is not None:  # one column per agency, a role mark in each cell
            lead_cell, partner_cell = matrix.lead, matrix.partners
        self._fill_agencies(base, lead_cell, partner_cell)  # None: no partner column
        for col in table.columns:
            if col.role != "year":
                continue
            value = row.cells[col.index]
            base.targets_raw[col.header] = " ".join(value.split())
            v = clean_inline(value)
            if v and col.year:
                base.targets[col.year] = v
                vals = percent_values(v)
                if len(vals) == 1:
                    base.target_values[col.year] = vals[0]
        base.has_lead_column = table.index("lead") is not None or matrix is not None
        base.has_deadline_column = table.index("deadline") is not None
        base.deadline_column = table.name("deadline")
        base.deadline_raw = " ".join(cell("deadline").split())
        base.deadline = clean_inline(cell("deadline"))
        if blank_value(base.deadline):
            base.deadline = ""  # "—": the cell says no deadline is set
        base.start = clean_inline(cell("start"))
        if year_cells.applies(table):  # deadlines live in the year cells ("hạn 30/10/2026")
            base.has_deadline_column = True
            base.deadline = base.deadline_raw = year_cells.cell_deadline(table, row)
            base.activities = year_cells.activities(table, row)
        self._schedule(base, table, row, cell("indicator"), table_year)
        base.legal_basis_raw = " ".join(cell("legal").split())
        base.legal_basis = clean_inline(cell("legal"))
        base.legal_refs = list(dict.fromkeys(m.number for m in find_mentions(base.legal_basis)))
        base.actions = clean_inline(cell("actions"))
        base.output = base.result = clean_inline(cell("output"))
        base.status = clean_inline(cell("status"))
        base.note = clean_inline(cell("note"))
        base.source = clean_inline(cell("source"))
        base.unit = clean_inline(cell("unit"))
        base.baseline = clean_inline(cell("baseline"))
        if base.baseline:
            idx = table.index("baseline")
            base.baseline_year = table.columns[idx].year if idx is not None else ""
        if table.index("budget") is not None:
            base.budget_raw = clean_inline(cell("budget"))
            base.budget = parse_number(base.budget_raw)
            base.budget_unit = unit
            base.budget_parts = {
                c.header: clean_inline(row.cells[c.index])
                for c in table.columns
                if c.role == "budget_part" and c.index < len(row.cells) and row.cells[c.index]
            }
        names = {c.role: c.header for c in table.columns if c.role and c.header}
        names.update({f"year:{c.year}": c.header for c in table.columns if c.role == "year"})
        names.update({f"period:{h}": h for h in base.periods})
        out = []
        multi = len(items) > 1
        for k, item in enumerate(items):
            for part in split_targets(item) if multi else [item]:
                rec = Record(**{**base.__dict__})
                rec.targets = dict(base.targets)
                rec.target_values = dict(base.target_values)
                rec.indicator = part
                rec.indicator_raw = (
                    " ".join(cell("indicator").split()) or item if not multi else item
                )
                if multi:
                    rec.row_no = f"{row.no}.{k + 1}"
                    vals = percent_values(part)
                    if len(vals) == 1 and not rec.targets and table_year:
                        rec.targets = {table_year: vals[0]["text"]}
                        rec.target_values = {table_year: vals[0]}
                rec.quote = self._quote(rec, names, row.group, multi)
                if rec.budget is None and kind == "budget":
                    doc.unparsed.append(
                        Unparsed(
                            row.line_start,
                            row.line_end,
                            f"hàng {row.no}: không đọc được kinh phí «{rec.budget_raw}»",
                            raw_text,
                            section,
                        )
                    )
                out.append(rec)
        return out

    @staticmethod
    def _schedule(base: Record, table: Table, row: Row, name: str, year: str) -> None:
        """Deadline and start of a task of a schedule grid (its marked periods) or written
        in its name; a deadline cell, when the table has one, wins."""
        if not base.deadline:
            base.deadline = inline_deadline(clean_inline(name))
            if base.deadline:
                base.deadline_raw = base.deadline
        cols = period_columns(table)
        if not cols:
            return
        span = schedule_span(cols, row, year)
        base.has_deadline_column = True  # the grid has a place for when: no mark, no period
        base.periods = dict(span.marked)
        base.deadline_column = base.deadline_column or " | ".join(c.header for c in cols)
        if not base.deadline and span.end:
            base.deadline = base.deadline_raw = span.end
        if not base.start and span.start and span.start != span.end:
            base.start = span.start

    @staticmethod
    def _quote(rec: Record, names: dict[str, str], group: str, multi: bool) -> str:
        if multi:
            q = f"{rec.indicator} ({names.get('lead', 'Cơ quan chủ trì')}: {rec.lead_raw})"
            return q[:QUOTE_CHARS]
        fields = [f"TT {rec.row_no}: {names.get('indicator', 'Nội dung')}: {rec.indicator}"]
        order = [
            ("lead", rec.lead_raw),
            ("partners", rec.partners_raw),
            *[(r, v) for r, v in names.items() if r.startswith("year:")],
            *[(r, rec.periods[r.split(":", 1)[1]]) for r in names if r.startswith("period:")],
            ("unit", rec.unit),
            ("baseline", rec.baseline),
            ("deadline", rec.deadline),
            ("budget", rec.budget_raw),
            ("source", rec.source),
            ("output", rec.output),
            ("status", rec.status),
            ("legal", rec.legal_basis),
            ("actions", rec.actions),
        ]
        for role, value in order:
            if role.startswith("year:"):
                value = rec.targets.get(role.split(":")[1], "")
            if not value or role not in names:
                continue
            piece = f"{names[role]}: {clean_inline(value)}"
            if sum(len(f) + 2 for f in fields) + len(piece) > QUOTE_CHARS and role in (
                "legal",
                "actions",
                "output",
            ):
                continue
            fields.append(piece)
        prefix = f"Nhóm {group}; " if group else ""
        return (prefix + "; ".join(fields))[: QUOTE_CHARS + 200]

    # ----------------------------------------------------------- flat tables
    def _flat_table(self, doc: ParsedDoc, table: Table, section: str) -> None:
        """Rows whose columns were lost (PDF): task + raw text, reported as unparsed."""
        title = section.split(SECTION_SEP)[-1] if section else ""
        table_year = _table_year(title, doc.plan_year)
        for row in table.rows:
            body = table.cell(row, "indicator") or row.text
            rec = Record(doc.commune, doc.doc_id, "task", section, title, row.group, row.no)
            rec.indicator = body
            rec.indicator_raw = body
            rec.raw = body
            rec.year = table_year
            rec.quote = (f"Nhóm {row.group}; " if row.group else "") + f"TT {row.no}: {body}"
            rec.quote = rec.quote[:QUOTE_CHARS]
            rec.line_start, rec.line_end = row.line_start, row.line_end
            doc.records.append(rec)
            doc.unparsed.append(
                Unparsed(
                    row.line_start,
                    row.line_end,
                    f"hàng {row.no}: bảng PDF mất cột, không tách được đơn vị chủ trì/phối hợp, "
                    "thời gian (giữ nguyên văn)",
                    body,
                    section,
                )
            )

    # ------------------------------------------------------------ target lists
    def _target_lists(
        self,
        doc: ParsedDoc,
        lines: list[str],
        paths: list[str],
        heads: list[bool],
        in_tables: set[int],
    ) -> set[str]:
        """Target records from the lists of the "Mục tiêu" sections; returns those sections."""
        by_section: dict[str, list[int]] = {}
        for n, raw in enumerate(lines):
            if "\t" in raw or n in in_tables or heads[n] or not raw.strip():
                continue
            path = paths[n]
            parts = [fold(p) for p in path.split(SECTION_SEP)]
            if not any(
                _TARGET_HEAD_RE.match(p) or _PART_TARGET_HEAD_RE.match(p) for p in parts
            ) or "phu luc" in fold(path):
                continue
            by_section.setdefault(path, []).append(n)
        read = set(by_section)
        for path, idxs in by_section.items():
            bullets = [
                n
                for n in idxs
                if _BULLET_RE.match(clean_inline(lines[n]) + " ")
                or _ENUM_ITEM_RE.match(clean_inline(lines[n]))
            ]
            general = any(
                w in fold(p)
                for p in path.split(SECTION_SEP)
                for w in ("muc tieu chung", "tong quat")
            )
            if general and not bullets:
                read.discard(path)  # its sentences are read as prose targets
                continue
            items: list[list[int]] = []
            if bullets:
                for n in idxs:
                    # a numbered label line between bullet groups ("1) Về dịch vụ công:") is
                    # an item of its own, not the tail of the bullet above it
                    if n in bullets or _LABEL_ITEM_RE.match(lines[n]):
                        items.append([n])
                    elif items:
                        items[-1].append(n)
            else:
                prev = -2
                for n in idxs:
                    # a line after one that closes a sentence starts the next target (a list
                    # whose bullets the PDF text lost)
                    ended = prev >= 0 and lines[prev].rstrip().endswith(".")
                    if n != prev + 1 or not items or ended:
                        items.append([n])
                    else:
                        items[-1].append(n)
                    prev = n
            group = path.split(SECTION_SEP)[-1]
            # "a) Đến hết năm 2026:", "MỤC TIÊU NĂM 2026": the year its items are for
            head_year = next(
                (
                    ys[-1]
                    for p in reversed(path.split(SECTION_SEP))
                    if (ys := re.findall(r"năm\s+(20\d\d)", p, re.I))
                ),
                "",
            )
            group = re.sub(r"^(?:[-–+]\s*|\d+\.\s*|[IVX]+\.\s*)", "", group).strip()
            for k, (item, label, children) in enumerate(_nest_items(items, lines)):
                if children:
                    doc.records.append(
                        _year_record(doc, lines, path, group, k, item, label, children)
                    )
                    continue
                text = join_wrapped([clean_inline(lines[n]) for n in item])
                text = _BULLET_RE.sub("", text, count=1).strip()
                if label:  # a child of a label without years: the label names the indicator
                    text = f"{label}: {text}"
                if not text or _SKIP_ITEM_RE.match(fold(text)) or len(text) > 600:
                    continue
                if not bullets and not values_in(text) and not text.endswith((".", ";")):
                    continue  # a sub-heading line inside the section ("Mục 1. Mục tiêu chung")
                by_year = _yearly_target(text, head_year or doc.plan_year)
                if by_year is not None:
                    # "A đạt 1.500 hộ; năm 2027 đạt 1.800 hộ": one indicator, a value a year
                    rec = Record(doc.commune, doc.doc_id, "target", path, "", group, str(k + 1))
                    rec.origin = "list"
                    rec.indicator = text.rstrip(" .")
                    rec.indicator_raw = "\n".join(lines[n] for n in item)
                    rec.raw = text
                    rec.year = next(iter(by_year))
                    for year, value in by_year.items():
                        rec.targets[year] = rec.targets_raw[year] = value
                        pcts = percent_values(value)
                        if len(pcts) == 1:
                            rec.target_values[year] = pcts[0]
                    rec.quote = text[:QUOTE_CHARS]
                    rec.line_start, rec.line_end = item[0] + 1, item[-1] + 1
                    doc.records.append(rec)
                    continue
                said = ""  # the year the text named last, for parts that do not repeat it
                for part in split_targets(text):
                    at = text.find(part)
                    before = re.findall(r"năm\s+(20\d\d)", text[:at], re.I) if at > 0 else []
                    said = before[-1] if before else said
                    rec = Record(doc.commune, doc.doc_id, "target", path, "", group, str(k + 1))
                    rec.origin = "list"
                    rec.indicator = part
                    rec.indicator_raw = "\n".join(lines[n] for n in item)
                    rec.raw = text
                    # "Năm 2027: …" (a year label) names the year as much as "… năm 2027"
                    years = re.findall(r"năm\s+(20\d\d)", part, re.I)
                    rec.year = years[-1] if years else said or head_year or doc.plan_year
                    vals = percent_values(part)
                    counts = values_in(part) if not vals else []
                    if len(vals) == 1 and rec.year:
                        rec.targets = {rec.year: vals[0]["text"]}
                        rec.target_values = {rec.year: vals[0]}
                    elif (
                        len(counts) == 1 and rec.year
                    ):  # "Có ít nhất 4 làng nghề có gian hàng số …"
                        rec.targets = {rec.year: counts[0]}
                    rec.quote = text[:QUOTE_CHARS]
                    rec.line_start, rec.line_end = item[0] + 1, item[-1] + 1
                    doc.records.append(rec)
        return read

    # ------------------------------------------------------------ prose sentences
    def _prose_records(self, doc: ParsedDoc, items: list[ProseItem]) -> None:
        """Records from task / target / result / budget sentences, unless a table of the same
        plan already holds the same task or the plan has a budget table."""
        from_tables = [r for r in doc.records if r.origin == "table"]
        has_budget_table = any(r.kind == "budget" for r in from_tables)
        # A budget table without a source column: the prose breakdown by source ("trong đó
        # ngân sách xã 540 triệu đồng; …") is kept beside it as "budget_source" lines.
        table_sources = any(r.source for r in from_tables if r.kind == "budget")
        parts = [
            i
            for i in items
            if i.kind == "budget" and not i.of_task and not i.in_subtotal and not i.funds
        ]
        for item in items:
            if item.kind == "budget_total":
                if has_budget_table or doc.budget_checks:
                    if _states_table_total(item, doc):
                        continue
                    other = _other_total(item, doc, from_tables)
                    if other is not None:
                        doc.budget_checks.append(other)
                    continue
                # Parts in another unit than the total ("1,2 tỷ đồng, trong đó … 800 triệu
                # đồng") are not added up against it.
                same_unit = [p for p in parts if fold(p.unit) == fold(item.unit)]
                doc.budget_checks.append(
                    BudgetCheck(
                        item.section.split(SECTION_SEP)[-1],
                        item.section,
                        item.amount,
                        item.amount_raw,
                        round(sum(p.amount or 0 for p in same_unit), 3),
                        len(same_unit),
                        item.unit,
                        item.line_start,
                        item.quote[:QUOTE_CHARS],
                    )
                )
                continue
            if item.kind == "budget" and has_budget_table and table_sources:
                continue
            same_kind = ("result",) if item.kind == "result" else ("task", "indicator")
            tabled = [r for r in from_tables if r.kind in same_kind]
            if item.kind == "task" and item.lead:
                # a table row without an agency (an indicator table) does not say who leads:
                # the sentence that does is kept
                tabled = [r for r in tabled if r.lead]
            overlap = load_cues().same_item_overlap
            if item.kind != "budget" and _same_as_table(item.text, tabled, overlap, item.kind):
                if not _disagrees(item, tabled, overlap):
                    continue  # the table says the same; a different value is kept (a conflict)
            group = re.sub(
                r"^(?:[-–+]\s*|[\d.]+\s*|[IVX]+\.\s*)", "", item.section.split(SECTION_SEP)[-1]
            )
            kind = (
                "budget_source"
                if item.kind == "budget" and (has_budget_table or item.funds)
                else item.kind
            )
            rec = Record(doc.commune, doc.doc_id, kind, item.section, "", group.strip())
            rec.origin = "prose"
            rec.indicator = item.text
            rec.indicator_raw = rec.raw = item.quote
            rec.quote = item.quote[:QUOTE_CHARS]
            rec.line_start, rec.line_end = item.line_start, item.line_end
            rec.year = item.year or doc.plan_year
            if item.kind == "task":
                self._fill_agencies(rec, item.lead, item.partners or None)
                rec.has_partner_column = False
                unknown = any(k.startswith("~") for k in rec.partner_keys)
                if item.partners and (unknown or not rec.partners):
                    rec.partners = [item.partners]
                    rec.partner_keys = [k for k in rec.partner_keys if not k.startswith("~")] or [
                        f"~{fold(item.partners)}"
                    ]
                rec.has_deadline_column = rec.has_lead_column = True
                rec.deadline = rec.deadline_raw = item.deadline
            elif item.kind in ("target", "result") and item.values:
                value = "; ".join(item.values)
                rec.targets = {rec.year: value}
                pcts = percent_values(value)
                if len(item.values) == 1 and len(pcts) == 1:
                    rec.target_values = {rec.year: pcts[0]}
            elif item.kind == "budget":  # a budget line, or a budget_source line
                rec.budget, rec.budget_raw, rec.budget_unit = (
                    item.amount,
                    item.amount_raw,
                    item.unit,
                )
                rec.source = item.source
            doc.records.append(rec)


def _same_amount(a: float, unit_a: str, b: float, unit_b: str) -> bool:
    """Two amounts equal once their units are applied; with a unit not printed (a table whose
    unit is in a note), equal up to a factor of 1.000 (1,2 tỷ = 1.200 triệu = 1.200.000.000)."""
    sa, sb = _UNIT_SCALE.get(fold(unit_a).strip()), _UNIT_SCALE.get(fold(unit_b).strip())
    if sa and sb:
        return abs(a * sa - b * sb) <= 1e-6 * max(abs(a * sa), 1.0)
    for k in range(-4, 5):
        if abs(a - b * 1000.0**k) <= 1e-6 * max(abs(a), 1.0):
            return True
    return False


def _states_table_total(item: ProseItem, doc: ParsedDoc) -> bool:
    """A budget table without a total row, whose total a sentence states ("Tổng kinh phí từ
    ngân sách xã: 345 triệu đồng."): the sentence is the table's stated total (a different
    amount shows as a difference with the sum of the rows)."""
    if item.amount is None or any(c.stated_total is not None for c in doc.budget_checks):
        return False
    base = next((c for c in doc.budget_checks if c.rows and not c.restates), None)
    if base is None:
        return False
    if (
        base.unit
        and item.unit
        and fold(base.unit) != fold(item.unit)
        and not _same_amount(item.amount, item.unit, base.computed_total, base.unit)
    ):
        return False  # another unit, another amount: not this table's total
    base.stated_total, base.stated_raw = item.amount, item.amount_raw
    base.unit = base.unit or item.unit
    base.line, base.quote = item.line_start, item.quote[:QUOTE_CHARS]
    return True


def _other_total(item: ProseItem, doc: ParsedDoc, tabled: list[Record]) -> BudgetCheck | None:
    """A plan total written in prose that differs from the total row of the plan's budget
    table (not just one of its lines): kept beside it, so both amounts are shown."""
    base = next((c for c in doc.budget_checks if c.stated_total is not None), None)
    if base is None or item.amount is None:
        return None
    if _same_amount(item.amount, item.unit, base.stated_total, base.unit):
        return None
    for raw in base.parts.values():
        cell = parse_number(raw)
        if cell is None or not _same_amount(item.amount, item.unit, cell, base.unit):
            continue
        # The total row's cell of another column ("Năm 2026 | Năm 2027 | Cộng"): the same
        # total, not a second one; a larger one is the whole plan's total the prose states.
        if item.amount > base.stated_total:
            base.stated_total, base.stated_raw = item.amount, item.amount_raw
            base.line, base.quote = item.line_start, item.quote[:QUOTE_CHARS]
        return None
    lines = [r for r in tabled if r.kind == "budget" and r.budget is not None]
    if any(_same_amount(item.amount, item.unit, r.budget, r.budget_unit) for r in lines):
        return None
    return BudgetCheck(
        item.section.split(SECTION_SEP)[-1],
        item.section,
        item.amount,
        item.amount_raw,
        base.computed_total,
        base.rows,
        item.unit or base.unit,
        item.line_start,
        item.quote[:QUOTE_CHARS],
        restates=True,
    )


def _attach_year_budget(doc: ParsedDoc, lines: list[str], paths: list[str]) -> None:
    """The plan's budget table with one column per year, kept on its budget total (a new
    total without a stated amount when the plan states none)."""
    found = read_year_budgets(lines, paths)
    if not found:
        return
    table = found[0]
    check = next(
        (c for c in doc.budget_checks if c.stated_total is not None and not c.restates), None
    ) or (doc.budget_checks[0] if doc.budget_checks else None)
    if check is None:
        section = paths[table.line_start - 1] if table.line_start - 1 < len(paths) else ""
        amounts = [parse_number(v) for x in table.lines for v in x.amounts.values()]
        check = BudgetCheck(
            section.split(SECTION_SEP)[-1],
            section,
            None,
            "",
            round(sum(a or 0 for a in amounts), 3),
            len(table.lines),
            table.unit,
            table.line_start,
        )
        doc.budget_checks.append(check)
    check.years = table.as_dict()


def _past_years_are_baselines(table: Table, year: str) -> None:
    """In a plan for 2026, a column "Năm 2025" holds what was achieved, not a target: it is
    the baseline (when the table has no other baseline column)."""
    if not year or table.index("baseline") is not None:
        return
    past = [c for c in table.columns if c.role == "year" and c.year and c.year < year]
    if len(past) == 1 and any(c.role == "year" and c.year >= year for c in table.columns):
        past[0].role = "baseline"


def _indent(line: str) -> int:
    return len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())


def _item_text(item: list[int], lines: list[str]) -> str:
    text = join_wrapped([clean_inline(lines[n]) for n in item])
    return _BULLET_RE.sub("", text, count=1).strip()


def _marker(line: str) -> str:
    m = _BULLET_RE.match(line)
    return m.group(0).strip() if m else ""


def _nest_items(
    items: list[list[int]], lines: list[str]
) -> list[tuple[list[int], str, list[tuple[str, str, list[int]]]]]:
    """(item, label, year children) for every list item. A label item ("Hồ sơ … toàn trình:"
    with no value) followed by deeper (or differently marked) items is a parent: children that
    start with a year ("Đến năm 2026: đạt 72%") become its values for that year; other
    children keep the parent's label in front of their own text."""
    out: list[tuple[list[int], str, list[tuple[str, str, list[int]]]]] = []
    parent: tuple[int, str, str] | None = None  # (indent, marker, label)
    for item in items:
        first = lines[item[0]]
        text = _item_text(item, lines)
        if (
            parent is not None
            and text
            and (_indent(first) > parent[0] or (_marker(first) and _marker(first) != parent[1]))
        ):
            ym = _YEAR_CHILD_RE.match(text)
            value = _clean_value(text[ym.end() :]) if ym else ""
            if ym and value and out[-1][2] is not None:
                out[-1][2].append((ym.group(1), value, item))
                continue
            out.append((item, parent[2], []))
            continue
        parent = None
        if text.endswith(":") and not percent_values(text) and not values_in(text):
            parent = (_indent(first), _marker(first), text.rstrip(": ").strip())
            out.append((item, "", []))
            continue
        out.append((item, "", []))
    # A parent whose children all carried years is one record; a parent without year
    # children is dropped (its children carry its label).
    result = []
    for item, label, children in out:
        if children:
            result.append((item, _item_text(item, lines).rstrip(": ").strip(), children))
        elif _item_text(item, lines).endswith(":") and not label:
            continue
        else:
            result.append((item, label, []))
    return result


_YEAR_CHILD_RE = re.compile(
    r"^(?:(?:đến|tới|trong|hết|đến hết|giai đoạn)\s+)?(?:năm\s+)?(20\d\d)\b\s*[:：\-–]?\s*",
    re.I,
)


def _clean_value(text: str) -> str:
    text = re.sub(r"^(?:đạt|là|phấn đấu đạt|phấn đấu)\s+", "", text.strip(), flags=re.I)
    return text.strip(" ;.,")


# A clause that opens with its year and names nothing else ("năm 2027 đạt 1.800 hộ",
# "định hướng đến năm 2028 là 90%"): a later year of the indicator named before it.
_YEAR_CLAUSE_RE = re.compile(
    r"^(?:định hướng\s+|phấn đấu\s+)?(?:(?:đến|tới)\s+(?:hết\s+|cuối\s+)?)?năm\s+(20\d\d)\b"
    r"[\s,:]*(?:đạt|là|lên|tăng lên)?\s*",
    re.I,
)


def _yearly_target(text: str, default_year: str) -> dict[str, str] | None:
    """{year: value} of a target written as its value for the plan's year, then ";" and the
    value of each later year ("A đạt 78%; năm 2027 đạt 85%"); None for any other text. The
    first clause's year is the one it names, else `default_year` (its heading's)."""
    clauses = [c.strip(" .") for c in text.split(";") if c.strip(" .")]
    if len(clauses) < 2 or not default_year:
        return None
    first = values_in(clauses[0])
    named = re.findall(r"năm\s+(20\d\d)", clauses[0], re.I)
    if len(first) != 1 or len(named) > 1:
        return None
    out = {named[0] if named else default_year: first[0]}
    for clause in clauses[1:]:
        m = _YEAR_CLAUSE_RE.match(clause)
        vals = values_in(clause[m.end() :]) if m is not None else []
        if m is None or len(vals) != 1 or m.group(1) in out:
            return None
        out[m.group(1)] = vals[0]
    return out


def _year_record(
    doc: ParsedDoc,
    lines: list[str],
    path: str,
    group: str,
    k: int,
    item: list[int],
    label: str,
    children: list[tuple[str, str, list[int]]],
) -> Record:
    """One target record from a label and its year children (a table row written as a list)."""
    rec = Record(doc.commune, doc.doc_id, "target", path, "", group, str(k + 1))
    rec.origin = "list"
    rec.indicator = label
    last = children[-1][2][-1]
    rec.indicator_raw = "\n".join(lines[item[0] : last + 1])
    quote = " ".join([_item_text(item, lines), *(_item_text(c, lines) for _, _, c in children)])
    rec.raw = quote
    for year, value, _ in children:
        rec.targets[year] = value
        rec.targets_raw[year] = value
        pcts = percent_values(value)
        if len(pcts) == 1:
            rec.target_values[year] = pcts[0]
    rec.year = children[0][0] if len(children) == 1 else doc.plan_year or children[0][0]
    rec.quote = quote[:QUOTE_CHARS]
    rec.line_start, rec.line_end = item[0] + 1, last + 1
    return rec


def _disagrees(item: ProseItem, records: list[Record], overlap: float) -> bool:
    """A target sentence whose value for its year differs from every matching table row."""
    if item.kind != "target" or len(item.values) != 1:
        return False
    mine = percent_values(item.values[0])
    if len(mine) != 1:
        return False
    matching = [r for r in records if _same_as_table(item.text, [r], overlap, item.kind)]
    theirs = [r.target_values.get(item.year, {}).get("value") for r in matching]
    theirs = [v for v in theirs if v is not None]
    return bool(theirs) and all(v != mine[0]["value"] for v in theirs)


def _same_as_table(text: str, records: list[Record], overlap: float, kind: str = "") -> bool:
    """Whether a table record of the plan names the same task / indicator."""
    words = set(re.findall(r"\w+", fold(text)))
    if not words:
        return False
    for r in records:
        other = set(re.findall(r"\w+", fold(r.indicator)))
        # A short indicator name ("Cụm loa truyền thanh thông minh") inside a task sentence
        # is not the same task: the sentence's own words must be covered.
        base = (
            len(words) if kind == "task" and r.kind == "indicator" else min(len(words), len(other))
        )
        if other and len(words & other) / base >= overlap:
            return True
    return False


def _table_year(title: str, default: str) -> str:
    years = set(_YEAR_RE.findall(title))
    return years.pop() if len(years) == 1 else default
