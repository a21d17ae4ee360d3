"""A fake Zalo Bot API on loopback (http.server in a thread), as documented at
bot.zaloplatforms.com/docs: POST /bot<TOKEN>/<method>, JSON in and out; getUpdates returns one
update as `result`, or error 408 when the long poll ends empty; sendMessage takes 1–2000 chars.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TOKEN = "1234567890:FakeZaloToken_abcDEF123456"
BOT_ID = "b0700000000000000001"
ME = {"id": BOT_ID, "account_name": "bot.TrolyThu", "display_name": "Trợ lý ảo"}
MAX_TEXT = 2000
# A long poll waits at most this long here (the client asks for 30 s).
POLL_CAP_S = 1.0

_ids = itertools.count(1)


@dataclass
class Call:
    method: str
    params: dict = field(default_factory=dict)


class FakeZalo:
    def __init__(self, token: str = TOKEN) -> None:
        self.token = token
        self.calls: list[Call] = []
        self._updates: list[dict] = []
        self._cond = threading.Condition()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # quiet
                pass

            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b"{}"
                try:
                    params = json.loads(raw or b"{}")
                except ValueError:
                    params = {}
                status, body = fake._dispatch(self.path, params)
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                try:
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):  # the client went away
                    pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    # ------------------------------------------------------------ lifecycle
    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> FakeZalo:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()

    # -------------------------------------------------------------- driving
    def push(self, update: dict) -> None:
        with self._cond:
            self._updates.append(update)
            self._cond.notify_all()

    def calls_of(self, method: str) -> list[Call]:
        with self._cond:
            return [c for c in self.calls if c.method == method]

    def sent(self, chat_id: str | None = None) -> list[str]:
        return [
            c.params["text"]
            for c in self.calls_of("sendMessage")
            if chat_id is None or c.params.get("chat_id") == chat_id
        ]

    def clear(self) -> None:
        with self._cond:
            self.calls.clear()

    def wait_for(self, method: str, count: int = 1, timeout: float = 10.0) -> list[Call]:
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                found = [c for c in self.calls if c.method == method]
                if len(found) >= count:
                    return found
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"{method} x{count}: got {len(found)}")
                self._cond.wait(left)

    # -------------------------------------------------------------- the API
    def _dispatch(self, path: str, params: dict) -> tuple[int, dict]:
        prefix = f"/bot{self.token}/"
        if not path.startswith(prefix):
            return 401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
        method = path[len(prefix) :]
        with self._cond:
            self.calls.append(Call(method, params))
            self._cond.notify_all()
        if method == "getMe":
            return 200, {"ok": True, "result": ME}
        if method == "getUpdates":
            timeout = min(float(params.get("timeout") or 30), POLL_CAP_S)
            with self._cond:
                if not self._updates:
                    self._cond.wait_for(lambda: bool(self._updates), timeout)
                if self._updates:
                    return 200, {"ok": True, "result": self._updates.pop(0)}
            return 200, {"ok": False, "error_code": 408, "description": "Request timeout"}
        if method == "sendMessage":
            text = params.get("text")
            if not params.get("chat_id") or not isinstance(text, str):
                return 400, {"ok": False, "error_code": 400, "description": "Bad request"}
            if not 1 <= len(text) <= MAX_TEXT:
                return 400, {"ok": False, "error_code": 400, "description": "Text too long"}
            return 200, {"ok": True, "result": {"message_id": f"m{next(_ids)}", "date": 0}}
        if method in ("sendChatAction", "setWebhook", "deleteWebhook"):
            return 200, {"ok": True, "result": {"url": params.get("url", "")}}
        return 404, {"ok": False, "error_code": 404, "description": "Not found"}


def text_update(
    text: str,
    chat_id: str = "u555",
    sender: str | None = None,
    group: bool = False,
    name: str = "Lan",
    message_id: str | None = None,
    event: str = "message.text.received",
) -> dict:
    message = {
        "message_id": message_id or f"msg{next(_ids):06d}",
        "from": {"id": sender or chat_id, "display_name": name, "is_bot": False},
        "chat": {"id": chat_id, "chat_type": "GROUP" if group else "PRIVATE"},
        "date": 1766619597466,
    }
    if text is not None:
        message["text"] = text
    return {"event_name": event, "message": message}


def sticker_update(chat_id: str = "u555", group: bool = False) -> dict:
    update = text_update(None, chat_id=chat_id, group=group, event="message.sticker.received")
    update["message"]["sticker"] = "d063f44dc80821567819"
    return update


def image_update(chat_id: str = "u555", group: bool = False) -> dict:
    update = text_update(None, chat_id=chat_id, group=group, event="message.image.received")
    update["message"]["photo"] = "https://example.invalid/a.jpg"
    return update
