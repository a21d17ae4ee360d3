"""Zalo per-chat state that survives restarts: chosen commune, last answer (for 👍/👎),
deliveries already processed, and the salt of user keys.

One SQLite file (TROLY_DATA_DIR/zalo_state.sqlite); Zalo chat ids are strings.
"""

from __future__ import annotations

from pathlib import Path

from bot.core.chat_state import ChatStateStore

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


class ZaloState(ChatStateStore):
    """Implements bot.core.memory.ChatMemory for Zalo, plus delivery de-duplication."""

    schema = _SCHEMA
    channel = "zalo"
    key_prefix = "zl:"

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self._inserted = 0

    def last_answer(self, chat_id: str) -> str | None:
        return self._get(chat_id, "last_answer")

    def set_last_answer(self, chat_id: str, answer_id: str) -> None:
        self._upsert(chat_id, "last_answer", answer_id)

    def first_seen(self, key: str) -> bool:
        """True the first time a delivery key is seen, False for a repeat (even after a restart)."""
        prune = (self._inserted + 1) % _PRUNE_EVERY == 0
        new = self._first_seen("seen", "key", str(key), SEEN_KEEP, prune)
        self._inserted += new
        return new
