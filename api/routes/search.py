"""GET /v1/search: the retrieved passages with scores and metadata (for officials, debugging)."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request

from api.deps import EngineDep, run_with_timeout
from api.errors import error_response
from api.schemas import ErrorResponse, SearchHitOut, SearchResponse
from rag.engine import QuestionError, validate_question

router = APIRouter(prefix="/v1", tags=["search"])


@router.get(
    "/search",
    response_model=SearchResponse,
    responses={
        404: {"model": ErrorResponse, "description": "Không có xã này trong dữ liệu"},
        422: {"model": ErrorResponse},
        429: {"model": ErrorResponse},
        503: {"model": ErrorResponse},
    },
    summary="Tìm các đoạn văn bản liên quan",
)
async def search(
    request: Request,
    engine: EngineDep,
    q: str = Query(..., description="Nội dung cần tìm (tối đa 1.000 ký tự)."),
    commune: str | None = Query(None, max_length=100, description="Chỉ tìm trong xã này."),
    k: int = Query(8, ge=1, le=20, description="Số đoạn trả về (1–20)."),
):
    try:
        text = validate_question(q)
    except QuestionError as exc:
        return error_response(422, "invalid_question", str(exc))
    resolved = None
    if commune is not None and commune.strip():
        if "\x00" in commune:
            return error_response(422, "invalid_request", "Tên xã không hợp lệ.")
        resolved = engine.resolve_commune(commune)
        if resolved is None:
            return error_response(
                404,
                "unknown_commune",
                f"Chưa có kế hoạch của xã «{commune.strip()}» trong dữ liệu. "
                f"Các xã đã có: {', '.join(engine.communes)}.",
            )
    hits = await run_with_timeout(request, engine.search, text, resolved, k)
    return SearchResponse(
        query=text,
        commune=resolved,
        hits=[
            SearchHitOut(
                rank=i + 1,
                score=round(float(h.score), 6),
                dense=round(float(h.dense), 6),
                sparse=round(float(h.sparse), 6),
                chunk_id=h.chunk.chunk_id,
                text=h.chunk.text,
                doc_id=str(h.meta.get("doc_id", "")),
                title=str(h.meta.get("title", "")),
                commune=str(h.meta.get("commune", "")),
                province=str(h.meta.get("province", "")),
                doc_type=str(h.meta.get("doc_type", "plan")),
                section=str(h.meta.get("section", "")),
                kind=str(h.meta.get("kind", "text")),
            )
            for i, h in enumerate(hits)
        ],
    )
