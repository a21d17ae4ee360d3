"""Corpus-backed views: guide list and steps, targets pages, contacts.

Each view is HTML-escaped text (Telegram's small HTML subset, turned into plain text by
channels without markup) plus neutral choices (label + action code) that a channel shows as
buttons or as words to type.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot import texts
from bot.render import esc, last_section, shorten
from rag.text import fold

TARGETS_PER_PAGE = 4
TARGET_ROW_CHARS = 650
CONTACT_EXCERPT_CHARS = 230
MAX_CALLBACK_BYTES = 64

# Action code prefixes (Telegram callback data).
CB_COMMUNE = "c:"
CB_COMMUNE_ID = "ci:"
CB_PROVINCE = "p:"
CB_PROVINCES = "pp:"
CB_GUIDE = "g:"
CB_TARGETS = "t:"
CB_FEEDBACK = "fb:"


@dataclass(frozen=True)
class Choice:
    label: str
    action: str


@dataclass(frozen=True)
class View:
    html: str
    rows: tuple[tuple[Choice, ...], ...] = field(default_factory=tuple)


def action(prefix: str, value: str) -> str:
    data = prefix + value
    if len(data.encode()) > MAX_CALLBACK_BYTES:
        raise ValueError(f"action too long: {data!r}")
    return data


# -------------------------------------------------------------------- guides
def guides(engine) -> dict[str, list]:
    """doc_id -> the guide's chunks in text order."""
    docs = {k: list(v) for k, v in engine.guide_chunks.items() if k}
    for chunks in docs.values():
        chunks.sort(key=lambda c: int(c.meta.get("start", 0) or 0))
    return docs


def guide_items(engine) -> list[tuple[str, str]]:
    """(doc_id, title) of every guide, sorted by title."""
    docs = guides(engine)
    items = [(doc_id, chunks[0].meta.get("title", doc_id)) for doc_id, chunks in docs.items()]
    return sorted(items, key=lambda kv: fold(kv[1]))


def guide_list(engine) -> View:
    items = guide_items(engine)
    if not items:
        return View(texts.NO_GUIDES)
    rows = tuple((Choice(shorten(title, 60), action(CB_GUIDE, doc_id)),) for doc_id, title in items)
    return View(texts.GUIDES_TITLE, rows)


def guide_steps(engine, doc_id: str) -> View | None:
    chunks = guides(engine).get(doc_id)
    if not chunks:
        return None
    steps = next((c for c in chunks if "bước" in c.meta.get("section", "").lower()), chunks[0])
    meta = steps.meta
    title = meta.get("title", doc_id)
    section = meta.get("section", "")
    lines = [f"<b>{esc(title)}</b>", f"<i>{esc(section)}</i>", "", esc(steps.text.strip())]
    reviewed = meta.get("last_reviewed", "")
    if reviewed:
        lines += ["", f"Cập nhật lần cuối: {esc(reviewed)}."]
    lines += ["", f"<b>Nguồn:</b> <i>{esc(shorten(title, 90))}</i> — {esc(section)}"]
    return View("\n".join(lines))


def find_guides(engine, words: str) -> list[str]:
    """The guides whose title, id or text contain every typed word (no diacritics needed)."""
    wanted = fold(words).split()
    found = []
    for doc_id, chunks in guides(engine).items():
        hay = fold(" ".join([doc_id.replace("-", " "), chunks[0].meta.get("title", "")]))
        if all(w in hay for w in wanted):
            found.append(doc_id)
    if found or not wanted:
        return found
    for doc_id, chunks in guides(engine).items():  # then the guide's text
        hay = fold(" ".join(c.text for c in chunks))
        if all(w in hay for w in wanted):
            found.append(doc_id)
    return found


# ------------------------------------------------------------------- targets
def _target_rows(engine, commune: str) -> list:
    rows = engine.plan_chunks(commune, "row")
    rows.sort(key=lambda c: (c.meta.get("doc_id", ""), int(c.meta.get("start", 0) or 0)))
    return rows


def targets_page(engine, commune: str, page: int) -> View:
    rows = _target_rows(engine, commune)
    if not rows:
        return View(texts.NO_TARGETS.format(commune=esc(commune)))
    pages = (len(rows) + TARGETS_PER_PAGE - 1) // TARGETS_PER_PAGE
    page = min(max(1, page), pages)
    chunk = rows[(page - 1) * TARGETS_PER_PAGE : page * TARGETS_PER_PAGE]
    out = [texts.TARGETS_TITLE.format(commune=esc(commune), page=page, pages=pages)]
    section = None
    for c in chunk:
        if c.meta.get("section") != section:
            section = c.meta.get("section", "")
            out.append(f"\n<i>{esc(shorten(section, 160))}</i>")
        out.append("• " + esc(shorten(c.text, TARGET_ROW_CHARS)))
    title = chunk[0].meta.get("title", "")
    out.append(f"\n<b>Nguồn:</b> <i>{esc(shorten(title, 120))}</i> — bảng phụ lục")
    nav = []
    if page > 1:
        nav.append(Choice(texts.PREV, f"{CB_TARGETS}{page - 1}"))
    if page < pages:
        nav.append(Choice(texts.NEXT, f"{CB_TARGETS}{page + 1}"))
    return View("\n".join(out), (tuple(nav),) if nav else ())


# ------------------------------------------------------------------ contacts
def contacts(engine, commune: str, contact_line: str) -> View:
    chunks = [
        c
        for c in engine.plan_chunks(commune)
        if "to chuc thuc hien" in fold(c.meta.get("section", ""))
        and "noi nhan" not in fold(last_section(c.meta.get("section", "")))
        and c.meta.get("kind") != "row"
    ]
    if not chunks:
        return View(texts.NO_CONTACTS.format(commune=esc(commune)))
    chunks.sort(key=lambda c: (c.meta.get("doc_id", ""), int(c.meta.get("start", 0) or 0)))
    groups: dict[str, list] = {}
    for c in chunks:
        groups.setdefault(c.meta.get("section", ""), []).append(c)
    out = [texts.CONTACTS_TITLE.format(commune=esc(commune))]
    for section, items in groups.items():
        head = last_section(section)
        excerpt = shorten(" ".join(c.text for c in items), CONTACT_EXCERPT_CHARS)
        if "to chuc thuc hien" in fold(head):
            out.append(f"\n{esc(excerpt)}")
        else:
            out.append(f"\n<b>{esc(head)}</b>: {esc(excerpt)}")
    title = chunks[0].meta.get("title", "")
    out.append(f"\n<b>Nguồn:</b> <i>{esc(shorten(title, 120))}</i> — Tổ chức thực hiện")
    out.append(texts.CONTACT_FOOTER.format(contact=esc(contact_line)))
    return View("\n".join(out))
