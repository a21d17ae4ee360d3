"""Telegram side of the views: the core's neutral choices as inline keyboards.

The views themselves (bot.core.views, bot.core.picker) are channel-agnostic.
"""

from __future__ import annotations

from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.core import picker
from bot.core import views as core
from bot.core.views import (  # noqa: F401  (re-exported for the handlers)
    CB_COMMUNE,
    CB_COMMUNE_ID,
    CB_FEEDBACK,
    CB_GUIDE,
    CB_PROVINCE,
    CB_PROVINCES,
    CB_TARGETS,
    TARGETS_PER_PAGE,
)


@dataclass(frozen=True)
class View:
    html: str
    keyboard: InlineKeyboardMarkup | None = None


def keyboard(rows) -> InlineKeyboardMarkup | None:
    buttons = [
        [InlineKeyboardButton(c.label, callback_data=c.action) for c in row] for row in rows if row
    ]
    return InlineKeyboardMarkup(buttons) if buttons else None


def tg(view: core.View | None) -> View | None:
    return None if view is None else View(view.html, keyboard(view.rows))


def commune_keyboard(engine) -> InlineKeyboardMarkup | None:
    view = picker.picker(engine)
    return None if view is None else keyboard(view.rows)


def commune_from_data(engine, value: str) -> str | None:
    return picker.commune_from_action(engine, value)


def guide_list(engine) -> View:
    return tg(core.guide_list(engine))


def guide_steps(engine, doc_id: str) -> View | None:
    return tg(core.guide_steps(engine, doc_id))


def targets_page(engine, commune: str, page: int) -> View:
    return tg(core.targets_page(engine, commune, page))


def contacts(engine, commune: str, contact_line: str) -> View:
    return tg(core.contacts(engine, commune, contact_line))
