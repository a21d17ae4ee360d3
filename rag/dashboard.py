"""The officials' dashboard, engine side: what the interaction log says about a period and a commune.

Reads rows through rag.interactions.InteractionLog and returns one typed `Dashboard`: questions
per day, answered vs refused with the refusal reasons, the unanswered questions grouped by
similarity (with the embedder the engine already uses), thumbs-down answers with their text,
how-to topics no guide covers and latency percentiles. Questions and comments were masked for
personal data when logged; they are masked again here so that an older log is safe to show too.
The channels (api/, bot/) only render it.
"""

from __future__ import annotations

import json
import math
import re
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np

from rag.interactions import InteractionLog, mask_pii
from rag.text import fold, has_diacritics

GROUPS_FILE = Path(__file__).resolve().parent / "params" / "question_groups.json"
MAX_GROUPED = 500  # unique questions embedded per view: the log of a busy quarter stays fast
PERCENTILES = (50, 90, 95, 99)
UNKNOWN_REASON = "Lý do khác"
NO_COMMUNE = "(không rõ xã)"

# Vietnamese labels of the engine's refusal reasons (rag.compose, rag.pipeline.refusals, …).
REASON_LABELS = {
    "no_hits": "Không tìm thấy đoạn văn liên quan",
    "low_coverage": "Tài liệu không đủ khớp với câu hỏi",
    "quantity_not_stated": "Tài liệu không nêu con số được hỏi",
    "rare_word_missing": "Tài liệu không có từ khóa chính của câu hỏi",
    "unknown_words": "Câu hỏi có từ không có trong tài liệu",
    "not_stated": "Tài liệu không nêu thông tin này",
    "asked_value_not_stated": "Tài liệu không nêu giá trị được hỏi (số tiền, tỷ lệ, họ tên)",
    "unknown_commune": "Xã chưa có kế hoạch trong hệ thống",
    "which_province": "Tên xã trùng ở nhiều tỉnh, cần chọn tỉnh",
    "privacy": "Câu hỏi về thông tin cá nhân",
    "howto_unknown": "Chưa có hướng dẫn cho thủ tục này",
    "scope": "Câu hỏi ngoài phạm vi kế hoạch",
    "year": "Tài liệu không có năm được hỏi",
    "no_strategy": "Không có cách trả lời phù hợp",
}
HOWTO_UNKNOWN = "howto_unknown"


@dataclass(frozen=True)
class DashboardFilter:
    """A period of whole days (both ends included) and, optionally, one commune."""

    start: date
    end: date
    commune: str = ""

    @classmethod
    def last_days(cls, days: int, commune: str = "", today: date | None = None) -> DashboardFilter:
        if days < 1:
            raise ValueError("days must be >= 1")
        end = today or date.today()
        return cls(end - timedelta(days=days - 1), end, commune)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class DayCount:
    day: str  # ISO date
    answered: int
    refused: int


@dataclass(frozen=True)
class ReasonCount:
    code: str
    label: str
    count: int


@dataclass
class QuestionGroup:
    """Similar questions shown as one: the most frequent wording, how often, and the others."""

    question: str
    count: int
    variants: list[str] = field(default_factory=list)
    communes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class RatedAnswer:
    time: str
    commune: str
    question: str
    answer: str
    comment: str
    answer_id: str


@dataclass
class Dashboard:
    filter: DashboardFilter
    total: int
    answered: int
    refused: int
    feedback_up: int
    feedback_down: int
    per_day: list[DayCount]
    refusal_reasons: list[ReasonCount]
    unanswered: list[QuestionGroup]
    thumbs_down: list[RatedAnswer]
    uncovered_howto: list[QuestionGroup]
    latency_ms: dict[str, float]
    communes: list[str]
    grouped_with: str = ""  # the embedder's name, or "" when only the same wording is grouped


class CachedEmbed:
    """An embedder's embed_passages with a bounded per-process cache: a dashboard reload re-embeds
    only the questions it has not seen."""

    def __init__(self, embed: Callable[[list[str]], np.ndarray], max_items: int = 20000) -> None:
        self._embed = embed
        self._max = max_items
        self._vectors: dict[str, np.ndarray] = {}

    def __call__(self, texts: list[str]) -> np.ndarray:
        missing = list(dict.fromkeys(t for t in texts if t not in self._vectors))
        if missing:
            if len(self._vectors) + len(missing) > self._max:
                self._vectors.clear()
            for text, vec in zip(missing, np.asarray(self._embed(missing)), strict=True):
                self._vectors[text] = vec
        return np.stack([self._vectors[t] for t in texts])


def min_similarity(embedder_name: str, path: Path = GROUPS_FILE) -> float:
    """The grouping threshold for an embedder, from the versioned params file."""
    table = json.loads(path.read_text(encoding="utf-8"))["min_similarity"]
    for prefix, value in table.items():
        if prefix != "default" and embedder_name.startswith(prefix):
            return float(value)
    return float(table["default"])


def _key(question: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s\[\]]", " ", fold(question))).strip()


def _communes_of(row: dict) -> list[str]:
    return [c.strip() for c in str(row.get("commune") or "").split(",") if c.strip()]


def _local(ts: float) -> datetime:
    return datetime.fromtimestamp(ts)


