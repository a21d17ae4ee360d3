"""Build the table store from the plans of the current index (called after every ingest)."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rag.communes import commune_id
from rag.documents import DocumentError, load_document
from rag.scan.pages import PageSpan, pages_of, scan_label, with_label
from rag.settings import Settings
from rag.tables.agencies import AgencyMap
from rag.tables.bases import extract_bases
from rag.tables.conflicts import find_conflicts
from rag.tables.legal import LegalRegistry, find_mentions, find_short_refs
from rag.tables.parse import ParsedDoc, PlanParser, format_amount
from rag.tables.statements import statement_conflicts
from rag.tables.store import STORE_NAME, add_commune_ids, write_store


@dataclass
class PlanSource:
    doc_id: str
    title: str
    commune: str
    province: str
    text: str
    source: str = ""
    pages: list[PageSpan] = field(default_factory=list)  # OCR'd pages (rag.scan), if any


@dataclass
class BuildReport:
    path: Path
    documents: list[dict] = field(default_factory=list)
    unparsed: list[dict] = field(default_factory=list)
    budget_checks: list[dict] = field(default_factory=list)
    conflicts: list[dict] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    legal_count: int = 0
    seconds: float = 0.0

    def table(self) -> str:
        head = ("Xã", "Văn bản", "Hàng bảng", "Mục tiêu", "Không đọc được", "Căn cứ", "Mâu thuẫn")
        rows = [
            (
                d["commune"],
                d["doc_id"],
                str(d["records"]),
                str(d["targets"]),
                str(d["unparsed"]),
                str(d["legal_bases"]),
                str(d["conflicts"]),
            )
            for d in self.documents
        ]
        widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
        fmt = "  ".join(f"{{:<{w}}}" for w in widths)
        return "\n".join(fmt.format(*r) for r in [head, *rows])

    def summary(self) -> str:
        lines = [
            f"Bảng số liệu kế hoạch / plan tables → {self.path} ({self.seconds:.1f}s)",
            self.table(),
            f"Văn bản pháp lý được trích dẫn / legal bases: {self.legal_count}",
        ]
        by_doc: dict[str, list[dict]] = {}
        for u in self.unparsed:
            by_doc.setdefault(u["doc_id"], []).append(u)
        files = {d["doc_id"]: Path(d["source"]).name for d in self.documents if d.get("source")}
        for doc_id, items in by_doc.items():
            where_doc = f"{doc_id} ({files[doc_id]})" if doc_id in files else doc_id
            lines.append(f"Dòng không đọc được trong {where_doc} / unparsed rows:")
            for u in items:
                where = (
                    f"dòng {u['line_start']}"
                    if u["line_start"] == u["line_end"]
                    else f"dòng {u['line_start']}-{u['line_end']}"
                )
                lines.append(f"  - {where}: {u['reason']}")
        for b in self.budget_checks:
            diff = b["difference"]
            status = (
                "khớp / adds up"
                if diff == 0
                else f"CHÊNH LỆCH / difference {diff:+g}"
                if diff is not None
                else "không có dòng tổng / no total row"
            )
            lines.append(
                f"Kinh phí {b['doc_id']}: {b['rows']} hàng, tổng các hàng {format_amount(b['computed_total'])} "
                f"{b['unit']}, dòng tổng ghi {b['stated_raw'] or '—'} → {status}"
            )
        for c in self.conflicts:
            lines.append(
                f"Mâu thuẫn {c['commune']} năm {c['year']}: «{c['a']['indicator'][:70]}» "
                f"{c['a']['value']} (dòng {c['a']['line']}) ≠ «{c['b']['indicator'][:70]}» "
                f"{c['b']['value']} (dòng {c['b']['line']})"
            )
        for name, why in self.skipped:
            lines.append(f"  ✗ {name}: {why}")
        return "\n".join(lines)


def store_path(settings: Settings) -> Path:
    return Path(settings.data_dir) / STORE_NAME


def _quote_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind("\n\n", 0, start), text.rfind(";", 0, start), text.rfind(". ", 0, start))
    left = max(left + 1, start - 220)
    stops = [
        i for i in (text.find(";", end), text.find(". ", end), text.find("\n\n", end)) if i > 0
    ]
    right = min([*stops, end + 260])
    return " ".join(text[left:right].replace("\t", " ").split()).strip(" ,.;")


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


class _ScanLabels:
    """The "(bản quét, trang N)" note of a line of an OCR'd plan ("" for text plans)."""

    def __init__(self, plan: PlanSource) -> None:
        self.pages = plan.pages
        self.starts, pos = [], 0
        for line in plan.text.split("\n"):
            self.starts.append(pos)
            pos += len(line) + 1

    def of(self, first: int, last: int | None = None, text: str = "") -> str:
        if not self.pages:
            return ""
        n = len(self.starts)
        a = self.starts[min(max(first, 1), n) - 1]
        b = self.starts[min(max(last or first, first, 1), n) - 1]
        return scan_label(pages_of(self.pages, a, b + 1), text)


