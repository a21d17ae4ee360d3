"""Corpus-wide views computed once per index generation and stored next to it.

`troly ingest` writes them (`build_views`); the engine only opens them (`open_views`): the
lexical index (rag.lexical, memory-mapped), the diacritic-preserving term statistics of plans and
of guides (rag.termstats) and the diacritic-restoration tables (rag.diacritics), the last two in
one SQLite file read on demand.
"""

from __future__ import annotations

import json
import math
import shutil
import sqlite3
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rag.chunk_store import ChunkStore, update_store, write_store
from rag.diacritics import DiacriticRestorer, restore_tables
from rag.index import StoredChunk
from rag.lexical import LexicalDoc, LexicalIndex, atomic_directory
from rag.lexical_delta import DELTA_FILE, Delta, LayeredLexical, open_lexical
from rag.termstats import dropped_forms, exact_df, is_near

VIEWS_DIR = "views"
_STATS = "stats.sqlite"
_CHUNKS = "chunks.sqlite"
_VERSION = 2


def plan_stats_text(chunk: StoredChunk) -> str:
    return f"{chunk.meta.get('section', '')}\n{chunk.text}"


def guide_stats_text(chunk: StoredChunk) -> str:
    return f"{chunk.meta.get('title', '')}\n{chunk.text}"


def search_text(chunk: StoredChunk) -> str:
    """What BM25 sees: the section path (last two parts) and the passage."""
    section = " ".join(chunk.meta.get("section", "").split(" › ")[-2:])
    return f"{section}\n{chunk.text}"


def commune_key(meta: dict) -> str:
    """What the lexical index filters a chunk's commune by: its id (name + province), so two
    communes sharing a name never mix; the name for chunks written before ids existed."""
    return meta.get("commune_id") or meta.get("commune", "")


def lexical_docs(chunks: list[StoredChunk]) -> list[LexicalDoc]:
    return [
        LexicalDoc(search_text(c), commune_key(c.meta), c.meta.get("doc_type", "plan"))
        for c in chunks
    ]


def views_dir(data_dir: Path, generation: str) -> Path:
    return Path(data_dir) / VIEWS_DIR / generation


class _Db:
    """One read-only SQLite connection shared by threads (queries are serialised)."""

    def __init__(self, path: Path) -> None:
        self._conn = sqlite3.connect(
            f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=False
        )
        self._lock = threading.Lock()

    def one(self, sql: str, args: tuple) -> tuple | None:
        with self._lock:
            return self._conn.execute(sql, args).fetchone()


class StoredTermStats:
    """rag.termstats.ExactTermStats read from the stored tables."""

    def __init__(self, db: _Db, kind: str) -> None:
        self._db = db
        self._kind = kind
        row = db.one("SELECT n FROM stats_n WHERE kind = ?", (kind,))
        self.n = max(int(row[0]) if row else 0, 1)
        self.df = lru_cache(maxsize=65536)(self._df)
        self._in_dropped = lru_cache(maxsize=65536)(self._dropped)

    def _df(self, term: str) -> int:
        row = self._db.one(
            "SELECT df FROM stats_df WHERE kind = ? AND term = ?", (self._kind, term)
        )
        return int(row[0]) if row else 0

    def _dropped(self, form: str) -> bool:
        sql = "SELECT 1 FROM stats_dropped WHERE kind = ? AND form = ?"
        return self._db.one(sql, (self._kind, form)) is not None

    def idf(self, term: str) -> float:
        f = self.df(term)
        return math.log(1 + (self.n - f + 0.5) / (f + 0.5))

    def near(self, term: str) -> bool:
        return is_near(term, lambda t: self.df(t) > 0, self._in_dropped)


class _Unigrams:
    def __init__(self, db: _Db) -> None:
        self._db = db
        self.get = lru_cache(maxsize=65536)(self._get)

    def _get(self, key: str, default: str | None = None) -> str | None:
        row = self._db.one("SELECT form FROM restore_uni WHERE folded = ?", (key,))
        return row[0] if row else default


class _Bigrams:
    def __init__(self, db: _Db) -> None:
        self._db = db
        self.get = lru_cache(maxsize=65536)(self._get)

    def _get(self, key: tuple[str, str], default=None):
        row = self._db.one(
            "SELECT a, b, n FROM restore_bi WHERE fa = ? AND fb = ?", (key[0], key[1])
        )
        return ((row[0], row[1]), int(row[2])) if row else default


@dataclass
class CorpusViews:
    lexical: LexicalIndex | LayeredLexical
    store: ChunkStore
    plan_stats: StoredTermStats
    guide_stats: StoredTermStats
    restorer: DiacriticRestorer


def chunk_digest(chunks: list[StoredChunk]) -> str:
    """Identifies the chunk order the views were built over."""
    import hashlib

    h = hashlib.blake2b(digest_size=16)
    for c in chunks:
        h.update(c.chunk_id.encode("utf-8") + b"\0")
    return h.hexdigest()


def open_views(directory: Path, chunks: list[StoredChunk] | None = None) -> CorpusViews | None:
    """The views stored in `directory`, or None if they are missing, partial, outdated or (when
    `chunks` is given) built over other chunks."""
    directory = Path(directory)
    stats = directory / _STATS
    lexical = open_lexical(directory)
    if lexical is None or not stats.exists() or not (directory / _CHUNKS).exists():
        return None
    db = _Db(stats)
    row = db.one("SELECT value FROM meta WHERE key = 'version'", ())
    if not row or int(row[0]) != _VERSION:
        return None
    if chunks is not None:
        row = db.one("SELECT value FROM meta WHERE key = 'chunks'", ())
        if not row or row[0] != chunk_digest(chunks):
            return None
    return CorpusViews(
        lexical=lexical,
        store=ChunkStore(directory / _CHUNKS),
        plan_stats=StoredTermStats(db, "plan"),
        guide_stats=StoredTermStats(db, "guide"),
        restorer=DiacriticRestorer.from_tables(_Unigrams(db), _Bigrams(db)),
    )


