"""The web chat page: `/` (full page), `/embed` (compact, for an iframe) and `/static/*`.

Every asset is a file in api/static served by this app: no CDN, no build step.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, HTTPException
from fastapi.responses import FileResponse

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"

_MEDIA_TYPES = {
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
}

# Only assets from this origin; no inline script; framing decided per page below.
_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'"
)
_COMMON_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",
}

router = APIRouter(include_in_schema=False)


def _page(name: str, frame_ancestors: str, extra: dict[str, str] | None = None) -> FileResponse:
    headers = {
        **_COMMON_HEADERS,
        "Content-Security-Policy": f"{_CSP}; frame-ancestors {frame_ancestors}",
        **(extra or {}),
    }
    return FileResponse(STATIC_DIR / name, media_type=_MEDIA_TYPES[".html"], headers=headers)


@router.get("/")
def index() -> FileResponse:
    """The full chat page; it may only be framed by this site itself."""
    return _page("index.html", "'self'", {"X-Frame-Options": "SAMEORIGIN"})


@router.get("/embed")
def embed() -> FileResponse:
    """The compact chat for an iframe on a commune's website: framing allowed from anywhere."""
    return _page("embed.html", "*")


@router.get("/static/{name}")
def static_file(name: str) -> FileResponse:
    """A file directly inside api/static (no sub-paths, no hidden files)."""
    path = STATIC_DIR / name
    media_type = _MEDIA_TYPES.get(path.suffix.lower())
    if (
        name.startswith(".")
        or "/" in name
        or "\\" in name
        or media_type is None
        or path.resolve().parent != STATIC_DIR
        or not path.is_file()
    ):
        raise HTTPException(status_code=404, detail="Không tìm thấy tệp.")
    return FileResponse(path, media_type=media_type, headers=_COMMON_HEADERS)
