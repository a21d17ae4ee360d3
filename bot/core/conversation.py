"""One conversation core for every chat channel.

Greeting with the privacy line, commune choice and memory, /xoa, help, guides, targets, the
per-user rate limit, questions and feedback. A channel (bot.handlers for Telegram, bot.zalo for
Zalo) turns its updates into these calls and sends back what they return.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass

from bot import texts
from bot.core import picker
from bot.core.memory import ChatMemory
from bot.core.views import View
from bot.limits import UserRateLimiter, limit_message
from bot.render import esc
from rag.engine import Answer, QuestionError, validate_question

log = logging.getLogger("troly.bot")

TYPING_EVERY_S = 4.5


@dataclass(frozen=True)
class Outcome:
    """What became of a question: an answer, or a message (limited, invalid, timeout), or
    nothing at all (a flood past its one warning)."""

    kind: str  # "answer" | "message" | "silent"
    html: str = ""
    answer: Answer | None = None


class Conversation:
    """The assistant's behaviour over one engine, independent of the chat channel."""

    def __init__(
        self,
        engine,
        memory: ChatMemory,
        limiter: UserRateLimiter,
        interactions=None,
        answer_timeout_s: float = 15.0,
        retention_days: int = 90,
        channel: str = "telegram",
    ) -> None:
        if engine is None or memory is None or limiter is None:
            raise ValueError("engine, memory and limiter are required")
        self.engine = engine
        self.memory = memory
        self.limiter = limiter
        self.interactions = interactions
        self.answer_timeout_s = float(answer_timeout_s)
        self.retention_days = int(retention_days)
        self.channel = channel

    # ------------------------------------------------------------- communes
    def commune(self, chat_id) -> str | None:
        """The chat's chosen commune, if it is still in the corpus."""
        commune = self.memory.get_commune(chat_id)
        return commune if commune and commune in self.engine.communes else None

    def greeting(self, chat_id, first_name: str = "") -> View:
        name = f" {esc(first_name)}" if first_name else ""
        lines = [texts.GREETING.format(name=name), texts.PRIVACY.format(days=self.retention_days)]
        pick = self.commune_prompt(chat_id)
        lines.append(pick.html)
        return View("\n\n".join(lines), pick.rows)

    def commune_prompt(self, chat_id, need: bool = False) -> View:
        """The picker with the current commune named (or "you have not chosen" when `need`)."""
        view = picker.picker(self.engine)
        if view is None:
            return View(texts.NO_COMMUNES)
        current = self.memory.get_commune(chat_id)
        if need:
            prefix = texts.NOT_CHOSEN
        else:
            prefix = texts.CURRENT_COMMUNE.format(commune=esc(current)) if current else ""
        return View(prefix + view.html, view.rows)

    def choose(self, chat_id, commune: str, commune_id: str = "") -> str:
        """Remember the commune (and its id when its name is shared by several provinces) for
        the chat; the confirmation (HTML)."""
        ref = picker.directory(self.engine).by_id(commune_id) if commune_id else None
        self.memory.set_commune(chat_id, commune, ref.commune_id if ref else "")
        province = ref.province if ref else self.engine.provinces.get(commune, "")
        shown = f", {esc(province)}" if province and "không nêu" not in province else ""
        return texts.COMMUNE_CHOSEN.format(commune=esc(commune), province=shown)

    def choose_typed(self, chat_id, typed: str) -> tuple[str | None, View]:
        """Choose a commune by a typed name ("Phú Trung", "phu trung", "xã Phú Trung").

        Returns (the chosen commune, the confirmation) or (None, the matching communes to pick
        from, or the picker when nothing matches)."""
        typed = " ".join(typed.split())
        if not typed:
            return None, self.commune_prompt(chat_id)
        directory = picker.directory(self.engine)
        by_id = directory.by_id(typed)
        if by_id is not None and by_id.name in self.engine.communes:
            return by_id.name, View(self.choose(chat_id, by_id.name, by_id.commune_id))
        total, refs = picker.find(self.engine, typed)
        exact = self.engine.resolve_commune(typed)
        if exact and len(directory.named(typed)) <= 1:
            return exact, View(self.choose(chat_id, exact))
        if total == 1:
            ref = refs[0]
            return ref.name, View(self.choose(chat_id, ref.name, ref.commune_id))
        found = picker.find_view(self.engine, typed)
        if found is not None:
            return None, found
        prompt = self.commune_prompt(chat_id)
        miss = texts.COMMUNE_NOT_FOUND.format(typed=esc(typed))
        return None, View(f"{miss} {prompt.html}", prompt.rows)

    # ---------------------------------------------------------------- privacy
    async def delete(self, chat_id) -> str:
        """Delete the chat's logged questions and its commune; the reply (HTML)."""
        try:
            count = 0
            if self.interactions is not None:
                count = await asyncio.to_thread(
                    self.interactions.delete_user, self.memory.user_key(chat_id)
                )
            forgot = self.memory.forget_chat(chat_id)
        except sqlite3.Error:
            log.exception("could not delete user data")
            return texts.DELETE_FAILED
        commune = " và xã đã chọn" if forgot else ""
        return texts.DELETED.format(count=count, commune=commune)

    async def feedback(self, answer_id: str, rating: str) -> tuple[str, bool]:
        """(the reply, whether the answer was known) for a 👍/👎 on an answer."""
        if rating not in ("up", "down") or not answer_id:
            return texts.BUTTON_EXPIRED, False
        if self.interactions is None:
            return texts.FEEDBACK_UNAVAILABLE, False
        try:
            known = await asyncio.to_thread(self.interactions.add_feedback, answer_id, rating)
        except sqlite3.Error:
            log.exception("could not store feedback")
            return texts.FEEDBACK_UNAVAILABLE, False
        return (texts.FEEDBACK_THANKS if known else texts.FEEDBACK_UNKNOWN), bool(known)

    # ---------------------------------------------------------------- answers
    async def ask(
        self,
        chat_id,
        user: Hashable,
        text: str,
        typing: Callable[[], Awaitable[None]] | None = None,
    ) -> Outcome:
        """Answer a question off the event loop, within the user's rate limit and the timeout;
        `typing` is called every few seconds while the engine works."""
        decision = self.limiter.hit(user)
        if not decision.allowed:
            if decision.warn:
                return Outcome(
                    "message", esc(limit_message(self.limiter.per_minute, decision.retry_after_s))
                )
            return Outcome("silent")
        try:
            question = validate_question(text)
        except QuestionError as exc:
            return Outcome("message", esc(str(exc)))
        commune = self.memory.get_commune(chat_id)
        # The id tells which province's commune a shared name means (the picker knows it).
        ids = {"commune_id": self._commune_id(chat_id, commune)} if commune else {}
        ids = {k: v for k, v in ids.items() if v}
        if typing is not None:  # at once, not only once the ticker task first runs
            with contextlib.suppress(Exception):
                await typing()
        ticker = asyncio.create_task(self._keep_typing(typing)) if typing else None
        try:
            timeout = self.answer_timeout_s if self.answer_timeout_s > 0 else None
            answer = await asyncio.wait_for(
                asyncio.to_thread(self.engine.ask, question, commune, **ids), timeout=timeout
            )
        except TimeoutError:
            return Outcome("message", texts.TIMEOUT)
        finally:
            if ticker is not None:
                ticker.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await ticker
        await asyncio.to_thread(self._record, answer, question, commune, chat_id)
        return Outcome("answer", answer=answer)

    def _commune_id(self, chat_id, commune: str) -> str | None:
        """The chat's commune id, when its commune's name is shared and the id still exists."""
        cid = self.memory.get_commune_id(chat_id)
        if not cid or not picker.shared(self.engine, commune):
            return None
        ref = picker.directory(self.engine).by_id(cid)
        return cid if ref is not None and ref.name == commune else None

    def can_vote(self, answer: Answer) -> bool:
        return bool(answer.answer_id) and self.interactions is not None

    @staticmethod
    async def _keep_typing(typing: Callable[[], Awaitable[None]]) -> None:
        while True:
            await asyncio.sleep(TYPING_EVERY_S)
            with contextlib.suppress(Exception):
                await typing()

    def _record(self, answer: Answer, question: str, commune: str | None, chat_id) -> None:
        if self.interactions is None or not answer.answer_id:
            return
        logged_commune = ", ".join(answer.communes) if answer.communes else commune
        self.interactions.record_answer(
            answer,
            question=question,
            commune=logged_commune,
            channel=self.channel,
            user_key=self.memory.user_key(chat_id),
        )
