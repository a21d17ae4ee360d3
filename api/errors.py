"""One JSON error shape for every failure: {"error": {"code", "message"}}, messages in Vietnamese."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.loading import RETRY_AFTER_S, EngineLoading
from rag.engine import QuestionError
from rag.index import IndexError_

_STATUS_MESSAGES = {
    400: "Yêu cầu không hợp lệ: không đọc được nội dung gửi lên (cần JSON, mã UTF-8).",
    401: "Cần xác thực.",
    403: "Không có quyền truy cập.",
    404: "Không tìm thấy.",
    405: "Phương thức không được hỗ trợ.",
    413: "Nội dung gửi lên quá lớn.",
    415: "Định dạng nội dung không được hỗ trợ.",
    422: "Dữ liệu gửi lên không hợp lệ.",
    429: "Bạn gửi quá nhiều yêu cầu, vui lòng thử lại sau.",
    500: "Đã có lỗi xảy ra, vui lòng thử lại sau.",
    503: "Dịch vụ tạm thời chưa sẵn sàng, vui lòng thử lại sau.",
}


def error_response(
    status: int, code: str, message: str, headers: dict | None = None
) -> JSONResponse:
    return JSONResponse(
        {"error": {"code": code, "message": message}}, status_code=status, headers=headers
    )


_FIELD_LABELS = {
    "question": "Câu hỏi",
    "q": "Câu hỏi (q)",
    "commune": "Tên xã (commune)",
    "k": "Số kết quả (k)",
    "answer_id": "Mã câu trả lời (answer_id)",
    "rating": "Đánh giá (rating)",
    "comment": "Góp ý (comment)",
    "doc_id": "Mã văn bản (doc_id)",
    "reingest": "Trường reingest",
}


class AnswerTimeout(Exception):
    """The engine did not answer within Settings.answer_timeout_s."""


def _field(loc: list[str]) -> str:
    names = [x for x in loc if x not in ("body", "query", "path", "header", "form")]
    return names[-1] if names else ""


def _validation_message(exc: RequestValidationError) -> str:
    for err in exc.errors():
        kind = err.get("type", "")
        loc = [str(x) for x in err.get("loc", ())]
        name = _field(loc)
        label = _FIELD_LABELS.get(name, f"Trường '{name}'" if name else "Dữ liệu")
        ctx = err.get("ctx") or {}
        if kind == "json_invalid":
            return "Nội dung gửi lên không phải JSON hợp lệ."
        if not name:
            if kind == "missing":
                return "Thiếu nội dung yêu cầu (JSON)."
            return "Nội dung gửi lên phải là một đối tượng JSON."
        if kind == "missing":
            if name == "question":
                return "Thiếu trường 'question' (câu hỏi)."
            if name == "q":
                return "Thiếu tham số 'q' (nội dung cần tìm)."
            return f"Thiếu trường '{name}'."
        msg = str(err.get("msg", ""))
        if "Value error, " in msg:
            return msg.split("Value error, ", 1)[1]
        if name == "rating":
            return "Đánh giá (rating) phải là 'up' hoặc 'down'."
        if name == "k":
            return "Số kết quả (k) phải là số nguyên từ 1 đến 20."
        if kind == "string_type":
            return f"{label} phải là một chuỗi văn bản."
        if kind == "string_too_long":
            return f"{label} quá dài (tối đa {ctx.get('max_length', '')} ký tự)."
        if kind == "string_too_short":
            return f"{label} không được để trống."
        return f"{label} không hợp lệ."
    return _STATUS_MESSAGES[422]


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        return error_response(422, "invalid_request", _validation_message(exc))

    @app.exception_handler(QuestionError)
    async def _question(_: Request, exc: QuestionError) -> JSONResponse:
        return error_response(422, "invalid_question", str(exc))

    @app.exception_handler(AnswerTimeout)
    async def _timeout(_: Request, exc: AnswerTimeout) -> JSONResponse:
        return error_response(
            503,
            "timeout",
            "Trợ lý đang quá tải nên chưa trả lời kịp, vui lòng thử lại sau ít phút.",
            headers={"Retry-After": "5"},
        )

    @app.exception_handler(EngineLoading)
    async def _loading(_: Request, exc: EngineLoading) -> JSONResponse:
        return error_response(503, "loading", str(exc), headers={"Retry-After": str(RETRY_AFTER_S)})

    @app.exception_handler(IndexError_)
    async def _index(_: Request, exc: IndexError_) -> JSONResponse:
        return error_response(503, "index_unavailable", str(exc).split(" / ")[0])

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        message = (
            exc.detail
            if isinstance(exc.detail, str) and exc.detail and not exc.detail.isascii()
            else None
        )
        return error_response(
            exc.status_code,
            f"http_{exc.status_code}",
            message or _STATUS_MESSAGES.get(exc.status_code, "Yêu cầu không hợp lệ."),
            headers=getattr(exc, "headers", None),
        )

    @app.exception_handler(Exception)
    async def _unexpected(
        _: Request, exc: Exception
    ) -> JSONResponse:  # pragma: no cover - safety net
        import logging

        logging.getLogger("troly.api").exception("unhandled error", exc_info=exc)
        return error_response(500, "internal_error", _STATUS_MESSAGES[500])
