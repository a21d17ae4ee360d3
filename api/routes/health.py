"""Liveness (/healthz) and readiness (/readyz: index loaded, store reachable, embedder warm)."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request

from api.deps import run_with_timeout
from api.errors import AnswerTimeout, error_response
from api.loading import RETRY_AFTER_S, StoreUnavailable
from api.schemas import ErrorResponse

router = APIRouter(tags=["health"])
READYZ_SAMPLE = 5
log = logging.getLogger("troly.api")


@router.get("/healthz", summary="Dịch vụ còn sống")
def healthz() -> dict[str, str]:
    return {"status": "ok"}


def _readiness(state) -> tuple[dict, str]:
    """Checks in order; returns (facts, first failure in Vietnamese or '')."""
    facts: dict = {"index": False, "store": False, "embedder": False}
    loader = getattr(state, "loader", None)
    if getattr(state, "engine", None) is None and loader is not None and loader.loading:
        return facts, "đang nạp chỉ mục dữ liệu"
    try:
        engine = state.loader.get() if loader is not None else state.engine_factory()
    except StoreUnavailable:
        return facts, "không kết nối được kho dữ liệu (Chroma), sẽ tự kết nối lại khi nó chạy"
    except Exception as exc:  # noqa: BLE001 - any failure to load means "not ready"
        log.warning("readyz: engine unavailable: %s", exc)
        return facts, "chưa nạp được chỉ mục dữ liệu"
    try:
        pointer = engine.index.current()
    except Exception as exc:  # noqa: BLE001 - chroma raises many types when unreachable
        log.warning("readyz: store unreachable: %s", exc)
        return facts, "không kết nối được kho dữ liệu (Chroma)"
    facts["store"] = True
    if pointer is None or not engine.chunk_count:
        return facts, "chỉ mục dữ liệu đang trống"
    # Bounded at any corpus size: a count and a few names (the full list is /v1/communes, paged).
    facts.update(
        index=True,
        chunks=engine.chunk_count,
        communes=len(engine.communes),
        communes_sample=list(engine.communes[:READYZ_SAMPLE]),
    )
    facts["generation"] = engine.generation
    if not getattr(state, "embedder_warm", False):
        try:
            engine.embedder.embed_query("khởi động")
        except Exception as exc:  # noqa: BLE001
            log.warning("readyz: embedder failed: %s", exc)
            return facts, "bộ nhúng (embedder) chưa sẵn sàng"
        state.embedder_warm = True
    facts["embedder"] = True
    return facts, ""


@router.get(
    "/readyz",
    summary="Dịch vụ sẵn sàng trả lời",
    responses={503: {"model": ErrorResponse, "description": "Chưa sẵn sàng"}},
)
async def readyz(request: Request):
    try:
        facts, failure = await run_with_timeout(request, _readiness, request.app.state)
    except AnswerTimeout:
        facts, failure = {}, "kiểm tra quá thời gian"
    if failure:
        return error_response(
            503,
            "not_ready",
            f"Dịch vụ chưa sẵn sàng: {failure}.",
            headers={"Retry-After": str(RETRY_AFTER_S)},
        )
    return {"status": "ready", **facts}
