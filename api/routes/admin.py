"""POST /v1/admin/ingest: upload a document (or re-ingest the bundled corpus), admins only.

The routes answer 404 unless TROLY_ADMIN_KEY is set; the X-API-Key header is compared with it
in constant time. An upload is saved under data_dir/uploads, parsed BEFORE anything is
ingested (a file that fails → 422 with the reason, index untouched), then ingested into a new
index generation and the engine reloaded.
"""

from __future__ import annotations

import hmac
import json
import os
import re
import shutil
import uuid
from pathlib import Path

from fastapi import APIRouter, Depends, Header, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from api.admin_guard import AdminKeyGuard, blocked_message
from api.deps import EngineDep, SettingsDep
from api.errors import error_response
from api.middleware import MAX_UPLOAD_BYTES
from api.schemas import ErrorResponse
from rag.documents import SUPPORTED_SUFFIXES, DocumentError, load_document, slugify
from rag.engine import Engine
from rag.ingest import Ingestor, IngestReport
from rag.ingest_guard import BUSY_MESSAGE, IngestBusy, ingest_lock
from rag.settings import Settings

router = APIRouter(prefix="/v1/admin", tags=["admin"])
_DOC_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$")
_TEXT_FIELDS = ("commune", "title", "province")
_CHUNK = 1024 * 1024


def require_admin(
    request: Request,
    settings: SettingsDep,
    x_api_key: str | None = Header(None, alias="X-API-Key"),
) -> None:
    if not settings.admin_key:
        raise HTTPException(404)
    guard: AdminKeyGuard = request.app.state.admin_guard
    client = request.client.host if request.client else ""
    retry = guard.retry_after(client)
    if retry:
        raise HTTPException(429, blocked_message(retry), headers={"Retry-After": str(retry)})
    if not x_api_key:
        raise HTTPException(401, "Thiếu khóa quản trị (header X-API-Key).")
    if not hmac.compare_digest(x_api_key.encode("utf-8"), settings.admin_key.encode("utf-8")):
        guard.failed(client)
        raise HTTPException(403, "Khóa quản trị (X-API-Key) không đúng.")


def _invalid(message: str):
    return error_response(422, "invalid_upload", message)


def _vi(reason: str) -> str:
    """The Vietnamese half of a bilingual 'vi / en' message."""
    return reason.split(" / ")[0].strip()


def report_dict(report: IngestReport) -> dict:
    return {
        "ok": not report.failed,
        "added": report.added,
        "updated": report.updated,
        "reread": report.reread,
        "unchanged": report.unchanged,
        "removed": report.removed,
        "failed": [{"file": name, "reason": _vi(reason)} for name, reason in report.failed],
        "chunks": report.chunks,
        "seconds": round(report.seconds, 2),
        "generation": report.generation,
        "summary": report.summary(),
    }


def _run_ingest(
    settings: Settings, engine: Engine, path: Path | None, overrides: dict | None
) -> IngestReport:
    report = Ingestor(settings, embedder=engine.embedder, index=engine.index).run(
        path, overrides=overrides, progress=False
    )
    engine.reload()
    return report


def _locked_ingest(
    state, settings: Settings, engine: Engine, path: Path | None, overrides: dict | None
) -> IngestReport:
    """`_run_ingest` under the data dir's ingest lock, the one `troly ingest` takes (so a CLI
    ingest and an admin ingest never write at once), and the process's own lock (two admin
    requests); IngestBusy at once if either is held."""
    lock = state.ingest_lock
    if not lock.acquire(blocking=False):
        raise IngestBusy(BUSY_MESSAGE)
    try:
        with ingest_lock(settings.data_dir):
            return _run_ingest(settings, engine, path, overrides)
    finally:
        lock.release()


def _busy():
    return error_response(409, "ingest_busy", BUSY_MESSAGE)


def _form_text(form, name: str, limit: int = 200) -> str | None:
    value = form.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"Trường '{name}' phải là văn bản.")
    value = value.strip()
    if "\x00" in value or len(value) > limit:
        raise ValueError(f"Trường '{name}' không hợp lệ (tối đa {limit} ký tự).")
    return value or None


async def _save_upload(upload: UploadFile, target: Path) -> int:
    size = 0
    with target.open("wb") as out:
        while True:
            chunk = await upload.read(_CHUNK)
            if not chunk:
                break
            size += len(chunk)
            if size > MAX_UPLOAD_BYTES:
                raise OverflowError
            out.write(chunk)
    return size


