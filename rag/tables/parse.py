"""Plan tables and target lists → records (one per indicator / task / target).

Handles the shapes found in the seeds: tab-separated tables whose rows wrap onto
continuation lines (a line starting with a tab), HTML cells with <ul><li> lists, a
PDF-flattened phụ lục without tabs (rows start with "1.1", "2.2" …; columns cannot be split,
so each row is kept as task + raw text and counted as unparsed), and the numbered/bulleted
lists of the "Mục tiêu" sections. Every field keeps its original text beside the normalised
value; rows that cannot be read are reported with their line numbers, never dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rag.chunking import (
    SECTION_SEP,
    cell_items,
    classify_pdf_row,
    clean_inline,
    heading_level,
    join_wrapped,
)
from rag.tables.agencies import AgencyMap
from rag.tables.legal import find_mentions
from rag.text import fold, nfc

_ROW_ID_RE = re.compile(r"^\d{1,2}(?:\.\d{1,2})*\.?$")
_YEAR_RE = re.compile(r"(20\d\d)")
_PCT_RE = re.compile(
    r"(?:(?P<q>đạt trên|trên|dưới|tối thiểu|ít nhất|từ|≥|>=|không thấp hơn)\s+)?"
    r"(?P<n>\d{1,3}(?:[.,]\d+)?)\s*%(?:\s*(?P<up>trở lên))?",
    re.I,
)
_BULLET_RE = re.compile(r"^\s*(?:[-+•–]\s+|\*\s+)")
_TARGET_HEAD_RE = re.compile(r"^(?:[ivx]+\.|\d+\.)?\s*muc tieu\b")
_SKIP_ITEM_RE = re.compile(r"^(chi tiet|co phu luc|kem theo|\(co phu luc)")
QUOTE_CHARS = 600


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
    targets: dict[str, str] = field(default_factory=dict)
    targets_raw: dict[str, str] = field(default_factory=dict)
    target_values: dict[str, dict] = field(default_factory=dict)
    year: str = ""
    deadline: str = ""
    deadline_raw: str = ""
    legal_basis: str = ""
    legal_basis_raw: str = ""
    legal_refs: list[str] = field(default_factory=list)
    actions: str = ""
    result: str = ""
    status: str = ""
    note: str = ""
    budget: float | None = None
    budget_raw: str = ""
    budget_unit: str = ""
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


class _Sections:
    """Heading path per line (same rules as the passage chunker)."""

    def __init__(self) -> None:
        self.stack: list[tuple[int, str]] = []
        self.last_top = False

    def push(self, level: int, title: str) -> None:
        appendix = re.match(r"^PH[ỤU]\s*L[ỤU]C", title, flags=re.I)
        if level == 0 and self.last_top and self.stack and self.stack[-1][0] == 0 and not appendix:
            title = f"{self.stack.pop()[1]} {title}"
        while self.stack and self.stack[-1][0] >= level:
            self.stack.pop()
        self.stack.append((level, title))
        self.last_top = level == 0

    def path(self) -> str:
        return SECTION_SEP.join(t for _, t in self.stack)


def section_paths(lines: list[str]) -> tuple[list[str], list[bool]]:
    """(section path of each line, whether the line is a heading)."""
    secs = _Sections()
    paths: list[str] = []
    heads: list[bool] = []
    for i, raw in enumerate(lines):
        is_head = False
        if raw.strip() and "\t" not in raw:
            nxt = next((ln for ln in lines[i + 1 : i + 4] if ln.strip()), "")
            level = heading_level(raw, nxt)
            if level is not None:
                secs.push(level, clean_inline(raw))
                is_head = True
            else:
                secs.last_top = False
        paths.append(secs.path())
        heads.append(is_head)
    return paths, heads


# ----------------------------------------------------------------------------- parser
class PlanParser:
    """Parses one plan's text into records."""

    def __init__(self, agencies: AgencyMap | None = None) -> None:
        self.agencies = agencies or AgencyMap()

    def parse(self, text: str, doc_id: str, commune: str, title: str = "") -> ParsedDoc:
        text = nfc(text).replace("\r\n", "\n")
        lines = text.split("\n")
        paths, heads = section_paths(lines)
        doc = ParsedDoc(doc_id, commune, plan_year(title, text), sections=paths)
        i = 0
        in_appendix = False
        while i < len(lines):
            raw = lines[i]
            if re.match(r"^PH[ỤU]\s*L[ỤU]C", paths[i].split(SECTION_SEP)[-1] or "", flags=re.I):
                in_appendix = True
            if "\t" in raw:
                j = i
                while j < len(lines) and ("\t" in lines[j] or not lines[j].strip()):
                    j += 1
                self._tab_table(doc, lines, paths, i, j)
                i = j
                continue
            if in_appendix and re.match(r"^\s*TT\s+Tên", raw):
                j = i
                while j < len(lines) and "\t" not in lines[j]:
                    j += 1
                self._pdf_table(doc, lines, paths, i, j)
                i = j
                continue
            i += 1
        self._target_lists(doc, lines, paths, heads)
        return doc

    # ------------------------------------------------------------------ agencies
    def _fill_agencies(self, rec: Record, lead_cell: str, partner_cell: str | None) -> None:
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

    # -------------------------------------------------------------- tab tables
    @staticmethod
    def _roles(header: list[str]) -> list[str]:
        roles = []
        for cell in header:
            h = fold(clean_inline(cell))
            if re.fullmatch(r"s?tt", h):
                role = "no"
            elif "chu tri" in h:
                role = "lead"
            elif "phoi hop" in h:
                role = "partners"
            elif "kinh phi" in h:
                role = "budget"
            elif re.search(r"chi so|chi tieu|ten nhiem vu|danh muc", h):
                role = "indicator"
            elif _YEAR_RE.search(h):
                role = "year:" + _YEAR_RE.search(h).group(1)
            elif "can cu" in h:
                role = "legal"
            elif "thoi gian" in h:
                role = "deadline"
            elif "nhiem vu" in h:
                role = "actions"
            elif "ket qua" in h:
                role = "result"
            elif "da thuc hien" in h or "tinh trang" in h:
                role = "status"
            elif "ghi chu" in h:
                role = "note"
            else:
                role = ""
            roles.append(role)
        if "indicator" not in roles and "actions" in roles:  # "Nhiệm vụ" is the only name column
            roles[roles.index("actions")] = "indicator"
        return roles

    def _tab_table(
        self, doc: ParsedDoc, lines: list[str], paths: list[str], i0: int, i1: int
    ) -> None:
        section = paths[i0]
        title = section.split(SECTION_SEP)[-1] if section else ""
        table_year = _table_year(title, doc.plan_year)
        report = "ket qua thuc hien" in fold(title)
        header: list[str] = []
        roles: list[str] = []
        rows: list[dict] = []
        pending: list[tuple[list[str], int]] = []
        group = ""
        total: tuple[str, int] | None = None
        last_kind = ""  # row | group | header
        for n in range(i0, i1):
            raw = lines[n]
            if not raw.strip():
                continue
            cells = raw.split("\t")
            plain = [clean_inline(c) for c in cells]
            first = plain[0]
            nonempty = [c for c in plain if c]
            if not header and re.fullmatch(r"(?i)s?tt", first):
                header, roles = plain, self._roles(plain)
                last_kind = "header"
                continue
            if header and [c.lower() for c in plain[: len(header)]] == [
                h.lower() for h in header[: len(plain)]
            ]:
                continue  # header repeated on a new page
            if not nonempty or re.fullmatch(r"-{2,}", nonempty[0]):
                continue
            if not first and any(re.fullmatch(r"(?i)t[ổo]ng(\s+c[ộo]ng)?:?", c) for c in plain):
                total = (raw, n + 1)
                continue
            if first and (_ROW_ID_RE.match(first) or re.match(r"^\d{1,2}\.\s+\S", first)):
                m = re.match(r"^(\d{1,2})\.\s+(.+)$", first)
                if m and len(nonempty) == 1:  # "1. Hạ tầng số" – id and label in one cell
                    group, last_kind = m.group(2), "group"
                    continue
                if (
                    len(nonempty) == 2
                    and "." not in first.rstrip(".")
                    and plain[1]
                    and len(plain[1]) <= 100
                ):
                    group, last_kind = plain[1], "group"
                    continue
                if len(nonempty) == 1:
                    doc.unparsed.append(
                        Unparsed(n + 1, n + 1, f"dòng {first} không có nội dung", raw, section)
                    )
                    continue
                row = {"cells": list(cells), "no": first.rstrip("."), "group": group}
                row.update(start=n + 1, end=n + 1)
                for extra, ln in pending:
                    _merge(row["cells"], extra, prepend=True)
                    row["start"] = min(row["start"], ln)
                pending.clear()
                rows.append(row)
                last_kind = "row"
                continue
            if not first:  # continuation line (wrapped cells)
                if last_kind == "row" and rows and not pending:
                    _merge(rows[-1]["cells"], cells, prepend=False)
                    rows[-1]["end"] = n + 1
                else:
                    pending.append((cells, n + 1))
                continue
            doc.unparsed.append(
                Unparsed(n + 1, n + 1, "dòng bảng không nhận dạng được", raw.strip(), section)
            )
        for cells, ln in pending:
            doc.unparsed.append(
                Unparsed(ln, ln, "dòng nối tiếp không gắn được vào hàng nào", "\t".join(cells))
            )
        if not header:
            for row in rows:
                doc.unparsed.append(
                    Unparsed(row["start"], row["end"], "bảng không có dòng tiêu đề", "")
                )
            return
        kind = (
            "budget"
            if "budget" in roles
            else "result"
            if report
            else "indicator"
            if re.search(r"chi so|chi tieu", fold(" ".join(header)))
            else "task"
        )
        unit = ""
        if "budget" in roles:
            head = fold(header[roles.index("budget")])
            unit = "triệu đồng" if "trieu" in head else "nghìn đồng" if "nghin" in head else ""
        for row in rows:
            doc.records.extend(
                self._row_records(doc, row, header, roles, kind, section, title, table_year, unit)
            )
        if "budget" in roles:
            recs = [r for r in doc.records if r.table == title and r.kind == "budget"]
            stated_raw, stated = "", None
            if total is not None:
                cells = total[0].split("\t")
                idx = roles.index("budget")
                stated_raw = clean_inline(cells[idx]) if idx < len(cells) else ""
                stated = parse_number(stated_raw)
            doc.budget_checks.append(
                BudgetCheck(
                    title,
                    section,
                    stated,
                    stated_raw,
                    round(sum(r.budget or 0 for r in recs), 3),
                    len(recs),
                    unit,
                    total[1] if total else 0,
                )
            )

    def _row_records(
        self,
        doc: ParsedDoc,
        row: dict,
        header: list[str],
        roles: list[str],
        kind: str,
        section: str,
        title: str,
        table_year: str,
        unit: str,
    ) -> list[Record]:
        cells = row["cells"]
        cell = {role: (cells[i] if i < len(cells) else "") for i, role in enumerate(roles) if role}
        raw_text = " | ".join(clean_inline(c) for c in cells if clean_inline(c))
        items = cell_items(cell.get("indicator", ""))
        if not items:
            doc.unparsed.append(
                Unparsed(
                    row["start"],
                    row["end"],
                    f"hàng {row['no']} không có tên chỉ tiêu/nhiệm vụ",
                    raw_text,
                    section,
                )
            )
            return []
        base = Record(doc.commune, doc.doc_id, kind, section, title, row["group"], row["no"])
        base.line_start, base.line_end, base.raw, base.year = (
            row["start"],
            row["end"],
            raw_text,
            table_year,
        )
        self._fill_agencies(base, cell.get("lead", ""), cell.get("partners"))
        for role, value in cell.items():
            if role.startswith("year:"):
                v = clean_inline(value)
                base.targets_raw[header[roles.index(role)]] = " ".join(value.split())
                if v:
                    y = role.split(":")[1]
                    base.targets[y] = v
                    vals = percent_values(v)
                    if len(vals) == 1:
                        base.target_values[y] = vals[0]
        base.deadline_raw = " ".join(cell.get("deadline", "").split())
        base.deadline = clean_inline(cell.get("deadline", ""))
        base.legal_basis_raw = " ".join(cell.get("legal", "").split())
        base.legal_basis = clean_inline(cell.get("legal", ""))
        base.legal_refs = list(dict.fromkeys(m.number for m in find_mentions(base.legal_basis)))
        base.actions = clean_inline(cell.get("actions", ""))
        base.result = clean_inline(cell.get("result", ""))
        base.status = clean_inline(cell.get("status", ""))
        base.note = clean_inline(cell.get("note", ""))
        if "budget" in cell:
            base.budget_raw = clean_inline(cell["budget"])
            base.budget = parse_number(base.budget_raw)
            base.budget_unit = unit
        names = {r: clean_inline(header[i]) for i, r in enumerate(roles) if r}
        out = []
        multi = len(items) > 1
        for k, item in enumerate(items):
            for part in split_targets(item) if multi else [item]:
                rec = Record(**{**base.__dict__})
                rec.targets = dict(base.targets)
                rec.target_values = dict(base.target_values)
                rec.indicator = part
                rec.indicator_raw = " ".join(cell["indicator"].split()) if not multi else item
                if multi:
                    rec.row_no = f"{row['no']}.{k + 1}"
                    vals = percent_values(part)
                    if len(vals) == 1 and not rec.targets and table_year:
                        rec.targets = {table_year: vals[0]["text"]}
                        rec.target_values = {table_year: vals[0]}
                rec.quote = self._quote(rec, names, row["group"], multi)
                if rec.budget is None and kind == "budget":
                    doc.unparsed.append(
                        Unparsed(
                            row["start"],
                            row["end"],
                            f"hàng {row['no']}: không đọc được kinh phí «{rec.budget_raw}»",
                            raw_text,
                            section,
                        )
                    )
                out.append(rec)
        return out

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
            ("deadline", rec.deadline),
            ("budget", rec.budget_raw),
            ("result", rec.result),
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
                "result",
            ):
                continue
            fields.append(piece)
        prefix = f"Nhóm {group}; " if group else ""
        return (prefix + "; ".join(fields))[: QUOTE_CHARS + 200]

    # -------------------------------------------------------------- PDF table
    def _pdf_table(
        self, doc: ParsedDoc, lines: list[str], paths: list[str], i0: int, i1: int
    ) -> None:
        section = paths[i0]
        title = section.split(SECTION_SEP)[-1] if section else ""
        table_year = _table_year(title, doc.plan_year)
        rows: list[dict] = []
        group, group_no = "", 0
        skipping = False
        current: dict | None = None
        for n in range(i0, i1):
            stripped = lines[n].strip()
            if not stripped:
                continue
            if re.match(r"^TT\s+Tên", stripped):
                skipping = "Ghi chú" not in stripped
                continue
            if skipping:
                if "Ghi chú" in stripped:
                    skipping = False
                continue
            if re.match(r"^Đơn vị tính", stripped):
                continue
            kind, top, sub, rest = classify_pdf_row(stripped, group_no)
            if kind:
                is_group, is_row = kind == "group", kind == "row"
                if is_group:
                    group, group_no, current = rest.strip(), top, None
                    continue
                if is_row:
                    if sub is None:
                        group_no = top
                    current = {
                        "no": f"{top}.{sub}" if sub else str(top),
                        "group": group,
                        "lines": [rest] if rest else [],
                        "start": n + 1,
                        "end": n + 1,
                    }
                    rows.append(current)
                    continue
            if current is None:
                doc.unparsed.append(
                    Unparsed(n + 1, n + 1, "dòng phụ lục (PDF) ngoài mọi hàng", stripped, section)
                )
                continue
            current["lines"].append(stripped)
            current["end"] = n + 1
        for row in rows:
            body = join_wrapped([clean_inline(x) for x in row["lines"] if x.strip()])
            rec = Record(doc.commune, doc.doc_id, "task", section, title, row["group"], row["no"])
            rec.indicator = body
            rec.indicator_raw = "\n".join(row["lines"])
            rec.raw = body
            rec.year = table_year
            rec.quote = (
                f"Nhóm {row['group']}; " if row["group"] else ""
            ) + f"TT {row['no']}: {body}"
            rec.quote = rec.quote[:QUOTE_CHARS]
            rec.line_start, rec.line_end = row["start"], row["end"]
            doc.records.append(rec)
            doc.unparsed.append(
                Unparsed(
                    row["start"],
                    row["end"],
                    f"hàng {row['no']}: bảng PDF mất cột, không tách được đơn vị chủ trì/phối hợp, "
                    "thời gian (giữ nguyên văn)",
                    body,
                    section,
                )
            )

    # ------------------------------------------------------------ target lists
    def _target_lists(
        self, doc: ParsedDoc, lines: list[str], paths: list[str], heads: list[bool]
    ) -> None:
        by_section: dict[str, list[int]] = {}
        for n, raw in enumerate(lines):
            if "\t" in raw or heads[n] or not raw.strip():
                continue
            path = paths[n]
            parts = [fold(p) for p in path.split(SECTION_SEP)]
            if not any(_TARGET_HEAD_RE.match(p) for p in parts) or "phu luc" in fold(path):
                continue
            by_section.setdefault(path, []).append(n)
        for path, idxs in by_section.items():
            bullets = [n for n in idxs if _BULLET_RE.match(clean_inline(lines[n]) + " ")]
            general = any(
                w in fold(p)
                for p in path.split(SECTION_SEP)
                for w in ("muc tieu chung", "tong quat")
            )
            if general and not bullets:
                continue
            items: list[list[int]] = []
            if bullets:
                for n in idxs:
                    if n in bullets or not items:
                        if n in bullets:
                            items.append([n])
                        continue
                    items[-1].append(n)
            else:
                prev = -2
                for n in idxs:
                    if n != prev + 1 or not items:
                        items.append([n])
                    else:
                        items[-1].append(n)
                    prev = n
            group = path.split(SECTION_SEP)[-1]
            group = re.sub(r"^(?:[-–+]\s*|\d+\.\s*|[IVX]+\.\s*)", "", group).strip()
            for k, item in enumerate(items):
                text = join_wrapped([clean_inline(lines[n]) for n in item])
                text = _BULLET_RE.sub("", text, count=1).strip()
                if not text or _SKIP_ITEM_RE.match(fold(text)) or len(text) > 600:
                    continue
                for part in split_targets(text):
                    rec = Record(doc.commune, doc.doc_id, "target", path, "", group, str(k + 1))
                    rec.indicator = part
                    rec.indicator_raw = "\n".join(lines[n] for n in item)
                    rec.raw = text
                    years = re.findall(r"năm\s+(20\d\d)", part)
                    rec.year = years[-1] if years else doc.plan_year
                    vals = percent_values(part)
                    if len(vals) == 1 and rec.year:
                        rec.targets = {rec.year: vals[0]["text"]}
                        rec.target_values = {rec.year: vals[0]}
                    rec.quote = text[:QUOTE_CHARS]
                    rec.line_start, rec.line_end = item[0] + 1, item[-1] + 1
                    doc.records.append(rec)


def _table_year(title: str, default: str) -> str:
    years = set(_YEAR_RE.findall(title))
    return years.pop() if len(years) == 1 else default


def _merge(cells: list[str], extra: list[str], prepend: bool) -> None:
    for idx, value in enumerate(extra):
        if not value.strip():
            continue
        while idx >= len(cells):
            cells.append("")
        if not cells[idx].strip():
            cells[idx] = value
        else:
            cells[idx] = f"{value} {cells[idx]}" if prepend else f"{cells[idx]} {value}"
