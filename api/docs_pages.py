"""The API docs page (/docs) served from local files: it renders with no internet.

FastAPI's default pages load Swagger UI and ReDoc from a CDN (a blank page on a commune server
that is offline). The files here come from the pinned `fastapi-offline` package, which ships
Swagger UI; this module serves them under /docs-assets and builds the page with FastAPI's own
HTML helper pointed at them. ReDoc is not offered: its page loads a logo from another host.
"""

from __future__ import annotations

from pathlib import Path

import fastapi_offline
from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

ASSETS_DIR = Path(fastapi_offline.__file__).resolve().parent / "static"
ASSETS_URL = "/docs-assets"


def install_docs(app: FastAPI, docs_url: str = "/docs") -> None:
    """Add /docs that uses only this server's files (create the app with docs_url=None,
    redoc_url=None so FastAPI does not add its CDN-based pages)."""
    app.mount(ASSETS_URL, StaticFiles(directory=ASSETS_DIR), name="docs-assets")
    openapi_url = app.openapi_url or "/openapi.json"
    favicon = f"{ASSETS_URL}/favicon.png"

    @app.get(docs_url, include_in_schema=False)
    def swagger_ui() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=openapi_url,
            title=f"{app.title} — tài liệu API",
            swagger_js_url=f"{ASSETS_URL}/swagger-ui-bundle.js",
            swagger_css_url=f"{ASSETS_URL}/swagger-ui.css",
            swagger_favicon_url=favicon,
            # No validator badge: it would be an image from another host.
            swagger_ui_parameters={"validatorUrl": None, **(app.swagger_ui_parameters or {})},
        )