async def _upload(request: Request, settings: Settings, engine: Engine):
    form = await request.form(max_files=1, max_fields=10)
    upload = form.get("file")
    if not isinstance(upload, UploadFile):
        return _invalid("Thiếu tệp tải lên (trường 'file').")
    try:
        fields = {name: _form_text(form, name) for name in (*_TEXT_FIELDS, "doc_id", "doc_type")}
    except ValueError as exc:
        return _invalid(str(exc))
    name = Path((upload.filename or "").replace("\\", "/")).name
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        return _invalid("Chỉ nhận tệp .pdf, .docx, .txt hoặc .md.")
    doc_type = fields.get("doc_type") or "plan"
    if doc_type not in ("plan", "guide"):
        return _invalid("Loại tài liệu (doc_type) phải là 'plan' hoặc 'guide'.")
    if doc_type == "plan" and not fields.get("commune"):
        return _invalid("Thiếu tên xã (trường 'commune') cho kế hoạch.")
    if not fields.get("title"):
        return _invalid("Thiếu tiêu đề văn bản (trường 'title').")
    if fields.get("doc_id") and not _DOC_ID_RE.match(fields["doc_id"]):
        return _invalid("Mã văn bản (doc_id) chỉ gồm chữ không dấu, số, '-', '_' hoặc '.'.")
    overrides = {k: v for k, v in fields.items() if v}
    overrides["doc_type"] = doc_type
    commune = overrides.get("commune")
    if commune and "province" not in overrides:
        known = engine.resolve_commune(commune)
        if known and engine.provinces.get(known):
            overrides["province"] = engine.provinces[known]

    uploads = Path(settings.data_dir) / "uploads"
    incoming = uploads / ".incoming" / uuid.uuid4().hex
    incoming.mkdir(parents=True, exist_ok=True)
    stem = slugify(Path(name).stem)[:60]
    staged = incoming / f"{stem}{suffix}"
    try:
        try:
            await _save_upload(upload, staged)
        except OverflowError:
            return error_response(413, "payload_too_large", "Tệp tải lên quá lớn (tối đa 10 MB).")
        try:
            await run_in_threadpool(load_document, staged, overrides)
        except DocumentError as exc:
            return _invalid(f"Không đọc được tệp: {_vi(str(exc))}")
        final = uploads / staged.name
        backup = incoming / "previous"
        if final.exists():
            os.replace(final, backup)
        os.replace(staged, final)
        try:
            report = await run_in_threadpool(
                _locked_ingest, request.app.state, settings, engine, final, overrides
            )
        except IngestBusy:
            _restore(final, backup)
            return _busy()
        except Exception:
            _restore(final, backup)
            raise
        if report.failed:
            _restore(final, backup)
            return _invalid(f"Không nạp được tệp: {report.failed[0][1].split(' / ')[0]}")
        return report_dict(report)
    finally:
        shutil.rmtree(incoming, ignore_errors=True)


def _restore(final: Path, backup: Path) -> None:
    if backup.exists():
        os.replace(backup, final)
    else:
        final.unlink(missing_ok=True)


_OPENAPI_BODY = {
    "requestBody": {
        "required": False,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {
                        "file": {"type": "string", "format": "binary"},
                        "commune": {"type": "string"},
                        "title": {"type": "string"},
                        "province": {"type": "string"},
                        "doc_id": {"type": "string"},
                        "doc_type": {"type": "string", "enum": ["plan", "guide"]},
                    },
                }
            },
            "application/json": {
                "schema": {
                    "type": "object",
                    "properties": {"reingest": {"type": "boolean", "enum": [True]}},
                }
            },
        },
    }
}


@router.post(
    "/ingest",
    dependencies=[Depends(require_admin)],
    openapi_extra=_OPENAPI_BODY,
    responses={
        401: {"model": ErrorResponse},
        403: {"model": ErrorResponse},
        404: {"model": ErrorResponse, "description": "Chưa bật quản trị (TROLY_ADMIN_KEY)"},
        409: {"model": ErrorResponse},
        413: {"model": ErrorResponse},
        422: {"model": ErrorResponse},
    },
    summary="Nạp tài liệu (tải tệp lên hoặc nạp lại bộ tài liệu kèm theo)",
)
async def ingest(
    request: Request,
    settings: SettingsDep,
    engine: EngineDep,
):
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("multipart/form-data"):
        return await _upload(request, settings, engine)
    raw = await request.body()
    if raw.strip():
        try:
            data = json.loads(raw)
        except (ValueError, UnicodeDecodeError):
            return _invalid("Nội dung gửi lên không phải JSON hợp lệ.")
        if not isinstance(data, dict) or data.get("reingest") is not True:
            return _invalid(
                'Gửi {"reingest": true} để nạp lại bộ tài liệu kèm theo, '
                "hoặc tải lên một tệp (multipart/form-data, trường 'file')."
            )
    try:
        report = await run_in_threadpool(
            _locked_ingest, request.app.state, settings, engine, None, None
        )
    except IngestBusy:
        return _busy()
    return report_dict(report)
