"""The Zalo channel over the conversation core: updates in, plain-text messages out."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re

from bot import texts
from bot.core import picker
from bot.core import views as core_views
from bot.core.commands import Command, find_province, interpret, page_of
from bot.core.conversation import Conversation
from bot.core.views import View
from bot.render import esc
from bot.zalo import texts as ztexts
from bot.zalo.client import BotInfo, ZaloClient, ZaloMessage, ZaloUpdate
from bot.zalo.render import plain, render_answer, split_text
from bot.zalo.state import ZaloState
from rag.engine import CONTACT
from rag.text import fold

log = logging.getLogger("troly.zalo")

TEXT_EVENT = "message.text.received"
VOTES = {"👍": "up", "👎": "down"}


class ZaloBot:
    """Handles Zalo updates: one at a time per chat, many chats at once."""

    def __init__(
        self,
        client: ZaloClient,
        core: Conversation,
        state: ZaloState,
        me: BotInfo | None = None,
    ) -> None:
        self.client = client
        self.core = core
        self.engine = core.engine
        self.state = state
        self.me = me
        self._locks: dict[str, asyncio.Lock] = {}

    @property
    def names(self) -> list[str]:
        """What group members call the bot: its display and account names, the product name."""
        names = [self.me.display_name, self.me.account_name] if self.me else []
        return [n for n in [*names, ztexts.PRODUCT_NAME] if n]

    # ---------------------------------------------------------------- intake
    async def feed(self, data: dict) -> bool:
        """Process one delivery (webhook body or polled update) once; False for a repeat or
        something that is not an update."""
        update = ZaloUpdate.from_json(data)
        if update is None or update.message is None:
            return False
        msg = update.message
        # One chat's messages are handled in arrival order (the lock is taken before any await).
        lock = self._locks.setdefault(msg.chat_id, asyncio.Lock())
        async with lock:
            if update.key and not await asyncio.to_thread(self.state.first_seen, update.key):
                return False
            try:
                await self._handle(update, msg)
            except Exception:
                log.exception("error while handling a Zalo update")
                with contextlib.suppress(Exception):
                    await self.client.send_message(msg.chat_id, plain(texts.ERROR))
        if not lock.locked() and len(self._locks) > 10_000:
            self._locks.pop(msg.chat_id, None)
        return True

    async def _handle(self, update: ZaloUpdate, msg: ZaloMessage) -> None:
        if msg.sender.is_bot or (self.me and msg.sender.id == self.me.id):
            return
        if update.event_name != TEXT_EVENT or not msg.text.strip():
            # Images, stickers, anything unsupported: a polite word in private, silence in groups.
            if not msg.is_group:
                await self.send(msg.chat_id, plain(texts.NON_TEXT))
            return
        text = msg.text
        if msg.is_group:
            addressed = self.addressed(msg)
            if addressed is None:
                return
            if not addressed:
                await self.send(msg.chat_id, plain(texts.EMPTY_MENTION))
                return
            text = addressed
        await self.on_text(msg, text)

    def addressed(self, msg: ZaloMessage) -> str | None:
        """In a group: the text meant for the bot (mention removed), or None if not for it."""
        text = " ".join(msg.text.split())
        if text.startswith("/"):
            return text
        replied = bool(self.me and msg.reply_to_sender and msg.reply_to_sender == self.me.id)
        for name in sorted(self.names, key=len, reverse=True):
            rest = _strip_name(text, name)
            if rest is not None:
                return rest
        return text if replied else None

    # -------------------------------------------------------------- commands
    async def on_text(self, msg: ZaloMessage, text: str) -> None:
        chat = msg.chat_id
        vote = VOTES.get(text.strip())
        if vote:
            await self.vote(chat, vote)
            return
        cmd = interpret(self.engine, text)
        if cmd is None:
            await self.ask(msg, text)
            return
        await self.command(msg, cmd)

    async def command(self, msg: ZaloMessage, cmd: Command) -> None:
        chat = msg.chat_id
        arg = cmd.arg.strip()
        if cmd.name == "start":
            await self.send_view(chat, self.core.greeting(chat, msg.sender.name))
        elif cmd.name == "help":
            name = self.names[0] if self.names else ztexts.PRODUCT_NAME
            await self.send(chat, ztexts.HELP.format(name=name))
        elif cmd.name == "xa":
            if arg:
                _, view = self.core.choose_typed(chat, arg)
            else:
                view = self.core.commune_prompt(chat)
            await self.send_view(chat, view)
        elif cmd.name == "tinh":
            await self.send_view(chat, self.province_view(arg))
        elif cmd.name == "huongdan":
            await self.send_view(chat, self.guide_view(arg))
        elif cmd.name in ("chitieu", "lienhe"):
            commune = self.core.commune(chat)
            if not commune:
                await self.send_view(chat, self.core.commune_prompt(chat, need=True))
            elif cmd.name == "chitieu":
                page = int(arg) if arg.isdigit() else 1
                await self.send_view(chat, core_views.targets_page(self.engine, commune, page))
            else:
                await self.send_view(chat, core_views.contacts(self.engine, commune, CONTACT))
        elif cmd.name == "xoa":
            await self.send(chat, plain(await self.core.delete(chat)))
        elif cmd.name == "hoi":
            if arg:
                await self.ask(msg, arg)
            else:
                await self.send(chat, ztexts.ASK_USAGE)
        elif not msg.is_group:  # an unknown slash command may be meant for another bot
            await self.send(chat, ztexts.UNKNOWN_COMMAND)

    def province_view(self, arg: str) -> View:
        name, page = page_of(arg)
        if not name:
            return picker.provinces_page(self.engine, page)
        index = find_province(self.engine, name)
        view = picker.province_page(self.engine, index, page) if index is not None else None
        if view is not None:
            return view
        listing = picker.provinces_page(self.engine, 1)
        miss = ztexts.PROVINCE_NOT_FOUND.format(typed=esc(name))
        return View(f"{miss} {listing.html}", listing.rows)

    def guide_view(self, arg: str) -> View:
        items = core_views.guide_items(self.engine)
        if arg.isdigit() and 1 <= int(arg) <= len(items):
            return core_views.guide_steps(self.engine, items[int(arg) - 1][0])
        if arg:
            found = core_views.find_guides(self.engine, arg)
            if len(found) == 1:
                return core_views.guide_steps(self.engine, found[0])
            if found:
                listing = core_views.guide_list(self.engine)
                rows = tuple(r for r in listing.rows if r[0].action[2:] in found)
                return View(listing.html, rows)
            listing = core_views.guide_list(self.engine)
            miss = ztexts.GUIDE_NOT_FOUND.format(typed=esc(arg))
            return View(miss + listing.html, listing.rows)
        return core_views.guide_list(self.engine)

    async def vote(self, chat: str, rating: str) -> None:
        answer_id = await asyncio.to_thread(self.state.last_answer, chat)
        if not answer_id:
            await self.send(chat, ztexts.FEEDBACK_NOTHING)
            return
        reply, _ = await self.core.feedback(answer_id, rating)
        await self.send(chat, plain(reply))

    # --------------------------------------------------------------- answers
    async def ask(self, msg: ZaloMessage, text: str) -> None:
        chat = msg.chat_id

        async def typing() -> None:
            await self.client.send_chat_action(chat, "typing")

        outcome = await self.core.ask(chat, msg.sender.id or chat, text, typing)
        if outcome.kind == "message":
            await self.send(chat, plain(outcome.html))
        elif outcome.kind == "answer":
            answer = outcome.answer
            body = render_answer(answer)
            if self.core.can_vote(answer):
                await asyncio.to_thread(self.state.set_last_answer, chat, answer.answer_id)
                body += "\n\n" + ztexts.FEEDBACK_HINT
            await self.send(chat, body)

    # ------------------------------------------------------------- sending
    async def send(self, chat: str, text: str) -> None:
        for part in split_text(text):
            await self.client.send_message(chat, part)

    async def send_view(self, chat: str, view: View | None) -> None:
        if view is None:
            await self.send(chat, plain(texts.BUTTON_EXPIRED))
            return
        lines = []
        for row in view.rows:
            for choice in row:
                typed = self.typed(choice.action)
                if typed:
                    lines.append(ztexts.CHOICE.format(label=choice.label, typed=typed))
        body = plain(view.html)
        await self.send(chat, body + ("\n\n" + "\n".join(lines) if lines else ""))

    def typed(self, action: str) -> str | None:
        """The words to type for what a Telegram button does."""
        if action.startswith(core_views.CB_COMMUNE_ID):
            return f"xa {action[len(core_views.CB_COMMUNE_ID) :]}"
        if action.startswith(core_views.CB_COMMUNE):
            name = picker.commune_from_action(self.engine, action[len(core_views.CB_COMMUNE) :])
            return f"xa {name}" if name else None
        if action.startswith(core_views.CB_PROVINCES):
            page = action[len(core_views.CB_PROVINCES) :]
            return "tinh" if page == "1" else f"tinh trang {page}"
        if action.startswith(core_views.CB_PROVINCE):
            index, _, page = action[len(core_views.CB_PROVINCE) :].partition(":")
            names = picker.provinces(self.engine)
            if not index.isdigit() or int(index) >= len(names):
                return None
            province = names[int(index)] or texts.NO_PROVINCE
            return f"tinh {province}" + (f" trang {page}" if page not in ("", "1") else "")
        if action.startswith(core_views.CB_GUIDE):
            ids = [doc_id for doc_id, _ in core_views.guide_items(self.engine)]
            doc_id = action[len(core_views.CB_GUIDE) :]
            return f"huong dan {ids.index(doc_id) + 1}" if doc_id in ids else None
        if action.startswith(core_views.CB_TARGETS):
            return f"chi tieu {action[len(core_views.CB_TARGETS) :]}"
        return None


def _strip_name(text: str, name: str) -> str | None:
    """The text without "@Name" (anywhere) or a leading "Name", or None if it names neither."""
    for pattern in (rf"@{re.escape(name)}\b", rf"^{re.escape(name)}\b"):
        m = re.search(pattern, text, re.IGNORECASE)
        if m:
            return " ".join((text[: m.start()] + " " + text[m.end() :]).split()).strip(" ,:")
    folded, key = fold(text), fold(name)
    for pattern in (rf"@{re.escape(key)}\b", rf"^{re.escape(key)}\b"):
        m = re.search(pattern, folded)
        if m and len(folded) == len(text):  # same positions: cut the original text
            return " ".join((text[: m.start()] + " " + text[m.end() :]).split()).strip(" ,:")
    return None
