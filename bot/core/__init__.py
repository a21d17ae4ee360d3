"""The channel-agnostic conversation core: what every chat channel (Telegram, Zalo) does.

Channels depend on this package; it never imports a channel's library.
"""
