"""The chunks of one index generation in SQLite, written at ingest and read on demand.

Row numbers are the lexical index's document ids (rag.lexical), so a BM25 hit is one indexed
read; a dense hit (a Chroma id) is one read by chunk id. Per-commune views (its cards, its prose,
the years its plan mentions) and the commune directory are queries here, so serving never holds
every chunk in memory and start-up does not grow with the corpus.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from rag.index import StoredChunk

_SCHEMA = """
CREATE TABLE chunks (row INTEGER PRIMARY KEY, chunk_id TEXT NOT NULL, doc_id TEXT,
                     commune TEXT, commune_id TEXT, province TEXT, kind TEXT, doc_type TEXT,
                     doc_hash TEXT, origin TEXT, source TEXT, text TEXT, meta TEXT);
CREATE TABLE years (commune TEXT PRIMARY KEY, own TEXT, every TEXT);
"""
# Indexes are made once the rows are in (one sort, not one B-tree insert per row and index).
_INDEXES = """
CREATE INDEX chunks_id ON chunks (chunk_id);
CREATE INDEX chunks_commune ON chunks (commune, kind);
CREATE INDEX chunks_commune_id ON chunks (commune_id);
CREATE INDEX chunks_doc ON chunks (doc_id);
CREATE INDEX chunks_type ON chunks (doc_type);
"""


def commune_text(chunks: Iterable[StoredChunk]) -> str:
    """All plan text of one commune as the year coverage reads it: each passage under its
    section, so a passage is read in the section it belongs to."""
    return "\n".join(f"{c.meta.get('section', '')}\n{c.text}" for c in chunks)


def _row(row: int, c: StoredChunk) -> tuple:
    m = c.meta
    return (
        row,
        c.chunk_id,
        m.get("doc_id", ""),
        m.get("commune", ""),
        m.get("commune_id", ""),
        m.get("province", ""),
        m.get("kind", ""),
        m.get("doc_type", "plan"),
        m.get("doc_hash", ""),
        m.get("origin", ""),
        str(m.get("source", "")),
        c.text,
        json.dumps(m, ensure_ascii=False),
    )


def write_store(path: Path, chunks: list[StoredChunk]) -> None:
    """A new store of these chunks (rows 0..n-1 in this order) and the years each commune's
    plan text mentions."""
    conn = sqlite3.connect(path)
    try:
        conn.executescript(_SCHEMA)
        conn.executemany(
            "INSERT INTO chunks VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (_row(i, c) for i, c in enumerate(chunks)),
        )
        conn.executescript(_INDEXES)
        by_commune: dict[str, list[StoredChunk]] = {}
        for c in chunks:
            by_commune.setdefault(c.meta.get("commune", ""), []).append(c)
        _write_years(conn, by_commune)
        conn.commit()
    finally:
        conn.close()


def _write_years(conn: sqlite3.Connection, by_commune: Mapping[str, list[StoredChunk]]) -> None:
    from rag.pipeline.years import all_years, own_years

    for commune, group in by_commune.items():
        text = commune_text(group)
        conn.execute(
            "INSERT OR REPLACE INTO years VALUES (?, ?, ?)",
            (commune, json.dumps(sorted(own_years(text))), json.dumps(sorted(all_years(text)))),
        )


def update_store(
    path: Path, remove_docs: Iterable[str], add: list[StoredChunk], first_row: int
) -> None:
    """Edit a copy of a store in place: drop the rows of `remove_docs`, append `add` from row
    `first_row` on, and recompute the years of the communes touched."""
    conn = sqlite3.connect(path)
    try:
        remove_docs = list(remove_docs)
        touched: set[str] = {c.meta.get("commune", "") for c in add}
        for doc in remove_docs:
            touched |= {
                r[0] for r in conn.execute("SELECT commune FROM chunks WHERE doc_id = ?", (doc,))
            }
            conn.execute("DELETE FROM chunks WHERE doc_id = ?", (doc,))
        conn.executemany(
            "INSERT INTO chunks VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (_row(first_row + i, c) for i, c in enumerate(add)),
        )
        by_commune: dict[str, list[StoredChunk]] = {}
        for commune in touched:
            rows = conn.execute(
                "SELECT chunk_id, text, meta FROM chunks WHERE commune = ? ORDER BY row", (commune,)
            ).fetchall()
            if rows:
                by_commune[commune] = [StoredChunk(r[0], r[1], json.loads(r[2])) for r in rows]
            else:
                conn.execute("DELETE FROM years WHERE commune = ?", (commune,))
        _write_years(conn, by_commune)
        conn.commit()
    finally:
        conn.close()


class ChunkStore:
    """Read-only access to a stored generation's chunks; one connection shared by threads."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._conn = sqlite3.connect(
            f"file:{self.path}?mode=ro&immutable=1", uri=True, check_same_thread=False
        )
        self._lock = threading.Lock()
        self._n = self._one("SELECT COUNT(*) FROM chunks")[0]
        top = self._one("SELECT MAX(row) FROM chunks")[0]
        self.rows_end = -1 if top is None else int(top)

    def _all(self, sql: str, args: tuple = ()) -> list[tuple]:
        with self._lock:
            return self._conn.execute(sql, args).fetchall()

    def _one(self, sql: str, args: tuple = ()) -> tuple:
        with self._lock:
            return self._conn.execute(sql, args).fetchone()

    @staticmethod
    def _chunks(rows: list[tuple]) -> list[StoredChunk]:
        return [StoredChunk(r[0], r[1], json.loads(r[2])) for r in rows]

    def __len__(self) -> int:
        return self._n

    # ---------------------------------------------------------------- by id
    def by_rows(self, rows: list[int]) -> dict[int, StoredChunk]:
        """row -> chunk for the rows still stored (a removed row is absent)."""
        out: dict[int, StoredChunk] = {}
        for i in range(0, len(rows), 500):
            part = [int(r) for r in rows[i : i + 500]]
            marks = ",".join("?" * len(part))
            for r in self._all(
                f"SELECT row, chunk_id, text, meta FROM chunks WHERE row IN ({marks})", tuple(part)
            ):
                out[int(r[0])] = StoredChunk(r[1], r[2], json.loads(r[3]))
        return out

    def rows_of(self, chunk_ids: list[str]) -> dict[str, int]:
        """chunk id -> row for the ids stored in this generation."""
        out: dict[str, int] = {}
        for i in range(0, len(chunk_ids), 500):
            part = chunk_ids[i : i + 500]
            marks = ",".join("?" * len(part))
            for cid, row in self._all(
                f"SELECT chunk_id, row FROM chunks WHERE chunk_id IN ({marks})", tuple(part)
            ):
                out[cid] = int(row)
        return out

    # ---------------------------------------------------------------- views
    def commune_chunks(self, commune: str, kind: str | None = None) -> list[StoredChunk]:
        """One commune's chunks (all, or of one kind), in index order."""
        if kind is None:
            sql, args = (
                "SELECT chunk_id, text, meta FROM chunks WHERE commune = ? ORDER BY row",
                (commune,),
            )
        else:
            sql = "SELECT chunk_id, text, meta FROM chunks WHERE commune = ? AND kind = ? ORDER BY row"
            args = (commune, kind)
        return self._chunks(self._all(sql, args))

    def of_type(self, doc_type: str) -> list[StoredChunk]:
        return self._chunks(
            self._all(
                "SELECT chunk_id, text, meta FROM chunks WHERE doc_type = ? ORDER BY row",
                (doc_type,),
            )
        )

    def iter_all(self) -> Iterator[StoredChunk]:
        """Every chunk in index order (admin tools and tests; not on the serving path)."""
        yield from self._chunks(self._all("SELECT chunk_id, text, meta FROM chunks ORDER BY row"))

    def communes(self) -> list[tuple[str, str, str]]:
        """(commune_id, name, province) of every commune, sorted by name."""
        return [
            (r[0], r[1], r[2])
            for r in self._all(
                "SELECT DISTINCT commune_id, commune, province FROM chunks "
                "WHERE commune != '' ORDER BY commune, province"
            )
        ]

    def years(self, commune: str | None) -> list[tuple[frozenset[str], frozenset[str]]]:
        """(own years, all years) of one commune's text, or of every commune's (None)."""
        if commune is None:
            rows = self._all("SELECT own, every FROM years")
        else:
            rows = self._all("SELECT own, every FROM years WHERE commune = ?", (commune,))
        return [(frozenset(json.loads(a)), frozenset(json.loads(b))) for a, b in rows]

    def documents(self) -> dict[str, dict]:
        """doc_id -> {doc_hash, origin, source, rows, reader} of every stored document (reader:
        the stamp of the code that read it, rag.reader_version; "" if stored before stamps)."""
        out: dict[str, dict] = {}
        for doc, digest, origin, source, n, reader in self._all(
            "SELECT doc_id, doc_hash, origin, source, COUNT(*), "
            "MIN(COALESCE(json_extract(meta, '$.reader'), '')) FROM chunks GROUP BY doc_id"
        ):
            out[doc] = {
                "doc_hash": digest,
                "origin": origin,
                "source": source,
                "rows": n,
                "reader": reader or "",
            }
        return out

    def document_heads(self) -> list[tuple[StoredChunk, int]]:
        """(first chunk, number of chunks) of every document, in index order."""
        rows = self._all("SELECT MIN(row), COUNT(*) FROM chunks WHERE doc_id != '' GROUP BY doc_id")
        found = self.by_rows([r[0] for r in rows])
        return [(found[r[0]], int(r[1])) for r in sorted(rows) if r[0] in found]

    def commune_id_chunks(self, cid: str) -> list[StoredChunk]:
        """The chunks of one commune (by commune_id), in index order."""
        return self._chunks(
            self._all(
                "SELECT chunk_id, text, meta FROM chunks WHERE commune_id = ? ORDER BY row", (cid,)
            )
        )

    def doc_rows(self, doc_id: str) -> list[int]:
        return [int(r[0]) for r in self._all("SELECT row FROM chunks WHERE doc_id = ?", (doc_id,))]

    def doc_chunks(self, doc_id: str) -> list[StoredChunk]:
        return self._chunks(
            self._all(
                "SELECT chunk_id, text, meta FROM chunks WHERE doc_id = ? ORDER BY row", (doc_id,)
            )
        )

    def close(self) -> None:
        with self._lock:
            self._conn.close()


class MemoryChunks:
    """The ChunkStore reading interface over a list of chunks (tests, an index without views)."""

    def __init__(self, chunks: list[StoredChunk]) -> None:
        self._chunks = list(chunks)
        self._row = {c.chunk_id: i for i, c in enumerate(self._chunks)}
        self.rows_end = len(self._chunks) - 1

    def __len__(self) -> int:
        return len(self._chunks)

    def by_rows(self, rows: list[int]) -> dict[int, StoredChunk]:
        return {int(r): self._chunks[int(r)] for r in rows if 0 <= int(r) < len(self._chunks)}

    def rows_of(self, chunk_ids: list[str]) -> dict[str, int]:
        return {cid: self._row[cid] for cid in chunk_ids if cid in self._row}
