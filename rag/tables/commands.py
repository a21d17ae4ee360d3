"""`troly targets`, `troly legal`, `troly conflicts`: the table store on the command line."""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

from rag.settings import Settings
from rag.tables.build import rebuild_from_index, store_path
from rag.tables.store import StoreMissing, TableStore

COLUMNS = [
    ("commune", "Xã"),
    ("row_no", "TT"),
    ("group", "Nhóm"),
    ("indicator", "Chỉ tiêu / nhiệm vụ"),
    ("lead", "Đơn vị chủ trì"),
    ("partners", "Đơn vị phối hợp"),
    ("targets", "Chỉ tiêu theo năm"),
    ("deadline", "Thời gian thực hiện"),
    ("budget", "Kinh phí"),
    ("status", "Kết quả / tình trạng"),
    ("legal_basis", "Căn cứ"),
    ("section", "Mục trong văn bản"),
    ("doc_id", "Mã văn bản"),
    ("quote", "Trích dẫn nguyên văn"),
]


def open_store(settings: Settings) -> TableStore:
    """The store, built from the current index if it does not exist yet."""
    try:
        return TableStore(store_path(settings))
    except StoreMissing:
        rebuild_from_index(settings, out=lambda s: print(s, file=sys.stderr))
        return TableStore(store_path(settings))


def _cell(rec: dict, key: str) -> str:
    value = rec.get(key)
    if key == "partners":
        return "; ".join(value or [])
    if key == "targets":
        return "; ".join(f"{y}: {v}" for y, v in (value or {}).items())
    if key == "budget":
        return f"{value:g} {rec.get('budget_unit', '')}".strip() if value is not None else ""
    if key == "status":
        return rec.get("status") or rec.get("result") or ""
    return "" if value is None else str(value)


def run_targets(settings: Settings, args) -> int:
    store = open_store(settings)
    commune = None
    if args.commune:
        commune = store.resolve_commune(args.commune)
        if commune is None:
            print(
                f"Chưa có kế hoạch của xã «{args.commune}». Các xã đã có: "
                + ", ".join(store.communes()),
                file=sys.stderr,
            )
            return 2
    if args.year and not (args.year.isdigit() and len(args.year) == 4):
        print("--year phải là năm có 4 chữ số, ví dụ 2026", file=sys.stderr)
        return 2
    records = store.records(commune, args.lead, args.q, args.year)
    fmt = args.format
    if fmt == "xlsx":
        if not args.out:
            print("--format xlsx cần --out TỆP.xlsx", file=sys.stderr)
            return 2
        write_xlsx(records, Path(args.out))
        print(f"Đã ghi {len(records)} dòng vào {args.out}")
        return 0
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow([h for _, h in COLUMNS])
        for r in records:
            writer.writerow([_cell(r, k) for k, _ in COLUMNS])
        text = buf.getvalue()
    else:
        lines = []
        for r in records:
            head = f"[{r['commune']}] {r['row_no']} {r['indicator']}"
            lines.append(head)
            for key, label in COLUMNS[4:10]:
                value = _cell(r, key)
                if value:
                    lines.append(f"    {label}: {value}")
        lines.append(f"({len(records)} dòng)")
        text = "\n".join(lines) + "\n"
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
        print(f"Đã ghi {len(records)} dòng vào {args.out}")
    else:
        sys.stdout.write(text)
    return 0


def write_xlsx(records: list[dict], path: Path) -> None:
    """One sheet per commune, Vietnamese column headers."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    wb.remove(wb.active)
    by_commune: dict[str, list[dict]] = {}
    for r in records:
        by_commune.setdefault(r["commune"] or "Không rõ xã", []).append(r)
    if not by_commune:
        by_commune["Không có dữ liệu"] = []
    for commune, rows in by_commune.items():
        ws = wb.create_sheet(commune[:31])
        ws.append([h for _, h in COLUMNS])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for r in rows:
            ws.append([_cell(r, k) for k, _ in COLUMNS])
        for col, width in zip(
            "ABCDEFGHIJKLMN", (12, 6, 20, 60, 28, 32, 24, 18, 12, 20, 40, 30, 22, 60), strict=True
        ):
            ws.column_dimensions[col].width = width
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)


def run_legal(settings: Settings, args) -> int:
    store = open_store(settings)
    if getattr(args, "commune", None):
        return _print_bases(store, args.commune)
    docs = store.legal_bases(args.q)
    try:  # fields the plans left out, from the reviewed cards (corpus/legal)
        from rag.legal_cards import (
            FACTS_FILE,
            CardError,
            fill_from_cards,
            fill_from_facts,
            load_cards,
            load_registry_facts,
        )

        legal_dir = Path(settings.corpus_dir) / "legal"
        docs = fill_from_cards(docs, load_cards(legal_dir))
        docs = fill_from_facts(docs, load_registry_facts(legal_dir / FACTS_FILE))
    except CardError as exc:
        print(f"Bỏ qua thẻ văn bản: {exc}", file=sys.stderr)
    for d in docs:
        head = " ".join(x for x in (d["type"], d["number"]) if x)
        extra = ", ".join(x for x in (f"ngày {d['date']}" if d["date"] else "", d["issuer"]) if x)
        print(f"{head}" + (f" ({extra})" if extra else ""))
        if d["title"]:
            print(f"    {d['title']}")
        if d.get("card"):
            print(f"    Thẻ văn bản đã rà soát: {d['card']}")
        elif d.get("reviewed"):
            print(f"    Dữ liệu đã rà soát: {d['reviewed']['source_url']}")
        print(
            f"    Được trích dẫn bởi: {', '.join(d['cited_by_communes'])} ({len(d['citations'])} lần)"
        )
    print(f"({len(docs)} văn bản)")
    return 0


def _print_bases(store, name: str) -> int:
    from rag.tables.bases import rank_key

    commune = store.resolve_commune(name)
    if commune is None:
        print(f"Chưa có kế hoạch của xã «{name}».", file=sys.stderr)
        return 2
    bases = sorted(store.bases(commune), key=rank_key)
    for b in bases:
        extra = ", ".join(x for x in (f"ngày {b['date']}" if b["date"] else "", b["issuer"]) if x)
        mark = "  (nêu trong văn bản khác)" if b["nested"] else ""
        print(f"{b['type']} {b['number']}".strip() + (f" ({extra})" if extra else "") + mark)
        if b["title"]:
            print(f"    {b['title']}")
        print(f"    dòng {b['line']}: «{b['quote'][:160]}»")
    print(f"({len(bases)} căn cứ)")
    return 0


def run_conflicts(settings: Settings, args) -> int:
    store = open_store(settings)
    commune = store.resolve_commune(args.commune) if args.commune else None
    if args.commune and commune is None:
        print(f"Chưa có kế hoạch của xã «{args.commune}».", file=sys.stderr)
        return 2
    items = store.conflicts(commune)
    for c in items:
        print(f"[{c['commune']}] năm {c['year']}: {c['a']['value']} ≠ {c['b']['value']}")
        for side in ("a", "b"):
            s = c[side]
            print(f"    {s['section']} (dòng {s['line']}): «{s['quote']}»")
    for b in store.budget_checks(commune):
        if b["difference"]:
            print(
                f"[{b['commune']}] kinh phí: tổng các hàng {b['computed_total']:g} ≠ dòng tổng "
                f"{b['stated_raw']} {b['unit']}"
            )
    print(f"({len(items)} mâu thuẫn)")
    return 0
