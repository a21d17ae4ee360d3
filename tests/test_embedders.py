"""Embedders: the sentence-transformers path with a tiny local model built by the test."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from rag.embedders import EmbedderError, SentenceTransformerEmbedder, make_embedder
from rag.engine import Engine
from rag.ingest import Ingestor
from rag.settings import Settings

REQUIRE_ST = os.environ.get("TROLY_REQUIRE_ST") == "1"


def _tiny_model(folder: Path) -> Path:
    """A 32-dim static-embedding sentence-transformers model, saved locally (no download)."""
    if not REQUIRE_ST:
        pytest.importorskip("sentence_transformers")
    from sentence_transformers import SentenceTransformer

    try:
        from sentence_transformers.sentence_transformer.modules import StaticEmbedding
    except ImportError:  # older sentence-transformers
        from sentence_transformers.models import StaticEmbedding
    from tokenizers import Tokenizer, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast

    corpus = [
        p.read_text(encoding="utf-8")
        for p in (Path(__file__).parent.parent / "corpus" / "plans").glob("*.txt")
    ]
    tok = Tokenizer(models.WordLevel(unk_token="[UNK]"))
    tok.pre_tokenizer = pre_tokenizers.Whitespace()
    tok.train_from_iterator(
        corpus, trainers.WordLevelTrainer(vocab_size=3000, special_tokens=["[UNK]", "[PAD]"])
    )
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, unk_token="[UNK]", pad_token="[PAD]")
    import torch

    torch.manual_seed(0)  # the static embedding starts from random weights
    model = SentenceTransformer(modules=[StaticEmbedding(fast, embedding_dim=32)], device="cpu")
    out = folder / "tiny-st"
    model.save(str(out))
    return out


@pytest.mark.slow
def test_sentence_transformers_folder_is_used_and_recorded_in_the_index(
    tmp_path: Path, corpus_copy: Path
):
    model_dir = _tiny_model(tmp_path)
    embedder = make_embedder(str(model_dir))
    assert isinstance(embedder, SentenceTransformerEmbedder) and embedder.dim == 32
    settings = Settings(
        data_dir=tmp_path / "data", corpus_dir=corpus_copy, embed_model=str(model_dir)
    )
    report = Ingestor(settings).run(progress=False)
    assert report.chunks > 100
    engine = Engine(settings)
    assert engine.index.current()["embedder"] == "st:tiny-st"
    assert int(engine.index.current()["dim"]) == 32
    # The tiny model's vectors are meaningless, so only check that the engine answers through it.
    ans = engine.ask("Dân Tiến đã kích hoạt bao nhiêu tài khoản định danh mức độ 2?")
    assert not ans.refused and ans.citations[0].commune == "Dân Tiến"
    assert engine.embedder.embed_query("xin chào").shape == (32,)


def test_missing_model_folder_is_a_clear_error(tmp_path: Path):
    with pytest.raises(EmbedderError) as err:
        make_embedder(str(tmp_path / "no-such-model"))
    assert "không tìm thấy" in str(err.value)
