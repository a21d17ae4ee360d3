"""Chroma-backed passage index written in generations.

Ingest writes a complete new collection ("generation"), then flips a pointer kept in the
`troly_meta` collection's metadata. Readers only ever see a complete generation; a crash in the
middle of an ingest leaves the previous pointer (and generation) untouched.
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from rag import fault_points

META_COLLECTION = "troly_meta"
GEN_PREFIX = "troly_gen_"
log = logging.getLogger("troly.index")


def generation_number(name: str) -> int:
    """The number in a generation's collection name (-1 if it has none)."""
    try:
        return int(name[len(GEN_PREFIX) :].split(".")[0])
    except ValueError:
        return -1


def store_unreachable(exc: BaseException) -> bool:
    """True if this error (or one it was raised from) means the Chroma server cannot be
    reached: refused, timed out, or the client's own "could not connect" at start-up."""
    import httpx

    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, httpx.TransportError | ConnectionError):
            return True
        if "could not connect to a chroma server" in str(current).lower():
            return True
        current = current.__cause__ or current.__context__
    return False


class IndexError_(RuntimeError):
    """Index missing or incompatible (message is user-facing, Vietnamese first)."""


@dataclass
class StoredChunk:
    chunk_id: str
    text: str
    meta: dict

    @property
    def units(self) -> list[str]:
        return json.loads(self.meta.get("units", "[]")) or [self.text]


def make_client(data_dir: Path, host: str = "", port: int = 8000):
    """Embedded persistent client in data_dir, or an HTTP client when host is set."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    settings = ChromaSettings(anonymized_telemetry=False)
    if host:
        return chromadb.HttpClient(host=host, port=port, settings=settings)
    path = Path(data_dir) / "chroma"
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=settings)


class ChromaIndex:
    """Generations of one logical collection plus a pointer to the current one."""

    @classmethod
    def from_settings(cls, settings) -> ChromaIndex:
        """The index of TROLY_DATA_DIR, or of the Chroma server named by CHROMA_HOST/PORT."""
        return cls(make_client(settings.data_dir, settings.chroma_host, settings.chroma_port))

    def __init__(self, client) -> None:
        self.client = client
        self._cached: tuple[str, object] | None = None
        self._count: int | None = None

    # ------------------------------------------------------------ pointer
    def _meta(self):
        return self.client.get_or_create_collection(
            META_COLLECTION, metadata={"current": "", "v": 1}
        )

    def current(self) -> dict | None:
        """Pointer metadata {current, embedder, dim, generation, updated} or None."""
        meta = self._meta().metadata or {}
        if not meta.get("current"):
            return None
        return dict(meta)

    def collection(self):
        ptr = self.current()
        if ptr is None:
            return None
        try:
            return self.client.get_collection(ptr["current"])
        except Exception:  # noqa: BLE001 - chroma raises several types for a missing collection
            return None

    # ------------------------------------------------------------ reading
    def load_all(
        self, include_embeddings: bool = False, page: int = 2000
    ) -> tuple[list[StoredChunk], np.ndarray | None]:
        """Every chunk of the current generation (and its vectors), read `page` rows at a time
        so a province-sized index never travels as one response."""
        col = self.collection()
        if col is None:
            return [], None
        include = ["documents", "metadatas"] + (["embeddings"] if include_embeddings else [])
        chunks: list[StoredChunk] = []
        parts: list[np.ndarray] = []
        offset = 0
        while True:
            got = col.get(include=include, limit=page, offset=offset)
            ids = got["ids"]
            chunks.extend(
                StoredChunk(cid, doc or "", dict(meta or {}))
                for cid, doc, meta in zip(ids, got["documents"], got["metadatas"], strict=True)
            )
            if include_embeddings:
                emb = got.get("embeddings")
                if emb is not None and len(emb):
                    parts.append(np.asarray(emb, dtype=np.float32))
            if len(ids) < page:
                break
            offset += len(ids)
        vecs = np.concatenate(parts) if include_embeddings and parts else None
        return chunks, vecs

    def _current_collection(self):
        """The current generation's collection, cached until `refresh` (the engine's reload)."""
        if self._cached is None:
            col = self.collection()
            if col is None:
                return None
            self._cached = (col.name, col)
        return self._cached[1]

    def refresh(self) -> None:
        self._cached = None
        self._count = None

    def query(
        self,
        vector: np.ndarray,
        k: int,
        communes: list[str] | None = None,
        commune_ids: list[str] | None = None,
    ) -> list[tuple[str, float]]:
        """(chunk id, similarity) of the nearest chunks, of these communes (by name) or commune
        ids when given; an id that is a bare name (chunks written before ids) also matches."""
        col = self._current_collection()
        if col is None:
            return []
        where = None
        if commune_ids:
            key, values = "commune_id", list(commune_ids)
        elif communes:
            key, values = "commune", list(communes)
        if commune_ids or communes:
            where = {key: values[0]} if len(values) == 1 else {key: {"$in": values}}
        if self._count is None:  # cached with the collection, until `refresh`
            self._count = col.count()
        count = self._count
        if count == 0:
            return []
        res = col.query(
            query_embeddings=[vector.tolist()],
            n_results=min(k, count),
            where=where,
            include=["distances"],
        )
        return [
            (cid, 1.0 - float(d)) for cid, d in zip(res["ids"][0], res["distances"][0], strict=True)
        ]

    # ------------------------------------------------------------ writing
    def write_generation(
        self,
        ids: list[str],
        texts: list[str],
        metas: list[dict],
        vectors: np.ndarray,
        embedder_name: str,
        dim: int,
        batch: int = 0,
    ) -> str:
        """Write a complete new generation and switch the pointer to it. Rows go in batches as
        large as the Chroma client takes (`batch`=0): each add is one transaction and one sync,
        so small batches made a province ingest wait on the disk."""
        ptr = self.current() or {}
        generation = int(ptr.get("generation", 0)) + 1
        name = f"{GEN_PREFIX}{generation:06d}"
        previous = ptr.get("current", "")
        # Leftovers of interrupted ingests first (a half-written generation newer than the
        # pointer, one a failed delete left last time), so at most two generations remain.
        self._prune(keep={previous, self._previous_of(previous)})
        col = self.client.create_collection(
            name,
            configuration={"hnsw": {"space": "cosine"}},
            metadata={"embedder": embedder_name, "dim": dim, "generation": generation},
        )
        batch = batch or add_batch_size(self.client)
        for i in range(0, len(ids), batch):
            col.add(
                ids=ids[i : i + batch],
                documents=texts[i : i + batch],
                metadatas=metas[i : i + batch],
                embeddings=vectors[i : i + batch].tolist(),
            )
        self._meta().modify(
            metadata={
                "current": name,
                "embedder": embedder_name,
                "dim": dim,
                "generation": generation,
                "updated": time.strftime("%Y-%m-%dT%H:%M:%S"),
                "views": "",  # the views folder named like the generation (see point_to_views)
                "v": 1,
            }
        )
        fault_points.reach("switch")
        self._prune(keep={name, previous})
        return name

    def generations(self) -> set[str]:
        """Names of the generations still stored (the current one and the previous one)."""
        names = set()
        for col in self.client.list_collections():
            name = col if isinstance(col, str) else col.name
            if name.startswith(GEN_PREFIX):
                names.add(name)
        return names

    def prune_stray(self) -> list[str]:
        """Delete every generation that is neither the pointer's nor the one kept beside it: a
        half-written one newer than the pointer (an ingest killed before its switch) or an old
        one an interrupted or failed delete left. Returns the names deleted. Call it only while
        no other ingest writes (rag.ingest_guard.ingest_lock)."""
        current = (self.current() or {}).get("current", "")
        keep = {current, self._previous_of(current)}
        stray = self.generations() - keep
        return sorted(stray - set(self._prune(keep)))

    def _previous_of(self, current: str) -> str:
        """The newest stored generation older than `current` (the one kept beside it)."""
        older = [n for n in self.generations() if generation_number(n) < generation_number(current)]
        return max(older, key=generation_number, default="")

    def _prune(self, keep: set[str]) -> list[str]:
        """Delete every stored generation not in `keep` (older or newer than the pointer);
        returns those that could not be deleted. A failed delete is logged, and the next
        ingest, which prunes again, retries it."""
        failed = []
        for name in sorted(self.generations() - keep):
            try:
                self.client.delete_collection(name)
            except Exception as exc:  # noqa: BLE001 - chroma raises several types
                log.warning(
                    "could not delete index generation %s (retried next ingest): %s", name, exc
                )
                failed.append(name)
        return failed


def add_batch_size(client, most: int = 5000) -> int:
    """Rows per Chroma add: the client's own limit, at most `most` (a bounded request)."""
    try:
        return max(1, min(int(client.get_max_batch_size()), most))
    except Exception:  # noqa: BLE001 - older clients and HTTP servers may not say
        return 256


