"""Per-chat state that survives restarts: the chosen commune, seen update ids, a hashing salt.

One SQLite file (TROLY_DATA_DIR/bot_state.sqlite), one connection guarded by a lock.
"""

from __future__ import annotations

import hashlib
import secrets
import sqlite3
import threading
import time
from pathlib import Path

STATE_FILE = "bot_state.sqlite"
# Webhook deliveries remembered for de-duplication (Telegram retries for up to ~24 h).
SEEN_UPDATES_KEEP = 20_000

_SCHEMA = """
CREATE TABLE IF NOT EXISTS chats (
    chat_id INTEGER PRIMARY KEY,
    commune TEXT,
    updated_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS seen_updates (
    update_id INTEGER PRIMARY KEY,
    ts REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""


def state_path(data_dir: Path) -> Path:
    return Path(data_dir) / STATE_FILE


class BotState:
    """Chosen commune per chat, webhook update de-duplication, and the user-key salt."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._conn = sqlite3.connect(
            str(self.path), check_same_thread=False, timeout=10.0, isolation_level=None
        )
        with self._lock:
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA busy_timeout=10000")
            self._conn.executescript(_SCHEMA)
            columns = {row[1] for row in self._conn.execute("PRAGMA table_info(chats)")}
            if "commune_id" not in columns:  # a state file written before commune ids
                self._conn.execute("ALTER TABLE chats ADD COLUMN commune_id TEXT")
        self._salt = self._load_salt()

    # ---------------------------------------------------------------- communes
    def get_commune(self, chat_id: int) -> str | None:
        with self._lock:
            row = self._conn.execute(
                "SELECT commune FROM chats WHERE chat_id = ?", (int(chat_id),)
            ).fetchone()
        return row[0] if row and row[0] else None

    def get_commune_id(self, chat_id: int) -> str | None:
        with self._lock:
            row = self._conn.execute(
                "SELECT commune_id FROM chats WHERE chat_id = ?", (int(chat_id),)
            ).fetchone()
        return row[0] if row and row[0] else None

    def set_commune(self, chat_id: int, commune: str, commune_id: str = "") -> None:
        """Remember the commune (and its id when the name alone is ambiguous)."""
        if not commune:
            raise ValueError("commune is required")
        with self._lock:
            self._conn.execute(
                "INSERT INTO chats (chat_id, commune, commune_id, updated_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(chat_id) DO UPDATE SET commune = excluded.commune, "
                "commune_id = excluded.commune_id, updated_at = excluded.updated_at",
                (int(chat_id), commune, commune_id or None, time.time()),
            )

    def forget_chat(self, chat_id: int) -> bool:
        with self._lock:
            cur = self._conn.execute("DELETE FROM chats WHERE chat_id = ?", (int(chat_id),))
        return cur.rowcount > 0

    # ------------------------------------------------------------ de-duplication
    def first_seen(self, update_id: int) -> bool:
        """True the first time an update id is seen, False for a repeated delivery."""
        with self._lock:
            cur = self._conn.execute(
                "INSERT OR IGNORE INTO seen_updates (update_id, ts) VALUES (?, ?)",
                (int(update_id), time.time()),
            )
            new = cur.rowcount > 0
            if new and int(update_id) % 500 == 0:
                self._conn.execute(
                    "DELETE FROM seen_updates WHERE update_id NOT IN "
                    "(SELECT update_id FROM seen_updates ORDER BY ts DESC LIMIT ?)",
                    (SEEN_UPDATES_KEEP,),
                )
        return new

    # ------------------------------------------------------------------ users
    def _load_salt(self) -> str:
        with self._lock:
            self._conn.execute(
                "INSERT OR IGNORE INTO meta (key, value) VALUES ('salt', ?)",
                (secrets.token_hex(16),),
            )
            return self._conn.execute("SELECT value FROM meta WHERE key = 'salt'").fetchone()[0]

    def user_key(self, chat_id: int) -> str:
        """Salted hash of a chat id: the only user identifier written to the interaction log."""
        digest = hashlib.sha256(f"{self._salt}:telegram:{int(chat_id)}".encode())
        return "tg:" + digest.hexdigest()[:32]

    def close(self) -> None:
        with self._lock:
            self._conn.close()
