"""GET /v1/targets and GET /v1/legal-bases: plan tables as exact, traceable records."""

from __future__ import annotations

import re
import threading
from pathlib import Path

from fastapi import APIRouter, Query, Request

from api.errors import error_response
from rag.settings import Settings
from rag.tables.store import TableStore

router = APIRouter(prefix="/v1", tags=["targets"])
_BUILD_LOCK = threading.Lock()
_TEXT_MAX = 200

ITEM_FIELDS = (
    "indicator",
    "lead",
    "partners",
    "targets",
    "deadline",
    "legal_basis",
    "commune",
    "doc_id",
    "section",
    "quote",
    "kind",
    "group",
    "row_no",
    "year",
    "lead_raw",
    "partners_raw",
    "targets_raw",
    "budget",
    "budget_unit",
    "status",
    "result",
    "legal_refs",
    "table",
    "line_start",
    "line_end",
)


def _store(request: Request, settings: Settings) -> TableStore:
    """The store in data_dir; built from the engine's index on first use."""
    from rag.tables.build import rebuild_from_index, store_path

    path = Path(store_path(settings))
    if not path.is_file():
        with _BUILD_LOCK:
            if not path.is_file():
                engine = request.app.state.loader.get()
                rebuild_from_index(settings, out=None, chunks=engine.chunks)
    return TableStore(path)


def _bad(message: str):
    return error_response(422, "invalid_request", message)


def _text_param(value: str | None, name: str) -> str | None | Exception:
    if value is None:
        return None
    if "\x00" in value or len(value) > _TEXT_MAX:
        return ValueError(f"Tham số '{name}' không hợp lệ (tối đa {_TEXT_MAX} ký tự).")
    value = value.strip()
    return value or None


@router.get("/targets", summary="Chỉ tiêu, nhiệm vụ, kinh phí trong các bảng của kế hoạch")
def targets(
    request: Request,
    commune: str | None = Query(None, description="Tên xã (có hoặc không dấu)"),
    lead: str | None = Query(None, description="Đơn vị chủ trì (tên chuẩn hoặc cách viết khác)"),
    q: str | None = Query(None, description="Lọc theo nội dung, không phân biệt dấu"),
    year: str | None = Query(None, description="Năm, ví dụ 2026"),
):
    settings = request.app.state.settings
    params = {}
    for name, value in (("commune", commune), ("lead", lead), ("q", q), ("year", year)):
        checked = _text_param(value, name)
        if isinstance(checked, Exception):
            return _bad(str(checked))
        params[name] = checked
    if params["year"] is not None and not re.fullmatch(r"20\d\d", params["year"]):
        return _bad("Tham số 'year' phải là năm có 4 chữ số, ví dụ 2026.")
    store = _store(request, settings)
    resolved = None
    if params["commune"]:
        resolved = store.resolve_commune(params["commune"])
        if resolved is None:
            return error_response(
                404,
                "unknown_commune",
                f"Chưa có kế hoạch của xã «{params['commune']}» trong dữ liệu. Các xã đã có: "
                + ", ".join(store.communes())
                + ".",
            )
    records = store.records(resolved, params["lead"], params["q"], params["year"])
    return {"items": [{k: r.get(k) for k in ITEM_FIELDS} for r in records]}


@router.get("/legal-bases", summary="Các văn bản pháp lý được các kế hoạch trích dẫn")
def legal_bases(
    request: Request,
    q: str | None = Query(None, description="Số hiệu hoặc nội dung, ví dụ 57-NQ/TW"),
):
    settings = request.app.state.settings
    checked = _text_param(q, "q")
    if isinstance(checked, Exception):
        return _bad(str(checked))
    store = _store(request, settings)
    return {"items": store.legal_bases(checked)}
