"""Budget tables with one column per year ("Nội dung | Năm 2026 | Năm 2027 | Năm 2028").

A multi-year plan budgets each year in its own column; "how much in 2026" is that column's
total: the table's total row ("Cộng", "Tổng cộng") when it has one, else the sum of its lines
(said so, with the lines shown). Read from the plan's lines as the readers give them:

- a markdown / Word table: one "|" row per line, the amounts in the last cells;
- a PDF table flattened to text: the header words wrapped over several lines ("Năm", "2026",
  "Năm", "2027"…), a row's label wrapped over lines and its amounts at the end of its last line.

Structural signals only: a header holding two or more increasing years and no other number,
rows ending with one amount per year column, a budget word or a money unit around the table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rag.text import fold
from rag.understand.money import UNIT_NAMES, unit_alternation

_NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_NUMBER_RE = re.compile(rf"^(?:{_NUMBER})$")
_YEAR_RE = re.compile(r"(?<![\d.,/])(20\d\d)(?![\d.,/%])")
_ANY_NUMBER_RE = re.compile(r"\d")
# The label of a table's total row (folded).
_TOTAL_LABEL_RE = re.compile(r"^(?:tong cong|tong so|tong kinh phi|tong|cong)(?![a-z0-9])")
# A word after the last year of the header: the row total column ("Tổng", "Cộng").
_TOTAL_COLUMN_RE = re.compile(r"\b(?:tong cong|tong|cong)\b")
# Words or units that make a table a budget (folded), looked for around it.
_BUDGET_CUE_RE = re.compile(
    r"\b(?:kinh phi|du toan|nguon von|ngan sach|" + unit_alternation(bare=False) + r")\b"
)
_UNIT_RE = re.compile(r"\b(" + unit_alternation(bare=False) + r")\b")
_SEPARATOR_RE = re.compile(r"^[\s|:\-–]+$")
_ROW_NO_RE = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*\.?|[IVX]+\.?|[a-zđ][.)])$")
_MAX_HEADER_LINES = 8
_LEADING_NO_RE = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*[.)]?|[IVX]+\.)\s+")  # "1 Mua …"
_MAX_HEADER_WORDS = 8  # words of one header line of a flattened table
# "giai đoạn 2027 - 2029", "từ năm 2026 đến năm 2030": a period, not year columns
_RANGE_RE = re.compile(r"20\d\d\s*[-–]\s*(?:nam\s+)?20\d\d|20\d\d\s+den\s+(?:nam\s+)?20\d\d")
_MAX_LABEL_LINES = 6
_HEADING_RE = re.compile(r"^(?:#|[IVX]+\.\s|\d{1,2}\.\s|(?:PHẦN|Phần|Chương|CHƯƠNG)\s)")
_CUE_REACH = 4  # lines before the header and after the table searched for a budget cue


def parse_amount(raw: str) -> float | None:
    """Vietnamese number: "1.250" → 1250.0; "12,5" → 12.5; anything else → None."""
    raw = raw.strip()
    if not _NUMBER_RE.match(raw):
        return None
    whole, _, frac = raw.partition(",")
    whole = whole.replace(".", "")
    return float(f"{whole}.{frac}") if frac else float(whole)


@dataclass
class YearLine:
    """One line of the table: its label and its amount in each year column (as printed)."""

    label: str
    amounts: dict[str, str] = field(default_factory=dict)


@dataclass
class YearBudget:
    """A budget table with one column per year."""

    years: list[str]
    lines: list[YearLine]
    totals: dict[str, str]  # the total row's amount of each year, as printed ({} without one)
    total_label: str  # the total row's label as printed ("Cộng"), "" without one
    unit: str  # "triệu đồng" when the table or its note says so, else ""
    line_start: int  # 1-based, the header's first line
    line_end: int  # 1-based, the table's last line
    headers: dict[str, str] = field(default_factory=dict)  # year -> header as printed

    def year_total(self, year: str) -> tuple[float, str, bool] | None:
        """(amount, as printed, stated) of `year`: the total row's, else the sum of the lines
        (stated False, printed in Vietnamese grouping); None when the year has no amount."""
        if year not in self.years:
            return None
        if year in self.totals:
            value = parse_amount(self.totals[year])
            return (value, self.totals[year], True) if value is not None else None
        values = [parse_amount(x.amounts[year]) for x in self.lines if year in x.amounts]
        values = [v for v in values if v is not None]
        if not values:
            return None
        total = round(sum(values), 3)
        return total, _format(total), False

    def as_dict(self) -> dict:
        return {
            "years": list(self.years),
            "lines": [{"label": x.label, "amounts": dict(x.amounts)} for x in self.lines],
            "totals": dict(self.totals),
            "total_label": self.total_label,
            "unit": self.unit,
            "line_start": self.line_start,
            "line_end": self.line_end,
            "headers": dict(self.headers),
        }

    @classmethod
    def from_dict(cls, data: dict) -> YearBudget:
        return cls(
            years=list(data.get("years") or []),
            lines=[YearLine(x["label"], dict(x["amounts"])) for x in data.get("lines") or []],
            totals=dict(data.get("totals") or {}),
            total_label=data.get("total_label", ""),
            unit=data.get("unit", ""),
            line_start=int(data.get("line_start", 0)),
            line_end=int(data.get("line_end", 0)),
            headers=dict(data.get("headers") or {}),
        )


def _format(value: float) -> str:
    whole, _, frac = f"{value:,.3f}".rstrip("0").rstrip(".").partition(".")
    return whole.replace(",", ".") + (f",{frac}" if frac else "")


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def _header(lines: list[str], start: int) -> tuple[list[str], dict[str, str], int, bool] | None:
    """(years, printed headers, lines used, has a row-total column) of a header opening at
    `start`, or None. Header lines hold words and years, no other number."""
    years: list[str] = []
    headers: dict[str, str] = {}
    total_column = False
    used = 0
    for n in range(start, min(start + _MAX_HEADER_LINES, len(lines))):
        text = lines[n].strip()
        if not text or _SEPARATOR_RE.match(text):
            break
        bare = _YEAR_RE.sub(" ", text)
        if _ANY_NUMBER_RE.search(bare) or _RANGE_RE.search(fold(text)):
            break
        if "|" not in text and len(text.split()) > _MAX_HEADER_WORDS:
            break  # a sentence, not a header cell
        found = _YEAR_RE.findall(text)
        if not found and not years and n == start:
            return None
        for m in _YEAR_RE.finditer(text):
            before = text[: m.start()].split("|")[-1].split()
            word = before[-1] if before and fold(before[-1]) == "nam" else ""
            headers[m.group(1)] = f"{word} {m.group(1)}".strip()
        if not found and n > start and headers and not fold(text).startswith("nam"):
            # a word after the years: a row-total column, else the header ended
            if _TOTAL_COLUMN_RE.search(fold(text)):
                total_column = True
                used += 1
            break
        years.extend(found)
        if years and _TOTAL_COLUMN_RE.search(fold(_YEAR_RE.split(text)[-1])):
            total_column = True
        used += 1
    if len(years) < 2 or len(set(years)) != len(years) or years != sorted(years):
        return None
    # "Năm" printed alone on a line before its year (a wrapped PDF header cell)
    for n in range(start, start + used):
        for m in _YEAR_RE.finditer(lines[n]):
            if headers.get(m.group(1)) == m.group(1) and n > 0:
                if fold(lines[n - 1].strip()).endswith("nam"):
                    headers[m.group(1)] = f"Năm {m.group(1)}"
    return years, headers, used, total_column


def _year_columns(header: str, years: list[str]) -> list[int] | None:
    """The cell index of each year in a one-line "|" header, else None."""
    if "|" not in header:
        return None
    cells = _cells(header)
    found = [i for i, c in enumerate(cells) if _YEAR_RE.search(c)]
    return found if len(found) == len(years) else None


def _trailing_numbers(line: str, n: int) -> tuple[str, list[str]] | None:
    """(text before, the last n number tokens) when the line ends with exactly n numbers."""
    toks = line.split()
    k = 0
    while k < len(toks) and _NUMBER_RE.match(toks[len(toks) - 1 - k]):
        k += 1
    if k != n:
        return None
    return " ".join(toks[: len(toks) - n]), toks[len(toks) - n :]


def _label_of(cells: list[str]) -> str:
    return next((c for c in cells if c and not _ROW_NO_RE.match(c)), "")


def _rows(
    lines: list[str],
    start: int,
    years: list[str],
    total_column: bool,
    columns: list[int] | None = None,
) -> tuple[list[YearLine], dict[str, str], str, int]:
    """(lines, total row amounts, total label, index after the table) from `start` on;
    `columns`: the cell index of each year in a "|" table (its header's)."""
    width = len(years) + (1 if total_column else 0)
    out: list[YearLine] = []
    pending: list[str] = []
    blanks = 0
    n = start
    after_last = start  # the index after the last row read
    while n < len(lines):
        raw = lines[n].strip()
        n += 1
        if not raw:
            blanks += 1
            if blanks > 1 or (out and "|" in lines[n - 2]):
                break
            continue
        blanks = 0
        if _SEPARATOR_RE.match(raw):
            continue
        if raw.startswith("|"):
            cells = _cells(raw)
            if len(cells) < 2:
                break
            if len(cells) < width + 1:
                continue  # a merged cell ("Doanh nghiệp đầu tư"): no amount per year
            if columns and len(cells) > max(columns):
                label = _label_of(cells[: min(columns)])
                values = [cells[c] for c in columns]
            else:
                label, values = _label_of(cells[:-width]), cells[-width:][: len(years)]
        else:
            found = _trailing_numbers(raw, width)
            if found is None:
                if _TOTAL_LABEL_RE.match(fold(raw)) or len(pending) >= _MAX_LABEL_LINES:
                    break
                pending.append(raw)
                continue
            own, values = found
            values = values[: len(years)]
            if own and _TOTAL_LABEL_RE.match(fold(own)):
                label = own
            else:
                label = _LEADING_NO_RE.sub("", " ".join([*pending, own]).strip())
            pending = []
        if _TOTAL_LABEL_RE.match(fold(label)):
            totals = {
                y: v for y, v in zip(years, values, strict=True) if parse_amount(v) is not None
            }
            return out, totals, label, n
        amounts = {y: v for y, v in zip(years, values, strict=True) if parse_amount(v) is not None}
        if label and amounts:
            out.append(YearLine(label, amounts))
            after_last = n
    return out, {}, "", after_last


def read_year_budgets(lines: list[str], paths: list[str] | None = None) -> list[YearBudget]:
    """Every budget table with one column per year in the plan's lines (`paths`: the section
    path of each line, whose headings count as the text around the table)."""
    found: list[YearBudget] = []
    n = 0
    while n < len(lines):
        head = _header(lines, n)
        if head is None:
            n += 1
            continue
        years, headers, used, total_column = head
        columns = _year_columns(lines[n], years)
        rows, totals, label, end = _rows(lines, n + used, years, total_column, columns)
        if not totals and len(rows) < 2:
            n += 1
            continue
        # A budget word before the table (its heading, its header), or a money unit in the
        # note right after it; a heading further down ("IV. Nhiệm vụ và kinh phí") is not one.
        before = lines[max(0, n - _CUE_REACH) : n + used]
        if paths and n < len(paths):
            before.append(paths[n].split(" › ")[-1])
        after = [ln.strip() for ln in lines[end : end + _CUE_REACH] if ln.strip()][:1]
        after = [ln for ln in after if not _HEADING_RE.match(ln)]
        folded = fold(" ".join(before))
        note = fold(" ".join(after))
        if not _BUDGET_CUE_RE.search(folded) and not _UNIT_RE.search(note):
            n += 1
            continue
        unit = _UNIT_RE.search(folded) or _UNIT_RE.search(note)
        found.append(
            YearBudget(
                years=years,
                lines=rows,
                totals=totals,
                total_label=label,
                unit=UNIT_NAMES[unit.group(1)] if unit else "",
                line_start=n + 1,
                line_end=end,
                headers=headers,
            )
        )
        n = end
    return found
