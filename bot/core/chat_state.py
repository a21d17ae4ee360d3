"""The SQLite file behind a chat channel's per-chat state (Telegram, Zalo): one connection guarded
by a lock, the chosen commune (and its id), and the salt of the hashed user keys.

Each channel subclasses it with its own schema (a `chats` table with `commune`, `commune_id`,
`updated_at`, and a `meta` table), its chat-id type and its de-duplication table.
"""

from __future__ import annotations

import hashlib
import secrets
import sqlite3
import threading
import time
from pathlib import Path


class ChatStateStore:
    """Implements the commune part of bot.core.memory.ChatMemory over one SQLite file."""

    schema: str = ""  # set by the channel
    channel: str = ""  # "telegram", "zalo": part of the user-key hash
    key_prefix: str = ""  # "tg:", "zl:"

    def __init__(self, path: Path) -> None:
        if not self.schema or not self.channel:
            raise TypeError("a chat state store needs a schema and a channel name")
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._conn = sqlite3.connect(
            str(self.path), check_same_thread=False, timeout=10.0, isolation_level=None
        )
        with self._lock:
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA busy_timeout=10000")
            self._conn.executescript(self.schema)
            self._migrate()
            self._conn.execute(
                "INSERT OR IGNORE INTO meta (key, value) VALUES ('salt', ?)",
                (secrets.token_hex(16),),
            )
            row = self._conn.execute("SELECT value FROM meta WHERE key = 'salt'").fetchone()
        self._salt = row[0]

    def _migrate(self) -> None:
        """Bring an older state file up to the schema (called under the lock)."""

    @staticmethod
    def chat_key(chat_id) -> int | str:
        return str(chat_id)

    # ---------------------------------------------------------------- chats
    def _get(self, chat_id, column: str) -> str | None:
        with self._lock:
            row = self._conn.execute(
                f"SELECT {column} FROM chats WHERE chat_id = ?", (self.chat_key(chat_id),)
            ).fetchone()
        return row[0] if row and row[0] else None

    def _upsert(self, chat_id, column: str, value: str) -> None:
        with self._lock:
            self._conn.execute(
                f"INSERT INTO chats (chat_id, {column}, updated_at) VALUES (?, ?, ?) "
                f"ON CONFLICT(chat_id) DO UPDATE SET {column} = excluded.{column}, "
                "updated_at = excluded.updated_at",
                (self.chat_key(chat_id), value, time.time()),
            )

    def get_commune(self, chat_id) -> str | None:
        return self._get(chat_id, "commune")

    def get_commune_id(self, chat_id) -> str | None:
        return self._get(chat_id, "commune_id")

    def set_commune(self, chat_id, commune: str, commune_id: str = "") -> None:
        """Remember the commune (and its id when the name alone is ambiguous)."""
        if not commune:
            raise ValueError("commune is required")
        with self._lock:
            self._conn.execute(
                "INSERT INTO chats (chat_id, commune, commune_id, updated_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(chat_id) DO UPDATE SET commune = excluded.commune, "
                "commune_id = excluded.commune_id, updated_at = excluded.updated_at",
                (self.chat_key(chat_id), commune, commune_id or None, time.time()),
            )

    def forget_chat(self, chat_id) -> bool:
        with self._lock:
            cur = self._conn.execute(
                "DELETE FROM chats WHERE chat_id = ?", (self.chat_key(chat_id),)
            )
        return cur.rowcount > 0

    # ---------------------------------------------------------------- de-duplication
    def _first_seen(self, table: str, column: str, key, keep: int, prune: bool) -> bool:
        """Insert `key` into a seen-deliveries table; True when it was new. `prune` also trims
        the table to the `keep` most recent keys."""
        with self._lock:
            cur = self._conn.execute(
                f"INSERT OR IGNORE INTO {table} ({column}, ts) VALUES (?, ?)", (key, time.time())
            )
            new = cur.rowcount > 0
            if new and prune:
                self._conn.execute(
                    f"DELETE FROM {table} WHERE {column} NOT IN "
                    f"(SELECT {column} FROM {table} ORDER BY ts DESC LIMIT ?)",
                    (keep,),
                )
        return new

    # ---------------------------------------------------------------- users
    def user_key(self, chat_id) -> str:
        """Salted hash of a chat id: the only user identifier written to the interaction log."""
        digest = hashlib.sha256(f"{self._salt}:{self.channel}:{self.chat_key(chat_id)}".encode())
        return self.key_prefix + digest.hexdigest()[:32]

    def close(self) -> None:
        with self._lock:
            self._conn.close()
