"""Zalo text: no markup at all. HTML views become plain text, answers list their sources as
a numbered list, and long texts are split at paragraph boundaries within the 2,000 limit."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from bot.render import format_citations, split_sources
from bot.zalo.config import MAX_TEXT

_TAG_RE = re.compile(r"<[^>]+>")


def text_len(text: str) -> int:
    """Length counted in UTF-16 code units (never fewer than characters): a safe bound."""
    return len(text.encode("utf-16-le")) // 2


def plain(html_text: str) -> str:
    """Telegram-style HTML (b, i, escaped text) as plain text."""
    return html.unescape(_TAG_RE.sub("", html_text))


def source_lines(citations: Sequence[object]) -> list[str]:
    """ "1. Title (xã X) — innermost section", one per citation (plain text)."""
    return format_citations(citations, lambda i: f"{i}.", str, str)


def render_answer(answer: object) -> str:
    body, plain_sources = split_sources(str(getattr(answer, "answer", "")))
    citations = list(getattr(answer, "citations", []) or [])
    if citations:
        return body + "\n\nNguồn:\n" + "\n".join(source_lines(citations))
    if plain_sources:
        return body + "\n\nNguồn:\n" + plain_sources
    return body


def _atoms(text: str, limit: int, seps: tuple[str, ...] = ("\n\n", "\n", " ")) -> list[str]:
    """Pieces no longer than `limit`, each keeping its trailing separator."""
    if text_len(text) <= limit:
        return [text]
    if not seps:
        out, cur = [], ""
        for ch in text:
            if text_len(cur + ch) > limit:
                out.append(cur)
                cur = ""
            cur += ch
        return out + ([cur] if cur else [])
    sep = seps[0]
    pieces = text.split(sep)
    out = []
    for i, piece in enumerate(pieces):
        tail = sep if i < len(pieces) - 1 else ""
        if text_len(piece + tail) <= limit:
            out.append(piece + tail)
        else:
            out.extend(_atoms(piece, limit, seps[1:]))
            if tail:
                out.append(tail)
    return out


def split_text(text: str, limit: int = MAX_TEXT) -> list[str]:
    """Messages of at most `limit`, cut at paragraphs first (then lines, words, characters)."""
    text = text.strip()
    if not text:
        return []
    parts: list[str] = []
    current = ""
    for atom in _atoms(text, limit):
        if text_len(current + atom) <= limit:
            current += atom
            continue
        if current.strip():
            parts.append(current.strip())
        current = atom
    if current.strip():
        parts.append(current.strip())
    return parts