def _merge_meta(index: ChromaIndex, **changes) -> None:
    meta = dict(index._meta().metadata or {})
    meta.update(changes)
    index._meta().modify(metadata=meta)


def upsert_current(
    index: ChromaIndex, ids: list[str], texts: list[str], metas: list[dict], vectors: np.ndarray,
    batch: int = 256,
) -> None:  # fmt: skip
    """Add (or replace) chunks in the current generation's collection. Readers only see chunks
    that their generation's chunk store lists, so extra rows are invisible until the pointer
    names a views folder that has them (rag.ingest's incremental path)."""
    col = index.collection()
    if col is None:
        raise IndexError_("Chưa có chỉ mục dữ liệu. / No index yet.")
    for i in range(0, len(ids), batch):
        col.upsert(
            ids=ids[i : i + batch],
            documents=texts[i : i + batch],
            metadatas=metas[i : i + batch],
            embeddings=np.asarray(vectors[i : i + batch]).tolist(),
        )


def delete_from_current(index: ChromaIndex, ids: list[str], batch: int = 256) -> None:
    col = index.collection()
    if col is None or not ids:
        return
    for i in range(0, len(ids), batch):
        col.delete(ids=ids[i : i + batch])


def point_to_views(index: ChromaIndex, views: str) -> None:
    """Switch readers to another views folder of the current collection (one metadata write)."""
    ptr = index.current() or {}
    _merge_meta(
        index,
        views=views,
        previous_views=ptr.get("views") or ptr.get("current", ""),
        updated=time.strftime("%Y-%m-%dT%H:%M:%S"),
    )
