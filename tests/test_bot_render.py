"""HTML escaping and splitting for Telegram messages."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.limits import UserRateLimiter
from bot.render import MAX_MESSAGE_LEN, esc, open_tags, render_answer, split_html, tg_len
from rag.compose import Citation
from rag.engine import Answer
from tests.fake_telegram import HTMLCheckError, check_telegram_html


def _words(text: str) -> str:
    return " ".join(text.split())


def test_escape_keeps_text_and_neutralises_markup():
    raw = 'a < b && c > d <b>not bold</b> "q"'
    html = esc(raw)
    assert "<" not in html and ">" not in html
    assert check_telegram_html(html) == raw


def test_render_answer_escapes_body_and_citations_and_keeps_numbers():
    answer = Answer(
        "Chỉ tiêu <A&B> đạt 25% [1]\n\nNguồn:\n[1] Kế hoạch — mục",
        False,
        [Citation("d1", "Kế hoạch <X> & Y", "Phú Trung", "", "A › B <c>", "q")],
    )
    html = render_answer(answer)
    text = check_telegram_html(html)
    assert text.startswith("Chỉ tiêu <A&B> đạt 25% [1]")
    assert "[1] Kế hoạch <X> & Y (xã Phú Trung) — B <c>" in text
    assert text.count("Nguồn:") == 1  # the engine's plain block is replaced, not repeated


def test_split_prefers_paragraph_boundaries_and_reopens_tags():
    para = "<b>" + esc("đoạn & văn <bản> ") * 60 + "</b>"
    html = "\n\n".join([para] * 12)
    parts = split_html(html)
    assert len(parts) > 1
    for part in parts:
        assert tg_len(part) <= MAX_MESSAGE_LEN
        check_telegram_html(part)
        assert part.startswith("<b>") and part.endswith("</b>")
    assert _words(" ".join(check_telegram_html(p) for p in parts)) == _words(
        check_telegram_html(html)
    )


def test_split_inside_an_open_tag_and_without_spaces():
    html = "<i>" + "x" * 9000 + "&amp;" + "y" * 100 + "</i>"
    parts = split_html(html)
    assert len(parts) == 3
    for part in parts:
        assert tg_len(part) <= MAX_MESSAGE_LEN
        check_telegram_html(part)
        assert open_tags(part) == []
    assert "".join(check_telegram_html(p) for p in parts) == "x" * 9000 + "&" + "y" * 100


def test_short_text_is_one_part_and_empty_is_none():
    assert split_html("<b>xin chào</b>") == ["<b>xin chào</b>"]
    assert split_html("  ") == []


def test_checker_rejects_broken_html():
    with pytest.raises(HTMLCheckError):
        check_telegram_html("<b>open")
    with pytest.raises(HTMLCheckError):
        check_telegram_html("a & b")


_chunk = st.text(alphabet=st.sampled_from(list("abc xyzđăơ<>&\"'\n😀")), min_size=0, max_size=400)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(_chunk, st.sampled_from(["", "b", "i", "code"])), max_size=40))
def test_split_property_parts_are_valid_and_lossless(pieces):
    html = "".join(f"<{t}>{esc(s)}</{t}>" if t else esc(s) for s, t in pieces)
    limit = 500
    parts = split_html(html, limit=limit)
    for part in parts:
        assert tg_len(part) <= limit
        check_telegram_html(part)
    assert _words("".join(check_telegram_html(p) for p in parts)).replace(" ", "") == _words(
        check_telegram_html(html)
    ).replace(" ", "")


def test_rate_limiter_window_and_single_warning():
    now = [0.0]
    limiter = UserRateLimiter(per_minute=2, clock=lambda: now[0])
    assert limiter.hit(1).allowed and limiter.hit(1).allowed
    first, second = limiter.hit(1), limiter.hit(1)
    assert not first.allowed and first.warn and 0 < first.retry_after_s <= 60
    assert not second.allowed and not second.warn
    assert limiter.hit(2).allowed  # per user
    now[0] = 60.0
    assert limiter.hit(1).allowed
    with pytest.raises(ValueError):
        UserRateLimiter(per_minute=0)
