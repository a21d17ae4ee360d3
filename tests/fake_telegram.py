"""A fake Telegram Bot API server on loopback for offline bot tests.

It speaks the Bot API's HTTP protocol (POST /bot<token>/<method>, form or JSON body) the way
python-telegram-bot calls it, records every call, serves getMe, and serves getUpdates (long
polling) from a queue the test fills. Like Telegram, it rejects an unknown token (401), a
message longer than 4,096 characters and HTML it cannot parse (400).
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

TOKEN = "123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11"
BOT_ID = 123456
BOT_USERNAME = "troly_test_bot"
MAX_TEXT = 4096
# Telegram's HTML parse mode accepts only these tags.
ALLOWED_TAGS = {
    "b",
    "strong",
    "i",
    "em",
    "u",
    "ins",
    "s",
    "strike",
    "del",
    "a",
    "code",
    "pre",
    "tg-spoiler",
    "span",
    "blockquote",
    "tg-emoji",
}
_JSON_FIELDS = {
    "chat_id",
    "message_id",
    "reply_markup",
    "commands",
    "allowed_updates",
    "offset",
    "limit",
    "timeout",
    "show_alert",
    "reply_parameters",
    "link_preview_options",
    "scope",
    "drop_pending_updates",
}


class HTMLCheckError(ValueError):
    pass


class _TagChecker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            raise HTMLCheckError(f'Unsupported start tag "{tag}"')
        self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            raise HTMLCheckError(f'Unexpected end tag "{tag}"')
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def check_telegram_html(text: str) -> str:
    """Parse like Telegram's HTML mode: known tags, properly nested; returns the plain text."""
    for i, ch in enumerate(text):
        if ch == "&":
            end = text.find(";", i)
            if end == -1 or end - i > 10 or not text[i + 1 : end].replace("#", "").isalnum():
                raise HTMLCheckError("Can't parse entities: unsupported start of an entity")
    checker = _TagChecker()
    checker.feed(text)
    checker.close()
    if checker.stack:
        raise HTMLCheckError(
            f'Can\'t find end tag corresponding to start tag "{checker.stack[-1]}"'
        )
    return "".join(checker.text)


@dataclass
class Call:
    method: str
    params: dict
    ts: float = field(default_factory=time.time)


class FakeTelegram:
    """The fake Bot API; use as a context manager or call start()/stop()."""

    def __init__(self, token: str = TOKEN, username: str = BOT_USERNAME) -> None:
        self.token = token
        self.username = username
        self.calls: list[Call] = []
        self._updates: list[dict] = []
        self._cond = threading.Condition()
        self._ids = itertools.count(1000)
        self._update_ids = itertools.count(1)
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # ---------------------------------------------------------------- lifecycle
    def start(self) -> FakeTelegram:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # silence the default stderr log
                pass

            def do_POST(self):  # noqa: N802 - http.server API
                fake._handle(self)

            do_GET = do_POST  # noqa: N815

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            with self._cond:
                self._cond.notify_all()
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> FakeTelegram:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def url(self) -> str:
        assert self._server is not None
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def base_url(self) -> str:
        """Value for TELEGRAM_API_BASE_URL / PTB base_url."""
        return self.url + "/bot"

    # ------------------------------------------------------------------ updates
    def push(self, update: dict) -> dict:
        update = dict(update)
        update.setdefault("update_id", next(self._update_ids))
        with self._cond:
            self._updates.append(update)
            self._cond.notify_all()
        return update

    def next_update_id(self) -> int:
        return next(self._update_ids)

    # --------------------------------------------------------------- inspection
    def calls_of(self, method: str) -> list[Call]:
        with self._cond:
            return [c for c in self.calls if c.method == method]

    def texts(self, chat_id: int | None = None) -> list[str]:
        return [
            c.params.get("text", "")
            for c in self.calls
            if c.method in ("sendMessage", "editMessageText")
            and (chat_id is None or c.params.get("chat_id") == chat_id)
        ]

    def wait_for(self, method: str, count: int = 1, timeout: float = 15.0) -> list[Call]:
        deadline = time.time() + timeout
        with self._cond:
            while True:
                found = [c for c in self.calls if c.method == method]
                if len(found) >= count:
                    return found
                left = deadline - time.time()
                if left <= 0:
                    raise AssertionError(
                        f"timed out waiting for {count}x {method}; got "
                        f"{[c.method for c in self.calls]}"
                    )
                self._cond.wait(min(left, 0.1))

    def clear(self) -> None:
        with self._cond:
            self.calls.clear()

    # ------------------------------------------------------------------ serving
    def _params(self, handler: BaseHTTPRequestHandler) -> dict:
        length = int(handler.headers.get("Content-Length") or 0)
        raw = handler.rfile.read(length) if length else b""
        ctype = handler.headers.get("Content-Type", "")
        if "json" in ctype:
            return json.loads(raw or b"{}")
        params = {k: v[-1] for k, v in parse_qs(raw.decode(), keep_blank_values=True).items()}
        for key in _JSON_FIELDS & params.keys():
            try:
                params[key] = json.loads(params[key])
            except json.JSONDecodeError:
                pass
        return params

    def _reply(self, handler, status: int, body: dict) -> None:
        data = json.dumps(body).encode()
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)

    def _handle(self, handler: BaseHTTPRequestHandler) -> None:
        parts = handler.path.strip("/").split("/")
        if len(parts) != 2 or not parts[0].startswith("bot"):
            self._reply(handler, 404, {"ok": False, "error_code": 404, "description": "Not Found"})
            return
        token, method = parts[0][3:], parts[1]
        if token != self.token:
            self._reply(
                handler, 401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
            )
            return
        params = self._params(handler)
        if method == "getUpdates":
            self._reply(handler, 200, {"ok": True, "result": self._get_updates(params)})
            return
        with self._cond:
            self.calls.append(Call(method, params))
            self._cond.notify_all()
        try:
            result = self._result(method, params)
        except HTMLCheckError as exc:
            self._reply(
                handler,
                400,
                {"ok": False, "error_code": 400, "description": f"Bad Request: {exc}"},
            )
            return
        self._reply(handler, 200, {"ok": True, "result": result})

    def _get_updates(self, params: dict) -> list[dict]:
        offset = int(params.get("offset") or 0)
        wait = min(float(params.get("timeout") or 0), 1.0)
        deadline = time.time() + wait
        with self._cond:
            self.calls.append(Call("getUpdates", params))
            while True:
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
                if self._updates or time.time() >= deadline or self._server is None:
                    return list(self._updates)
                self._cond.wait(max(0.0, min(0.1, deadline - time.time())))

    def _user(self) -> dict:
        return {
            "id": BOT_ID,
            "is_bot": True,
            "first_name": "Trợ lý ảo",
            "username": self.username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }

    def _message(self, params: dict, text: str | None = None) -> dict:
        chat_id = int(params.get("chat_id") or 0)
        return {
            "message_id": int(params.get("message_id") or next(self._ids)),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "supergroup"},
            "from": self._user(),
            "text": text if text is not None else params.get("text", ""),
        }

    def _result(self, method: str, params: dict):
        if method == "getMe":
            return self._user()
        if method in ("sendMessage", "editMessageText"):
            text = params.get("text", "")
            if params.get("parse_mode") == "HTML":
                plain = check_telegram_html(text)
            else:
                plain = text
            if len(plain.encode("utf-16-le")) // 2 > MAX_TEXT:
                raise HTMLCheckError("message is too long")
            if not plain.strip():
                raise HTMLCheckError("message text is empty")
            return self._message(params, plain)
        if method == "editMessageReplyMarkup":
            return self._message(params, "")
        return True


