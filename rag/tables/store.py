"""SQLite store of plan records, legal bases, conflicts and parse reports.

Written whole into a temporary file and swapped in with os.replace, so readers always see a
complete store. Readers open a fresh read-only connection per call.
"""

from __future__ import annotations

import copy
import json
import os
import sqlite3
import threading
from collections import OrderedDict
from contextlib import closing
from pathlib import Path

from rag import fault_points
from rag.communes import commune_id
from rag.tables.agencies import AgencyMap
from rag.text import fold

STORE_NAME = "tables.sqlite"
MEMO_SIZE = 512  # queries kept in memory per store
# Every row of a plan carries its commune's id (rag.communes.commune_id: name + province), the
# last column of each table: names repeat across provinces, the id does not. A store written
# before the ids existed gets them from its documents table (`migrate_store`).
SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE documents (
    doc_id TEXT PRIMARY KEY, commune TEXT, province TEXT, title TEXT, source TEXT,
    plan_year TEXT, records INTEGER, targets INTEGER, unparsed INTEGER, legal_bases INTEGER,
    conflicts INTEGER, commune_id TEXT
);
CREATE TABLE records (
    id INTEGER PRIMARY KEY, doc_id TEXT, commune TEXT, province TEXT, title TEXT, kind TEXT,
    section TEXT, tbl TEXT, grp TEXT, row_no TEXT, year TEXT, deadline TEXT, data TEXT,
    folded TEXT, commune_id TEXT
);
CREATE INDEX records_commune ON records (commune);
CREATE INDEX records_commune_id ON records (commune_id);
CREATE TABLE unparsed (
    doc_id TEXT, commune TEXT, line_start INTEGER, line_end INTEGER, reason TEXT, raw TEXT,
    section TEXT, commune_id TEXT
);
CREATE TABLE budget_checks (doc_id TEXT, commune TEXT, data TEXT, commune_id TEXT);
CREATE TABLE legal (number TEXT, data TEXT, folded TEXT);
CREATE TABLE conflicts (doc_id TEXT, commune TEXT, year TEXT, data TEXT, commune_id TEXT);
CREATE TABLE bases (doc_id TEXT, commune TEXT, title TEXT, data TEXT, commune_id TEXT);
"""
# The tables whose rows belong to one plan (and so to one commune).
PLAN_TABLES = ("documents", "records", "unparsed", "budget_checks", "conflicts", "bases")


class StoreMissing(FileNotFoundError):
    """The store has not been built yet."""


def _j(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def write_store(path: Path, payload: dict) -> None:
    """Write a complete store to path atomically (temp file + os.replace)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}-{threading.get_ident()}.tmp")
    if tmp.exists():
        tmp.unlink()
    try:
        with closing(sqlite3.connect(tmp)) as con:
            con.executescript(SCHEMA)
            con.executemany(
                "INSERT INTO meta VALUES (?, ?)", [(k, str(v)) for k, v in payload["meta"].items()]
            )
            for d in payload["documents"]:
                con.execute(
                    "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                    (
                        d["doc_id"],
                        d["commune"],
                        d["province"],
                        d["title"],
                        d["source"],
                        d["plan_year"],
                        d["records"],
                        d["targets"],
                        d["unparsed"],
                        d["legal_bases"],
                        d["conflicts"],
                        d.get("commune_id", ""),
                    ),
                )
            for r in payload["records"]:
                hay = " ".join(
                    [r["indicator"], r["group"], r["lead"], " ".join(r["partners"]), r["quote"]]
                )
                con.execute(
                    "INSERT INTO records (doc_id, commune, province, title, kind, section, tbl, "
                    "grp, row_no, year, deadline, data, folded, commune_id) "
                    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (
                        r["doc_id"],
                        r["commune"],
                        r.get("province", ""),
                        r.get("title", ""),
                        r["kind"],
                        r["section"],
                        r["table"],
                        r["group"],
                        r["row_no"],
                        r["year"],
                        r.get("deadline", ""),
                        _j(r),
                        fold(hay),
                        r.get("commune_id", ""),
                    ),
                )
            con.executemany(
                "INSERT INTO unparsed VALUES (?,?,?,?,?,?,?,?)",
                [
                    (
                        u["doc_id"],
                        u["commune"],
                        u["line_start"],
                        u["line_end"],
                        u["reason"],
                        u["raw"],
                        u["section"],
                        u.get("commune_id", ""),
                    )
                    for u in payload["unparsed"]
                ],
            )
            con.executemany(
                "INSERT INTO budget_checks VALUES (?,?,?,?)",
                [
                    (b["doc_id"], b["commune"], _j(b), b.get("commune_id", ""))
                    for b in payload["budget_checks"]
                ],
            )
            con.executemany(
                "INSERT INTO legal VALUES (?,?,?)",
                [
                    (
                        d["number"],
                        _j(d),
                        fold(" ".join([d["number"], d["type"], d["issuer"], d["title"]])),
                    )
                    for d in payload["legal"]
                ],
            )
            con.executemany(
                "INSERT INTO bases VALUES (?,?,?,?,?)",
                [
                    (b["doc_id"], b["commune"], b["plan_title"], _j(b), b.get("commune_id", ""))
                    for b in payload.get("bases", [])
                ],
            )
            con.executemany(
                "INSERT INTO conflicts VALUES (?,?,?,?,?)",
                [
                    (c["doc_id"], c["commune"], c["year"], _j(c), c.get("commune_id", ""))
                    for c in payload["conflicts"]
                ],
            )
            con.commit()
        fault_points.reach("publish")
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def _columns(con: sqlite3.Connection, table: str) -> set[str]:
    return {row[1] for row in con.execute(f"PRAGMA table_info({table})")}


