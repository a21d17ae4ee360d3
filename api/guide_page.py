"""Printable one-page HTML for the how-to guides; every piece of corpus text is escaped.

Styles and the print button script are files in api/static served by the app (no other host).
"""

from __future__ import annotations

import re
from html import escape

from api.guide_model import STEP_RE as _STEP_RE
from api.guide_model import Guide, Section
from rag.text import fold

_BULLET_RE = re.compile(r"^\s*[-*+]\s+")
_INTRO = "gioi thieu"


def _e(text: str) -> str:
    return escape(str(text), quote=True)


def _page(title: str, body: str) -> str:
    return (
        "<!doctype html>\n"
        '<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n"
        '<link rel="icon" href="data:,">\n'
        '<link rel="stylesheet" href="/static/guide.css">\n'
        '<script src="/static/guide.js" defer></script>\n'
        f"</head>\n<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )


def _list(lines: list[str], marker: re.Pattern[str], tag: str) -> str:
    """Lines starting with marker become <li>; other lines continue the item before them."""
    items: list[list[str]] = []
    before: list[str] = []
    for line in lines:
        if marker.match(line):
            items.append([marker.sub("", line)])
        elif items:
            items[-1].append(_BULLET_RE.sub("", line))
        else:
            before.append(line)
    out = [f"<p>{_e(x)}</p>" for x in before]
    if items:
        lis = "\n".join("<li>" + "<br>".join(_e(x) for x in item) + "</li>" for item in items)
        out.append(f"<{tag}>\n{lis}\n</{tag}>")
    return "\n".join(out)


def _section(sec: Section, is_steps: bool) -> str:
    if fold(sec.title) == _INTRO:
        return "\n".join(f'<p class="lead">{_e(x)}</p>' for x in sec.lines)
    if is_steps and any(_STEP_RE.match(x) for x in sec.lines):
        body = _list(sec.lines, _STEP_RE, "ol")
    elif any(_BULLET_RE.match(x) for x in sec.lines):
        body = _list(sec.lines, _BULLET_RE, "ul")
    else:
        body = "\n".join(f"<p>{_e(x)}</p>" for x in sec.lines)
    css = ' class="steps"' if is_steps else ""
    return f"<section{css}>\n<h2>{_e(sec.title)}</h2>\n{body}\n</section>"


def guide_html(guide: Guide) -> str:
    steps = guide.steps_section
    parts = [
        '<nav class="no-print"><a href="/guides">← Tất cả hướng dẫn</a></nav>',
        f"<h1>{_e(guide.title)}</h1>",
    ]
    if guide.audience:
        parts.append(f'<p class="meta">Dành cho: {_e(", ".join(guide.audience))}</p>')
    parts.extend(_section(sec, sec is steps) for sec in guide.sections)
    if guide.caveats:
        notes = "\n".join(f"<p>{_e(x)}</p>" for x in guide.caveats)
        parts.append(f'<aside class="caveats">\n<h2>Lưu ý</h2>\n{notes}\n</aside>')
    if guide.sources:
        items = "\n".join(f"<li>{_e(x)}</li>" for x in guide.sources)
        parts.append(f'<section class="sources">\n<h2>Nguồn</h2>\n<ul>\n{items}\n</ul>\n</section>')
    reviewed = _e(guide.last_reviewed) if guide.last_reviewed else "chưa ghi"
    parts.append(f'<p class="reviewed">Cập nhật lần cuối: {reviewed}</p>')
    parts.append(
        '<p class="no-print"><button type="button" id="print-guide" hidden>'
        "In hướng dẫn này</button></p>"
    )
    return _page(f"{guide.title} — Hướng dẫn", "\n".join(parts))


def index_html(guides: list[Guide]) -> str:
    items = "\n".join(
        f'<li><a href="{_e(g.url)}">{_e(g.title)}</a>'
        + (
            f' <span class="meta">(cập nhật lần cuối: {_e(g.last_reviewed)})</span>'
            if g.last_reviewed
            else ""
        )
        + "</li>"
        for g in guides
    )
    body = (
        "<h1>Hướng dẫn dịch vụ số cho người dân</h1>\n"
        '<p class="lead">Chọn một hướng dẫn để xem từng bước, in ra hoặc mở trên điện thoại.</p>\n'
        + (
            f'<ul class="guide-list">\n{items}\n</ul>'
            if guides
            else "<p>Chưa có hướng dẫn nào.</p>"
        )
        + '\n<nav class="no-print"><a href="/">← Về trang hỏi đáp</a></nav>'
    )
    return _page("Hướng dẫn dịch vụ số — Trợ lý ảo", body)


def not_found_html() -> str:
    body = (
        "<h1>Không tìm thấy hướng dẫn này</h1>\n"
        '<p>Đường dẫn không đúng hoặc hướng dẫn đã được gỡ bỏ. <a href="/guides">'
        "Xem danh sách tất cả hướng dẫn</a>.</p>"
    )
    return _page("Không tìm thấy hướng dẫn — Trợ lý ảo", body)