def select_rows(log: InteractionLog, flt: DashboardFilter, now: float | None = None) -> list[dict]:
    """The log's rows in the filter's period (and commune), newest first."""
    now = time.time() if now is None else now
    start_ts = datetime.combine(flt.start, datetime.min.time()).timestamp()
    end_ts = datetime.combine(flt.end + timedelta(days=1), datetime.min.time()).timestamp()
    days = max(1, math.ceil((now - start_ts) / 86400.0) + 1)
    wanted = fold(flt.commune).strip()
    out = []
    for row in log.rows(days):
        if not start_ts <= row["ts"] < end_ts:
            continue
        if wanted and wanted not in {fold(c) for c in _communes_of(row)}:
            continue
        out.append(row)
    return out


def group_questions(
    rows: list[dict], embed: Callable[[list[str]], np.ndarray] | None, threshold: float, top: int
) -> list[QuestionGroup]:
    """Same wording (ignoring case, diacritics, punctuation) first, then similar meaning."""
    counts: Counter[str] = Counter()
    shown: dict[str, str] = {}
    communes: dict[str, Counter[str]] = {}
    for r in rows:  # newest first: keep the newest wording, preferring one with diacritics
        question = mask_pii(str(r["question"]))
        key = _key(question)
        if not key:
            continue
        counts[key] += 1
        if key not in shown or (not has_diacritics(shown[key]) and has_diacritics(question)):
            shown[key] = question
        communes.setdefault(key, Counter()).update(_communes_of(r))
    keys = [k for k, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))][:MAX_GROUPED]
    vectors = None
    if embed is not None and len(keys) > 1:
        vectors = np.asarray(embed([shown[k] for k in keys]), dtype=np.float32)
        vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    groups: list[list[str]] = []
    heads: list[int] = []
    for i, key in enumerate(keys):
        if vectors is not None and heads:
            sims = vectors[heads] @ vectors[i]
            best = int(np.argmax(sims))
            if float(sims[best]) >= threshold:
                groups[best].append(key)
                continue
        groups.append([key])
        heads.append(i)
    out = []
    for members in groups:
        where: Counter[str] = Counter()
        for k in members:
            where.update(communes[k])
        out.append(
            QuestionGroup(
                question=shown[members[0]],
                count=sum(counts[k] for k in members),
                variants=[shown[k] for k in members[1:]],
                communes=[c for c, _ in where.most_common()],
            )
        )
    out.sort(key=lambda g: (-g.count, g.question))
    return out[:top]


def _percentiles(values: list[float]) -> dict[str, float]:
    if not values:
        return {}
    arr = np.asarray(values, dtype=float)
    out = {f"p{p}": round(float(np.percentile(arr, p)), 1) for p in PERCENTILES}
    out["max"] = round(float(arr.max()), 1)
    return out


def _is_howto_default(question: str) -> bool:
    from rag.query import analyse

    return analyse(question, []).howto


def build_dashboard(
    log: InteractionLog,
    flt: DashboardFilter,
    *,
    embed: Callable[[list[str]], np.ndarray] | None = None,
    embedder_name: str = "",
    is_howto: Callable[[str], bool] = _is_howto_default,
    top: int = 20,
    now: float | None = None,
) -> Dashboard:
    """Everything the dashboard shows for one filter."""
    all_rows = select_rows(log, DashboardFilter(flt.start, flt.end), now)
    rows = select_rows(log, flt, now) if flt.commune else all_rows
    threshold = min_similarity(embedder_name) if embed is not None else 1.0
    refused = [r for r in rows if r["refused"]]
    per_day = []
    by_day: dict[str, list[int]] = {}
    for r in rows:
        slot = by_day.setdefault(_local(r["ts"]).date().isoformat(), [0, 0])
        slot[1 if r["refused"] else 0] += 1
    for i in range(flt.days):
        day = (flt.start + timedelta(days=i)).isoformat()
        answered_n, refused_n = by_day.get(day, [0, 0])
        per_day.append(DayCount(day, answered_n, refused_n))
    reasons = Counter(str(r["fallback_reason"] or "") for r in refused)
    refusal_reasons = [
        ReasonCount(code, REASON_LABELS.get(code, f"{UNKNOWN_REASON} ({code or 'không ghi'})"), n)
        for code, n in sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    howto = [
        r for r in refused if r["fallback_reason"] == HOWTO_UNKNOWN or is_howto(str(r["question"]))
    ]
    thumbs_down = [
        RatedAnswer(
            time=_local(r["ts"]).strftime("%Y-%m-%d %H:%M"),
            commune=str(r["commune"] or ""),
            question=mask_pii(str(r["question"])),
            answer=mask_pii(str(r.get("answer") or "")),
            comment=mask_pii(str(r["comment"] or "")),
            answer_id=str(r["answer_id"]),
        )
        for r in rows
        if r["rating"] == "down"
    ][:top]
    communes = sorted({c for r in all_rows for c in _communes_of(r)}, key=fold)
    return Dashboard(
        filter=flt,
        total=len(rows),
        answered=len(rows) - len(refused),
        refused=len(refused),
        feedback_up=sum(r["rating"] == "up" for r in rows),
        feedback_down=sum(r["rating"] == "down" for r in rows),
        per_day=per_day,
        refusal_reasons=refusal_reasons,
        unanswered=group_questions(refused, embed, threshold, top),
        thumbs_down=thumbs_down,
        uncovered_howto=group_questions(howto, embed, threshold, top),
        latency_ms=_percentiles([float(r["latency_ms"]) for r in rows]),
        communes=communes,
        grouped_with=embedder_name if embed is not None else "",
    )