def _label_scanned(plan: PlanSource, doc: ParsedDoc) -> None:
    """Records and budget totals read from OCR text say so in their section."""
    labels = _ScanLabels(plan)
    for r in doc.records:
        label = labels.of(r.line_start, r.line_end, r.raw or r.quote)
        r.section = with_label(r.section, label)
        if r.table:
            r.table = with_label(r.table, label)
    for b in doc.budget_checks:
        b.section = with_label(b.section, labels.of(b.line, text=b.quote or b.stated_raw))


def build_store(
    plans: list[PlanSource],
    db_path: Path,
    agencies: AgencyMap | None = None,
    ready: dict[str, ParsedDoc] | None = None,
) -> BuildReport:
    """Parse every plan and write the store atomically; returns per-document counts. Plans
    already parsed (`ready`, by doc_id: the ingest parses each plan right after chunking it)
    are not parsed again."""
    started = time.perf_counter()
    agencies = agencies or AgencyMap()
    parser = PlanParser(agencies)
    registry = LegalRegistry()
    parsed: list[tuple[PlanSource, ParsedDoc]] = []
    ready = ready or {}
    for plan in plans:
        doc = ready.get(plan.doc_id) or parser.parse(
            plan.text, plan.doc_id, plan.commune, plan.title
        )
        if plan.pages:
            _label_scanned(plan, doc)
        parsed.append((plan, doc))
        text = plan.text.replace("\r\n", "\n")
        labels = _ScanLabels(plan)
        for m in find_mentions(text):
            line = _line_of(text, m.start)
            registry.add(
                m,
                plan.commune,
                {
                    "doc_id": plan.doc_id,
                    "commune": plan.commune,
                    "section": with_label(
                        doc.sections[line - 1] if line - 1 < len(doc.sections) else "",
                        labels.of(line),
                    ),
                    "quote": _quote_around(text, m.start, m.end),
                    "line": line,
                },
            )
        for kind, num, offset in find_short_refs(text):
            line = _line_of(text, offset)
            registry.add_short(
                kind,
                num,
                plan.commune,
                {
                    "doc_id": plan.doc_id,
                    "commune": plan.commune,
                    "section": with_label(
                        doc.sections[line - 1] if line - 1 < len(doc.sections) else "",
                        labels.of(line),
                    ),
                    "quote": _quote_around(text, offset, offset + len(kind) + len(num) + 1),
                    "line": line,
                },
            )
    legal = registry.finish()
    records = [r for _, d in parsed for r in d.records]
    ids = {plan.doc_id: commune_id(plan.commune, plan.province) for plan in plans}
    conflicts = [
        c.as_dict() | {"commune_id": ids.get(c.doc_id, "")} for c in find_conflicts(records)
    ]
    conflicts += statement_conflicts(parsed, ids, conflicts)
    report = BuildReport(Path(db_path), legal_count=len(legal), conflicts=conflicts)
    payload: dict = {
        "meta": {"built": time.strftime("%Y-%m-%dT%H:%M:%S"), "documents": len(parsed)},
        "documents": [],
        "records": [],
        "unparsed": [],
        "budget_checks": [],
        "legal": [d.as_dict() | {"variants": d.variants} for d in legal],
        "conflicts": conflicts,
        "bases": [],
    }
    # Per plan counts, each one pass (a scan per plan was quadratic in a province's plans).
    bases_of = Counter(c for d in legal for c in set(d.cited_by_communes))
    conflicts_of = Counter(c["doc_id"] for c in conflicts)
    for plan, doc in parsed:
        labels = _ScanLabels(plan)
        cid = ids[plan.doc_id]
        for b in extract_bases(plan.text):
            row = b.as_dict()
            row["section"] = with_label(
                doc.sections[b.line - 1] if b.line - 1 < len(doc.sections) else "",
                labels.of(b.line),
            )
            payload["bases"].append(
                {
                    "doc_id": plan.doc_id,
                    "commune": plan.commune,
                    "province": plan.province,
                    "plan_title": plan.title,
                    **row,
                    "commune_id": cid,
                }
            )
        base = {"province": plan.province, "title": plan.title, "commune_id": cid}
        for r in doc.records:
            payload["records"].append({**r.__dict__, **base})
        for u in doc.unparsed:
            payload["unparsed"].append(
                {"doc_id": plan.doc_id, "commune": plan.commune, **u.__dict__, "commune_id": cid}
            )
        for b in doc.budget_checks:
            payload["budget_checks"].append(
                {
                    "doc_id": plan.doc_id,
                    "commune": plan.commune,
                    **b.__dict__,
                    "difference": b.difference,
                    "commune_id": cid,
                }
            )
        info = {
            "doc_id": plan.doc_id,
            "commune": plan.commune,
            "province": plan.province,
            "title": plan.title,
            "source": plan.source,
            "plan_year": doc.plan_year,
            "records": sum(r.kind != "target" for r in doc.records),
            "targets": sum(r.kind == "target" for r in doc.records),
            "unparsed": len(doc.unparsed),
            "legal_bases": bases_of[plan.commune] if plan.commune else 0,
            "conflicts": conflicts_of[plan.doc_id],
            "commune_id": cid,
        }
        payload["documents"].append(info)
    write_store(Path(db_path), payload)
    report.documents = payload["documents"]
    report.unparsed = payload["unparsed"]
    report.budget_checks = payload["budget_checks"]
    report.seconds = time.perf_counter() - started
    return report


