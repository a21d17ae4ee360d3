"""Hybrid retrieval: dense (Chroma) + BM25, fused by reciprocal rank, commune-aware."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from rag.chunk_store import ChunkStore, MemoryChunks
from rag.corpus_views import lexical_docs, search_text  # noqa: F401 - search_text re-exported
from rag.embedders import Embedder
from rag.index import ChromaIndex, StoredChunk
from rag.lexical import LexicalIndex
from rag.lexical_delta import LayeredLexical
from rag.text import has_diacritics

RRF_K = 60


@dataclass
class Hit:
    chunk: StoredChunk
    score: float
    dense: float = 0.0
    sparse: float = 0.0

    @property
    def meta(self) -> dict:
        return self.chunk.meta


class HybridRetriever:
    """Dense + BM25 over the same chunks, with metadata filters on commune and doc_type."""

    def __init__(
        self,
        index: ChromaIndex,
        embedder: Embedder,
        chunks: list[StoredChunk] | ChunkStore | MemoryChunks,
        lexical: LexicalIndex | LayeredLexical | None = None,
        commune_ids: dict[str, list[str]] | None = None,
    ) -> None:
        """`chunks`: the generation's chunks (a list, or a rag.chunk_store.ChunkStore whose rows
        are the lexical ids); `commune_ids`: commune name -> the ids of the communes of that
        name (what a name-only filter means)."""
        if embedder is None:
            raise ValueError("embedder is required")
        self.index = index
        self.embedder = embedder
        if isinstance(chunks, list):
            names = {}
            for c in chunks:
                if c.meta.get("commune"):
                    names.setdefault(c.meta["commune"], set()).add(
                        c.meta.get("commune_id") or c.meta["commune"]
                    )
            commune_ids = commune_ids or {k: sorted(v) for k, v in names.items()}
            chunks = MemoryChunks(chunks)
        self.store = chunks
        self.commune_ids = commune_ids or {}
        if lexical is None:  # no stored views (tests, an index written by an older version)
            lexical = LexicalIndex.build(lexical_docs(list(chunks._chunks)))
        if lexical.n != chunks.rows_end + 1:
            raise ValueError("the lexical index does not match the chunks")
        self.bm25 = lexical
        self._qcache: dict[str, object] = {}
        self._allowed_memo: dict[tuple, tuple[np.ndarray, set[int]]] = {}

    def ids_of(self, communes: list[str] | None) -> list[str] | None:
        """The commune ids a filter by these names means (every province's commune of a name)."""
        if not communes:
            return None
        return [i for c in communes for i in self.commune_ids.get(c, [c])]

    def _embed_query(self, query: str):
        """Query vectors are cached: officials and eval scripts repeat questions."""
        vec = self._qcache.get(query)
        if vec is None:
            vec = self.embedder.embed_query(query)
            if len(self._qcache) >= 4096:
                self._qcache.pop(next(iter(self._qcache)))
            self._qcache[query] = vec
        return vec

    def _allowed(
        self, communes: list[str] | None, doc_types: set[str] | None
    ) -> tuple[np.ndarray, set[int]]:
        """Ids of the chunks of these communes / doc types, from the lexical index's codes."""
        key = (tuple(communes or ()), frozenset(doc_types or ()))
        if key not in self._allowed_memo:
            if len(self._allowed_memo) >= 4096:
                self._allowed_memo.pop(next(iter(self._allowed_memo)))
            ids = self.bm25.allowed(communes, doc_types)
            self._allowed_memo[key] = (ids, set(ids.tolist()))
        return self._allowed_memo[key]

    def retrieve(
        self,
        query: str,
        k: int = 10,
        communes: list[str] | None = None,
        doc_types: set[str] | None = None,
        depth: int = 40,
        commune_ids: list[str] | None = None,
    ) -> list[Hit]:
        """The best `k` chunks; `commune_ids` (exact communes) or `communes` (names: every
        commune of that name) restrict them."""
        ids = list(commune_ids) if commune_ids else self.ids_of(communes)
        allowed_ids, allowed = self._allowed(ids, doc_types)
        if not allowed:
            return []
        dense_w, sparse_w = (1.0, 1.0) if has_diacritics(query) else (0.5, 1.3)
        fused: dict[int, float] = {}
        dense_score: dict[int, float] = {}
        sparse_score: dict[int, float] = {}
        vec = self._embed_query(query)
        dense_hits = self.index.query(vec, depth * 2, commune_ids=ids)
        rows = self.store.rows_of([cid for cid, _ in dense_hits])
        rank = 0
        for cid, sim in dense_hits:
            i = rows.get(cid)
            if i is None or i not in allowed:
                continue
            fused[i] = fused.get(i, 0.0) + dense_w / (RRF_K + rank)
            dense_score[i] = sim
            rank += 1
            if rank >= depth:
                break
        for rank, (i, s) in enumerate(self.bm25.scores(query, allowed_ids)[:depth]):
            fused[i] = fused.get(i, 0.0) + sparse_w / (RRF_K + rank)
            sparse_score[i] = s
        ranked = sorted(fused.items(), key=lambda x: -x[1])[:k]
        found = self.store.by_rows([i for i, _ in ranked])
        return [
            Hit(found[i], s, dense_score.get(i, 0.0), sparse_score.get(i, 0.0))
            for i, s in ranked
            if i in found
        ]


class LangchainRetriever(BaseRetriever):
    """The hybrid retriever as a langchain `BaseRetriever` returning `Document`s."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    hybrid: HybridRetriever
    k: int = 6
    commune: str | None = None

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun
    ) -> list[Document]:
        communes = [self.commune] if self.commune else None
        hits = self.hybrid.retrieve(query, k=self.k, communes=communes)
        docs = []
        for h in hits:
            meta = {
                key: h.meta.get(key, "")
                for key in (
                    "doc_id",
                    "title",
                    "commune",
                    "province",
                    "section",
                    "start",
                    "end",
                    "doc_type",
                )
            }
            meta["score"] = h.score
            docs.append(Document(page_content=h.chunk.text, metadata=meta, id=h.chunk.chunk_id))
        return docs
