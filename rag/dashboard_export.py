"""The dashboard as tables: one CSV file (a `section` column) or one XLSX workbook (a sheet each)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from rag.dashboard import Dashboard


@dataclass(frozen=True)
class Table:
    section: str  # machine name, the CSV `section` value
    title: str  # Vietnamese sheet title (at most 31 characters for XLSX)
    headers: tuple[str, ...]
    rows: list[tuple]


def tables(dash: Dashboard) -> list[Table]:
    flt = dash.filter
    return [
        Table(
            "summary",
            "Tổng quan",
            ("Chỉ số", "Giá trị"),
            [
                ("Từ ngày", flt.start.isoformat()),
                ("Đến ngày", flt.end.isoformat()),
                ("Xã", flt.commune or "Tất cả"),
                ("Tổng số câu hỏi", dash.total),
                ("Đã trả lời", dash.answered),
                ("Từ chối", dash.refused),
                ("👍", dash.feedback_up),
                ("👎", dash.feedback_down),
                *((f"Độ trễ {k} (ms)", v) for k, v in dash.latency_ms.items()),
            ],
        ),
        Table(
            "per_day",
            "Theo ngày",
            ("Ngày", "Đã trả lời", "Từ chối", "Tổng"),
            [(d.day, d.answered, d.refused, d.answered + d.refused) for d in dash.per_day],
        ),
        Table(
            "refusal_reasons",
            "Lý do từ chối",
            ("Mã", "Lý do", "Số lần"),
            [(r.code, r.label, r.count) for r in dash.refusal_reasons],
        ),
        Table(
            "unanswered",
            "Chưa trả lời được",
            ("Câu hỏi", "Số lần", "Cách hỏi khác", "Xã"),
            [
                (g.question, g.count, " | ".join(g.variants), ", ".join(g.communes))
                for g in dash.unanswered
            ],
        ),
        Table(
            "uncovered_howto",
            "Thủ tục chưa có hướng dẫn",
            ("Câu hỏi", "Số lần", "Cách hỏi khác", "Xã"),
            [
                (g.question, g.count, " | ".join(g.variants), ", ".join(g.communes))
                for g in dash.uncovered_howto
            ],
        ),
        Table(
            "thumbs_down",
            "Bị đánh giá 👎",
            ("Thời gian", "Xã", "Câu hỏi", "Câu trả lời", "Góp ý"),
            [(t.time, t.commune, t.question, t.answer, t.comment) for t in dash.thumbs_down],
        ),
    ]


def _safe(value: object) -> object:
    """Keep a spreadsheet from running a cell as a formula (CSV/XLSX injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def to_csv(dash: Dashboard) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(("section", "c1", "c2", "c3", "c4", "c5"))
    for table in tables(dash):
        writer.writerow((table.section, *table.headers))
        for row in table.rows:
            writer.writerow((table.section, *(_safe(v) for v in row)))
    return buf.getvalue()


def to_xlsx(dash: Dashboard) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    for table in tables(dash):
        sheet = book.create_sheet(table.title[:31])
        sheet.append(list(table.headers))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append([_safe(v) for v in row])
        for column, header in zip(sheet.columns, table.headers, strict=False):
            longest = max([len(str(header))] + [len(str(c.value or "")) for c in column])
            sheet.column_dimensions[column[0].column_letter].width = min(60, max(10, longest + 2))
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()
