"""SIGTERM to `troly serve` while questions are being answered: every question in flight gets
its answer; questions arriving during the stop get a Vietnamese 503 with Retry-After (not a
refused connection); then the server exits.

Checks the handling in api.drain (DrainingServer + DrainMiddleware, used by `troly serve`).
Without it uvicorn stops listening at once and the new questions meet a refused connection.
"""

from __future__ import annotations

import json
import signal
import socket
import time
from pathlib import Path

import httpx
import pytest

from tests.faults.procs import QUESTION, free_port, start_troly, stop, wait_ready

pytestmark = pytest.mark.slow
IN_FLIGHT = 3


def _start_slow_request(port: int, question: str) -> tuple[socket.socket, bytes]:
    """A question whose body is still being sent: in flight on the server. Returns the socket
    and the rest of the body."""
    body = json.dumps({"question": question}).encode()
    sock = socket.create_connection(("127.0.0.1", port), timeout=120)
    head = (
        f"POST /v1/ask HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    ).encode()
    sock.sendall(head + body[:5])
    return sock, body[5:]


def _finish(sock: socket.socket, rest: bytes) -> tuple[int, dict]:
    sock.sendall(rest)
    data = b""
    while chunk := sock.recv(65536):
        data += chunk
    sock.close()
    head, _, payload = data.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    if b"chunked" in head.lower():  # de-chunk
        out, rest_payload = b"", payload
        while rest_payload:
            size_line, _, rest_payload = rest_payload.partition(b"\r\n")
            size = int(size_line, 16)
            if size == 0:
                break
            out, rest_payload = out + rest_payload[:size], rest_payload[size + 2 :]
        payload = out
    return status, json.loads(payload)


def test_sigterm_lets_in_flight_finish_and_refuses_new_with_503(data_dir: Path) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = start_troly(["serve", "--port", str(port)], data_dir)
    try:
        wait_ready(url, server)
        slow = [_start_slow_request(port, f"{QUESTION} ({i})") for i in range(IN_FLIGHT)]
        time.sleep(1.0)  # the server has them (headers read, body awaited)
        server.send_signal(signal.SIGTERM)
        time.sleep(0.5)
        new = [httpx.post(url + "/v1/ask", json={"question": QUESTION}, timeout=30) for _ in "abc"]
        assert server.poll() is None  # still running: it waits for the questions in flight
        finished = [_finish(sock, rest) for sock, rest in slow]
        server.wait(timeout=60)
    finally:
        stop(server, signal.SIGKILL)

    for status, body in finished:
        assert status == 200 and body["citations"], body
    for resp in new:
        assert resp.status_code == 503 and resp.headers.get("retry-after"), resp.text
        assert resp.json()["error"]["code"] == "shutting_down"
        assert "vui lòng thử lại" in resp.json()["error"]["message"]
