"""Percentages a plan states twice for the same indicator and year, with different values.

A plan may give one figure in its objectives and another in "Tổ chức thực hiện", or report
last year's result in prose and again in a table column ("Thực hiện 2025"). Every place that
states a share is read as a `Statement`: a table row's value for a year (its target columns,
its baseline column), or a clause of the text with one percentage in it. A clause's year is
the year it names, else the year an earlier clause of its sentence named ("Đến hết năm 2026,
60% …; 90% …"), else the year of its section heading ("II. CHỈ TIÊU NĂM 2026"), else the plan's
year when the plan is for one year. What a share measures is read from the words around it
(after it, else before it), with administrative abbreviations spelled out.

Two statements conflict when they are in different places, for the same year, mutually the
most similar, similar enough, qualified by the same numbers ("mức 2", "từ đủ 14 tuổi": a
"mức 1" share is another indicator) and state different values. Shares are compared (a
percentage has no unit to misread), and counts in the same unit: a unit of the vocabulary
(rag/understand/prose_cues.yaml value_units) or one the plan's own tables name in their unit
column ("22 khu dân cư" against a row "Khu dân cư có cáp quang | khu | 23"). The thresholds
are in rag/params/statements.json.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rag.tables.legal import NUMBER_RE
from rag.tables.parse import Record, parse_number
from rag.text import abbreviation_forms, fold, nfc
from rag.understand.prose import load_units

PARAMS_FILE = Path(__file__).resolve().parent.parent / "params" / "statements.json"

_PERCENT = re.compile(r"(?<![\d.,])(\d{1,3}(?:[.,]\d+)?)\s*%")
# A year the text names (not inside a date "30/12/2025" or a number "1245/KH-UBND").
_YEAR = re.compile(r"(?<![\d/.\-])(20\d\d)(?![\d/])")
# "2026 - 2030": a period, stated for its last year.
_RANGE = re.compile(r"\b(20\d\d)\s*[-–]\s*(20\d\d)\b")
_QUALIFIER = re.compile(r"\b\d+\b")
# A whole number counting something: not part of a share, a fraction ("21/23"), a date or a
# decimal; the unit after it is checked against the known units.
_WHOLE = re.compile(r"\d{1,3}(?:\.\d{3})+|\d{1,4}")
_COUNT = re.compile(r"(?<![\d.,/%])(" + _WHOLE.pattern + r")(?![\d.,/%])\s+(?=[^\W\d_])")
# Money is not counted: amounts are checked against their totals (rag.tables.parse).
_MONEY_UNIT = re.compile(r"\bdong\b")
# The words that introduce a cited document's number: "theo Nghị quyết số", "tại Quyết định".
_REFERENCE_LEAD = re.compile(
    r"(?:\b(?:theo|tại|của)\s+)?(?:\b(?:Nghị quyết|Nghị định|Quyết định|Chỉ thị|Thông tư|"
    r"Công văn|Kế hoạch(?: hành động)?|Chương trình(?: hành động)?|Hướng dẫn|Thông báo|"
    r"NQ|QĐ|KH|CT|TT)\s+)?(?:số\s*)?$",
    re.I,
)
_LIST_MARK = re.compile(r"^[\s\-–•+*]*(?:[a-zđ]|\d{1,2}|[ivx]{1,4})[.)]\s+", re.I)
_CLAUSE_SPLIT = re.compile(r";|(?<=[^\d\s][.!?])\s+(?=[A-ZĐÀ-Ỹ])")
_MULTI_YEAR_TITLE = re.compile(r"giai đoạn|\b20\d\d\s*[-–]\s*20\d\d\b", re.I)
# Words that say nothing about what a share measures.
_WEAK = set(
    "ty le dat tren tu toi thieu phan dau co cac cua va duoc xa tro len it nhat la so trong voi "
    "cho den nam khong the het cuoi rieng trong do muc tieu chi tieu dat".split()
)


@dataclass(frozen=True)
class Params:
    version: str
    min_similarity: float
    window_words: int


@lru_cache(maxsize=2)
def load_params(path: Path = PARAMS_FILE) -> Params:
    raw = json.loads(Path(path).read_text(encoding="utf-8"))
    return Params(raw["version"], float(raw["min_similarity"]), int(raw["window_words"]))


@dataclass
class Statement:
    line: int  # 1-based line of the plan text
    year: str
    value: str  # as printed, with "%"
    number: float
    words: frozenset[str]  # what the share measures
    qualifiers: frozenset[str]  # numbers qualifying it ("14" tuổi, mức "2")
    quote: str
    section: str
    place: str  # table name, or "" for the text
    last: int = 0  # last line (a record spanning several lines), 0: `line` only
    unit: str = "%"  # "%" for a share, else the folded unit counted ("khu", "san pham")
    clause_words: frozenset[str] = frozenset()  # a text count: the words before it, year named

    @property
    def span(self) -> tuple[int, int]:
        return self.line, max(self.line, self.last)

    def side(self) -> dict:
        return {
            "indicator": self.quote,
            "value": self.value,
            "section": self.section,
            "quote": self.quote,
            "line": self.line,
            "lead": "",
        }


def _tokens(text: str) -> list[str]:
    out: list[str] = []
    for t in re.findall(r"[a-z0-9]+", fold(text)):
        long = abbreviation_forms(t)
        out.extend(re.findall(r"[a-z]+", fold(long)) if long else [t])
    return out


def _content(tokens: list[str]) -> list[str]:
    return [t for t in tokens if t not in _WEAK and not t.isdigit()]


def _qualifiers(text: str) -> frozenset[str]:
    return frozenset(n for n in _QUALIFIER.findall(fold(text)) if not _YEAR.fullmatch(n))


def _without_references(text: str) -> str:
    """The text without the documents it cites ("theo Nghị quyết số 15/NQ-HĐND"): a source
    says where a share comes from, not what it measures, and its number qualifies nothing."""
    out = text
    for m in reversed(list(NUMBER_RE.finditer(text))):
        lead = _REFERENCE_LEAD.search(out[: m.start()])
        start = lead.start() if lead else m.start()
        out = out[:start] + " " + out[m.end() :]
    return out


def _about(clause: str, start: int, end: int, n: int) -> tuple[frozenset[str], str]:
    """(words, text) naming what the share at clause[start:end] measures: the words after it
    up to a comma or bracket, else the words before it back to one (cited documents left out)."""
    after = _without_references(re.split(r"[,(:]", clause[end:], maxsplit=1)[0])
    words = _content(_tokens(after))[:n]
    if len(words) >= 2:
        return frozenset(words), after
    before = _without_references(re.split(r"[,:]", clause[:start])[-1])
    before = _LIST_MARK.sub("", before)  # "a) Tỷ lệ …", "4. Chỉ tiêu …": numbering, not words
    return frozenset(_content(_tokens(before))[-n:]), before


# A list line naming only a year ("- **Năm 2027:**", "Đến năm 2028:"): the lines indented under
# it state that year's values.
_YEAR_HEAD = re.compile(r"^[-+*•\s]*(?:den (?:het )?)?nam\s+(20\d\d)[\s*:]*$")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def _count_about(clause: str, start: int, end: int, n: int) -> tuple[frozenset[str], str]:
    """(words, text) naming what a count measures: the words before it back to a comma or
    colon ("số bến có wifi là") and after it up to one ("7 bến thuyền"), since a count's unit
    names the thing and the words before it say which."""
    after = re.split(r"[,(:;]", clause[end:], maxsplit=1)[0]
    before = re.split(r"[,:;]", clause[:start])[-1]
    words = _content(_tokens(before))[-n:] + _content(_tokens(after))[:n]
    return frozenset(words), f"{before} {after}"


def _heading_year(section: str) -> str:
    years = re.findall(r"năm\s+(20\d\d)", section, flags=re.I)
    return years[-1] if years else ""


def _unit_at(folded: str, units: tuple[str, ...]) -> str:
    """The known unit `folded` starts with, as whole words ("" when none)."""
    for unit in units:
        if folded.startswith(unit) and not folded[len(unit) : len(unit) + 1].isalnum():
            return unit
    return ""


def _count_in(clause: str, units: tuple[str, ...]) -> tuple[re.Match, str] | None:
    """The one count of a clause without a share ("… là 22 khu dân cư"), with its unit."""
    found = []
    for m in _COUNT.finditer(clause):
        if _YEAR.fullmatch(m.group(1)):
            continue
        unit = _unit_at(fold(clause[m.end() :]), units)
        if unit:
            found.append((m, unit))
    return found[0] if len(found) == 1 else None


# A table cell holding a count with its unit ("120 ao", "14 tổ"): the unit is the row's.
_CELL_COUNT = re.compile(r"(" + _WHOLE.pattern + r")\s+([^\W\d_]+(?: [^\W\d_]+){0,2})")


def _cell_unit(raw: str) -> str:
    """The folded unit of a count cell ("120 ao" → "ao"), "" for any other cell."""
    m = _CELL_COUNT.fullmatch(raw.strip())
    return fold(m.group(2)) if m is not None else ""


def known_units(records: list[Record]) -> tuple[str, ...]:
    """The count units of the vocabulary and of the plan's own unit columns (or count cells),
    folded, longest first."""
    own = {fold(r.unit).strip(" .") for r in records if r.origin == "table" and r.unit}
    own |= {
        _cell_unit(v)
        for r in records
        if r.origin == "table" and not r.unit.strip()
        for v in r.targets.values()
    }
    own = {u for u in own if u and u != "%" and re.fullmatch(r"[a-z]+(?: [a-z]+){0,2}", u)}
    units = {u for u in set(load_units()) | own if not _MONEY_UNIT.search(u)}
    return tuple(sorted(units, key=lambda u: (-len(u), u)))


def text_statements(
    lines: list[str],
    sections: list[str],
    skip: set[int],
    plan_year: str,
    n: int,
    units: tuple[str, ...] = (),
) -> list[Statement]:
    """The shares stated in the text (0-based line indexes in `skip` are tables), and the
    counts in one of `units` of clauses without a share."""
    out: list[Statement] = []
    head: tuple[int, str] | None = None  # (indent, year) of the open year list line
    for i, line in enumerate(lines):
        if i in skip or line.lstrip().startswith("|"):
            continue
        if line.strip() and head is not None and _indent(line) <= head[0]:
            head = None
        named = _YEAR_HEAD.match(fold(line))
        if named is not None:
            head = (_indent(line), named.group(1))
            continue
        if "%" not in line and not (units and _COUNT.search(line)):
            continue
        section = sections[i] if i < len(sections) else ""
        default = (head[1] if head else "") or _heading_year(section) or plan_year
        carried = ""
        for clause in _CLAUSE_SPLIT.split(line):
            years = _YEAR.findall(_RANGE.sub(r"\2", clause))
            shares = list(_PERCENT.finditer(clause))
            count = _count_in(clause, units) if units and not shares else None
            found: list[tuple[re.Match, str]] = [count] if count is not None else []
            if len(shares) == 1:
                found.append((shares[0], "%"))
            out.extend(_progression(clause, shares, n, i + 1, section))
            for m, unit in found:
                before = _YEAR.findall(_RANGE.sub(r"\2", clause[: m.start()]))
                year = (before[-1] if before else years[0] if years else "") or carried or default
                stated = _clause_statement(clause, m, unit, n, i + 1, year, section)
                if stated is not None:
                    out.append(stated)
            if years:
                carried = years[-1]
    return out


# "62% năm 2025": a share stated for the year right after it.
_SHARE_YEAR = re.compile(r"\s*(?:\(?\s*(?:vào\s+)?(?:cuối\s+)?năm\s+)(20\d\d)\b", re.I)


def _progression(
    clause: str, shares: list[re.Match], n: int, line: int, section: str
) -> list[Statement]:
    """ "nâng tỷ lệ X từ 62% năm 2025 lên 75% năm 2026 và 90% năm 2027": one statement per
    share when every share of the clause is followed by its own year (all measure X, the
    words before the first share)."""
    if len(shares) < 2:
        return []
    years = [_SHARE_YEAR.match(clause, m.end()) for m in shares]
    if not all(years):
        return []
    before = _LIST_MARK.sub(
        "", _without_references(re.split(r"[,:]", clause[: shares[0].start()])[-1])
    )
    words = frozenset(_content(_tokens(before))[-n:])
    if len(words) < 2:
        return []
    out = []
    for m, y in zip(shares, years, strict=True):
        number = parse_number(m.group(1))
        if number is None or y is None:
            continue
        quote = clause.strip(" -–•+*\t.;")
        out.append(
            Statement(
                line,
                y.group(1),
                f"{m.group(1)}%",
                number,
                words,
                _qualifiers(before),
                quote,
                section,
                "",
            )
        )
    return out


def _clause_statement(
    clause: str, m: re.Match, unit: str, n: int, line: int, year: str, section: str
) -> Statement | None:
    """The share ("%") or the count in `unit` at m of a text clause, or None when its year,
    its words or its number cannot be told."""
    share = unit == "%"
    about = _about if share else _count_about
    words, text = about(clause, m.start(), m.end(), n)
    number = parse_number(m.group(1))
    if not (year and words and number is not None):
        return None
    return Statement(
        line,
        year,
        f"{m.group(1)}%" if share else clause[m.start() : m.end() + len(unit)].strip(),
        number,
        words,
        _qualifiers(text) if share else _qualifiers(text) - {m.group(1)},
        clause.strip(" -–•+*\t.;"),
        section,
        "",
        unit=unit,
        # a count after a clause naming its year and its indicator ("chỉ tiêu X năm 2026 …
        # là 40 bè"), not a task's count ("lắp đặt 3 trạm quan trắc …")
        clause_words=frozenset(_content(_tokens(clause[: m.start()])))
        if not share and year in _YEAR.findall(clause[: m.start()])
        else frozenset(),
    )


def _prose_statements(r: Record, n: int) -> list[Statement]:
    """The share of a target or result sentence read at ingest (one share per year)."""
    out: list[Statement] = []
    starts = {m.group(1) for m in _RANGE.finditer(r.indicator)}
    pairs = list(r.targets.items())
    if r.baseline and r.baseline_year and r.baseline_year not in r.targets:
        pairs.append((r.baseline_year, r.baseline))  # "từ 62% năm 2025 lên 75% năm 2026"
    for year, raw in pairs:
        shares = list(_PERCENT.finditer(raw))
        if len(shares) != 1 or year in starts:  # a period's share is not its first year's
            continue
        m = next(
            (m for m in _PERCENT.finditer(r.indicator) if m.group(1) == shares[0].group(1)), None
        )
        number = parse_number(shares[0].group(1))
        if m is None or number is None:
            continue
        words, about = _about(r.indicator, m.start(), m.end(), n)
        if words:
            out.append(
                Statement(
                    r.line_start,
                    year,
                    f"{shares[0].group(1)}%",
                    number,
                    words,
                    _qualifiers(about),
                    r.quote or r.indicator,
                    r.section,
                    "",
                    r.line_end,
                )
            )
    return out


def record_statements(
    records: list[Record], n: int, units: tuple[str, ...] = ()
) -> list[Statement]:
    """The shares of the table rows (one per year column, one for the baseline column) and of
    the target and result sentences read at ingest; with `units`, the counts in those units
    written with their unit in the cell ("120 ao")."""
    out: list[Statement] = []
    for r in records:
        if r.origin != "table":
            if r.kind in ("target", "result"):
                out.extend(_prose_statements(r, n))
            continue
        pairs = list(r.targets.items())
        if r.baseline and r.baseline_year:
            pairs.append((r.baseline_year, r.baseline))
        words = frozenset(_content(_tokens(r.indicator))[: 2 * n])
        counted = fold(r.unit).strip(" .") if r.unit.strip() not in ("", "%") else ""
        for year, raw in pairs:
            raw = raw.strip()
            percent = raw.endswith("%") or r.unit.strip() == "%"
            number = parse_number(raw.rstrip("% "))
            cell = _CELL_COUNT.fullmatch(raw) if not r.unit.strip() else None
            if counted and not percent and number is not None and _WHOLE.fullmatch(raw):
                value, unit = f"{raw} {r.unit.strip()}", counted
            elif cell is not None and _cell_unit(raw) in units:
                value, unit, number = raw, _cell_unit(raw), parse_number(cell.group(1))
            elif percent and number is not None and re.fullmatch(r"[\d.,]+\s*%?", raw):
                value, unit = (raw if raw.endswith("%") else f"{raw}%"), "%"
            else:
                continue
            out.append(
                Statement(
                    r.line_start,
                    year,
                    value,
                    number,
                    words,
                    _qualifiers(r.indicator),
                    r.quote,
                    r.table or r.section,
                    r.table or r.section,
                    r.line_end,
                    unit=unit,
                )
            )
    return out


NAMED_WORDS = 3  # a table row's name this long, all of it in a text clause, names its count


def _similarity(a: Statement, b: Statement) -> float:
    if not a.words or not b.words:
        return 0.0
    jaccard = len(a.words & b.words) / len(a.words | b.words)
    # A count restated in the text after the table row's whole name and its year ("chỉ tiêu
    # bè cá lồng có cảm biến năm 2026 … là 40 bè" against the row "Số bè cá lồng có cảm
    # biến | 30 bè"), however long the clause around it: the same indicator.
    row, text = (a, b) if a.place else (b, a)
    if a.unit != "%" and row.place and not text.place and len(row.words) >= NAMED_WORDS:
        if row.words <= text.clause_words:
            return 1.0
    return jaccard


def _overlap(a: Statement, b: Statement) -> bool:
    return a.span[0] <= b.span[1] and b.span[0] <= a.span[1]


def _comparable(a: Statement, b: Statement) -> bool:
    if a.year != b.year or a.unit != b.unit or _overlap(a, b):
        return False
    if a.place and a.place == b.place:  # two rows of one table are two indicators
        return False
    return not (a.qualifiers and b.qualifiers and a.qualifiers != b.qualifiers)


def stated_conflicts(statements: list[Statement], min_similarity: float) -> list[tuple]:
    """(a, b, score) for mutually most similar comparable statements with different values."""
    best: dict[int, tuple[float, int]] = {}
    for i, a in enumerate(statements):
        for j, b in enumerate(statements):
            if i == j or not _comparable(a, b):
                continue
            if a.unit != "%" and not (a.place or b.place):
                continue  # counts: a table's value against the text, not two sentences
            s = _similarity(a, b)
            if s > best.get(i, (0.0, -1))[0]:
                best[i] = (s, j)
    out = []
    for i, (s, j) in best.items():
        if i < j and best.get(j, (0.0, -1))[1] == i and s >= min_similarity:
            a, b = statements[i], statements[j]
            if abs(a.number - b.number) > 1e-9:
                out.append((a, b, round(s, 3)))
    return out


def plan_statement_conflicts(
    text: str, sections: list[str], records: list[Record], title: str, plan_year: str
) -> list[tuple]:
    """The conflicting pairs of shares of one plan (see the module docstring)."""
    from rag.understand.tables import find_tables

    params = load_params()
    lines = text.replace("\r\n", "\n").split("\n")
    skip = {n for t in find_tables(text) for n in range(t.line_start - 1, t.line_end)}
    single = plan_year if plan_year and not _MULTI_YEAR_TITLE.search(title) else ""
    units = known_units(records)
    recorded = record_statements(records, params.window_words, units)
    # a clause a sentence record already states (same year, same share) is that statement
    texts = [
        t
        for t in text_statements(lines, sections, skip, single, params.window_words, units)
        if not any(_overlap(t, r) and t.year == r.year and t.number == r.number for r in recorded)
    ]
    statements = recorded + texts
    return stated_conflicts(statements, params.min_similarity)


def statement_conflicts(parsed: list[tuple], ids: dict[str, str], known: list[dict]) -> list[dict]:
    """Conflict rows (as rag.tables.conflicts.Conflict.as_dict, with commune_id) of the shares
    each (PlanSource, ParsedDoc) in `parsed` states twice, leaving out the pairs of `known`."""
    seen = {
        (c["doc_id"], c["year"], frozenset((c["a"].get("line"), c["b"].get("line")))) for c in known
    }
    out = []
    for plan, doc in parsed:
        for a, b, _score in plan_statement_conflicts(
            nfc(plan.text), doc.sections, doc.records, plan.title, doc.plan_year
        ):
            key = (plan.doc_id, a.year, frozenset((a.line, b.line)))
            if key in seen:
                continue
            seen.add(key)
            out.append(
                {
                    "doc_id": plan.doc_id,
                    "commune": plan.commune,
                    "year": a.year,
                    "a": a.side(),
                    "b": b.side(),
                    "commune_id": ids.get(plan.doc_id, ""),
                }
            )
    return out