# ----------------------------------------------------------------- update helpers
_msg_ids = itertools.count(1)


def user(user_id: int = 555, first_name: str = "Lan") -> dict:
    return {"id": user_id, "is_bot": False, "first_name": first_name, "language_code": "vi"}


def chat(chat_id: int = 555, kind: str = "private") -> dict:
    data = {"id": chat_id, "type": kind}
    if kind == "private":
        data["first_name"] = "Lan"
    else:
        data["title"] = "Tổ công nghệ số thôn 3"
    return data


def message(
    text: str | None = None,
    *,
    chat_id: int = 555,
    user_id: int = 555,
    kind: str = "private",
    entities: list[dict] | None = None,
    reply_to: dict | None = None,
    **extra,
) -> dict:
    msg = {
        "message_id": next(_msg_ids),
        "date": int(time.time()),
        "chat": chat(chat_id, kind),
        "from": user(user_id),
    }
    if text is not None:
        msg["text"] = text
        if entities is None and text.startswith("/"):
            cmd = text.split()[0]
            entities = [{"type": "bot_command", "offset": 0, "length": len(cmd)}]
        if entities:
            msg["entities"] = entities
    if reply_to is not None:
        msg["reply_to_message"] = reply_to
    msg.update(extra)
    return msg


def text_update(text: str, **kwargs) -> dict:
    return {"message": message(text, **kwargs)}


def mention_update(text_after: str, username: str = BOT_USERNAME, **kwargs) -> dict:
    mention = f"@{username}"
    text = f"{mention} {text_after}"
    ent = [{"type": "mention", "offset": 0, "length": len(mention.encode("utf-16-le")) // 2}]
    return {"message": message(text, entities=ent, **kwargs)}


def callback_update(data: str, *, chat_id: int = 555, user_id: int = 555, kind: str = "private"):
    return {
        "callback_query": {
            "id": f"cb{next(_msg_ids)}",
            "from": user(user_id),
            "chat_instance": "ci-1",
            "data": data,
            "message": {
                "message_id": next(_msg_ids),
                "date": int(time.time()),
                "chat": chat(chat_id, kind),
                "from": {"id": BOT_ID, "is_bot": True, "first_name": "Trợ lý ảo"},
                "text": "…",
            },
        }
    }


def photo_update(**kwargs) -> dict:
    photo = [{"file_id": "ph1", "file_unique_id": "u1", "width": 90, "height": 90}]
    return {"message": message(None, photo=photo, **kwargs)}
