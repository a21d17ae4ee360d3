"""A seeded week of questions for the dashboard tests, written through InteractionLog.record."""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta
from pathlib import Path

from rag.interactions import InteractionLog

ANSWERED = [
    ("Tỷ lệ hồ sơ trực tuyến toàn trình năm 2026 của xã Phú Trung là bao nhiêu?", "Phú Trung"),
    ("Ai chủ trì chỉ tiêu sổ sức khỏe điện tử ở Giao An?", "Giao An"),
    ("Làm sao đăng ký tài khoản định danh điện tử mức 2?", None),
]
REFUSED = [
    # (question, commune, reason)
    ("Xã Phú Trung có bao nhiêu camera an ninh?", "Phú Trung", "quantity_not_stated"),
    ("xa phu trung co bao nhieu camera an ninh", "Phú Trung", "quantity_not_stated"),
    ("Làm sao đổi giấy phép lái xe trực tuyến? Gọi tôi 0912 345 678", None, "howto_unknown"),
    ("Lương cán bộ xã Giao An năm 2026 là bao nhiêu?", "Giao An", "not_stated"),
    ("Số camera giám sát ở xã Phú Trung là bao nhiêu", "Phú Trung", "low_coverage"),
]
DOWN_COMMENT = "Thiếu số liệu năm 2025, email tôi: dan@example.com"


def seed_week(path: Path, today: date | None = None) -> dict:
    """Seven days of questions ending today; returns the expected totals."""
    today = today or date.today()
    current = {"t": 0.0}
    log = InteractionLog(path, clock=lambda: current["t"])
    n = answered = refused = 0
    by_reason: dict[str, int] = {}
    for back in range(7):
        day = today - timedelta(days=6 - back)
        base = datetime.combine(day, datetime.min.time()).timestamp() + 9 * 3600
        for i in range(back + 1):  # 1 question on the first day, 7 on the last
            question, commune = ANSWERED[(back + i) % len(ANSWERED)]
            current["t"] = base + 60 * i
            n += 1
            answered += 1
            log.record(
                answer_id=f"a{n}",
                question=question,
                commune=commune,
                refused=False,
                latency_ms=100.0 + 10 * n,
                doc_ids=["plan-x"],
                channel="web",
                answer=f"Câu trả lời số {n} [1]",
            )
        for j, (question, commune, reason) in enumerate(REFUSED[: 1 + back % len(REFUSED)]):
            current["t"] = base + 3600 + 60 * j
            n += 1
            refused += 1
            by_reason[reason] = by_reason.get(reason, 0) + 1
            log.record(
                answer_id=f"a{n}",
                question=question,
                commune=commune,
                refused=True,
                latency_ms=400.0 + n,
                doc_ids=[],
                channel="telegram" if j % 2 else "web",
                fallback_reason=reason,
                answer="Các tài liệu hiện có không nêu thông tin này.",
            )
    current["t"] = time.time()
    log.add_feedback("a2", "down", DOWN_COMMENT)
    log.add_feedback("a3", "up")
    log.close()
    return {"total": n, "answered": answered, "refused": refused, "by_reason": by_reason}
