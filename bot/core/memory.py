"""What the conversation core needs to remember per chat (a channel's state store)."""

from __future__ import annotations

from typing import Protocol


class ChatMemory(Protocol):
    """Per-chat memory that survives restarts; chat ids are the channel's own (int or str)."""

    def get_commune(self, chat_id) -> str | None: ...

    def get_commune_id(self, chat_id) -> str | None: ...

    def set_commune(self, chat_id, commune: str, commune_id: str = "") -> None: ...

    def forget_chat(self, chat_id) -> bool: ...

    def user_key(self, chat_id) -> str: ...
