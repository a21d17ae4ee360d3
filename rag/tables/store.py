"""SQLite store of plan records, legal bases, conflicts and parse reports.

Written whole into a temporary file and swapped in with os.replace, so readers always see a
complete store. Readers open a fresh read-only connection per call.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections import OrderedDict
from contextlib import closing
from pathlib import Path

from rag import fault_points
from rag.tables.agencies import AgencyMap
from rag.text import fold

STORE_NAME = "tables.sqlite"
MEMO_SIZE = 512  # queries kept in memory per store
SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE documents (
    doc_id TEXT PRIMARY KEY, commune TEXT, province TEXT, title TEXT, source TEXT,
    plan_year TEXT, records INTEGER, targets INTEGER, unparsed INTEGER, legal_bases INTEGER,
    conflicts INTEGER
);
CREATE TABLE records (
    id INTEGER PRIMARY KEY, doc_id TEXT, commune TEXT, province TEXT, title TEXT, kind TEXT,
    section TEXT, tbl TEXT, grp TEXT, row_no TEXT, year TEXT, deadline TEXT, data TEXT,
    folded TEXT
);
CREATE INDEX records_commune ON records (commune);
CREATE TABLE unparsed (
    doc_id TEXT, commune TEXT, line_start INTEGER, line_end INTEGER, reason TEXT, raw TEXT,
    section TEXT
);
CREATE TABLE budget_checks (doc_id TEXT, commune TEXT, data TEXT);
CREATE TABLE legal (number TEXT, data TEXT, folded TEXT);
CREATE TABLE conflicts (doc_id TEXT, commune TEXT, year TEXT, data TEXT);
CREATE TABLE bases (doc_id TEXT, commune TEXT, title TEXT, data TEXT);
"""


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
                    "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?)",
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
                    ),
                )
            for r in payload["records"]:
                hay = " ".join(
                    [r["indicator"], r["group"], r["lead"], " ".join(r["partners"]), r["quote"]]
                )
                con.execute(
                    "INSERT INTO records (doc_id, commune, province, title, kind, section, tbl, "
                    "grp, row_no, year, deadline, data, folded) "
                    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
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
                    ),
                )
            con.executemany(
                "INSERT INTO unparsed VALUES (?,?,?,?,?,?,?)",
                [
                    (
                        u["doc_id"],
                        u["commune"],
                        u["line_start"],
                        u["line_end"],
                        u["reason"],
                        u["raw"],
                        u["section"],
                    )
                    for u in payload["unparsed"]
                ],
            )
            con.executemany(
                "INSERT INTO budget_checks VALUES (?,?,?)",
                [(b["doc_id"], b["commune"], _j(b)) for b in payload["budget_checks"]],
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
                "INSERT INTO bases VALUES (?,?,?,?)",
                [
                    (b["doc_id"], b["commune"], b["plan_title"], _j(b))
                    for b in payload.get("bases", [])
                ],
            )
            con.executemany(
                "INSERT INTO conflicts VALUES (?,?,?,?)",
                [(c["doc_id"], c["commune"], c["year"], _j(c)) for c in payload["conflicts"]],
            )
            con.commit()
        fault_points.reach("publish")
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


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
        rows = self._rows(f"SELECT {', '.join(cols)} FROM documents ORDER BY commune")
        return [dict(zip(cols, r, strict=True)) for r in rows]

    def unparsed(self, doc_id: str | None = None) -> list[dict]:
        sql = "SELECT doc_id, commune, line_start, line_end, reason, raw, section FROM unparsed"
        rows = self._rows(
            sql + (" WHERE doc_id = ?" if doc_id else ""), (doc_id,) if doc_id else ()
        )
        keys = ["doc_id", "commune", "line_start", "line_end", "reason", "raw", "section"]
        return [dict(zip(keys, r, strict=True)) for r in rows]

    def budget_checks(self, commune: str | None = None) -> list[dict]:
        rows = self._rows("SELECT commune, data FROM budget_checks")
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

    def bases(self, commune: str | None = None) -> list[dict]:
        """The legal bases each plan states (rag.tables.bases), in document order."""
        try:
            rows = self._rows("SELECT commune, data FROM bases")
        except sqlite3.OperationalError:  # a store written before bases were extracted
            return []
        return [json.loads(d) for c, d in rows if not commune or c == commune]

    def conflicts(self, commune: str | None = None) -> list[dict]:
        rows = self._rows("SELECT commune, data FROM conflicts")
        return [json.loads(d) for c, d in rows if not commune or c == commune]
