"""Citizen how-to guides: `GET /v1/guides`, `/v1/guides/{slug}` (JSON), `/guides`, `/guides/{slug}` (HTML).

Guides are read from the engine's index (chunks with meta doc_type == 'guide'), so a guide added
by `troly ingest` appears here without a restart. An unknown or malformed slug gets a 404: JSON
under /v1, a Vietnamese HTML page under /guides.
"""

from __future__ import annotations

import json
import re

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, JSONResponse
from pydantic import BaseModel

from api.deps import EngineDep
from api.errors import error_response
from api.guide_model import Guide, Section
from api.guide_page import guide_html, index_html, not_found_html
from api.routes.web import _COMMON_HEADERS, _CSP
from api.schemas import ErrorResponse
from rag.documents import slugify
from rag.engine import Engine
from rag.index import StoredChunk
from rag.text import fold

SLUG_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,118}[a-z0-9])?$")
NOT_FOUND = "Không tìm thấy hướng dẫn này. Xem danh sách tại /v1/guides."
_HTML_HEADERS = {
    **_COMMON_HEADERS,
    "Content-Security-Policy": f"{_CSP}; frame-ancestors 'self'",
    "X-Frame-Options": "SAMEORIGIN",
}


def _as_list(value: object) -> list[str]:
    """A metadata value (a JSON list string, a list or a plain string) as a list of strings."""
    if isinstance(value, str) and value.strip().startswith("["):
        try:
            value = json.loads(value)
        except ValueError:
            pass
    if isinstance(value, list):
        return [str(x).strip() for x in value if str(x).strip()]
    text = str(value or "").strip()
    return [text] if text else []


def _build(chunks: list[StoredChunk], slug: str) -> Guide:
    meta = chunks[0].meta
    ordered = sorted(chunks, key=lambda c: int(c.meta.get("start", 0) or 0))
    sections = [
        Section(str(c.meta.get("section", "")), [x for x in c.text.split("\n") if x.strip()])
        for c in ordered
    ]
    return Guide(
        slug=slug,
        title=str(meta.get("title", "")),
        audience=_as_list(meta.get("audience")),
        last_reviewed=str(meta.get("last_reviewed", "")),
        sources=_as_list(meta.get("sources")),
        caveats=_as_list(meta.get("caveats")),
        sections=[s for s in sections if s.lines],
    )


def load_guides(engine: Engine) -> dict[str, Guide]:
    """slug -> Guide for every guide in the engine's current index, sorted by title."""
    engine.refresh_if_changed()  # another worker may have ingested a guide
    by_doc = engine.guide_chunks
    guides: dict[str, Guide] = {}
    for doc_id in sorted(by_doc):
        raw = str(by_doc[doc_id][0].meta.get("slug", "") or "")
        slug = raw if SLUG_RE.match(raw) else slugify(raw or doc_id)[:120].strip("-")
        if slug and slug not in guides:  # first doc_id wins a duplicated slug
            guides[slug] = _build(by_doc[doc_id], slug)
    return dict(sorted(guides.items(), key=lambda kv: (fold(kv[1].title), kv[0])))


def find_guide(engine: Engine, slug: str) -> Guide | None:
    if not SLUG_RE.match(slug):
        return None
    return load_guides(engine).get(slug)


# ---------------------------------------------------------------------------- JSON
class SectionOut(BaseModel):
    title: str
    lines: list[str]


class GuideSummary(BaseModel):
    slug: str
    title: str
    audience: list[str]
    last_reviewed: str
    sources: list[str]
    caveats: list[str]
    url: str


class GuideDetail(GuideSummary):
    sections: list[SectionOut]
    steps: list[str]


class GuidesResponse(BaseModel):
    items: list[GuideSummary]


def _summary(g: Guide) -> dict:
    return {
        "slug": g.slug,
        "title": g.title,
        "audience": g.audience,
        "last_reviewed": g.last_reviewed,
        "sources": g.sources,
        "caveats": g.caveats,
        "url": g.url,
    }


router = APIRouter(tags=["guides"])


@router.get("/v1/guides", response_model=GuidesResponse, summary="Danh sách hướng dẫn")
def list_guides(engine: EngineDep) -> GuidesResponse:
    return GuidesResponse(items=[GuideSummary(**_summary(g)) for g in load_guides(engine).values()])


@router.get(
    "/v1/guides/{slug}",
    response_model=GuideDetail,
    responses={404: {"model": ErrorResponse, "description": "Không có hướng dẫn này"}},
    summary="Nội dung một hướng dẫn",
)
def get_guide(slug: str, engine: EngineDep) -> GuideDetail | JSONResponse:
    guide = find_guide(engine, slug)
    if guide is None:
        return error_response(404, "unknown_guide", NOT_FOUND)
    return GuideDetail(
        **_summary(guide),
        sections=[SectionOut(title=s.title, lines=s.lines) for s in guide.sections],
        steps=guide.steps,
    )


# ---------------------------------------------------------------------------- HTML
@router.get("/guides", include_in_schema=False)
def guides_page(engine: EngineDep) -> HTMLResponse:
    return HTMLResponse(index_html(list(load_guides(engine).values())), headers=_HTML_HEADERS)


@router.get("/guides/{slug}", include_in_schema=False)
def guide_page(slug: str, engine: EngineDep) -> HTMLResponse:
    guide = find_guide(engine, slug)
    if guide is None:
        return HTMLResponse(not_found_html(), status_code=404, headers=_HTML_HEADERS)
    return HTMLResponse(guide_html(guide), headers=_HTML_HEADERS)
