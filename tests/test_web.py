"""The web chat page: served by the app, Vietnamese, self-contained (no asset from another host)."""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from api.routes.web import STATIC_DIR
from rag.settings import Settings

PAGES = ["/", "/embed"]
# The ids app.js looks up; both pages must carry all of them.
REQUIRED_IDS = {"ask-form", "question", "commune", "log", "status", "send", "examples"}
EXTERNAL_URL = re.compile(r"(?i)(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}|@import|https?://")


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(html: str) -> _Collector:
    collector = _Collector()
    collector.feed(html)
    return collector


@pytest.fixture(scope="module")
def client(ingested_dir: Path, engine) -> TestClient:
    return TestClient(create_app(Settings(data_dir=ingested_dir), engine=engine))


@pytest.mark.parametrize("path", PAGES)
def test_page_is_vietnamese_html(client: TestClient, path: str) -> None:
    resp = client.get(path)
    assert resp.status_code == 200
    assert resp.headers["content-type"].startswith("text/html")
    assert '<html lang="vi">' in resp.text
    assert unicodedata.is_normalized("NFC", resp.text)
    page = _parse(resp.text)
    ids = {attrs.get("id") for _, attrs in page.tags}
    assert REQUIRED_IDS <= ids
    # Every form control has a visible label.
    labelled = {attrs.get("for") for tag, attrs in page.tags if tag == "label"}
    assert {"question", "commune"} <= labelled
    options = [attrs for tag, attrs in page.tags if tag == "option"]
    assert options and options[0].get("value") == ""
    assert "Tất cả các xã" in resp.text
    examples = [
        attrs
        for tag, attrs in page.tags
        if tag == "button" and "example" in (attrs.get("class") or "").split()
    ]
    assert 4 <= len(examples) <= 6
    assert 'aria-live="polite"' in resp.text


def test_full_page_not_frameable_elsewhere_embed_is(client: TestClient) -> None:
    full = client.get("/")
    assert full.headers["x-frame-options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in full.headers["content-security-policy"]
    embed = client.get("/embed")
    assert "x-frame-options" not in embed.headers
    assert "frame-ancestors *" in embed.headers["content-security-policy"]
    assert 'class="embed"' in embed.text
    for resp in (full, embed):
        csp = resp.headers["content-security-policy"]
        assert "default-src 'self'" in csp and "script-src 'self'" in csp


@pytest.mark.parametrize("path", PAGES)
def test_every_referenced_asset_is_local_and_served(client: TestClient, path: str) -> None:
    page = _parse(client.get(path).text)
    refs = [
        attrs.get("src") or attrs.get("href")
        for tag, attrs in page.tags
        if tag in {"script", "link", "img"}
    ]
    assert "/static/app.js" in refs and "/static/app.css" in refs
    for ref in refs:
        if ref == "data:,":  # the empty favicon: no request at all
            continue
        assert ref and ref.startswith("/static/"), ref
        asset = client.get(ref)
        assert asset.status_code == 200, ref
    assert client.get("/static/app.js").headers["content-type"].startswith("text/javascript")
    assert client.get("/static/app.css").headers["content-type"].startswith("text/css")


def test_no_asset_names_another_host() -> None:
    files = sorted(p for p in STATIC_DIR.iterdir() if p.is_file())
    assert {p.name for p in files} >= {"index.html", "embed.html", "app.js", "app.css"}
    for path in files:
        text = path.read_text(encoding="utf-8")
        hits = EXTERNAL_URL.findall(text)
        assert not hits, f"{path.name} refers to another host: {hits}"
        assert "@font-face" not in text


def test_script_never_renders_text_as_html() -> None:
    js = (STATIC_DIR / "app.js").read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in js, sink
    # The page talks to the documented API routes.
    for route in ("/v1/ask/stream", "/v1/ask", "/v1/communes", "/v1/feedback"):
        assert f'"{route}"' in js


def test_readable_type() -> None:
    css = (STATIC_DIR / "app.css").read_text(encoding="utf-8")
    body = re.search(r"\nbody \{(.*?)\}", css, re.S)
    assert body is not None
    size = re.search(r"font-size:\s*([\d.]+)rem", body.group(1))
    assert size is not None and float(size.group(1)) * 16 >= 16
    # No text is set below 14px anywhere.
    for value in re.findall(r"font-size:\s*([\d.]+)rem", css):
        assert float(value) * 16 >= 14, value
    for value in re.findall(r"font-size:\s*([\d.]+)px", css):
        assert float(value) >= 14, value


@pytest.mark.parametrize(
    "path",
    [
        "/static/missing.js",
        "/static/.secret",
        "/static/..%2Fmain.py",
        "/static/%2e%2e%2froutes%2fweb.py",
        "/static/web.py",
    ],
)
def test_static_outside_whitelist_is_404_json(client: TestClient, path: str) -> None:
    resp = client.get(path)
    assert resp.status_code == 404
    body = resp.json()
    assert body["error"]["code"] == "http_404"
    assert body["error"]["message"].startswith("Không tìm thấy")


def test_pages_are_not_in_the_api_schema(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert "/" not in paths and "/embed" not in paths
    assert not any(p.startswith("/static") for p in paths)