def needs_migration(path: Path) -> bool:
    """Whether a store was written before rows carried their commune's id."""
    uri = f"{Path(path).resolve().as_uri()}?mode=ro"
    with closing(sqlite3.connect(uri, uri=True)) as con:
        return any(
            "commune_id" not in _columns(con, t)
            for t in PLAN_TABLES
            if con.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (t,)).fetchone()
        )


def add_commune_ids(con: sqlite3.Connection) -> None:
    """Give every plan row of an older store its commune's id, in place (the caller commits):
    the id of a document comes from its commune and province, every other row gets its
    document's. Rows are only added to, never dropped."""
    tables = [
        t
        for t in PLAN_TABLES
        if con.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (t,)).fetchone()
    ]
    for table in tables:
        if "commune_id" not in _columns(con, table):
            con.execute(f"ALTER TABLE {table} ADD COLUMN commune_id TEXT")
    docs = con.execute("SELECT doc_id, commune, province FROM documents").fetchall()
    con.executemany(
        "UPDATE documents SET commune_id = ? WHERE doc_id = ? AND commune_id IS NULL",
        [(commune_id(c or "", p or ""), d) for d, c, p in docs],
    )
    for table in tables:
        if table != "documents":
            con.execute(
                f"UPDATE {table} SET commune_id = (SELECT d.commune_id FROM documents d "
                f"WHERE d.doc_id = {table}.doc_id) WHERE commune_id IS NULL"
            )
    con.execute("CREATE INDEX IF NOT EXISTS records_commune_id ON records (commune_id)")


def migrate_store(path: Path) -> bool:
    """Add commune ids to a store written before them (a copy migrated, then swapped in like
    a new store: readers see the old or the new file, both complete). True if it migrated."""
    path = Path(path)
    if not needs_migration(path):
        return False
    import shutil

    tmp = path.with_name(f".{path.name}.{os.getpid()}-{threading.get_ident()}.tmp")
    try:
        shutil.copyfile(path, tmp)
        with closing(sqlite3.connect(tmp)) as con:
            add_commune_ids(con)
            con.commit()
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return True


def _words(text: str) -> list[str]:
    return [w for w in fold(text).replace("–", "-").split() if w]


