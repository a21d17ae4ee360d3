"""POST /v1/ask: a question in, a cited answer out."""

from __future__ import annotations

from fastapi import APIRouter, Request

from api.deps import EngineDep, record_answer, run_with_timeout
from api.schemas import AskRequest, AskResponse, ErrorResponse

router = APIRouter(prefix="/v1", tags=["ask"])

ERRORS = {
    413: {"model": ErrorResponse, "description": "Nội dung quá 16 KB"},
    422: {"model": ErrorResponse, "description": "Câu hỏi không hợp lệ"},
    429: {"model": ErrorResponse, "description": "Quá nhiều câu hỏi mỗi phút"},
    503: {"model": ErrorResponse, "description": "Chưa có chỉ mục hoặc quá thời gian trả lời"},
}


@router.post("/ask", response_model=AskResponse, responses=ERRORS, summary="Hỏi trợ lý")
async def ask(body: AskRequest, request: Request, engine: EngineDep) -> AskResponse:
    # commune_id only when given: channels and test doubles may implement ask(question, commune).
    extra = (body.commune_id,) if body.commune_id else ()
    answer = await run_with_timeout(request, engine.ask, body.question, body.commune, *extra)
    await record_answer(request, engine, answer, body.question, body.commune, "api")
    return AskResponse(**answer.as_dict())
