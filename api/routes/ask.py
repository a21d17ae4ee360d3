"""POST /v1/ask: a question in, a cited answer out."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from api.deps import get_engine
from api.schemas import AskRequest, AskResponse, ErrorResponse
from rag.engine import Engine

router = APIRouter(prefix="/v1", tags=["ask"])


@router.post(
    "/ask",
    response_model=AskResponse,
    responses={422: {"model": ErrorResponse}, 503: {"model": ErrorResponse}},
    summary="Hỏi trợ lý",
)
def ask(body: AskRequest, engine: Engine = Depends(get_engine)) -> AskResponse:
    answer = engine.ask(body.question, body.commune)
    return AskResponse(**answer.as_dict())
