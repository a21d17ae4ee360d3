"""No page of the site loads anything from another host: a commune server is often offline.

Every HTML page the app serves (found from the app's own routes, plus one guide page) and every
stylesheet they link is scanned for http(s) URLs in src/href/srcset/action/poster attributes and
in CSS url(); only this server's own origin is allowed. FastAPI's default /docs (Swagger UI from a
CDN) fails this test; api.docs_pages serves it from local files.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from rag.settings import Settings

BASE = "http://testserver"
_URL_ATTRS = {"src", "href", "srcset", "action", "poster", "data", "formaction"}
_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)|@import\s+['\"]([^'\"]+)['\"]")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if not value:
                continue
            if name in _URL_ATTRS:
                parts = value.split(",") if name == "srcset" else [value]
                self.urls.extend(p.strip().split(" ")[0] for p in parts if p.strip())
            elif name == "style":
                self.styles.append(value)
        self._in_style = tag == "style"

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False


def _css_urls(css: str) -> list[str]:
    return [a or b for a, b in _CSS_URL.findall(css)]


def external(urls: list[str], page: str) -> list[str]:
    """URLs (resolved against the page) that point at another host."""
    out = []
    for url in urls:
        full = urljoin(BASE + page, url)
        parts = urlsplit(full)
        if parts.scheme in ("http", "https", "") and parts.netloc not in ("", "testserver"):
            out.append(url)
        elif url.startswith("//"):
            out.append(url)
    return out


def _walk(routes):
    """Routes, including those of included routers (FastAPI keeps them nested)."""
    for route in routes:
        inner = getattr(route, "original_router", None)
        if inner is not None:
            yield from _walk(inner.routes)
        else:
            yield route


def html_pages(app) -> list[str]:
    """GET routes without path parameters outside the JSON API (/v1); non-HTML ones are skipped
    when fetched."""
    pages = []
    for route in _walk(app.routes):
        path = getattr(route, "path", "")
        methods = getattr(route, "methods", None) or set()
        if "GET" not in methods or "{" in path or path.startswith("/v1/"):
            continue
        pages.append(path)
    return pages


@pytest.fixture(scope="module")
def client(ingested_dir: Path, engine) -> TestClient:
    return TestClient(create_app(Settings(data_dir=ingested_dir), engine=engine))


def test_every_html_page_and_its_stylesheets_use_only_this_server(client: TestClient) -> None:
    pages = html_pages(client.app)
    assert {"/", "/embed", "/guides", "/docs"} <= set(pages), pages
    assert client.get("/redoc").status_code == 404  # not offered: it loads a logo from a CDN
    guide = client.get("/v1/guides").json()["items"][0]["url"]
    pages.append(guide)
    found: dict[str, list[str]] = {}
    scanned = 0
    for page in pages:
        resp = client.get(page)
        if "text/html" not in resp.headers.get("content-type", ""):
            continue
        assert resp.status_code == 200, page
        scanned += 1
        parser = _Links()
        parser.feed(resp.text)
        urls = parser.urls + [u for s in parser.styles for u in _css_urls(s)]
        for url in list(parser.urls):  # the page's own stylesheets
            if url.endswith(".css") and not external([url], page):
                css = client.get(urljoin(page, url))
                assert css.status_code == 200, url
                urls += _css_urls(css.text)
        bad = external(urls, page)
        if bad:
            found[page] = bad
    assert scanned >= 5
    assert found == {}, f"pages that load from another host: {found}"


def test_docs_assets_are_served_locally(client: TestClient) -> None:
    html = client.get("/docs").text
    for asset in re.findall(r"(/docs-assets/[\w.-]+)", html):
        assert client.get(asset).status_code == 200, asset
    assert "validatorUrl" in html  # no validator badge image from another host


def test_the_scanner_catches_a_cdn_link() -> None:
    parser = _Links()
    parser.feed(
        '<link href="https://cdn.example.org/x.css"><img srcset="/a.png 1x, //cdn.x/b.png 2x">'
        "<div style=\"background:url('http://img.example.org/a.png')\"></div>"
    )
    urls = parser.urls + [u for s in parser.styles for u in _css_urls(s)]
    assert len(external(urls, "/")) == 3
