"""Telegram handlers: a thin PTB adapter over the conversation core (bot.core).

Commands, questions, buttons and everything else a chat can send become calls on
`Conversation`; this module only speaks Telegram (HTML, inline keyboards, entities).
"""

from __future__ import annotations

import contextlib
import logging

from telegram import (
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    MessageEntity,
    Update,
)
from telegram.constants import ChatAction, ChatType, ParseMode
from telegram.error import BadRequest, TelegramError
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot import texts, views
from bot.core import picker
from bot.core.conversation import Conversation
from bot.limits import UserRateLimiter
from bot.render import esc, render_answer, split_html
from bot.state import BotState
from rag.engine import CONTACT, Answer, Engine

log = logging.getLogger("troly.bot")

CHANNEL = "telegram"
GROUP_TYPES = {ChatType.GROUP, ChatType.SUPERGROUP}
NON_TEXT = (
    filters.PHOTO
    | filters.VOICE
    | filters.AUDIO
    | filters.VIDEO
    | filters.VIDEO_NOTE
    | filters.ANIMATION
    | filters.Sticker.ALL
    | filters.Document.ALL
    | filters.LOCATION
    | filters.VENUE
    | filters.CONTACT
    | filters.POLL
    | filters.Dice.ALL
)


def bot_commands() -> list[BotCommand]:
    return [BotCommand(name, description) for name, description in texts.BOT_COMMANDS]


def _is_group(update: Update) -> bool:
    chat = update.effective_chat
    return chat is not None and chat.type in GROUP_TYPES


