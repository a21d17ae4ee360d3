"""A small typed client of the Zalo Bot API on httpx.

`POST {base}/bot{token}/{method}` with a JSON body; every answer is `{"ok": bool, "result": …}`
or `{"ok": false, "error_code": int, "description": str}`. getUpdates returns *one* update as
`result` (not a list like Telegram's), and a long poll that ends empty answers error 408.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import httpx

from bot.zalo.config import POLL_TIMEOUT_S


class ZaloApiError(Exception):
    def __init__(self, method: str, code: int, description: str) -> None:
        super().__init__(f"{method}: {code} {description}")
        self.code = code
        self.description = description


@dataclass(frozen=True)
class ZaloUser:
    id: str
    name: str = ""
    is_bot: bool = False


@dataclass(frozen=True)
class ZaloMessage:
    message_id: str
    chat_id: str
    chat_type: str  # "PRIVATE" | "GROUP"
    sender: ZaloUser
    date: int = 0
    text: str = ""
    reply_to_sender: str = ""  # the sender of the message this one replies to, when given

    @property
    def is_group(self) -> bool:
        return self.chat_type.upper() != "PRIVATE"


@dataclass(frozen=True)
class ZaloUpdate:
    event_name: str
    message: ZaloMessage | None = None
    raw: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def key(self) -> str:
        """What identifies one delivery (the platform sends no update id)."""
        if self.message is None:
            return ""
        return f"{self.message.chat_id}:{self.message.message_id}"

    @classmethod
    def from_json(cls, data: Any) -> ZaloUpdate | None:
        """An update from a getUpdates result or a webhook body (bare, or wrapped in
        {"ok": …, "result": …}); None when it is not an update."""
        if not isinstance(data, dict):
            return None
        if "event_name" not in data and isinstance(data.get("result"), dict):
            data = data["result"]
        msg = data.get("message")
        message = _message(msg) if isinstance(msg, dict) else None
        event = str(data.get("event_name") or "")
        if not event and message is not None:
            event = "message.text.received" if message.text else "message.unsupported.received"
        if not event:
            return None
        return cls(event, message, data)


def _message(msg: dict) -> ZaloMessage | None:
    chat = msg.get("chat") if isinstance(msg.get("chat"), dict) else {}
    sender = msg.get("from") if isinstance(msg.get("from"), dict) else {}
    chat_id = str(chat.get("id") or sender.get("id") or "")
    if not chat_id:
        return None
    reply = msg.get("reply_to_message") or msg.get("quote") or {}
    reply_from = reply.get("from") if isinstance(reply, dict) else None
    return ZaloMessage(
        message_id=str(msg.get("message_id") or ""),
        chat_id=chat_id,
        chat_type=str(chat.get("chat_type") or "PRIVATE"),
        sender=ZaloUser(
            str(sender.get("id") or ""),
            str(sender.get("display_name") or sender.get("first_name") or ""),
            bool(sender.get("is_bot", False)),
        ),
        date=int(msg.get("date") or 0),
        text=str(msg.get("text") or ""),
        reply_to_sender=str(reply_from.get("id") or "") if isinstance(reply_from, dict) else "",
    )


@dataclass(frozen=True)
class BotInfo:
    id: str
    account_name: str = ""
    display_name: str = ""


class ZaloClient:
    """The Bot API methods the assistant uses."""

    def __init__(self, token: str, base_url: str, timeout_s: float = 15.0) -> None:
        self._url = f"{base_url.rstrip('/')}/bot{token}/"
        self._http = httpx.AsyncClient(timeout=timeout_s)

    async def close(self) -> None:
        await self._http.aclose()

    async def __aenter__(self) -> ZaloClient:
        return self

    async def __aexit__(self, *exc) -> None:
        await self.close()

    async def call(self, method: str, params: dict | None = None, timeout_s: float | None = None):
        kwargs = {"timeout": timeout_s} if timeout_s is not None else {}
        try:
            resp = await self._http.post(self._url + method, json=params or {}, **kwargs)
        except httpx.HTTPError as exc:  # the URL (and token) stays out of the message
            raise ConnectionError(f"{method}: {type(exc).__name__}") from None
        try:
            data = resp.json()
        except ValueError:
            raise ZaloApiError(method, resp.status_code, "invalid JSON") from None
        if not isinstance(data, dict) or not data.get("ok"):
            data = data if isinstance(data, dict) else {}
            code = int(data.get("error_code") or resp.status_code)
            raise ZaloApiError(method, code, str(data.get("description") or ""))
        return data.get("result")

    async def get_me(self) -> BotInfo:
        r = await self.call("getMe") or {}
        return BotInfo(
            str(r.get("id", "")), str(r.get("account_name", "")), str(r.get("display_name", ""))
        )

    async def get_updates(self, timeout_s: int = POLL_TIMEOUT_S) -> list[ZaloUpdate]:
        """The next update(s) of a long poll; [] when the poll ended empty."""
        try:
            result = await self.call(
                "getUpdates", {"timeout": str(timeout_s)}, timeout_s=timeout_s + 10
            )
        except ZaloApiError as exc:
            if exc.code == 408:
                return []
            raise
        items = result if isinstance(result, list) else [result]
        return [u for u in (ZaloUpdate.from_json(i) for i in items if i) if u is not None]

    async def send_message(self, chat_id: str, text: str) -> None:
        await self.call("sendMessage", {"chat_id": chat_id, "text": text})

    async def send_chat_action(self, chat_id: str, action: str = "typing") -> None:
        await self.call("sendChatAction", {"chat_id": chat_id, "action": action})

    async def set_webhook(self, url: str, secret_token: str) -> None:
        await self.call("setWebhook", {"url": url, "secret_token": secret_token})

    async def delete_webhook(self) -> None:
        await self.call("deleteWebhook")
