"""What `troly ingest` prints: a short summary by default, every parser note with --verbose."""

from __future__ import annotations

from typing import Protocol

VERBOSE_HINT = "Chi tiết từng tệp, bảng và mâu thuẫn: `troly ingest --verbose`."

STAGE_NAMES = {
    "start": "khởi động (mô hình, Chroma)",
    "read": "đọc và chia đoạn",
    "embed": "nhúng",
    "index": "ghi chỉ mục",
    "views": "chỉ mục từ khóa và kho đoạn",
    "tables": "bảng chỉ tiêu",
}


def stage_line(stages: dict[str, float]) -> str:
    """The seconds of each ingest step, for `troly ingest --verbose`."""
    parts = [f"{STAGE_NAMES.get(k, k)} {v:.1f}s" for k, v in stages.items()]
    return "Thời gian từng bước / stage times: " + ", ".join(parts) if parts else ""


class _Report(Protocol):
    failed: list[tuple[str, str]]
    read: list[tuple[str, str]]
    tables: str

    def summary(self) -> str: ...


def ingest_output(report: _Report, verbose: bool, show_read: bool = False) -> str:
    """The report as printed: counts, failures and the table store's headline; with `verbose`,
    also the full table report, and what was read from each file (shown also with `show_read`:
    when the user named the files, one line each tells what their text said)."""
    if verbose:
        stages = stage_line(getattr(report, "stages", {}))
        return "\n".join(x for x in (report.summary(), stages, report.tables) if x)
    notes = set() if show_read else {f"  • {name}: {said}" for name, said in report.read}
    lines = [line for line in report.summary().splitlines() if line not in notes]
    if report.tables:
        lines.append(report.tables.splitlines()[0])
    if (report.read and not show_read) or len(report.tables.splitlines()) > 1:
        lines.append(VERBOSE_HINT)
    return "\n".join(lines)
