"""The naive baseline: fixed 1,000/200 character chunks, dense-only top-3, no composition."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from rag.documents import load_document
from rag.embedders import Embedder, EmbeddingCache
from rag.ingest import bundled_sources


def fixed_chunks(text: str, size: int = 1000, overlap: int = 200) -> list[str]:
    step = size - overlap
    return [text[i : i + size] for i in range(0, max(len(text) - overlap, 1), step)]


class NaiveBaseline:
    """Dense top-k over fixed-size chunks; its 'answer' is the retrieved text itself."""

    def __init__(
        self, corpus_dir: Path, embedder: Embedder, cache: EmbeddingCache, k: int = 3
    ) -> None:
        if k < 1:
            raise ValueError("k must be >= 1")
        self.embedder, self.k = embedder, k
        self.chunks: list[tuple[str, dict]] = []
        for path, defaults in bundled_sources(corpus_dir):
            doc = load_document(path, defaults)
            for piece in fixed_chunks(doc.text):
                self.chunks.append((piece, doc.metadata()))
        self.vectors = cache.embed(embedder, [c for c, _ in self.chunks])

    def ask(self, question: str) -> tuple[str, list[dict]]:
        q = self.embedder.embed_query(question)
        order = np.argsort(-(self.vectors @ q))[: self.k]
        picked = [self.chunks[i] for i in order]
        text = "\n\n".join(c for c, _ in picked)
        cites = [{"doc_id": m["doc_id"], "commune": m["commune"]} for _, m in picked]
        return text, cites