class TableStore:
    """Read-only queries over a built store."""

    def __init__(self, path: Path, agencies: AgencyMap | None = None) -> None:
        self.path = Path(path)
        if not self.path.is_file():
            raise StoreMissing(f"Chưa có kho bảng số liệu / table store missing: {self.path}")
        self.agencies = agencies or AgencyMap()
        self._memo: OrderedDict[tuple[str, tuple], list[tuple]] = OrderedDict()
        self._memo_lock = threading.Lock()
        self.pin = ""  # a commune_id: every lookup stays in that commune (see `pinned`)
        self._mentions: dict[str, list[dict]] | None = None  # commune -> its registry entries
        try:
            migrate_store(self.path)
        except (OSError, sqlite3.Error):  # read-only data dir: unpinned lookups still work
            pass

    def pinned(self, commune_id: str) -> TableStore:
        """This store with every plan lookup limited to one commune id (a name several
        provinces share then still gets table answers, from the right province's plan)."""
        view = copy.copy(self)  # shares the memo: queries differ by their arguments
        view.pin = commune_id or ""
        return view

    def _pinned_sql(self, sql: str, args: tuple, has_where: bool = False) -> tuple[str, tuple]:
        if not self.pin:
            return sql, args
        return f"{sql} {'AND' if has_where else 'WHERE'} commune_id = ?", (*args, self.pin)

    def _rows(self, sql: str, args: tuple = ()) -> list[tuple]:
        """Query results, kept for the most recent MEMO_SIZE queries (the store is read-only;
        a province's records do not all stay in memory)."""
        key = (sql, args)
        with self._memo_lock:
            if key in self._memo:
                self._memo.move_to_end(key)
                return self._memo[key]
        uri = f"{self.path.resolve().as_uri()}?mode=ro"
        with closing(sqlite3.connect(uri, uri=True)) as con:
            rows = con.execute(sql, args).fetchall()
        with self._memo_lock:
            self._memo[key] = rows
            if len(self._memo) > MEMO_SIZE:
                self._memo.popitem(last=False)
        return rows

    # ------------------------------------------------------------------ lookups
    def meta(self) -> dict[str, str]:
        return dict(self._rows("SELECT key, value FROM meta"))

    def communes(self) -> list[str]:
        return [r[0] for r in self._rows("SELECT DISTINCT commune FROM documents ORDER BY commune")]

    def resolve_commune(self, name: str) -> str | None:
        key = " ".join(_words(name))
        for prefix in ("xa ", "phuong ", "thi tran "):
            key = key.removeprefix(prefix)
        return next((c for c in self.communes() if fold(c) == key), None)

    def documents(self) -> list[dict]:
        cols = [
            "doc_id",
            "commune",
            "province",
            "title",
            "source",
            "plan_year",
            "records",
            "targets",
            "unparsed",
            "legal_bases",
            "conflicts",
        ]
        sql, args = self._pinned_sql(f"SELECT {', '.join(cols)} FROM documents", ())
        rows = self._rows(sql + " ORDER BY commune", args)
        return [dict(zip(cols, r, strict=True)) for r in rows]

    def unparsed(self, doc_id: str | None = None) -> list[dict]:
        sql = "SELECT doc_id, commune, line_start, line_end, reason, raw, section FROM unparsed"
        rows = self._rows(
            sql + (" WHERE doc_id = ?" if doc_id else ""), (doc_id,) if doc_id else ()
        )
        keys = ["doc_id", "commune", "line_start", "line_end", "reason", "raw", "section"]
        return [dict(zip(keys, r, strict=True)) for r in rows]

    def budget_checks(self, commune: str | None = None) -> list[dict]:
        rows = self._rows(*self._pinned_sql("SELECT commune, data FROM budget_checks", ()))
        return [json.loads(d) for c, d in rows if not commune or c == commune]

    def records(
        self,
        commune: str | None = None,
        lead: str | None = None,
        q: str | None = None,
        year: str | None = None,
        kinds: tuple[str, ...] | None = None,
    ) -> list[dict]:
        sql, args = "SELECT data, folded FROM records", []
        if commune:
            sql += " WHERE commune = ?"
            args.append(commune)
        sql, pinned_args = self._pinned_sql(sql, tuple(args), has_where=bool(commune))
        args = list(pinned_args)
        sql += " ORDER BY commune, id"
        out = []
        lead_key = self.agencies.resolve(lead) if lead else None
        lead_words = _words(lead) if lead else []
        q_words = _words(q) if q else []
        for data, folded in self._rows(sql, tuple(args)):
            rec = json.loads(data)
            if kinds and rec["kind"] not in kinds:
                continue
            if year and year not in rec["targets"] and rec["year"] != year:
                continue
            if lead:
                if lead_key:
                    if lead_key not in rec["lead_keys"]:
                        continue
                else:
                    hay = fold(" ".join([rec["lead"], rec["lead_raw"]]))
                    if not lead_words or not all(w in hay for w in lead_words):
                        continue
            if q_words and not all(w in folded for w in q_words):
                continue
            out.append(rec)
        return out

    def legal_bases(self, q: str | None = None) -> list[dict]:
        words = _words(q) if q else []
        out = []
        for data, folded in self._rows("SELECT data, folded FROM legal"):
            doc = json.loads(data)
            hay = folded + " " + fold(" ".join(doc.get("variants", [])))
            if words and not all(w in hay for w in words):
                continue
            out.append(doc)
        return out

    def legal_mentions(self, commune: str) -> list[dict]:
        """The registry entries one commune's plan names, each with only that plan's citations
        (indexed once per store: a province's registry is too big to scan per question)."""
        if self._mentions is None:
            index: dict[str, list[dict]] = {}
            for doc in self.legal_bases():
                mine: dict[str, list[dict]] = {}
                for cite in doc.get("citations", []):
                    mine.setdefault(cite.get("commune", ""), []).append(cite)
                for name, cites in mine.items():
                    index.setdefault(name, []).append(doc | {"citations": cites})
            self._mentions = index
        return self._mentions.get(commune, [])

    def bases(self, commune: str | None = None) -> list[dict]:
        """The legal bases each plan states (rag.tables.bases), in document order."""
        try:
            rows = self._rows(*self._pinned_sql("SELECT commune, data FROM bases", ()))
        except sqlite3.OperationalError:  # a store written before bases were extracted
            return []
        return [json.loads(d) for c, d in rows if not commune or c == commune]

    def conflicts(self, commune: str | None = None) -> list[dict]:
        rows = self._rows(*self._pinned_sql("SELECT commune, data FROM conflicts", ()))
        return [json.loads(d) for c, d in rows if not commune or c == commune]
