"""Corpus views stored at ingest answer exactly as the in-memory structures they replace."""

from __future__ import annotations

from pathlib import Path

from rag.corpus_views import build_views, open_views, views_dir
from rag.diacritics import DiacriticRestorer
from rag.engine import Engine
from rag.index import ChromaIndex, StoredChunk
from rag.lexical import LexicalDoc, LexicalIndex
from rag.settings import Settings
from rag.termstats import ExactTermStats
from tests.reference_bm25 import BM25

TEXTS = [f"kế hoạch chuyển đổi số xã {i} năm 2026" + " dịch vụ công" * (i % 3) for i in range(30)]
TEXTS += ["dịch vụ công trực tuyến toàn trình"] * 5  # ties
COMMUNES = ["Tân Phú" if i % 2 else "Phú Thành" for i in range(len(TEXTS))]


def _saved(tmp_path: Path) -> LexicalIndex:
    docs = [LexicalDoc(t, c) for t, c in zip(TEXTS, COMMUNES, strict=True)]
    LexicalIndex.build(docs).save(tmp_path / "lex")
    loaded = LexicalIndex.load(tmp_path / "lex")
    assert loaded is not None
    return loaded


def _close(a: list[tuple[int, float]], b: list[tuple[int, float]]) -> bool:
    return [i for i, _ in a] == [i for i, _ in b] and all(
        abs(x - y) < 1e-9 for (_, x), (_, y) in zip(a, b, strict=True)
    )


def test_stored_lexical_index_scores_like_bm25(tmp_path: Path):
    lex, bm25 = _saved(tmp_path), BM25(TEXTS)
    for query in ("dịch vụ công trực tuyến", "ke hoach xa 7", "không có từ này"):
        assert _close(lex.scores(query), bm25.scores(query))
    for term in ("dich", "dich_vu", "khong_co"):
        assert abs(lex.term_idf(term) - bm25.term_idf(term)) < 1e-12


def test_commune_filter_keeps_the_unrestricted_ranking(tmp_path: Path):
    lex = _saved(tmp_path)
    allowed = lex.allowed(["Tân Phú"], None)
    assert allowed.tolist() == [i for i, c in enumerate(COMMUNES) if c == "Tân Phú"]
    full = lex.scores("dịch vụ công trực tuyến")
    assert lex.scores("dịch vụ công trực tuyến", allowed) == [
        x for x in full if x[0] in set(allowed)
    ]
    assert lex.allowed(["Không Có"], None).tolist() == []
    assert lex.allowed(None, {"guide"}).tolist() == []


def test_partial_lexical_index_is_not_opened(tmp_path: Path):
    _saved(tmp_path)
    (tmp_path / "lex" / "complete.json").unlink()
    assert LexicalIndex.load(tmp_path / "lex") is None


def test_stored_term_statistics_and_restorer_match_in_memory_ones(tmp_path: Path):
    texts = ["Lương tối thiểu và lượng mưa", "mã số thuế", "má số", "má số", "chuyển đổi số"]
    chunks = [
        StoredChunk(f"c{i}", t, {"section": "Mục 1", "commune": "Tân Phú"})
        for i, t in enumerate(texts)
    ]
    chunks.append(StoredChunk("g", "mở ứng dụng vneid", {"doc_type": "guide", "title": "VNeID"}))
    build_views(tmp_path / "v", chunks)
    views = open_views(tmp_path / "v", chunks)
    assert views is not None
    plan = ExactTermStats([f"{c.meta.get('section', '')}\n{c.text}" for c in chunks])
    for term in ("lương", "lượng", "số", "mã_số", "chuyen", "luongg", "lưng", "ốs", "xyz"):
        assert views.plan_stats.df(term) == plan.df(term)
        assert views.plan_stats.idf(term) == plan.idf(term)
        assert views.plan_stats.near(term) == plan.near(term)
    assert views.guide_stats.df("vneid") == 1 and views.guide_stats.n == 1
    assert views.guide_stats.df("lương") == 0
    memory = DiacriticRestorer([c.text for c in chunks])
    for q in ("ma so thue", "luong toi thieu", "chuyen doi so la gi", "mo ung dung"):
        assert views.restorer.restore(q) == memory.restore(q)
    # Views built over other chunks (another order) are not used.
    assert open_views(tmp_path / "v", chunks[::-1]) is None


def test_ingest_stores_the_views_and_the_engine_only_opens_them(ingested_dir: Path, fake_embedder):
    index = ChromaIndex.from_settings(Settings(data_dir=ingested_dir))
    directory = views_dir(ingested_dir, index.current()["current"])
    stamp = (directory / "stats.sqlite").stat().st_mtime_ns
    engine = Engine(Settings(data_dir=ingested_dir), embedder=fake_embedder)
    assert (directory / "stats.sqlite").stat().st_mtime_ns == stamp
    assert engine.retriever.bm25.n == len(engine.chunks)
    hits = engine.search("dich vu cong truc tuyen", commune=engine.communes[0])
    assert hits and all(h.meta["commune"] == engine.communes[0] for h in hits)


def test_documents_without_terms_keep_their_place(tmp_path: Path):
    texts = ["dịch vụ công", "", "dịch vụ", "!!!"]
    LexicalIndex.build([LexicalDoc(t) for t in texts]).save(tmp_path / "lex")
    lex = LexicalIndex.load(tmp_path / "lex")
    assert lex is not None and lex.n == 4
    assert _close(lex.scores("dịch vụ"), BM25(texts).scores("dịch vụ"))
    empty = LexicalIndex.build([LexicalDoc(""), LexicalDoc("!!")])
    assert (
        empty.n == 2
        and empty.scores("dịch vụ") == []
        and empty.allowed(None, None).tolist() == [0, 1]
    )
