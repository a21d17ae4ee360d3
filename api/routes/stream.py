"""POST /v1/ask/stream: the answer as Server-Sent Events (pieces, then a final event).

Events are `data: <json>\n\n` lines: several {"type": "delta", "text"}, then one
{"type": "final", "answer", "refused", "citations", "answer_id", "latency_ms"}. Errors found
before streaming starts are ordinary JSON errors; an error while streaming is one
{"type": "error", "message"} event.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import AsyncIterator, Iterator

from fastapi import APIRouter, Request
from fastapi.responses import StreamingResponse

from api.deps import EngineDep, record_answer, run_with_timeout
from api.routes.ask import ERRORS
from api.schemas import AskRequest
from rag.engine import Answer
from rag.llm.generator import ask_streamed

router = APIRouter(prefix="/v1", tags=["ask"])
log = logging.getLogger("troly.api")

_SENTENCE_END = re.compile(r"(?<=[.!?;:…])\s+")
MAX_PIECE_CHARS = 160
STREAM_ERROR = "Đã có lỗi khi gửi câu trả lời, vui lòng hỏi lại."


def pieces(text: str) -> Iterator[str]:
    """Split an answer into display pieces (lines, then sentences, then ≤160 chars).

    Concatenating the pieces gives back the text exactly.
    """
    for line in text.splitlines(keepends=True):
        start = 0
        for match in _SENTENCE_END.finditer(line):
            yield from _bounded(line[start : match.end()])
            start = match.end()
        if start < len(line):
            yield from _bounded(line[start:])


def _bounded(piece: str) -> Iterator[str]:
    while len(piece) > MAX_PIECE_CHARS:
        cut = piece.rfind(" ", 0, MAX_PIECE_CHARS) + 1 or MAX_PIECE_CHARS
        yield piece[:cut]
        piece = piece[cut:]
    if piece:
        yield piece


def sse(event: dict) -> str:
    return f"data: {json.dumps(event, ensure_ascii=False)}\n\n"


async def _events(answer: Answer) -> AsyncIterator[str]:
    try:
        for piece in pieces(answer.answer):
            yield sse({"type": "delta", "text": piece})
        yield sse({"type": "final", **answer.as_dict()})
    except Exception:  # noqa: BLE001 - the stream has started: report in-band
        log.exception("error while streaming an answer")
        yield sse({"type": "error", "message": STREAM_ERROR})


@router.post(
    "/ask/stream",
    responses={
        200: {
            "content": {"text/event-stream": {}},
            "description": "Các sự kiện `data: {json}`: 'delta' (từng đoạn), rồi 'final'.",
        },
        **ERRORS,
    },
    response_class=StreamingResponse,
    summary="Hỏi trợ lý, nhận câu trả lời dạng luồng (SSE)",
)
async def ask_stream(body: AskRequest, request: Request, engine: EngineDep) -> StreamingResponse:
    # With an LLM configured the model is streamed, buffered and checked before any delta.
    answer = await run_with_timeout(request, ask_streamed, engine, body.question, body.commune)
    await record_answer(request, engine, answer, body.question, body.commune, "web")
    return StreamingResponse(
        _events(answer),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )
