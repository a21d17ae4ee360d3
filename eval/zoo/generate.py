"""Layout zoo: the same kind of facts rendered in many plan layouts, plus questions about them.

    python eval/zoo/generate.py --out DIR --seed 1 --plans 16 [--no-pdf]

Writes DIR/plans/*.{txt,md,docx,pdf}, DIR/questions/*.jsonl (eval-set format plus the layout tags
`layout`, `task_layout`, `deadline_style`, `qtype`, `typing`), DIR/html/*.html (PDF sources) and
DIR/manifest.json. Deterministic for a seed. Every expected fact is checked against the plan text.
Stdlib + python-docx; PDFs are printed by headless chromium.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import subprocess
import sys
import unicodedata
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bank  # noqa: E402
from bank import TaskSpec  # noqa: E402

FORMATS = ("txt", "md", "docx", "pdf")
TASK_LAYOUTS = ("T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8")
DEADLINE_STYLES = (
    "date",
    "before",
    "month",
    "quarter",
    "half",
    "regular",
    "yearly",
    "year",
    "range",
    "none",
)
TARGET_LAYOUTS = ("cols", "rows", "prose", "bullets")
BUDGET_LAYOUTS = ("column", "table", "prose")
INLINE_BUDGET = ("T1", "T2", "T3", "T6", "T7", "T8")  # layouts that can carry a per-task budget
LEAD_NONE_LAYOUTS = ("T1", "T2", "T3", "T7")
NOT_STATED = (
    "không nêu|chưa nêu|không ghi|không có thời hạn|không quy định|chưa có thời hạn|không xác định"
    "|chưa xác định|không ấn định|không có mốc|không nêu thời hạn"
)
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")
YEAR = 2026


# ----------------------------------------------------------------------------- document model


@dataclass
class Block:
    kind: str  # "center", "h", "p", "ul", "table"
    text: str = ""
    level: int = 1
    items: list[str] = field(default_factory=list)
    header: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)


def render_txt(blocks: list[Block], table_style: str) -> str:
    out: list[str] = []
    for b in blocks:
        if b.kind in ("center", "h", "p"):
            out.append(b.text)
        elif b.kind == "ul":
            out.extend(f"- {i}" for i in b.items)
        elif b.kind == "table":
            for row in [b.header, *b.rows]:
                if table_style == "pipe":
                    out.append("| " + " | ".join(row) + " |")
                else:
                    out.append("\t".join(row))
        out.append("")
    return "\n".join(out)


def render_md(blocks: list[Block]) -> str:
    out: list[str] = []
    for b in blocks:
        if b.kind == "center":
            out.append(b.text.replace("\n", "  \n"))
        elif b.kind == "h":
            out.append("#" * min(b.level + 1, 4) + " " + b.text)
        elif b.kind == "p":
            out.append(b.text)
        elif b.kind == "ul":
            out.extend(f"- {i}" for i in b.items)
        elif b.kind == "table":
            out.append("| " + " | ".join(b.header) + " |")
            out.append("|" + "---|" * len(b.header))
            out.extend("| " + " | ".join(c.replace("|", "/") for c in r) + " |" for r in b.rows)
        out.append("")
    return "\n".join(out)


def render_html(blocks: list[Block], title: str) -> str:
    out = [
        "<!DOCTYPE html><html lang='vi'><head><meta charset='utf-8'>",
        f"<title>{escape(title)}</title><style>body{{font-family:'DejaVu Serif',serif;font-size:12.5pt;"
        "margin:1.5cm}} table{{border-collapse:collapse;width:100%;font-size:10.5pt}} td,th{{border:1px solid #000;"
        "padding:3px;vertical-align:top}} .c{{text-align:center}} h2,h3,h4{{font-size:13pt}}</style></head><body>",
    ]
    for b in blocks:
        if b.kind == "center":
            out.append(
                "<p class='c'>" + "<br>".join(escape(x) for x in b.text.split("\n")) + "</p>"
            )
        elif b.kind == "h":
            lv = min(b.level + 1, 4)
            out.append(f"<h{lv}>{escape(b.text)}</h{lv}>")
        elif b.kind == "p":
            out.append(f"<p>{escape(b.text)}</p>")
        elif b.kind == "ul":
            out.append("".join(f"<p>- {escape(i)}</p>" for i in b.items))
        elif b.kind == "table":
            head = "".join(f"<th>{escape(h)}</th>" for h in b.header)
            body = "".join(
                "<tr>" + "".join(f"<td>{escape(c)}</td>" for c in r) + "</tr>" for r in b.rows
            )
            out.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
    out.append("</body></html>")
    return "\n".join(out)


def write_docx(blocks: list[Block], path: Path, heading_styles: bool) -> None:
    import datetime

    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    doc = Document()
    doc.core_properties.created = datetime.datetime(2026, 1, 1)
    doc.core_properties.modified = datetime.datetime(2026, 1, 1)
    for b in blocks:
        if b.kind == "center":
            for line in b.text.split("\n"):
                p = doc.add_paragraph()
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                p.add_run(line).bold = line.isupper()
        elif b.kind == "h":
            if heading_styles:
                doc.add_heading(b.text, level=min(b.level, 3))
            else:
                doc.add_paragraph().add_run(b.text).bold = True
        elif b.kind == "p":
            doc.add_paragraph(b.text)
        elif b.kind == "ul":
            for i in b.items:
                doc.add_paragraph(f"- {i}")
        elif b.kind == "table":
            t = doc.add_table(rows=1 + len(b.rows), cols=len(b.header))
            t.style = "Table Grid"
            for j, h in enumerate(b.header):
                t.cell(0, j).text = h
                for r in t.cell(0, j).paragraphs[0].runs:
                    r.bold = True
            for i, row in enumerate(b.rows, start=1):
                for j, c in enumerate(row):
                    t.cell(i, j).text = c
    doc.save(str(path))


# ----------------------------------------------------------------------------- facts of one plan


@dataclass
class Deadline:
    style: str
    cell: str  # as written in a table cell / key-value line
    prose: str  # as written in a sentence ("hoàn thành trước ngày …"), "" when none
    fact: str  # expected in an answer
    month: int | None  # month the task must be finished, for period questions (None: no end date)


@dataclass
class Task:
    spec: TaskSpec
    text: str
    lead: str | None
    partners: list[str]
    deadline: Deadline
    budget: int | None
    quarters: tuple[int, int] = (1, 4)  # T8 schedule span


@dataclass
class Target:
    spec: bank.TargetSpec
    values: dict[int, int]


@dataclass
class Plan:
    idx: int
    commune: str
    province: str
    number: int
    fmt: str
    task_layout: str
    deadline_styles: list[str]
    target_layout: str
    budget_layout: str
    tasks: list[Task]
    targets: list[Target]
    years: list[int]
    signer: str
    signer_role: str
    sources: list[tuple[str, int]]

    @property
    def slug(self) -> str:
        return f"{ascii_fold(self.commune).lower().replace(' ', '-')}-kh{self.number}-{YEAR}"

    @property
    def total(self) -> int:
        return sum(t.budget or 0 for t in self.tasks)


def ascii_fold(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def money(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def low(s: str) -> str:
    # Lower the first letter unless the first word is a name/acronym ("Tổ công nghệ số", "DTI").
    first = s.split(" ", 1)[0]
    return s if first[1:2].isupper() else s[:1].lower() + s[1:]


def make_deadline(style: str, rng: random.Random) -> Deadline:
    m = rng.choice([3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
    last = {2: 28, 4: 30, 6: 30, 9: 30, 11: 30}.get(m, 31)
    d = rng.choice([15, last])
    q = (m - 1) // 3 + 1
    if style == "date":
        return Deadline(
            style, f"{d}/{m}/{YEAR}", f"hoàn thành ngày {d}/{m}/{YEAR}", f"{d}/{m}/{YEAR}", m
        )
    if style == "before":
        return Deadline(
            style,
            f"Trước ngày {d}/{m}/{YEAR}",
            f"hoàn thành trước ngày {d}/{m}/{YEAR}",
            f"{d}/{m}/{YEAR}",
            m,
        )
    if style == "month":
        return Deadline(
            style, f"Tháng {m}/{YEAR}", f"hoàn thành trong tháng {m}/{YEAR}", f"tháng {m}/{YEAR}", m
        )
    if style == "quarter":
        r = ROMAN[q - 1]
        return Deadline(
            style, f"Quý {r}/{YEAR}", f"hoàn thành trong quý {r}/{YEAR}", f"Quý {r}/{YEAR}", q * 3
        )
    if style == "half":
        h = rng.choice(["đầu", "cuối"])
        txt = f"6 tháng {h} năm {YEAR}"
        return Deadline(style, cap(txt), f"hoàn thành trong {txt}", txt, None)
    if style == "regular":
        return Deadline(style, "Thường xuyên", "thực hiện thường xuyên", "thường xuyên", None)
    if style == "yearly":
        return Deadline(style, "Hằng năm", "thực hiện hằng năm", "hằng năm|hàng năm", None)
    if style == "year":
        return Deadline(
            style, f"Trong năm {YEAR}", f"hoàn thành trong năm {YEAR}", f"trong năm {YEAR}", None
        )
    if style == "range":
        return Deadline(
            style, "2026 - 2030", "thực hiện trong giai đoạn 2026 - 2030", "2026-2030", None
        )
    return Deadline("none", "", "", NOT_STATED, None)


def assign_dims(n_plans: int, rng: random.Random) -> list[dict]:
    dims = []
    for i in range(n_plans):
        tl = TASK_LAYOUTS[i % 8]
        fmt = FORMATS[(i + i // 8) % 4]
        ds = [DEADLINE_STYLES[(3 * i + k) % len(DEADLINE_STYLES)] for k in range(3)]
        if tl == "T8":
            ds = ["schedule"]
        target = TARGET_LAYOUTS[(i + i // 4) % 4]
        budget = BUDGET_LAYOUTS[i % 3]
        if budget == "column" and tl not in INLINE_BUDGET:
            budget = "table"
        dims.append(
            {
                "task_layout": tl,
                "format": fmt,
                "deadline_styles": ds,
                "target": target,
                "budget": budget,
            }
        )
    return dims


def build_plan(idx: int, dims: dict, rng: random.Random, commune: str) -> Plan:
    province = rng.choice(bank.PROVINCES)
    tel = {bank.VNPT: f"VNPT {province}", bank.VTL: f"Viettel {province}"}
    hamlets = rng.sample(bank.HAMLETS, 6)
    specs = rng.sample(bank.TASKS, rng.randint(12, 18))
    specs.sort(key=lambda s: s.group)
    # A schedule (T8) shows only quarter marks: its tasks need an end month, whatever the rotation says.
    styles = (
        ["date", "month", "quarter"]
        if dims["task_layout"] == "T8"
        else list(dims["deadline_styles"])
    )
    rng.shuffle(styles)
    used_budgets: set[int] = set()
    tasks: list[Task] = []
    for k, spec in enumerate(specs):
        (nlo, nhi), (mlo, mhi) = bank.NUMBERS.get(spec.key, ((3, 20), (2, 6)))
        text = spec.text.format(
            n=money(rng.randint(nlo, nhi)),
            m=money(rng.randint(mlo, mhi)),
            thon=hamlets[k % 6],
            thon2=hamlets[(k + 3) % 6],
        )
        lead = spec.leads[0]
        pool = [tel.get(p, p) for p in spec.partners]
        partners = rng.sample(pool, rng.randint(0, min(3, len(pool))))
        style = styles[k % len(styles)]
        budget = None
        if rng.random() < 0.65:
            while True:
                budget = rng.choice(
                    [
                        35,
                        45,
                        60,
                        85,
                        120,
                        150,
                        180,
                        240,
                        275,
                        320,
                        385,
                        450,
                        520,
                        640,
                        780,
                        960,
                        1240,
                    ]
                )
                if budget not in used_budgets:
                    used_budgets.add(budget)
                    break
        tasks.append(Task(spec, text, lead, partners, make_deadline(style, rng), budget))
    if dims["task_layout"] in LEAD_NONE_LAYOUTS and dims.get("resp_syntax") != "legend":
        t = rng.choice([t for t in tasks if t.partners])
        t.lead = None
    if dims["task_layout"] == "T8":
        for t in tasks:
            end = (t.deadline.month - 1) // 3 + 1 if t.deadline.month else 4
            t.quarters = (rng.randint(1, end), end) if t.deadline.month else (1, 4)
    years = [YEAR, YEAR + 1] if rng.random() < 0.6 else [YEAR, YEAR + 1, YEAR + 2]
    taken: set[int] = set(used_budgets)
    targets = []
    for spec in rng.sample(bank.TARGETS, rng.randint(6, 8)):
        while True:
            v = rng.randint(spec.lo, spec.hi)
            vals = {}
            for y in years:
                vals[y] = v if spec.unit != "%" else min(v, 100)
                v += rng.randint(*spec.step)
            if not taken & set(vals.values()) and len(set(vals.values())) == len(vals):
                taken |= set(vals.values())
                break
        targets.append(Target(spec, vals))
    total = sum(t.budget or 0 for t in tasks)
    a = round(total * rng.choice([0.5, 0.6, 0.7]))
    b = round((total - a) * 0.6)
    sources = [
        ("ngân sách xã", a),
        ("ngân sách tỉnh hỗ trợ", b),
        ("nguồn xã hội hóa và nguồn hợp pháp khác", total - a - b),
    ]
    return Plan(
        idx,
        commune,
        province,
        rng.randint(11, 189),
        dims["format"],
        dims["task_layout"],
        dims["deadline_styles"],
        dims["target"],
        dims["budget"],
        tasks,
        targets,
        years,
        rng.choice(bank.PEOPLE),
        rng.choice(["CHỦ TỊCH", "PHÓ CHỦ TỊCH"]),
        sources,
    )


# ----------------------------------------------------------------------------- rendering one plan


class Writer:
    """Turns a Plan into blocks; every choice of wording comes from the plan's own rng."""

    def __init__(self, plan: Plan, rng: random.Random) -> None:
        self.p = plan
        self.rng = rng
        self.blocks: list[Block] = []
        self.heading_style = rng.choice(["roman", "phan", "arabic"])
        self.sec = 0
        self.p_resp_syntax = ""

    def add(self, kind: str, text: str = "", **kw) -> None:
        self.blocks.append(Block(kind, text, **kw))

    def section(self, title: str) -> None:
        self.sec += 1
        if self.heading_style == "roman":
            self.add("h", f"{ROMAN[self.sec - 1]}. {title.upper()}", level=1)
        elif self.heading_style == "phan":
            self.add("h", f"PHẦN {ROMAN[self.sec - 1]}", level=1)
            self.add("h", title.upper(), level=1)
        else:
            self.add("h", f"{self.sec}. {title}", level=1)

    def sub(self, k: int, title: str) -> None:
        label = f"{k}." if self.heading_style != "arabic" else f"{self.sec}.{k}."
        self.add("h", f"{label} {title}", level=2)

    # --- whole document
    def build(self) -> list[Block]:
        p, rng = self.p, self.rng
        day, month = rng.randint(2, 27), rng.randint(1, 3)
        self.add("center", f"ỦY BAN NHÂN DÂN\nXÃ {p.commune.upper()}\nSố: {p.number}/KH-UBND")
        self.add("center", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc")
        self.add("center", f"{p.commune}, ngày {day:02d} tháng {month:02d} năm {YEAR}")
        title = rng.choice(
            [
                f"Chuyển đổi số, phát triển dữ liệu số và thực hiện Đề án 06 trên địa bàn xã {p.commune} năm {YEAR}",
                f"Thực hiện Nghị quyết số 57-NQ/TW và chuyển đổi số trên địa bàn xã {p.commune} năm {YEAR}",
                f"Triển khai nhiệm vụ chuyển đổi số năm {YEAR}, định hướng đến năm {p.years[-1]} của xã {p.commune}",
            ]
        )
        self.add("center", f"KẾ HOẠCH\n{title}")
        cc = rng.sample(bank.CAN_CU[:4], rng.randint(1, 3)) + [bank.CAN_CU[4]]
        for line in cc:
            self.add("p", line.format(k=rng.randint(20, 160), d=rng.randint(5, 28), p=p.province))
        self.add("p", f"Ủy ban nhân dân xã {p.commune} ban hành Kế hoạch với các nội dung sau:")
        self.section("Mục đích, yêu cầu")
        self.add(
            "p",
            "Xác định rõ nhiệm vụ, đơn vị thực hiện và thời gian hoàn thành; huy động cả hệ thống chính trị và "
            "người dân tham gia chuyển đổi số, bảo đảm thiết thực, hiệu quả.",
        )
        self.section("Chỉ tiêu chủ yếu")
        self.targets()
        self.section("Nhiệm vụ và phân công thực hiện")
        getattr(self, "tasks_" + p.task_layout)()
        self.section("Kinh phí thực hiện")
        self.budget()
        self.section("Tổ chức thực hiện")
        if p.task_layout != "T4":
            self.add(
                "p",
                "Các cơ quan, đơn vị được giao nhiệm vụ chủ động triển khai, định kỳ báo cáo kết quả về Văn phòng "
                "HĐND và UBND xã để tổng hợp. Trong quá trình thực hiện nếu có vướng mắc, kịp thời báo cáo "
                "Ủy ban nhân dân xã xem xét, điều chỉnh.",
            )
        else:
            self.agency_sections()
        sign = (
            "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH"
            if p.signer_role == "CHỦ TỊCH"
            else "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"
        )
        self.add(
            "p",
            "Nơi nhận:\n- UBND tỉnh (b/c);\n- Đảng ủy, HĐND xã;\n- Các cơ quan, đơn vị;\n- Lưu: VT.",
        )
        self.add("center", f"{sign}\n(Đã ký)\n{p.signer}")
        return self.blocks

    # --- targets
    def tval(self, t: Target, y: int) -> str:
        return money(t.values[y])

    def unit_suffix(self, t: Target) -> str:
        return "%" if t.spec.unit == "%" else f" {t.spec.unit}"

    def targets(self) -> None:
        p = self.p
        lay = p.target_layout
        if lay == "cols":
            header = ["STT", "Chỉ tiêu", "Đơn vị tính"] + [f"Năm {y}" for y in p.years]
            rows = [
                [str(i), t.spec.text, t.spec.unit] + [self.tval(t, y) for y in p.years]
                for i, t in enumerate(p.targets, 1)
            ]
            self.add("table", header=header, rows=rows)
        elif lay == "rows":
            header = ["Năm"] + [f"{t.spec.text} ({t.spec.unit})" for t in p.targets]
            rows = [[str(y)] + [self.tval(t, y) for t in p.targets] for y in p.years]
            self.add("table", header=header, rows=rows)
        elif lay == "prose":
            for t in p.targets:
                parts = [f"{self.tval(t, y)}{self.unit_suffix(t)} năm {y}" for y in p.years]
                self.add("p", f"{t.spec.text} đạt " + ", ".join(parts[:-1]) + f" và {parts[-1]}.")
        else:
            items = []
            for t in p.targets:
                parts = [f"năm {y} đạt {self.tval(t, y)}{self.unit_suffix(t)}" for y in p.years]
                items.append(f"{t.spec.text}: " + "; ".join(parts) + ".")
            self.add("ul", items=items)

    # --- helpers for task layouts
    def groups(self) -> list[tuple[str, list[Task]]]:
        names = ["Hạ tầng số và chính quyền số", "Kinh tế số", "Xã hội số và dữ liệu số"]
        out = []
        for g, name in enumerate(names):
            ts = [t for t in self.p.tasks if t.spec.group == g]
            if ts:
                out.append((name, ts))
        return out

    def joined(self, names: list[str]) -> str:
        if len(names) <= 1:
            return "".join(names)
        return ", ".join(names[:-1]) + " và " + names[-1]

    def budget_inline(self) -> bool:
        return self.p.budget_layout == "column"

    def table_rows(self, cell_fns: list, header: list[str]) -> None:
        rows: list[list[str]] = []
        n = 0
        for g, (name, ts) in enumerate(self.groups()):
            rows.append([ROMAN[g], name.upper()] + [""] * (len(header) - 2))
            for t in ts:
                n += 1
                rows.append([fn(t, n) for fn in cell_fns])
        self.add("table", header=header, rows=rows)

    def budget_cell(self, t: Task) -> str:
        return money(t.budget) if t.budget else ""

    # --- T1: separate lead / partner columns, random order and synonyms
    def tasks_T1(self) -> None:
        rng = self.rng
        cols = [
            (
                rng.choice(["Nhiệm vụ", "Nội dung công việc", "Nội dung nhiệm vụ", "Tên nhiệm vụ"]),
                lambda t, n: t.text,
            ),
            (
                rng.choice(["Đơn vị chủ trì", "Cơ quan chủ trì", "Chủ trì", "Đơn vị thực hiện"]),
                lambda t, n: t.lead or "",
            ),
            (
                rng.choice(["Đơn vị phối hợp", "Cơ quan phối hợp", "Phối hợp"]),
                lambda t, n: ", ".join(t.partners),
            ),
            (
                rng.choice(
                    [
                        "Thời gian hoàn thành",
                        "Thời hạn",
                        "Tiến độ",
                        "Thời gian thực hiện",
                        "Mốc hoàn thành",
                    ]
                ),
                lambda t, n: t.deadline.cell,
            ),
        ]
        if self.budget_inline():
            cols.append(
                (
                    rng.choice(["Kinh phí (triệu đồng)", "Dự kiến kinh phí (triệu đồng)"]),
                    lambda t, n: self.budget_cell(t),
                )
            )
        if rng.random() < 0.5:
            cols.append(
                (
                    "Sản phẩm",
                    lambda t, n: rng.choice(["Báo cáo kết quả", "Hệ thống vận hành", "Danh sách"]),
                )
            )
        rest = cols[1:]
        rng.shuffle(rest)
        first = [cols[0]] if rng.random() < 0.7 else []
        order = first + rest if first else rest[:1] + [cols[0]] + rest[1:]
        self.table_rows(
            [lambda t, n: str(n)] + [fn for _, fn in order], ["STT"] + [h for h, _ in order]
        )

    # --- T2: one responsibility cell
    def resp(self, t: Task, syntax: str) -> str:
        ps = ", ".join(t.partners)
        lead = t.lead
        if syntax == "paren":
            parts = ([f"{lead} (chủ trì)"] if lead else []) + ([f"{ps} (phối hợp)"] if ps else [])
            return "; ".join(parts)
        if syntax == "labels":
            parts = ([f"Chủ trì: {lead}."] if lead else []) + ([f"Phối hợp: {ps}."] if ps else [])
            return " ".join(parts)
        if syntax == "verbs":
            parts = ([f"{lead} chủ trì"] if lead else []) + ([f"{ps} phối hợp"] if ps else [])
            return ", ".join(parts)
        return "; ".join([lead or ""] + ([ps] if ps else []))

    def tasks_T2(self) -> None:
        rng = self.rng
        syntax = self.p_resp_syntax
        if syntax == "legend":
            self.add(
                "p",
                "Ghi chú: tại cột Đơn vị thực hiện, đơn vị ghi đầu tiên là đơn vị chủ trì; các đơn vị ghi sau là đơn vị phối hợp.",
            )
        resp_h = (
            "Đơn vị thực hiện"
            if syntax == "legend"
            else rng.choice(
                [
                    "Trách nhiệm thực hiện",
                    "Phân công thực hiện",
                    "Cơ quan thực hiện",
                    "Đơn vị thực hiện",
                ]
            )
        )
        header = [
            "STT",
            rng.choice(["Nhiệm vụ", "Nội dung"]),
            resp_h,
            rng.choice(["Thời hạn", "Thời gian", "Tiến độ thực hiện"]),
        ]
        fns = [
            lambda t, n: str(n),
            lambda t, n: t.text,
            lambda t, n: self.resp(t, syntax),
            lambda t, n: t.deadline.cell,
        ]
        if self.budget_inline():
            header.append("Kinh phí (triệu đồng)")
            fns.append(lambda t, n: self.budget_cell(t))
        self.table_rows(fns, header)

    # --- T3: agency matrix
    def tasks_T3(self) -> None:
        rng = self.rng
        agencies: list[str] = []
        for t in self.p.tasks:
            for a in ([t.lead] if t.lead else []) + t.partners:
                if a not in agencies:
                    agencies.append(a)
        marks = rng.choice([("CT", "PH"), ("X", "x")])
        if marks[0] == "CT":
            self.add("p", "Ghi chú: CT - đơn vị chủ trì; PH - đơn vị phối hợp.")
        else:
            self.add("p", "Ghi chú: X (in hoa) - đơn vị chủ trì; x (thường) - đơn vị phối hợp.")

        def mark(a: str):
            return lambda t, n: marks[0] if t.lead == a else (marks[1] if a in t.partners else "")

        header = ["STT", "Nhiệm vụ"] + agencies + [rng.choice(["Thời hạn", "Thời gian hoàn thành"])]
        fns = (
            [lambda t, n: str(n), lambda t, n: t.text]
            + [mark(a) for a in agencies]
            + [lambda t, n: t.deadline.cell]
        )
        if self.budget_inline():
            header.append("Kinh phí (tr.đ)")
            fns.append(lambda t, n: self.budget_cell(t))
        self.table_rows(fns, header)

    # --- T4: tasks listed by theme, assignments in sections by agency (see agency_sections)
    def tasks_T4(self) -> None:
        self.add(
            "p",
            "Tập trung phát triển hạ tầng số, dữ liệu số, kinh tế số và xã hội số; nhiệm vụ cụ thể của từng cơ quan, "
            "đơn vị được phân công tại mục Tổ chức thực hiện.",
        )

    def agency_sections(self) -> None:
        agencies: list[str] = []
        for t in self.p.tasks:
            for a in ([t.lead] if t.lead else []) + t.partners:
                if a not in agencies:
                    agencies.append(a)
        for k, a in enumerate(agencies, 1):
            self.sub(k, a)
            items = []
            for t in self.p.tasks:
                if t.lead == a:
                    dl = f"; {t.deadline.prose}" if t.deadline.prose else ""
                    items.append(f"Chủ trì {low(t.text)}{dl}.")
            for t in self.p.tasks:
                if a in t.partners and t.lead:
                    items.append(f"Phối hợp với {t.lead} {low(t.text)}.")
            self.add("ul", items=items)

    # --- T5: prose paragraphs, several tasks each
    def sentence(self, t: Task) -> str:
        rng = self.rng
        ps = self.joined(t.partners)
        dl = f", {t.deadline.prose}" if t.deadline.prose else ""
        form = rng.randint(0, 2)
        if not ps:
            return rng.choice(
                [
                    f"Giao {t.lead} chủ trì {low(t.text)}{dl}.",
                    f"{cap(t.text)}; giao {t.lead} thực hiện{dl}.",
                ]
            )
        if form == 0:
            return f"Giao {t.lead} chủ trì, phối hợp với {ps} {low(t.text)}{dl}."
        if form == 1:
            return f"{t.lead} chủ trì {low(t.text)}; {ps} phối hợp thực hiện{dl}."
        return f"{cap(t.text)}. Giao {t.lead} chủ trì, {ps} phối hợp{dl}."

    def tasks_T5(self) -> None:
        for k, (name, ts) in enumerate(self.groups(), 1):
            self.sub(k, name)
            i = 0
            while i < len(ts):
                step = self.rng.randint(2, 3)
                self.add("p", " ".join(self.sentence(t) for t in ts[i : i + step]))
                i += step

    # --- T6: bullets with a parenthetical
    def tasks_T6(self) -> None:
        kl, kp, kd = self.rng.choice(
            [
                ("Chủ trì", "phối hợp", "thời gian"),
                ("Đơn vị chủ trì", "đơn vị phối hợp", "thời hạn"),
                ("Cơ quan chủ trì", "cơ quan phối hợp", "tiến độ"),
            ]
        )
        for k, (name, ts) in enumerate(self.groups(), 1):
            self.sub(k, name)
            items = []
            for t in ts:
                parts = [f"{kl}: {t.lead}"]
                if t.partners:
                    parts.append(f"{kp}: {', '.join(t.partners)}")
                if t.deadline.cell:
                    parts.append(f"{kd}: {t.deadline.cell}")
                if self.budget_inline() and t.budget:
                    parts.append(f"kinh phí: {money(t.budget)} triệu đồng")
                items.append(f"{t.text} ({'; '.join(parts)}).")
            self.add("ul", items=items)

    # --- T7: a key/value block per task
    def tasks_T7(self) -> None:
        kl, kp, kd = self.rng.choice(
            [
                ("Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"),
                ("Đơn vị chủ trì", "Đơn vị phối hợp", "Thời hạn"),
                ("Chủ trì", "Phối hợp", "Tiến độ"),
            ]
        )
        n = 0
        for k, (name, ts) in enumerate(self.groups(), 1):
            self.sub(k, name)
            for t in ts:
                n += 1
                self.add("p", f"Nhiệm vụ {n}: {t.text}.")
                items = []
                if t.lead:
                    items.append(f"{kl}: {t.lead}.")
                if t.partners:
                    items.append(f"{kp}: {', '.join(t.partners)}.")
                if t.deadline.cell:
                    items.append(f"{kd}: {t.deadline.cell}.")
                if self.budget_inline() and t.budget:
                    items.append(f"Kinh phí dự kiến: {money(t.budget)} triệu đồng.")
                self.add("ul", items=items)

    # --- T8: schedule with quarter columns marked x, no date column
    def tasks_T8(self) -> None:
        rng = self.rng
        header = [
            "STT",
            "Nội dung",
            rng.choice(["Chủ trì", "Đơn vị chủ trì"]),
            rng.choice(["Phối hợp", "Đơn vị phối hợp"]),
        ]
        fns = [
            lambda t, n: str(n),
            lambda t, n: t.text,
            lambda t, n: t.lead or "",
            lambda t, n: ", ".join(t.partners),
        ]
        for q in range(1, 5):
            header.append(f"Quý {ROMAN[q - 1]}/{YEAR}")
            fns.append(lambda t, n, q=q: "x" if t.quarters[0] <= q <= t.quarters[1] else "")
        if self.budget_inline():
            header.append("Kinh phí (triệu đồng)")
            fns.append(lambda t, n: self.budget_cell(t))
        self.add(
            "p",
            "Tiến độ thực hiện: đánh dấu (x) vào quý triển khai; nhiệm vụ hoàn thành trong quý cuối cùng được đánh dấu.",
        )
        self.table_rows(fns, header)

    # --- budget
    def budget(self) -> None:
        p = self.p
        lay = p.budget_layout
        src = "; ".join(f"{name} {money(v)} triệu đồng" for name, v in p.sources)
        total_line = f"Tổng kinh phí dự kiến thực hiện Kế hoạch: {money(p.total)} triệu đồng, trong đó: {src}."
        with_budget = [t for t in p.tasks if t.budget]
        if lay == "column":
            self.add(
                "p", "Kinh phí của từng nhiệm vụ được ghi tại phần Nhiệm vụ và phân công thực hiện."
            )
            self.add("p", total_line)
        elif lay == "table":
            rows = [
                [
                    str(i),
                    cap(t.spec.key),
                    money(t.budget or 0),
                    self.rng.choice(["Ngân sách xã", "Ngân sách tỉnh", "Xã hội hóa"]),
                ]
                for i, t in enumerate(with_budget, 1)
            ]
            rows.append(["", "Tổng cộng", money(p.total), ""])
            self.add(
                "table",
                header=["STT", "Nội dung", "Kinh phí (triệu đồng)", "Nguồn kinh phí"],
                rows=rows,
            )
            self.add("p", total_line)
        else:
            self.add("p", total_line)
            self.add("p", "Dự kiến phân bổ:")
            self.add(
                "ul",
                items=[
                    f"{cap(t.spec.key)}: {money(t.budget or 0)} triệu đồng;" for t in with_budget
                ],
            )


# ----------------------------------------------------------------------------- questions


def casual(text: str, rng: random.Random, commune: str) -> tuple[str, str]:
    """Make a question look typed: maybe one typo outside the commune name, maybe no diacritics.

    Returns the text and how it was typed ("typo", "nodiac", "typo+nodiac" or "plain")."""
    tags = []
    if rng.random() < 0.12:
        words = text.split(" ")
        cands = [i for i, w in enumerate(words) if len(w) >= 5 and w.isalpha() and w not in commune]
        if cands:
            i = rng.choice(cands)
            w = words[i]
            j = rng.randint(1, len(w) - 2)
            words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
            text = " ".join(words)
            tags.append("typo")
    if rng.random() < 0.33:
        text = ascii_fold(text)
        tags.append("nodiac")
    if rng.random() < 0.4:
        text = text.lower()
    return text, "+".join(tags) or "plain"


def questions(plan: Plan, rng: random.Random) -> list[dict]:
    c = plan.commune
    qs: list[dict] = []

    def cname() -> str:
        return rng.choice([c, f"xã {c}", f"xa {c}", c.lower()])

    def add(
        qtype: str,
        category: str,
        text: str,
        facts: list[str],
        task: Task | None = None,
        refusal=False,
    ) -> None:
        typed, typing = casual(text, rng, c)
        item = {
            "id": f"zoo-{plan.idx:02d}-{len(qs) + 1:02d}",
            "category": category,
            "question": typed,
            "expect_facts": facts,
        }
        if refusal:
            item["expect_refusal"] = True
        else:
            item["expect_commune"] = c
        style = "-"
        if task is not None:
            style = "schedule" if plan.task_layout == "T8" else task.deadline.style
        item.update(
            layout=plan.fmt,
            task_layout=plan.task_layout,
            deadline_style=style,
            qtype=qtype,
            typing=typing,
            plan=plan.slug,
        )
        qs.append(item)

    ref = lambda t: rng.choice(t.spec.refs)  # noqa: E731
    tasks = list(plan.tasks)
    rng.shuffle(tasks)
    led = [t for t in tasks if t.lead]
    for t in led[:4]:
        tpl = rng.choice(
            [
                "{c} ai chủ trì {r}",
                "{r} ở {c} do đơn vị nào chủ trì",
                "kh cđs {c}: cơ quan nào chịu trách nhiệm chính {r}",
                "ai lo vụ {r} {c}",
            ]
        )
        add("lead", "responsibility", tpl.format(c=cname(), r=ref(t)), [t.lead], t)
    for t in [t for t in tasks if t.lead is None][:1]:
        add("lead_none", "responsibility", f"{cname()} ai chủ trì {ref(t)}", [NOT_STATED], t)
    for t in [t for t in tasks if t.partners and t.lead][:2]:
        tpl = rng.choice(
            [
                "{c} {r} phối hợp với ai",
                "những đơn vị nào phối hợp {r} {c}",
                "{r} của {c} có đơn vị nào phối hợp ko",
            ]
        )
        add("partner", "responsibility", tpl.format(c=cname(), r=ref(t)), t.partners[:2], t)
    if plan.task_layout == "T8":
        dl = [t for t in tasks if t.deadline.month]
        for t in dl[:4]:
            fact = f"Quý {ROMAN[t.quarters[1] - 1]}/{YEAR}"
            add("deadline", "deadline", f"{cname()} {ref(t)} khi nào xong", [fact], t)
    else:
        dl = [t for t in tasks if t.deadline.style != "none"]
        for t in dl[:4]:
            tpl = rng.choice(
                [
                    "{c} {r} khi nào xong",
                    "hạn chót {r} của {c}",
                    "{r} {c} thời hạn hoàn thành là bao giờ",
                    "{c} {r} làm đến bao giờ",
                ]
            )
            add("deadline", "deadline", tpl.format(c=cname(), r=ref(t)), [t.deadline.fact], t)
        for t in [t for t in tasks if t.deadline.style == "none"][:1]:
            tpl = rng.choice(["{c} {r} có thời hạn ko", "bao giờ phải xong {r} ở {c}"])
            add("deadline_none", "deadline", tpl.format(c=cname(), r=ref(t)), [NOT_STATED], t)
    for t in [t for t in tasks if t.budget][:2]:
        tpl = rng.choice(
            [
                "{c} {r} kinh phí bn",
                "kinh phí cho {r} {c} là bao nhiêu",
                "{r} ở {c} dự kiến tốn bao nhiêu tiền",
            ]
        )
        add("task_budget", "budget", tpl.format(c=cname(), r=ref(t)), [money(t.budget or 0)], t)
    add(
        "total_budget",
        "budget",
        rng.choice(
            ["tổng kinh phí kh cđs {c} bn", "{c} tổng kinh phí thực hiện kế hoạch là bao nhiêu"]
        ).format(c=cname()),
        [money(plan.total)],
    )
    for t in rng.sample(plan.targets, 3):
        y = rng.choice(plan.years)
        tpl = rng.choice(
            [
                "{c} {r} năm {y} chỉ tiêu bn",
                "chỉ tiêu {r} {y} của {c}",
                "{c} đến {y} {r} đạt bao nhiêu",
            ]
        )
        add(
            "target",
            "targets",
            tpl.format(c=cname(), r=rng.choice(t.spec.refs), y=y),
            [money(t.values[y])],
        )
    by_lead: dict[str, list[Task]] = {}
    for t in plan.tasks:
        if t.lead:
            by_lead.setdefault(t.lead, []).append(t)
    multi = sorted(
        (a for a, ts in by_lead.items() if len(ts) >= 2 and a in bank.ALIASES),
        key=lambda a: -len(by_lead[a]),
    )
    if multi:
        a = multi[0]
        ts = by_lead[a][:3]
        tpl = rng.choice(
            ["{c} {a} chủ trì những nhiệm vụ gì", "liệt kê các việc {a} chủ trì trong kh của {c}"]
        )
        add(
            "list_by_agency",
            "list",
            tpl.format(c=cname(), a=rng.choice(bank.ALIASES[a])),
            [t.spec.key for t in ts],
        )
    by_q: dict[int, list[Task]] = {}
    for t in plan.tasks:
        if plan.task_layout == "T8" and t.deadline.month:
            by_q.setdefault(t.quarters[1], []).append(t)
        elif (
            plan.task_layout != "T8"
            and t.deadline.style in ("date", "before", "month", "quarter")
            and t.deadline.month
        ):
            by_q.setdefault((t.deadline.month - 1) // 3 + 1, []).append(t)
    qsel = [q for q, ts in sorted(by_q.items()) if len(ts) >= 2]
    if qsel:
        q = rng.choice(qsel)
        ts = by_q[q]
        qtxt = rng.choice([f"quý {ROMAN[q - 1]}/{YEAR}", f"quý {q} năm {YEAR}"])
        tpl = rng.choice(["{c} những việc phải xong trong {q}", "nhiệm vụ nào hạn trong {q} ở {c}"])
        add(
            "list_by_period",
            "list",
            tpl.format(c=cname(), q=qtxt),
            [t.spec.key for t in ts[:3]],
            ts[0],
        )
        qs[-1]["deadline_style"] = "schedule" if plan.task_layout == "T8" else "period"
    add(
        "refusal_phone",
        "refusal",
        rng.choice(["cho xin sđt {r} {n} xã {c}", "số điện thoại của {r} {n} ở {c} là gì"]).format(
            r=plan.signer_role.lower(), n=plan.signer, c=c
        ),
        [],
        refusal=True,
    )
    unstated = rng.choice(bank.UNSTATED)
    add("refusal_value", "refusal", f"{cname()} {unstated[0]}", [], refusal=True)
    return qs


# ----------------------------------------------------------------------------- checks + main


def norm(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text).casefold().replace("–", "-"))


def check(plan: Plan, text: str, qs: list[dict]) -> list[str]:
    """Every expected fact must be written in the plan (first alternative, verbatim modulo case/space)."""
    hay = norm(text)
    errors = []
    for q in qs:
        for f in q["expect_facts"]:
            if f == NOT_STATED:
                continue
            if norm(f.split("|")[0]) not in hay:
                errors.append(f"{q['id']}: {f!r} not in {plan.slug}")
    if re.search(r"\b0\d{9}\b", text):
        errors.append(f"{plan.slug}: a phone number is written in the plan")
    for _, word in bank.UNSTATED:
        if norm(word) in hay:
            errors.append(f"{plan.slug}: unstated topic {word!r} appears")
    return errors


def generate(out: Path, seed: int, n_plans: int, pdf: bool = True) -> dict:
    rng = random.Random(seed)
    if out.exists():
        for sub in ("plans", "questions", "html"):
            shutil.rmtree(out / sub, ignore_errors=True)
    for sub in ("plans", "questions", "html"):
        (out / sub).mkdir(parents=True, exist_ok=True)
    communes = rng.sample(bank.COMMUNES, n_plans)
    dims = assign_dims(n_plans, rng)
    manifest: dict = {"seed": seed, "plans": []}
    errors: list[str] = []
    for i in range(n_plans):
        prng = random.Random(f"{seed}-{i}")
        d = dims[i]
        if d["task_layout"] == "T2":
            d["resp_syntax"] = ("paren", "labels", "verbs", "legend")[(i // 8 + seed) % 4]
        plan = build_plan(i + 1, d, prng, communes[i])
        w = Writer(plan, prng)
        w.p_resp_syntax = d.get("resp_syntax", "")
        blocks = w.build()
        plain = render_txt(blocks, "tab")
        qs = questions(plan, prng)
        errors += check(plan, plain, qs)
        base = out / "plans" / plan.slug
        if plan.fmt == "txt":
            style = prng.choice(["pipe", "tab"])
            base.with_suffix(".txt").write_text(render_txt(blocks, style), encoding="utf-8")
        elif plan.fmt == "md":
            base.with_suffix(".md").write_text(render_md(blocks), encoding="utf-8")
        elif plan.fmt == "docx":
            write_docx(blocks, base.with_suffix(".docx"), heading_styles=prng.random() < 0.5)
        else:
            html = out / "html" / f"{plan.slug}.html"
            html.write_text(render_html(blocks, plan.slug), encoding="utf-8")
            if pdf:
                print_pdf(html, base.with_suffix(".pdf"))
        with (out / "questions" / f"{plan.slug}.jsonl").open("w", encoding="utf-8") as fh:
            for q in qs:
                fh.write(json.dumps(q, ensure_ascii=False) + "\n")
        manifest["plans"].append(
            {
                "slug": plan.slug,
                "commune": plan.commune,
                "format": plan.fmt,
                "task_layout": plan.task_layout,
                "resp_syntax": d.get("resp_syntax", ""),
                "deadline_styles": plan.deadline_styles,
                "target_layout": plan.target_layout,
                "budget_layout": plan.budget_layout,
                "tasks": len(plan.tasks),
                "questions": len(qs),
            }
        )
    manifest["errors"] = errors
    (out / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    return manifest


def print_pdf(html: Path, pdf: Path) -> None:
    exe = (
        shutil.which("chromium")
        or shutil.which("chromium-browser")
        or shutil.which("google-chrome")
    )
    if not exe:
        raise SystemExit("chromium not found: use --no-pdf or install chromium")
    subprocess.run(
        [
            exe,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            html.resolve().as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--plans", type=int, default=16)
    ap.add_argument(
        "--no-pdf", action="store_true", help="write the HTML of PDF plans but do not print them"
    )
    a = ap.parse_args(argv)
    if not 1 <= a.plans <= len(bank.COMMUNES):
        ap.error(f"--plans must be 1..{len(bank.COMMUNES)}")
    m = generate(a.out, a.seed, a.plans, pdf=not a.no_pdf)
    nq = sum(p["questions"] for p in m["plans"])
    print(f"{len(m['plans'])} plans, {nq} questions -> {a.out}")
    for e in m["errors"]:
        print("ERROR", e, file=sys.stderr)
    return 1 if m["errors"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
