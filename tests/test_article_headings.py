"""A plan written as a decision's articles ("Điều 1. Tình hình thực hiện năm 2025"): each
article is a heading, so its lines are read under it; an article that is one sentence
("Điều 3. Kế hoạch này có hiệu lực từ ngày ký.") stays body text."""

from __future__ import annotations

from rag.chunking import heading_level


def test_an_article_title_is_a_heading() -> None:
    assert heading_level("Điều 1. Kết quả thực hiện năm 2026", "   1. Đã lắp 12 camera.") == 1
    assert heading_level("ĐIỀU 2: NHIỆM VỤ TRỌNG TÂM", "") == 1


def test_an_article_that_is_a_sentence_is_body_text() -> None:
    assert heading_level("Điều 3. Kế hoạch này có hiệu lực từ ngày ký.", "") is None