def build_views(directory: Path, chunks: list[StoredChunk]) -> None:
    """Compute and store every view of these chunks (index order), atomically."""
    with atomic_directory(directory, ".views-") as tmp:
        LexicalIndex.build(lexical_docs(chunks)).save(tmp / "lexical")
        _write_stats(tmp / _STATS, chunks)
        write_store(tmp / _CHUNKS, chunks)


def update_views(
    base: Path, directory: Path, remove_docs: list[str], add: list[StoredChunk]
) -> None:
    """The views of `base` with some documents removed and others added, written atomically to
    `directory`: the base's lexical index and term statistics are shared (hard links), the
    chunk store is copied and edited, and the lexical changes go to a delta
    (rag.lexical_delta). The corpus-wide statistics stay those of the base until a full
    rebuild."""
    import os

    base = Path(base)
    old = ChunkStore(base / _CHUNKS)
    try:
        removed_rows = [r for doc in remove_docs for r in old.doc_rows(doc)]
        first_row = old.rows_end + 1
    finally:
        old.close()
    lexical = LexicalIndex.load(base / "lexical")
    if lexical is None:
        raise FileNotFoundError(base / "lexical")
    delta = Delta.load(base / DELTA_FILE) or Delta(first_row=lexical.n)
    delta.remove_rows(removed_rows)
    first_row = max(first_row, delta.next_row)
    for i, doc in enumerate(lexical_docs(add)):
        delta.add(first_row + i, doc)
    with atomic_directory(directory, ".views-") as tmp:
        (tmp / "lexical").mkdir()
        for f in (base / "lexical").rglob("*"):
            target = tmp / "lexical" / f.relative_to(base / "lexical")
            if f.is_dir():
                target.mkdir(parents=True, exist_ok=True)
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                os.link(f, target)
        os.link(base / _STATS, tmp / _STATS)
        shutil.copyfile(base / _CHUNKS, tmp / _CHUNKS)
        update_store(tmp / _CHUNKS, remove_docs, add, first_row)
        delta.save(tmp / DELTA_FILE)


def delta_share(directory: Path) -> float:
    """How large the delta of a views folder is against its base (0 without a delta)."""
    delta = Delta.load(Path(directory) / DELTA_FILE)
    lexical = LexicalIndex.load(Path(directory) / "lexical")
    if delta is None or lexical is None or not lexical.n:
        return 0.0
    return (len(delta.docs) + len(delta.removed)) / lexical.n


def prune_views(data_dir: Path, keep: Iterable[str]) -> None:
    """Remove the views of generations no longer kept by the index."""
    root = Path(data_dir) / VIEWS_DIR
    if not root.is_dir():
        return
    keep = set(keep)
    for child in root.iterdir():
        if child.is_dir() and child.name not in keep and not child.name.startswith("."):
            shutil.rmtree(child, ignore_errors=True)


def _write_stats(path: Path, chunks: list[StoredChunk]) -> None:
    conn = sqlite3.connect(path)
    try:
        conn.executescript(
            """
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
            CREATE TABLE stats_n (kind TEXT PRIMARY KEY, n INTEGER);
            CREATE TABLE stats_df (kind TEXT, term TEXT, df INTEGER,
                                   PRIMARY KEY (kind, term)) WITHOUT ROWID;
            CREATE TABLE stats_dropped (kind TEXT, form TEXT,
                                        PRIMARY KEY (kind, form)) WITHOUT ROWID;
            CREATE TABLE restore_uni (folded TEXT PRIMARY KEY, form TEXT) WITHOUT ROWID;
            CREATE TABLE restore_bi (fa TEXT, fb TEXT, a TEXT, b TEXT, n INTEGER,
                                     PRIMARY KEY (fa, fb)) WITHOUT ROWID;
            """
        )
        kinds = {
            "plan": [plan_stats_text(c) for c in chunks],
            "guide": [guide_stats_text(c) for c in chunks if c.meta.get("doc_type") == "guide"],
        }
        for kind, texts in kinds.items():
            df, n = exact_df(texts)
            conn.execute("INSERT INTO stats_n VALUES (?, ?)", (kind, n))
            conn.executemany(
                "INSERT INTO stats_df VALUES (?, ?, ?)", ((kind, t, f) for t, f in df.items())
            )
            conn.executemany(
                "INSERT INTO stats_dropped VALUES (?, ?)",
                ((kind, form) for form in dropped_forms(df)),
            )
        uni, bi = restore_tables([c.text for c in chunks])
        conn.executemany("INSERT INTO restore_uni VALUES (?, ?)", uni.items())
        conn.executemany(
            "INSERT INTO restore_bi VALUES (?, ?, ?, ?, ?)",
            ((fa, fb, a, b, n) for (fa, fb), ((a, b), n) in bi.items()),
        )
        conn.execute("INSERT INTO meta VALUES ('version', ?)", (json.dumps(_VERSION),))
        conn.execute("INSERT INTO meta VALUES ('chunks', ?)", (chunk_digest(chunks),))
        conn.commit()
    finally:
        conn.close()
