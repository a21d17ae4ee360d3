"""Per-chat state that survives restarts: the chosen commune, seen update ids, a hashing salt.

One SQLite file (TROLY_DATA_DIR/bot_state.sqlite), one connection guarded by a lock.
"""

from __future__ import annotations

from pathlib import Path

from bot.core.chat_state import ChatStateStore

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


class BotState(ChatStateStore):
    """Chosen commune per chat, webhook update de-duplication, and the user-key salt."""

    schema = _SCHEMA
    channel = "telegram"
    key_prefix = "tg:"

    def _migrate(self) -> None:
        columns = {row[1] for row in self._conn.execute("PRAGMA table_info(chats)")}
        if "commune_id" not in columns:  # a state file written before commune ids
            self._conn.execute("ALTER TABLE chats ADD COLUMN commune_id TEXT")

    @staticmethod
    def chat_key(chat_id) -> int:
        return int(chat_id)

    # ------------------------------------------------------------ de-duplication
    def first_seen(self, update_id: int) -> bool:
        """True the first time an update id is seen, False for a repeated delivery."""
        update_id = int(update_id)
        return self._first_seen(
            "seen_updates", "update_id", update_id, SEEN_UPDATES_KEEP, update_id % 500 == 0
        )
