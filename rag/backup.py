"""`troly backup DIR` / `troly restore DIR`: a consistent copy of a data dir, and its return.

A backup holds the current index generation (exported from Chroma, not its files, so it is
consistent even while a server reads), that generation's views (lexical index, term
statistics), the SQLite stores copied with SQLite's online backup API (plan tables, interaction
log, embedding cache) and the uploaded documents. Restoring writes the saved generation as a new
generation of the target index and switches the pointer to it, so a running server picks it up
like any ingest. Both hold the ingest lock (rag.ingest_guard).
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from rag.corpus_views import views_dir
from rag.index import GEN_PREFIX, ChromaIndex, make_client
from rag.ingest_guard import ingest_lock
from rag.settings import Settings

MANIFEST = "backup.json"
SQLITE_FILES = ("tables.sqlite", "interactions.sqlite", "embed_cache.sqlite")
FORMAT = 1


class BackupError(RuntimeError):
    """A backup cannot be made or restored (message in Vietnamese)."""


@dataclass
class BackupInfo:
    generation: str
    chunks: int
    embedder: str
    files: list[str]

    def summary(self, verb: str) -> str:
        return (
            f"{verb}: {self.chunks} đoạn của thế hệ chỉ mục {self.generation} "
            f"(bộ nhúng {self.embedder}), {len(self.files)} tệp dữ liệu."
        )


def _sqlite_copy(src: Path, dst: Path) -> None:
    """Copy one SQLite database with the online backup API (consistent while in use)."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(f"file:{src}?mode=ro", uri=True) as source:
        target = sqlite3.connect(dst)
        try:
            source.backup(target)
        finally:
            target.close()


def backup(settings: Settings, out: Path) -> BackupInfo:
    data = Path(settings.data_dir)
    out = Path(out)
    if out.exists() and any(out.iterdir()):
        raise BackupError(f"Thư mục sao lưu {out} đã có dữ liệu: hãy chọn một thư mục trống.")
    with ingest_lock(data):
        index = ChromaIndex.from_settings(settings)
        ptr = index.current()
        if ptr is None:
            raise BackupError("Chưa có chỉ mục để sao lưu: hãy chạy `troly ingest` trước.")
        chunks, vectors = index.load_all(include_embeddings=True)
        out.mkdir(parents=True, exist_ok=True)
        np.save(out / "vectors.npy", vectors if vectors is not None else np.zeros((0, 0)))
        with (out / "chunks.jsonl").open("w", encoding="utf-8") as f:
            for c in chunks:
                f.write(json.dumps({"id": c.chunk_id, "text": c.text, "meta": c.meta}) + "\n")
        files = ["chunks.jsonl", "vectors.npy"]
        views = views_dir(data, ptr["current"])
        if views.is_dir():
            shutil.copytree(views, out / "views")
            files.append("views/")
        for name in SQLITE_FILES:
            if (data / name).exists():
                _sqlite_copy(data / name, out / name)
                files.append(name)
        if (data / "uploads").is_dir():
            shutil.copytree(data / "uploads", out / "uploads", ignore=shutil.ignore_patterns(".*"))
            files.append("uploads/")
        info = BackupInfo(ptr["current"], len(chunks), str(ptr.get("embedder", "")), files)
        manifest = {
            "format": FORMAT,
            "created": time.strftime("%Y-%m-%dT%H:%M:%S"),
            "generation": info.generation,
            "chunks": info.chunks,
            "embedder": info.embedder,
            "dim": int(ptr.get("dim", 0)),
            "files": files,
        }
        (out / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2), "utf-8")
    return info


def restore(settings: Settings, src: Path) -> BackupInfo:
    data = Path(settings.data_dir)
    src = Path(src)
    try:
        manifest = json.loads((src / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BackupError(f"{src} không phải là một bản sao lưu của trợ lý ({MANIFEST}).") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError("Bản sao lưu được tạo bởi phiên bản khác, không khôi phục được.")
    chunks = [json.loads(line) for line in (src / "chunks.jsonl").open(encoding="utf-8")]
    vectors = np.load(src / "vectors.npy")
    if len(chunks) != manifest["chunks"] or len(vectors) != len(chunks):
        raise BackupError("Bản sao lưu không đầy đủ (số đoạn không khớp), không khôi phục.")
    with ingest_lock(data):
        for name in SQLITE_FILES:
            if (src / name).exists():
                _sqlite_copy(src / name, data / name)
        if (src / "uploads").is_dir():
            shutil.copytree(src / "uploads", data / "uploads", dirs_exist_ok=True)
        index = ChromaIndex(make_client(data, settings.chroma_host, settings.chroma_port))
        # The views go in first, under the name the new generation will get: a server that
        # sees the new pointer finds them complete.
        ptr = index.current() or {}
        expected = f"{GEN_PREFIX}{int(ptr.get('generation', 0) or 0) + 1:06d}"
        if (src / "views").is_dir():
            target = views_dir(data, expected)
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(src / "views", target)
        name = index.write_generation(
            [c["id"] for c in chunks],
            [c["text"] for c in chunks],
            [c["meta"] for c in chunks],
            vectors.astype(np.float32),
            manifest["embedder"],
            int(manifest["dim"]),
        )
        if name != expected:  # not expected: drop the copied views, the engine rebuilds them
            shutil.rmtree(views_dir(data, expected), ignore_errors=True)
    return BackupInfo(name, len(chunks), manifest["embedder"], list(manifest["files"]))
