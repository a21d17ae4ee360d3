"""Corpus-backed views: commune picker, guide list and steps, targets pages, contacts.

Every text shown comes from the engine's chunks and is HTML-escaped here.
"""

from __future__ import annotations

from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot import texts
from bot.render import esc, last_section, shorten
from rag.text import fold

TARGETS_PER_PAGE = 4
TARGET_ROW_CHARS = 650
CONTACT_EXCERPT_CHARS = 230
MAX_CALLBACK_BYTES = 64

# Callback data prefixes.
CB_COMMUNE = "c:"
CB_GUIDE = "g:"
CB_TARGETS = "t:"
CB_FEEDBACK = "fb:"


@dataclass(frozen=True)
class View:
    html: str
    keyboard: InlineKeyboardMarkup | None = None


def _callback(prefix: str, value: str) -> str:
    data = prefix + value
    if len(data.encode()) > MAX_CALLBACK_BYTES:
        raise ValueError(f"callback data too long: {data!r}")
    return data


# ------------------------------------------------------------------ communes
def commune_keyboard(engine) -> InlineKeyboardMarkup | None:
    communes = list(engine.communes)
    if not communes:
        return None
    buttons = [
        InlineKeyboardButton(c, callback_data=_commune_data(i, c)) for i, c in enumerate(communes)
    ]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    return InlineKeyboardMarkup(rows)


def _commune_data(index: int, commune: str) -> str:
    data = CB_COMMUNE + commune
    return data if len(data.encode()) <= MAX_CALLBACK_BYTES else f"{CB_COMMUNE}#{index}"


def commune_from_data(engine, value: str) -> str | None:
    """The canonical commune a picker button stands for, or None if it is gone."""
    if value.startswith("#") and value[1:].isdigit():
        idx = int(value[1:])
        return engine.communes[idx] if idx < len(engine.communes) else None
    return engine.resolve_commune(value)


def commune_chosen(engine, commune: str) -> str:
    province = engine.provinces.get(commune, "")
    shown = ""
    if province and "không nêu" not in province:
        shown = f", {esc(province)}"
    return texts.COMMUNE_CHOSEN.format(commune=esc(commune), province=shown)


# -------------------------------------------------------------------- guides
def _guides(engine) -> dict[str, list]:
    docs: dict[str, list] = {}
    for c in engine.chunks:
        if c.meta.get("doc_type") == "guide":
            docs.setdefault(c.meta.get("doc_id", ""), []).append(c)
    for chunks in docs.values():
        chunks.sort(key=lambda c: int(c.meta.get("start", 0) or 0))
    return {k: v for k, v in docs.items() if k}


def guide_list(engine) -> View:
    docs = _guides(engine)
    if not docs:
        return View(texts.NO_GUIDES)
    items = sorted(docs.items(), key=lambda kv: fold(kv[1][0].meta.get("title", kv[0])))
    rows = [
        [
            InlineKeyboardButton(
                shorten(chunks[0].meta.get("title", doc_id), 60),
                callback_data=_callback(CB_GUIDE, doc_id),
            )
        ]
        for doc_id, chunks in items
    ]
    return View(texts.GUIDES_TITLE, InlineKeyboardMarkup(rows))


def guide_steps(engine, doc_id: str) -> View | None:
    chunks = _guides(engine).get(doc_id)
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


# ------------------------------------------------------------------- targets
def _target_rows(engine, commune: str) -> list:
    rows = [
        c
        for c in engine.chunks
        if c.meta.get("commune") == commune
        and c.meta.get("doc_type") == "plan"
        and c.meta.get("kind") == "row"
    ]
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
        nav.append(InlineKeyboardButton(texts.PREV, callback_data=f"{CB_TARGETS}{page - 1}"))
    if page < pages:
        nav.append(InlineKeyboardButton(texts.NEXT, callback_data=f"{CB_TARGETS}{page + 1}"))
    return View("\n".join(out), InlineKeyboardMarkup([nav]) if nav else None)


# ------------------------------------------------------------------ contacts
def contacts(engine, commune: str, contact_line: str) -> View:
    chunks = [
        c
        for c in engine.chunks
        if c.meta.get("commune") == commune
        and c.meta.get("doc_type") == "plan"
        and "to chuc thuc hien" in fold(c.meta.get("section", ""))
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
