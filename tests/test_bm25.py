"""BM25 restricted to some documents ranks them exactly as the unrestricted search does."""

from __future__ import annotations

from tests.reference_bm25 import BM25


def test_allowed_documents_keep_their_unrestricted_ranking():
    texts = [
        f"kế hoạch chuyển đổi số xã {i} năm 2026" + " dịch vụ công" * (i % 3) for i in range(30)
    ]
    texts += ["dịch vụ công trực tuyến toàn trình"] * 5  # ties
    bm25 = BM25(texts)
    full = bm25.scores("dịch vụ công trực tuyến")
    allowed = {1, 4, 5, 30, 31, 33, 7}
    assert bm25.scores("dịch vụ công trực tuyến", allowed) == [x for x in full if x[0] in allowed]
    assert bm25.scores("dịch vụ công", set()) == []
