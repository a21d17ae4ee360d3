"""The shared interaction log for a chat channel (the same file as the API's)."""

from __future__ import annotations

import logging
import sqlite3

from rag.settings import Settings

log = logging.getLogger("troly.bot")


def open_interactions(settings: Settings):
    """The interaction log, or None if it cannot be opened (the bot still answers)."""
    from rag.interactions import InteractionLog, default_log_path

    try:
        return InteractionLog(
            default_log_path(settings.data_dir),
            retention_days=max(1, int(settings.log_retention_days)),
        )
    except (OSError, sqlite3.Error) as exc:
        log.warning("interaction log unavailable: %s", exc)
        return None
