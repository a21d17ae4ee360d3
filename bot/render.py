"""Telegram HTML: escape every piece of text, render answers, split long messages safely.

Telegram accepts at most 4,096 characters per message. Long HTML is split at paragraph
boundaries first (then lines, then words, then characters), never inside a tag or an entity;
tags still open at a cut are closed at the end of the part and reopened at the start of the
next, so every part is valid HTML on its own.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Sequence

MAX_MESSAGE_LEN = 4096
# Room kept in every part for the closing/reopening tags added at a cut.
_TAG_RESERVE = 200
_TOKEN_RE = re.compile(r"(<[^>]*>)")
_TAG_NAME_RE = re.compile(r"^<\s*(/?)\s*([a-zA-Z][\w-]*)")
_SOURCES_RE = re.compile(r"\n\s*Nguồn:\s*\n")


def esc(text: object) -> str:
    """Escape corpus or user text for Telegram's HTML parse mode."""
    return html.escape(str(text), quote=False)


def tg_len(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


def shorten(text: str, limit: int) -> str:
    """Plain text cut at a word boundary to at most `limit` characters (with an ellipsis)."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    cut = text[: max(1, limit - 1)]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.") + "…"


def last_section(section: str) -> str:
    """The innermost heading of a breadcrumb such as "KẾ HOẠCH › IV. … › 4. Công an xã"."""
    parts = [p.strip() for p in str(section).split("›") if p.strip()]
    return parts[-1] if parts else ""


# ------------------------------------------------------------------ answers
def split_sources(text: str) -> tuple[str, str]:
    """Split an engine answer into its body and its plain-text "Nguồn:" block (if any)."""
    matches = list(_SOURCES_RE.finditer(text))
    if not matches:
        return text.rstrip(), ""
    m = matches[-1]
    return text[: m.start()].rstrip(), text[m.end() :].strip()


def format_citations(
    citations: Sequence[object],
    number: Callable[[int], str],
    title_markup: Callable[[str], str],
    escape: Callable[[str], str],
) -> list[str]:
    """One line per citation: "<number> Title (xã X) — innermost section"; a citation of the
    same document as the previous one says "cùng văn bản". The channel chooses the numbering,
    the title markup and the escaping."""
    lines: list[str] = []
    prev_doc = None
    for i, c in enumerate(citations, 1):
        doc_id = getattr(c, "doc_id", "")
        title = shorten(getattr(c, "title", "") or doc_id, 90)
        commune = getattr(c, "commune", "") or ""
        section = last_section(getattr(c, "section", ""))
        if doc_id and doc_id == prev_doc:
            line = f"{number(i)} cùng văn bản"
        else:
            line = f"{number(i)} {title_markup(escape(title))}"
            if commune and commune not in title:
                line += f" (xã {escape(commune)})"
        if section:
            line += f" — {escape(shorten(section, 70))}"
        lines.append(line)
        prev_doc = doc_id
    return lines


def citation_lines(citations: Sequence[object]) -> list[str]:
    """Compact, escaped citation lines: "[1] Title (xã X) — innermost section"."""
    return format_citations(citations, lambda i: f"[{i}]", lambda t: f"<i>{t}</i>", esc)


def render_answer(answer: object) -> str:
    """HTML for an engine Answer: escaped body, then compact citation lines."""
    body, plain_sources = split_sources(str(getattr(answer, "answer", "")))
    out = esc(body)
    citations = list(getattr(answer, "citations", []) or [])
    if citations:
        out += "\n\n<b>Nguồn:</b>\n" + "\n".join(citation_lines(citations))
    elif plain_sources:
        out += "\n\n<b>Nguồn:</b>\n" + esc(plain_sources)
    return out


# ------------------------------------------------------------------ splitting
def _tag_name(tag: str) -> tuple[bool, str] | None:
    m = _TAG_NAME_RE.match(tag)
    if not m:
        return None
    return m.group(1) == "/", m.group(2).lower()


def open_tags(fragment: str) -> list[str]:
    """Opening tags (verbatim) still open at the end of `fragment`, outermost first."""
    stack: list[tuple[str, str]] = []
    for tok in _TOKEN_RE.findall(fragment):
        parsed = _tag_name(tok)
        if parsed is None:
            continue
        closing, name = parsed
        if not closing:
            stack.append((name, tok))
            continue
        for i in range(len(stack) - 1, -1, -1):
            if stack[i][0] == name:
                del stack[i:]
                break
    return [tok for _, tok in stack]


def _closers(opened: Iterable[str]) -> str:
    names = [p[1] for p in (_tag_name(t) for t in opened) if p]
    return "".join(f"</{n}>" for n in reversed(names))


def _split_at(fragment: str, sep: str) -> list[str]:
    """Split at `sep` occurring in text (never inside a tag); the separator stays attached."""
    pieces = [""]
    for tok in _TOKEN_RE.split(fragment):
        if not tok:
            continue
        if tok.startswith("<"):
            pieces[-1] += tok
            continue
        segs = tok.split(sep)
        for i, seg in enumerate(segs):
            if i:
                pieces.append("")
            pieces[-1] += seg + (sep if i < len(segs) - 1 else "")
    return [p for p in pieces if p]


def _safe_cut(text: str, limit: int) -> int:
    """A cut index ≤ limit in escaped text that does not split an entity like &amp;."""
    cut = min(limit, len(text))
    amp = text.rfind("&", max(0, cut - 10), cut)
    if amp != -1 and ";" not in text[amp:cut]:
        cut = amp
    return cut


def _hard_split(fragment: str, budget: int) -> list[str]:
    out: list[str] = []
    cur = ""
    for tok in _TOKEN_RE.split(fragment):
        if not tok:
            continue
        if tok.startswith("<"):
            cur += tok
            continue
        while tok:
            room = budget - tg_len(cur)
            if room <= 0:
                out.append(cur)
                cur = ""
                continue
            if tg_len(tok) <= room:
                cur += tok
                break
            # Characters outside the BMP count twice; a char-based cut at `room` stays safe.
            cut = _safe_cut(tok, room // 2 if tg_len(tok) != len(tok) else room)
            if cut == 0:  # an entity does not fit in what is left: start a new part
                if cur:
                    out.append(cur)
                    cur = ""
                    continue
                cut = tok.find(";") + 1 or len(tok)
            cur += tok[:cut]
            tok = tok[cut:]
            out.append(cur)
            cur = ""
    if cur:
        out.append(cur)
    return out


def _atoms(fragment: str, budget: int, seps: tuple[str, ...] = ("\n\n", "\n", " ")) -> list[str]:
    if tg_len(fragment) <= budget:
        return [fragment]
    if not seps:
        return _hard_split(fragment, budget)
    out: list[str] = []
    for piece in _split_at(fragment, seps[0]):
        out.extend(_atoms(piece, budget, seps[1:]) if tg_len(piece) > budget else [piece])
    return out


def split_html(text: str, limit: int = MAX_MESSAGE_LEN) -> list[str]:
    """Split Telegram HTML into valid parts of at most `limit` characters each."""
    if limit <= _TAG_RESERVE * 2:
        raise ValueError("limit too small")
    text = text.strip()
    if tg_len(text) <= limit:
        return [text] if text else []
    parts: list[str] = []
    cur = ""
    for atom in _atoms(text, limit - _TAG_RESERVE):
        candidate = cur + atom
        if cur and tg_len(candidate) + tg_len(_closers(open_tags(candidate))) > limit:
            opened = open_tags(cur)
            parts.append(cur + _closers(opened))
            cur = "".join(opened) + atom
        else:
            cur = candidate
    if cur:
        parts.append(cur + _closers(open_tags(cur)))
    cleaned = [p.strip() for p in parts]
    return [p for p in cleaned if _visible(p)]


def _visible(part: str) -> bool:
    return bool(_TOKEN_RE.sub("", part).strip())
