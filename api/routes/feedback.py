"""POST /v1/feedback: a thumbs-up or thumbs-down (and an optional comment) on an answer."""

from __future__ import annotations

import asyncio

from fastapi import APIRouter, Request

from api.deps import get_interactions
from api.errors import error_response
from api.schemas import ErrorResponse, FeedbackRequest, OkResponse

router = APIRouter(prefix="/v1", tags=["feedback"])


@router.post(
    "/feedback",
    response_model=OkResponse,
    responses={
        404: {"model": ErrorResponse, "description": "Không có câu trả lời với mã này"},
        422: {"model": ErrorResponse},
        503: {"model": ErrorResponse},
    },
    summary="Đánh giá một câu trả lời",
)
async def feedback(body: FeedbackRequest, request: Request):
    logbook = get_interactions(request)
    if logbook is None:
        return error_response(
            503, "log_unavailable", "Chưa ghi nhận được đánh giá lúc này, vui lòng thử lại sau."
        )
    loop = asyncio.get_running_loop()
    known = await loop.run_in_executor(
        request.app.state.log_executor,
        logbook.add_feedback,
        body.answer_id,
        body.rating,
        body.comment,
    )
    if not known:
        return error_response(
            404,
            "unknown_answer",
            "Không tìm thấy câu trả lời với mã này (có thể đã quá hạn lưu).",
        )
    return OkResponse(ok=True)