def plans_from_chunks(
    chunks: list, loaded: dict[str, PlanSource] | None = None
) -> tuple[list[PlanSource], list[tuple[str, str]]]:
    """One PlanSource per plan in the index; text re-read from the source file, unless the
    caller has just read it (`loaded`, by doc_id, for the same source file)."""
    seen: dict[str, dict] = {}
    for c in chunks:
        meta = c.meta
        if meta.get("doc_type") == "plan" and meta.get("doc_id") and meta["doc_id"] not in seen:
            seen[meta["doc_id"]] = meta
    plans, skipped = [], []
    loaded = loaded or {}
    for doc_id, meta in sorted(seen.items()):
        source = str(meta.get("source", ""))
        known = loaded.get(doc_id)
        if known is not None and known.source == source:
            plans.append(known)
            continue
        try:
            if not source or not Path(source).is_file():
                raise DocumentError("không tìm thấy tệp nguồn / source file missing")
            doc = load_document(Path(source), {k: meta.get(k) for k in ("doc_id", "title")})
        except DocumentError as exc:
            skipped.append((doc_id, str(exc)))
            continue
        plans.append(
            PlanSource(
                doc_id,
                meta.get("title", ""),
                meta.get("commune", ""),
                meta.get("province", ""),
                doc.text,
                source,
                doc.pages,
            )
        )
    return plans, skipped


def rebuild_from_index(
    settings: Settings,
    out: Callable[[str], None] | None = print,
    chunks: list | None = None,
    loaded: dict[str, PlanSource] | None = None,
    ready: dict[str, ParsedDoc] | None = None,
) -> BuildReport:
    """(Re)build <data_dir>/tables.sqlite from the plans of the current index (`loaded` plans
    and `ready` parses, by doc_id, are what the ingest has just read: see `build_store`)."""
    if chunks is None:
        from rag.index import ChromaIndex

        index = ChromaIndex.from_settings(settings)
        chunks, _ = index.load_all()
    plans, skipped = plans_from_chunks(chunks, loaded)
    report = build_store(plans, store_path(settings), ready=ready)
    report.skipped = skipped
    if out is not None:
        out(report.summary())
    return report


def update_documents(
    settings: Settings, chunks: list, remove_doc_ids: list[str]
) -> BuildReport | None:
    """Replace some plans' rows in the table store without re-parsing the others: the plans of
    `chunks` are parsed into a small store, the rows of `remove_doc_ids` (and of those plans)
    leave a copy of the store, the new rows join it, and the copy replaces the store. Legal
    documents are merged by number; conflicts are per plan. None if there is no store yet."""
    import os
    import shutil
    import sqlite3
    import tempfile
    from contextlib import closing

    path = store_path(settings)
    if not path.exists():
        return None
    plans, skipped = plans_from_chunks(chunks)
    with tempfile.TemporaryDirectory(dir=path.parent, prefix=".tables-") as tmp:
        part = Path(tmp) / "part.sqlite"
        report = build_store(plans, part)
        report.skipped = skipped
        work = Path(tmp) / "store.sqlite"
        shutil.copyfile(path, work)
        gone = sorted(set(remove_doc_ids) | {p.doc_id for p in plans})
        with closing(sqlite3.connect(work)) as con:
            add_commune_ids(con)  # a store written before ids: the same columns as the part
            con.execute("ATTACH DATABASE ? AS part", (str(part),))
            for table in (
                "documents",
                "records",
                "unparsed",
                "budget_checks",
                "bases",
                "conflicts",
            ):
                for i in range(0, len(gone), 500):
                    ids = gone[i : i + 500]
                    marks = ",".join("?" * len(ids))
                    con.execute(f"DELETE FROM main.{table} WHERE doc_id IN ({marks})", ids)
                if table == "records":  # its own row ids
                    cols = ("doc_id, commune, province, title, kind, section, tbl, grp, row_no, "
                            "year, deadline, data, folded, commune_id")  # fmt: skip
                    con.execute(
                        f"INSERT INTO main.records ({cols}) SELECT {cols} FROM part.records"
                    )
                else:
                    con.execute(f"INSERT INTO main.{table} SELECT * FROM part.{table}")
            con.execute(
                "INSERT INTO main.legal SELECT * FROM part.legal WHERE number NOT IN "
                "(SELECT number FROM main.legal)"
            )
            con.commit()
            con.execute("DETACH DATABASE part")
        os.replace(work, path)
    report.path = path  # the store updated, not the part parsed into
    return report
