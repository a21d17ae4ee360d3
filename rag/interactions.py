"""The interaction log: every question answered, with feedback, in one SQLite file.

Personal data (CCCD numbers, phone numbers, e-mail addresses) is masked in questions and
comments before anything is written. Old rows are purged after `retention_days`. One
connection guarded by a lock serves all threads of a process; WAL mode and a busy time-out let
several worker processes write to the same file.
"""

from __future__ import annotations

import json
import logging
import re
import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from rag.text import fold, has_diacritics, nfc

if TYPE_CHECKING:
    from rag.answer import Answer

log = logging.getLogger("troly.interactions")

MAX_QUESTION_CHARS = 2000
MAX_COMMENT_CHARS = 1000
MAX_ANSWER_CHARS = 4000
RATINGS = ("up", "down")
PURGE_EVERY_S = 3600.0

_EMAIL_RE = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
# 12 digits: citizen identity card (CCCD), written solid or in groups of 3 or 4.
_CCCD_RE = re.compile(
    r"(?<![\d.,])(?:\d{12}|\d{3}(?:[ \-]\d{3}){3}|\d{4}(?:[ \-]\d{4}){2})(?!\d|[.,]\d)"
)
# Vietnamese phone numbers: 0 or +84/0084/(+84) then 9-10 digits, optional separators.
_PHONE_RE = re.compile(
    r"(?<![\w+])(?:\(\+?84\)|\+84|0084|0)[ .\-]?\d(?:[ .\-]?\d){8,9}(?!\d|[.,]\d)"
)
MASK_EMAIL = "[email]"
MASK_CCCD = "[số CCCD]"
MASK_PHONE = "[số điện thoại]"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS interactions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    ts REAL NOT NULL,
    answer_id TEXT NOT NULL UNIQUE,
    question TEXT NOT NULL,
    commune TEXT,
    refused INTEGER NOT NULL,
    latency_ms REAL NOT NULL,
    doc_ids TEXT NOT NULL,
    channel TEXT NOT NULL,
    user_key TEXT,
    prompt_version TEXT,
    fallback_reason TEXT,
    rating TEXT,
    comment TEXT,
    feedback_ts REAL,
    answer TEXT
);
CREATE INDEX IF NOT EXISTS interactions_ts ON interactions (ts);
CREATE INDEX IF NOT EXISTS interactions_user ON interactions (user_key);
"""


def mask_pii(text: str) -> str:
    """Replace e-mail addresses, CCCD numbers and phone numbers with placeholders."""
    text = _EMAIL_RE.sub(MASK_EMAIL, text)
    text = _CCCD_RE.sub(MASK_CCCD, text)
    return _PHONE_RE.sub(MASK_PHONE, text)


def _clean(text: str | None, limit: int) -> str | None:
    if text is None:
        return None
    text = nfc(str(text)).replace("\x00", "")
    return mask_pii(text.strip())[:limit]


class InteractionLog:
    """Append-only log of answered questions and their feedback (thread-safe)."""

    def __init__(
        self,
        path: Path,
        retention_days: int = 90,
        clock: Callable[[], float] = time.time,
    ) -> None:
        if not isinstance(retention_days, int) or isinstance(retention_days, bool):
            raise TypeError("retention_days must be an int")
        if retention_days < 1:
            raise ValueError("retention_days must be >= 1")
        self.path = Path(path)
        self.retention_days = retention_days
        self._clock = clock
        self._lock = threading.Lock()
        self.healthy = True  # False while writes fail (locked file, full disk)
        self._health_lock = threading.Lock()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(
            str(self.path), check_same_thread=False, timeout=10.0, isolation_level=None
        )
        with self._lock:
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA synchronous=NORMAL")
            self._conn.execute("PRAGMA busy_timeout=10000")
            self._conn.executescript(_SCHEMA)
            columns = {r[1] for r in self._conn.execute("PRAGMA table_info(interactions)")}
            if "answer" not in columns:  # a log written before answers were kept
                try:
                    self._conn.execute("ALTER TABLE interactions ADD COLUMN answer TEXT")
                except sqlite3.OperationalError:  # another worker added it first
                    columns = {r[1] for r in self._conn.execute("PRAGMA table_info(interactions)")}
                    if "answer" not in columns:
                        raise
        self._last_purge = 0.0
        self.purge()

    # ------------------------------------------------------------------ writing
    def record_answer(
        self,
        answer: Answer,
        *,
        question: str,
        commune: str | None,
        channel: str,
        user_key: str | None = None,
    ) -> bool:
        """Log one answer of any channel; a logging failure never costs the user the answer."""
        try:
            self.record(
                answer_id=answer.answer_id,
                question=question,
                commune=commune,
                refused=answer.refused,
                latency_ms=answer.latency_ms,
                doc_ids=[c.doc_id for c in answer.citations],
                channel=channel,
                user_key=user_key,
                prompt_version=answer.prompt_version or None,
                fallback_reason=answer.reason or None,
                answer=answer.answer,
            )
        except (sqlite3.Error, ValueError) as exc:
            with self._health_lock:
                first, self.healthy = self.healthy, False
            if first:  # once per failure streak, not once per question
                log.error("interaction log: could not write (answers still served): %s", exc)
            return False
        if not self.healthy:
            with self._health_lock:
                recovered, self.healthy = not self.healthy, True
            if recovered:
                log.warning("interaction log: writable again")
        return True

    def record(
        self,
        *,
        answer_id: str,
        question: str,
        commune: str | None,
        refused: bool,
        latency_ms: float,
        doc_ids: list[str],
        channel: str,
        user_key: str | None = None,
        prompt_version: str | None = None,
        fallback_reason: str | None = None,
        answer: str | None = None,
    ) -> None:
        if not answer_id:
            raise ValueError("answer_id is required")
        now = self._clock()
        unique_docs = list(dict.fromkeys(str(d) for d in doc_ids if d))
        row = (
            now,
            str(answer_id),
            _clean(question, MAX_QUESTION_CHARS) or "",
            _clean(commune, 200) or None,
            int(bool(refused)),
            float(latency_ms),
            json.dumps(unique_docs, ensure_ascii=False),
            str(channel),
            user_key,
            prompt_version,
            fallback_reason,
            _clean(answer, MAX_ANSWER_CHARS),
        )
        with self._lock:
            self._conn.execute(
                "INSERT OR IGNORE INTO interactions (ts, answer_id, question, commune, refused, "
                "latency_ms, doc_ids, channel, user_key, prompt_version, fallback_reason, answer) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                row,
            )
        if now - self._last_purge > PURGE_EVERY_S:
            self.purge()

    def add_feedback(self, answer_id: str, rating: str, comment: str | None = None) -> bool:
        """Attach 'up'/'down' (and a comment) to an answer; False if the answer is unknown."""
        if rating not in RATINGS:
            raise ValueError(f"rating must be one of {RATINGS}")
        with self._lock:
            cur = self._conn.execute(
                "UPDATE interactions SET rating = ?, comment = ?, feedback_ts = ? "
                "WHERE answer_id = ?",
                (rating, _clean(comment, MAX_COMMENT_CHARS) or None, self._clock(), answer_id),
            )
        return cur.rowcount > 0

    def delete_user(self, user_key: str) -> int:
        """Forget everything logged for one user (e.g. a Telegram chat that asked to be forgotten)."""
        if not user_key:
            return 0
        with self._lock:
            cur = self._conn.execute("DELETE FROM interactions WHERE user_key = ?", (user_key,))
        return cur.rowcount

    def purge(self) -> int:
        """Delete rows older than retention_days; returns how many were deleted."""
        now = self._clock()
        cutoff = now - self.retention_days * 86400.0
        with self._lock:
            cur = self._conn.execute("DELETE FROM interactions WHERE ts < ?", (cutoff,))
        self._last_purge = now
        return cur.rowcount

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    # ------------------------------------------------------------------ reading
    def count(self) -> int:
        with self._lock:
            return self._conn.execute("SELECT COUNT(*) FROM interactions").fetchone()[0]

    def rows(self, days: int | None = None) -> list[dict]:
        """All rows (newest first), optionally only those of the last `days` days."""
        sql = (
            "SELECT ts, answer_id, question, commune, refused, latency_ms, doc_ids, channel, "
            "user_key, prompt_version, fallback_reason, rating, comment, answer FROM interactions"
        )
        params: tuple = ()
        if days is not None:
            sql += " WHERE ts >= ?"
            params = (self._clock() - days * 86400.0,)
        sql += " ORDER BY ts DESC, id DESC"
        with self._lock:
            cur = self._conn.execute(sql, params)
            names = [d[0] for d in cur.description]
            out = [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
        for r in out:
            r["refused"] = bool(r["refused"])
            r["doc_ids"] = json.loads(r["doc_ids"] or "[]")
        return out

    def report(self, days: int, top: int = 20) -> dict:
        """Summary for officials: frequent, refused and thumbs-down questions, per commune."""
        if days < 1:
            raise ValueError("days must be >= 1")
        rows = self.rows(days)
        return {
            "days": days,
            "since": time.strftime(
                "%Y-%m-%d %H:%M", time.localtime(self._clock() - days * 86400.0)
            ),
            "total": len(rows),
            "refused": sum(r["refused"] for r in rows),
            "feedback_up": sum(r["rating"] == "up" for r in rows),
            "feedback_down": sum(r["rating"] == "down" for r in rows),
            "top_questions": _top_questions(rows, top),
            "refused_questions": _top_questions([r for r in rows if r["refused"]], top),
            "thumbs_down": [
                {
                    "question": r["question"],
                    "commune": r["commune"] or "",
                    "comment": r["comment"] or "",
                    "answer_id": r["answer_id"],
                    "time": time.strftime("%Y-%m-%d %H:%M", time.localtime(r["ts"])),
                }
                for r in rows
                if r["rating"] == "down"
            ][:top],
            "per_commune": _per_commune(rows, top),
        }


def _question_key(question: str) -> str:
    return re.sub(r"[^\w\s\[\]]", "", fold(question)).strip()


def _top_questions(rows: list[dict], top: int) -> list[dict]:
    counts: Counter[str] = Counter()
    shown: dict[str, str] = {}
    refused: Counter[str] = Counter()
    down: Counter[str] = Counter()
    for r in rows:  # newest first: show the most recent wording, preferring one with diacritics
        key = _question_key(r["question"])
        counts[key] += 1
        if key not in shown or (not has_diacritics(shown[key]) and has_diacritics(r["question"])):
            shown[key] = r["question"]
        refused[key] += r["refused"]
        down[key] += r["rating"] == "down"
    return [
        {"question": shown[k], "count": n, "refused": refused[k], "thumbs_down": down[k]}
        for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], shown[kv[0]]))[:top]
    ]


def _per_commune(rows: list[dict], top: int) -> list[dict]:
    groups: dict[str, list[dict]] = {}
    for r in rows:
        groups.setdefault(r["commune"] or "", []).append(r)
    out = []
    for commune, items in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        out.append(
            {
                "commune": commune,
                "total": len(items),
                "refused": sum(r["refused"] for r in items),
                "feedback_up": sum(r["rating"] == "up" for r in items),
                "feedback_down": sum(r["rating"] == "down" for r in items),
                "top_questions": _top_questions(items, min(top, 5)),
            }
        )
    return out


def open_interaction_log(path: Path, retention_days: int = 90) -> InteractionLog:
    """The log at `path`; a file that is not a readable SQLite database is moved aside
    (`<name>.corrupt-<time>`, kept for inspection) and a new log is started."""
    try:
        return InteractionLog(path, retention_days=retention_days)
    except sqlite3.DatabaseError as exc:
        if isinstance(exc, sqlite3.OperationalError):
            raise  # locked or unwritable: not corruption
        aside = Path(path).with_name(f"{Path(path).name}.corrupt-{int(time.time())}")
        log.error("interaction log %s is corrupt (%s): moved to %s", path, exc, aside.name)
        for suffix in ("", "-wal", "-shm"):
            src = Path(f"{path}{suffix}")
            if src.exists():
                src.replace(Path(f"{aside}{suffix}"))
        return InteractionLog(path, retention_days=retention_days)


def default_log_path(data_dir: Path) -> Path:
    return Path(data_dir) / "interactions.sqlite"
