"""The commune picker: all communes at once when they are few; by province, then commune
(paged), when there are many (a province has ~150 communes, the country 3,321); or by a typed
name. Built on the engine's public commune list (`engine.communes`, `engine.directory`).
"""

from __future__ import annotations

from bot import texts
from bot.core.views import (
    CB_COMMUNE,
    CB_COMMUNE_ID,
    CB_PROVINCE,
    CB_PROVINCES,
    MAX_CALLBACK_BYTES,
    Choice,
    View,
)
from bot.render import esc
from rag.communes import CommuneDirectory, CommuneRef, commune_id
from rag.text import fold

# Up to this many communes the picker lists them all; beyond, it goes by province first.
FLAT_MAX = 12
COMMUNES_PER_PAGE = 10
PROVINCES_PER_PAGE = 10
PER_ROW = 2


def directory(engine) -> CommuneDirectory:
    """The engine's commune directory (built from its commune list for engines without one)."""
    found = getattr(engine, "directory", None)
    if found is not None and len(found):
        return found
    provinces = getattr(engine, "provinces", {}) or {}
    return CommuneDirectory(
        [
            CommuneRef(commune_id(n, provinces.get(n, "")), n, provinces.get(n, ""))
            for n in engine.communes
        ]
    )


def provinces(engine) -> list[str]:
    return sorted({r.province for r in directory(engine).refs}, key=fold)


def province_label(province: str) -> str:
    return province or texts.NO_PROVINCE


def commune_action(engine, name: str) -> str:
    """A commune button's action: its name, or its index when the name is too long."""
    data = CB_COMMUNE + name
    if len(data.encode()) <= MAX_CALLBACK_BYTES:
        return data
    return f"{CB_COMMUNE}#{list(engine.communes).index(name)}"


def commune_from_action(engine, value: str) -> str | None:
    """The canonical commune a picker button stands for, or None if it is gone."""
    if value.startswith("#") and value[1:].isdigit():
        idx = int(value[1:])
        return engine.communes[idx] if idx < len(engine.communes) else None
    return engine.resolve_commune(value)


def shared(engine, name: str) -> bool:
    """True when communes of this name exist in several provinces."""
    return len(directory(engine).named(name)) > 1


def ref_action(engine, ref: CommuneRef) -> str:
    """A commune button's action: by id when its name is shared by several provinces."""
    data = CB_COMMUNE_ID + ref.commune_id
    if shared(engine, ref.name) and len(data.encode()) <= MAX_CALLBACK_BYTES:
        return data
    return commune_action(engine, ref.name)


def picked(engine, data: str) -> tuple[str, str] | None:
    """(commune name, commune id or "") a commune action stands for; None if it is gone."""
    if data.startswith(CB_COMMUNE_ID):
        ref = directory(engine).by_id(data[len(CB_COMMUNE_ID) :])
        return (ref.name, ref.commune_id) if ref and ref.name in engine.communes else None
    if data.startswith(CB_COMMUNE):
        name = commune_from_action(engine, data[len(CB_COMMUNE) :])
        return (name, "") if name else None
    return None


def _rows(choices: list[Choice]) -> tuple[tuple[Choice, ...], ...]:
    return tuple(tuple(choices[i : i + PER_ROW]) for i in range(0, len(choices), PER_ROW))


def _pages(total: int, size: int) -> int:
    return max(1, (total + size - 1) // size)


def _commune_choice(engine, ref: CommuneRef) -> Choice:
    return Choice(ref.name, ref_action(engine, ref))


def picker(engine) -> View | None:
    """The first view of the picker, or None when there is no commune at all."""
    communes = list(engine.communes)
    if not communes:
        return None
    refs = directory(engine).refs
    if len(refs) <= FLAT_MAX:
        choices = [
            Choice(
                f"{r.name} ({r.province})" if shared(engine, r.name) else r.name,
                ref_action(engine, r),
            )
            for r in refs
        ]
        return View(texts.PICK_COMMUNE, _rows(choices))
    return provinces_page(engine, 1)


def provinces_page(engine, page: int) -> View:
    names = provinces(engine)
    pages = _pages(len(names), PROVINCES_PER_PAGE)
    page = min(max(1, page), pages)
    start = (page - 1) * PROVINCES_PER_PAGE
    choices = [
        Choice(province_label(p), f"{CB_PROVINCE}{start + i}:1")
        for i, p in enumerate(names[start : start + PROVINCES_PER_PAGE])
    ]
    rows = _rows(choices) + _nav(page, pages, lambda n: f"{CB_PROVINCES}{n}")
    refs = directory(engine).refs
    html = texts.PICK_PROVINCE.format(
        communes=len(refs), provinces=len(names), example=esc(refs[0].name) if refs else ""
    )
    if pages > 1:
        html += texts.PAGE.format(page=page, pages=pages)
    return View(html, rows)


def province_communes(engine, province: str) -> list[CommuneRef]:
    refs = directory(engine).refs
    return sorted((r for r in refs if r.province == province), key=lambda r: fold(r.name))


def province_page(engine, index: int, page: int) -> View | None:
    """One page of the communes of the province at `index` (None if the index is stale)."""
    names = provinces(engine)
    if not 0 <= index < len(names):
        return None
    province = names[index]
    refs = province_communes(engine, province)
    pages = _pages(len(refs), COMMUNES_PER_PAGE)
    page = min(max(1, page), pages)
    shown = refs[(page - 1) * COMMUNES_PER_PAGE : page * COMMUNES_PER_PAGE]
    rows = _rows([_commune_choice(engine, r) for r in shown])
    rows += _nav(page, pages, lambda n: f"{CB_PROVINCE}{index}:{n}")
    rows += ((Choice(texts.BACK_TO_PROVINCES, f"{CB_PROVINCES}1"),),)
    html = texts.PICK_IN_PROVINCE.format(province=esc(province_label(province)), count=len(refs))
    if pages > 1:
        html += texts.PAGE.format(page=page, pages=pages)
    return View(html, rows)


def find(engine, typed: str, limit: int = COMMUNES_PER_PAGE) -> tuple[int, list[CommuneRef]]:
    """(number of communes whose name contains the typed text, the first `limit` of them)."""
    return directory(engine).page(q=typed, limit=limit)


def find_view(engine, typed: str) -> View | None:
    """The communes matching a typed name as choices; None when nothing matches."""
    total, refs = find(engine, typed)
    if not refs:
        return None
    html = texts.FOUND_COMMUNES.format(count=total, typed=esc(typed))
    if total > len(refs):
        html += texts.FOUND_MORE.format(shown=len(refs))
    choices = [
        Choice(f"{r.name} ({r.province})" if r.province else r.name, ref_action(engine, r))
        for r in refs
    ]
    return View(html, tuple((c,) for c in choices))


def _nav(page: int, pages: int, make) -> tuple[tuple[Choice, ...], ...]:
    nav = []
    if page > 1:
        nav.append(Choice(texts.PREV, make(page - 1)))
    if page < pages:
        nav.append(Choice(texts.NEXT, make(page + 1)))
    return (tuple(nav),) if nav else ()
