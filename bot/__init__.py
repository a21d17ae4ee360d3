"""Telegram bot channel of Trợ lý ảo (python-telegram-bot v22)."""
