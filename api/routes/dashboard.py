"""The officials' dashboard: GET /admin, POST /admin/login, /admin/logout, GET /admin/export.*

Answers 404 unless TROLY_ADMIN_KEY is set. The key is POSTed once through the login form
(never in a URL); a signed HttpOnly, SameSite=Strict session cookie follows (api.admin_session).
A wrong key gets 401 and the form again with a Vietnamese message. The numbers come from
rag.dashboard; this module only parses the filter and renders.
"""

from __future__ import annotations

from datetime import date, timedelta

from fastapi import APIRouter, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.admin_guard import AdminKeyGuard, blocked_message
from api.admin_page import dashboard_html, login_html
from api.admin_session import clear_session, key_matches, set_session, signed_in
from api.deps import SettingsDep, get_interactions
from api.loading import EngineLoading
from api.routes.web import _COMMON_HEADERS, _CSP
from rag.dashboard import CachedEmbed, Dashboard, DashboardFilter, build_dashboard
from rag.dashboard_export import to_csv, to_xlsx
from rag.index import IndexError_

router = APIRouter(prefix="/admin", include_in_schema=False)
DEFAULT_DAYS = 7
MAX_DAYS = 366
WRONG_KEY = "Khóa quản trị không đúng. Vui lòng thử lại."
MISSING_KEY = "Vui lòng nhập khóa quản trị."
SIGN_IN_FIRST = "Phiên đăng nhập đã hết hạn hoặc chưa đăng nhập. Vui lòng đăng nhập tại /admin."
LOG_UNAVAILABLE = "Chưa mở được nhật ký hỏi đáp, vui lòng thử lại sau."
_HEADERS = {
    **_COMMON_HEADERS,
    "Cache-Control": "no-store",
    "Content-Security-Policy": f"{_CSP}; frame-ancestors 'none'",
    "X-Frame-Options": "DENY",
}


def _enabled(settings) -> str:
    if not settings.admin_key:
        raise HTTPException(404)
    return settings.admin_key


def _html(text: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(text, status_code=status, headers=_HEADERS)


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def parse_filter(request: Request) -> DashboardFilter:
    """?from=YYYY-MM-DD&to=YYYY-MM-DD&commune=…; the last 7 days by default; at most a year."""
    params = request.query_params
    end = _date(params.get("to")) or date.today()
    start = _date(params.get("from")) or end - timedelta(days=DEFAULT_DAYS - 1)
    if start > end:
        start, end = end, start
    start = max(start, end - timedelta(days=MAX_DAYS - 1))
    commune = " ".join(str(params.get("commune", "")).split())[:100]
    return DashboardFilter(start, end, commune)


def _dashboard(request: Request, flt: DashboardFilter) -> Dashboard | None:
    logbook = get_interactions(request)
    if logbook is None:
        return None
    embed, name = None, ""
    try:
        engine = request.app.state.loader.get()
    except (EngineLoading, IndexError_):
        engine = None  # still loading, or nothing ingested yet: group identical wordings only
    if engine is not None:
        name = engine.embedder.name
        cached = getattr(request.app.state, "dashboard_embed", None)
        if cached is None or cached[0] is not engine.embedder:
            cached = (engine.embedder, CachedEmbed(engine.embedder.embed_passages))
            request.app.state.dashboard_embed = cached
        embed = cached[1]
    return build_dashboard(logbook, flt, embed=embed, embedder_name=name)


@router.get("")
async def admin_page(request: Request, settings: SettingsDep) -> HTMLResponse:
    key = _enabled(settings)
    if not signed_in(request, key):
        return _html(login_html())
    dash = await run_in_threadpool(_dashboard, request, parse_filter(request))
    if dash is None:
        return _html(login_html(LOG_UNAVAILABLE), 503)
    return _html(await run_in_threadpool(dashboard_html, dash))


@router.post("/login")
async def login(request: Request, settings: SettingsDep) -> Response:
    key = _enabled(settings)
    form = await request.form(max_files=0, max_fields=5)
    given = form.get("key")
    given = given if isinstance(given, str) else ""
    guard: AdminKeyGuard = request.app.state.admin_guard
    client = request.client.host if request.client else ""
    retry = guard.retry_after(client)
    if retry:
        response = _html(login_html(blocked_message(retry)), 429)
        response.headers["Retry-After"] = str(retry)
        return response
    if not given:
        return _html(login_html(MISSING_KEY), 401)
    if not key_matches(key, given):
        guard.failed(client)
        return _html(login_html(WRONG_KEY), 401)
    response = RedirectResponse("/admin", status_code=303, headers=_HEADERS)
    set_session(response, request, key)
    return response


@router.post("/logout")
async def logout(request: Request, settings: SettingsDep) -> Response:
    _enabled(settings)
    response = RedirectResponse("/admin", status_code=303, headers=_HEADERS)
    clear_session(response, request)
    return response


async def _export(request: Request, settings, kind: str) -> Response:
    key = _enabled(settings)
    if not signed_in(request, key):
        return _html(login_html(SIGN_IN_FIRST), 401)
    flt = parse_filter(request)
    dash = await run_in_threadpool(_dashboard, request, flt)
    if dash is None:
        return _html(login_html(LOG_UNAVAILABLE), 503)
    name = f"troly-{flt.start.isoformat()}-{flt.end.isoformat()}"
    headers = {**_HEADERS, "Content-Disposition": f'attachment; filename="{name}.{kind}"'}
    if kind == "csv":
        # A byte order mark so that Excel reads the Vietnamese text as UTF-8.
        body = ("\ufeff" + to_csv(dash)).encode("utf-8")
        return Response(body, media_type="text/csv; charset=utf-8", headers=headers)
    body = await run_in_threadpool(to_xlsx, dash)
    media = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return Response(body, media_type=media, headers=headers)


@router.get("/export.csv")
async def export_csv(request: Request, settings: SettingsDep) -> Response:
    return await _export(request, settings, "csv")


@router.get("/export.xlsx")
async def export_xlsx(request: Request, settings: SettingsDep) -> Response:
    return await _export(request, settings, "xlsx")
