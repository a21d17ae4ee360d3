"""Zalo per-chat state that survives restarts: chosen commune, last answer (for 👍/👎),
deliveries already processed, and the salt of user keys.

One SQLite file (TROLY_DATA_DIR/zalo_state.sqlite); Zalo chat ids are strings.
"""

from __future__ import annotations

import hashlib
import secrets
import sqlite3
import threading
import time
from pathlib import Path

STATE_FILE = "zalo_state.sqlite"
SEEN_KEEP = 20_000
_PRUNE_EVERY = 500

_SCHEMA = """
CREATE TABLE IF NOT EXISTS chats (
    chat_id TEXT PRIMARY KEY,
    commune TEXT,
    commune_id TEXT,
    last_answer TEXT,
    updated_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS seen (
    key TEXT PRIMARY KEY,
    ts REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""


def state_path(data_dir: Path) -> Path:
    return Path(data_dir) / STATE_FILE


class ZaloState:
    """Implements bot.core.memory.ChatMemory for Zalo, plus delivery de-duplication."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._conn = sqlite3.connect(
            str(self.path), check_same_thread=False, timeout=10.0, isolation_level=None
        )
        self._inserted = 0
        with self._lock:
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA busy_timeout=10000")
            self._conn.executescript(_SCHEMA)
            self._conn.execute(
                "INSERT OR IGNORE INTO meta (key, value) VALUES ('salt', ?)",
                (secrets.token_hex(16),),
            )
            self._salt = self._conn.execute("SELECT value FROM meta WHERE key = 'salt'").fetchone()[
                0
            ]

    def _upsert(self, chat_id: str, column: str, value: str) -> None:
        with self._lock:
            self._conn.execute(
                f"INSERT INTO chats (chat_id, {column}, updated_at) VALUES (?, ?, ?) "
                f"ON CONFLICT(chat_id) DO UPDATE SET {column} = excluded.{column}, "
                "updated_at = excluded.updated_at",
                (str(chat_id), value, time.time()),
            )

    def _get(self, chat_id: str, column: str) -> str | None:
        with self._lock:
            row = self._conn.execute(
                f"SELECT {column} FROM chats WHERE chat_id = ?", (str(chat_id),)
            ).fetchone()
        return row[0] if row and row[0] else None

    def get_commune(self, chat_id: str) -> str | None:
        return self._get(chat_id, "commune")

    def get_commune_id(self, chat_id: str) -> str | None:
        return self._get(chat_id, "commune_id")

    def set_commune(self, chat_id: str, commune: str, commune_id: str = "") -> None:
        if not commune:
            raise ValueError("commune is required")
        with self._lock:
            self._conn.execute(
                "INSERT INTO chats (chat_id, commune, commune_id, updated_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(chat_id) DO UPDATE SET commune = excluded.commune, "
                "commune_id = excluded.commune_id, updated_at = excluded.updated_at",
                (str(chat_id), commune, commune_id or None, time.time()),
            )

    def last_answer(self, chat_id: str) -> str | None:
        return self._get(chat_id, "last_answer")

    def set_last_answer(self, chat_id: str, answer_id: str) -> None:
        self._upsert(chat_id, "last_answer", answer_id)

    def forget_chat(self, chat_id: str) -> bool:
        with self._lock:
            cur = self._conn.execute("DELETE FROM chats WHERE chat_id = ?", (str(chat_id),))
        return cur.rowcount > 0

    def first_seen(self, key: str) -> bool:
        """True the first time a delivery key is seen, False for a repeat (even after a restart)."""
        with self._lock:
            cur = self._conn.execute(
                "INSERT OR IGNORE INTO seen (key, ts) VALUES (?, ?)", (str(key), time.time())
            )
            new = cur.rowcount > 0
            self._inserted += new
            if new and self._inserted % _PRUNE_EVERY == 0:
                self._conn.execute(
                    "DELETE FROM seen WHERE key NOT IN "
                    "(SELECT key FROM seen ORDER BY ts DESC LIMIT ?)",
                    (SEEN_KEEP,),
                )
        return new

    def user_key(self, chat_id: str) -> str:
        """Salted hash of a chat id: the only user identifier written to the interaction log."""
        digest = hashlib.sha256(f"{self._salt}:zalo:{chat_id}".encode())
        return "zl:" + digest.hexdigest()[:32]

    def close(self) -> None:
        with self._lock:
            self._conn.close()
