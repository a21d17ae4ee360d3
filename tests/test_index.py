"""The Chroma index reads a large generation page by page, in a stable order."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from rag.index import ChromaIndex, make_client


@pytest.mark.parametrize("count", [21, 25])
def test_paged_load_returns_every_chunk_with_its_own_vector(tmp_path: Path, count: int):
    index = ChromaIndex(make_client(tmp_path / "data"))
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(count, 8)).astype(np.float32)
    ids = [f"c{i:03d}" for i in range(count)]
    index.write_generation(
        ids,
        [f"đoạn số {i}" for i in range(count)],
        [{"commune": f"Xã {i % 4}", "n": i} for i in range(count)],
        vectors,
        "fake",
        8,
    )
    whole, whole_vecs = index.load_all(include_embeddings=True, page=1000)
    paged, paged_vecs = index.load_all(include_embeddings=True, page=7)
    assert [c.chunk_id for c in paged] == [c.chunk_id for c in whole]
    assert sorted(c.chunk_id for c in paged) == ids
    assert np.array_equal(paged_vecs, whole_vecs)
    for chunk, vec in zip(paged, paged_vecs, strict=True):
        n = chunk.meta["n"]
        assert chunk.text == f"đoạn số {n}" and chunk.chunk_id == ids[n]
        assert np.allclose(vec, vectors[n], atol=1e-6)
    texts_only, none = index.load_all(page=7)
    assert none is None and len(texts_only) == count