class TrolyBot:
    """The bot's behaviour over one engine; `register` wires it into a PTB Application."""

    def __init__(
        self,
        engine: Engine,
        state: BotState,
        limiter: UserRateLimiter,
        interactions=None,
        answer_timeout_s: float = 15.0,
        retention_days: int = 90,
    ) -> None:
        if engine is None or state is None or limiter is None:
            raise ValueError("engine, state and limiter are required")
        self.engine = engine
        self.state = state
        self.limiter = limiter
        self.interactions = interactions
        self.answer_timeout_s = float(answer_timeout_s)
        self.retention_days = int(retention_days)
        self.core = Conversation(
            engine,
            state,
            limiter,
            interactions=interactions,
            answer_timeout_s=answer_timeout_s,
            retention_days=retention_days,
            channel=CHANNEL,
        )

    # ---------------------------------------------------------------- wiring
    def register(self, app: Application) -> None:
        commands = {
            "start": self.cmd_start,
            "xa": self.cmd_commune,
            "hoi": self.cmd_ask,
            "huongdan": self.cmd_guides,
            "chitieu": self.cmd_targets,
            "lienhe": self.cmd_contacts,
            "help": self.cmd_help,
            "xoa": self.cmd_delete,
        }
        for name, callback in commands.items():
            app.add_handler(CommandHandler(name, callback))
        app.add_handler(CallbackQueryHandler(self.on_button))
        app.add_handler(MessageHandler(filters.UpdateType.EDITED, self.on_edited))
        new_message = filters.UpdateType.MESSAGE
        app.add_handler(MessageHandler(new_message & filters.COMMAND, self.on_unknown_command))
        app.add_handler(MessageHandler(new_message & filters.TEXT, self.on_text))
        app.add_handler(MessageHandler(new_message & NON_TEXT, self.on_non_text))
        app.add_error_handler(self.on_error)

    # ------------------------------------------------------------- helpers
    @staticmethod
    async def _send(message: Message, html: str, keyboard=None) -> None:
        parts = split_html(html)
        for i, part in enumerate(parts):
            await message.reply_html(
                part,
                reply_markup=keyboard if i == len(parts) - 1 else None,
            )

    def _user_key(self, update: Update) -> str:
        return self.state.user_key(update.effective_chat.id)

    def _addressed(self, message: Message, bot) -> str | None:
        """In a group: the question if the bot was mentioned or replied to, else None."""
        text = message.text or ""
        username = (bot.username or "").lower()
        mentioned = False
        for entity, value in message.parse_entities(
            [MessageEntity.MENTION, MessageEntity.TEXT_MENTION]
        ).items():
            if entity.type == MessageEntity.MENTION and value.lstrip("@").lower() == username:
                mentioned = True
                text = text.replace(value, " ")
            elif entity.user is not None and entity.user.id == bot.id:
                mentioned = True
        reply = message.reply_to_message
        replied = reply is not None and reply.from_user is not None and reply.from_user.id == bot.id
        if not (mentioned or replied):
            return None
        return " ".join(text.split())

    # ------------------------------------------------------------- commands
    async def cmd_start(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        user = update.effective_user
        view = self.core.greeting(update.effective_chat.id, user.first_name if user else "")
        await update.effective_message.reply_html(view.html, reply_markup=views.keyboard(view.rows))

    async def cmd_commune(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/xa: the picker; /xa <name>: choose by a typed name (or pick among the matches)."""
        parts = (update.effective_message.text or "").split(maxsplit=1)
        chat_id = update.effective_chat.id
        if len(parts) > 1 and parts[1].strip():
            _, view = self.core.choose_typed(chat_id, parts[1])
        else:
            view = self.core.commune_prompt(chat_id)
        await update.effective_message.reply_html(view.html, reply_markup=views.keyboard(view.rows))

    async def cmd_help(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.effective_message.reply_html(
            texts.HELP.format(username=esc(context.bot.username or "troly_bot"))
        )

    async def cmd_guides(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        view = views.guide_list(self.engine)
        await update.effective_message.reply_html(view.html, reply_markup=view.keyboard)

    async def _need_commune(self, update: Update) -> str | None:
        commune = self.core.commune(update.effective_chat.id)
        if commune:
            return commune
        view = self.core.commune_prompt(update.effective_chat.id, need=True)
        await update.effective_message.reply_html(view.html, reply_markup=views.keyboard(view.rows))
        return None

    async def cmd_targets(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        commune = await self._need_commune(update)
        if commune is None:
            return
        view = views.targets_page(self.engine, commune, 1)
        await self._send(update.effective_message, view.html, view.keyboard)

    async def cmd_contacts(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        commune = await self._need_commune(update)
        if commune is None:
            return
        view = views.contacts(self.engine, commune, CONTACT)
        await self._send(update.effective_message, view.html, view.keyboard)

    async def cmd_delete(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        reply = await self.core.delete(update.effective_chat.id)
        await update.effective_message.reply_html(reply)

    async def cmd_ask(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        parts = (message.text or "").split(maxsplit=1)
        question = parts[1].strip() if len(parts) > 1 else ""
        if not question:
            await message.reply_html(texts.ASK_USAGE)
            return
        await self.answer(update, context, question)

    async def on_unknown_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if not _is_group(update):  # in groups, the command may be meant for another bot
            await update.effective_message.reply_html(texts.UNKNOWN_COMMAND)

    # ------------------------------------------------------------ messages
    async def on_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        if _is_group(update):
            question = self._addressed(message, context.bot)
            if question is None:
                return
            if not question:
                await message.reply_html(texts.EMPTY_MENTION)
                return
        else:
            question = message.text or ""
        await self.answer(update, context, question)

    async def on_non_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        if _is_group(update):
            reply = message.reply_to_message
            to_bot = reply is not None and reply.from_user and reply.from_user.id == context.bot.id
            caption = (message.caption or "").lower()
            named = bool(context.bot.username) and f"@{context.bot.username.lower()}" in caption
            if not (to_bot or named):
                return
        await message.reply_html(texts.NON_TEXT)

    async def on_edited(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if _is_group(update) or update.edited_message is None:
            return
        await update.edited_message.reply_html(texts.EDITED)

    # ------------------------------------------------------------- answers
    async def answer(self, update: Update, context: ContextTypes.DEFAULT_TYPE, text: str) -> None:
        message = update.effective_message
        chat_id = update.effective_chat.id
        user = update.effective_user

        async def typing() -> None:
            await context.bot.send_chat_action(chat_id, ChatAction.TYPING)

        outcome = await self.core.ask(chat_id, user.id if user else chat_id, text, typing)
        if outcome.kind == "message":
            await message.reply_html(outcome.html)
        elif outcome.kind == "answer":
            answer = outcome.answer
            await self._send(message, render_answer(answer), self._feedback_keyboard(answer))

    def _feedback_keyboard(self, answer: Answer) -> InlineKeyboardMarkup | None:
        if not answer.answer_id or self.interactions is None:
            return None
        prefix = f"{views.CB_FEEDBACK}"
        return InlineKeyboardMarkup(
            [
                [
                    InlineKeyboardButton("👍", callback_data=f"{prefix}up:{answer.answer_id}"),
                    InlineKeyboardButton("👎", callback_data=f"{prefix}down:{answer.answer_id}"),
                ]
            ]
        )

    # ------------------------------------------------------------- buttons
    async def on_button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        data = query.data or ""
        if data.startswith(views.CB_COMMUNE) or data.startswith(views.CB_COMMUNE_ID):
            await self._pick_commune(update, data)
        elif data.startswith(views.CB_GUIDE):
            view = views.guide_steps(self.engine, data[len(views.CB_GUIDE) :])
            if view is None:
                await query.answer(texts.GUIDE_UNKNOWN, show_alert=True)
                return
            await query.answer()
            await self._send(query.message, view.html)
        elif data.startswith(views.CB_PROVINCES) or data.startswith(views.CB_PROVINCE):
            await self._picker_page(update, data)
        elif data.startswith(views.CB_TARGETS):
            await self._targets_page(update, data[len(views.CB_TARGETS) :])
        elif data.startswith(views.CB_FEEDBACK):
            await self._feedback(update, data[len(views.CB_FEEDBACK) :])
        else:
            await query.answer(texts.BUTTON_EXPIRED)

    async def _pick_commune(self, update: Update, data: str) -> None:
        query = update.callback_query
        picked = picker.picked(self.engine, data)
        if picked is None:
            await query.answer(texts.COMMUNE_UNKNOWN, show_alert=True)
            return
        commune, commune_id = picked
        await query.answer(f"Đã chọn xã {commune}")
        html = self.core.choose(update.effective_chat.id, commune, commune_id)
        try:
            await query.edit_message_text(html, parse_mode=ParseMode.HTML)
        except BadRequest:  # e.g. the picker message is too old to edit
            await query.message.reply_html(html)

    async def _picker_page(self, update: Update, data: str) -> None:
        """A province page (pp:<page>) or the communes of one province (p:<index>:<page>)."""
        query = update.callback_query
        view = None
        if data.startswith(views.CB_PROVINCES):
            value = data[len(views.CB_PROVINCES) :]
            if value.isdigit():
                view = picker.provinces_page(self.engine, int(value))
        else:
            index, _, page = data[len(views.CB_PROVINCE) :].partition(":")
            if index.isdigit() and page.isdigit():
                view = picker.province_page(self.engine, int(index), int(page))
        if view is None:
            await query.answer(texts.BUTTON_EXPIRED, show_alert=True)
            return
        await query.answer()
        try:
            await query.edit_message_text(
                view.html, parse_mode=ParseMode.HTML, reply_markup=views.keyboard(view.rows)
            )
        except BadRequest as exc:
            if "not modified" not in str(exc).lower():
                raise

    async def _targets_page(self, update: Update, value: str) -> None:
        query = update.callback_query
        commune = self.core.commune(update.effective_chat.id)
        if not value.isdigit() or not commune:
            await query.answer(texts.BUTTON_EXPIRED, show_alert=True)
            return
        await query.answer()
        view = views.targets_page(self.engine, commune, int(value))
        parts = split_html(view.html)
        try:
            await query.edit_message_text(
                parts[0], parse_mode=ParseMode.HTML, reply_markup=view.keyboard
            )
        except BadRequest as exc:
            if "not modified" not in str(exc).lower():
                raise

    async def _feedback(self, update: Update, value: str) -> None:
        query = update.callback_query
        rating, _, answer_id = value.partition(":")
        reply, known = await self.core.feedback(answer_id, rating)
        await query.answer(reply)
        if known:
            with contextlib.suppress(BadRequest):
                await query.edit_message_reply_markup(reply_markup=None)

    # --------------------------------------------------------------- errors
    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        log.error("error while handling an update", exc_info=context.error)
        if not isinstance(update, Update) or update.effective_chat is None:
            return
        if update.callback_query is not None:
            with contextlib.suppress(TelegramError):
                await update.callback_query.answer(texts.ERROR, show_alert=True)
            return
        with contextlib.suppress(TelegramError):
            await context.bot.send_message(update.effective_chat.id, texts.ERROR)
