"""How-to guides over HTTP: JSON list/detail, the printable page, escaping, links from answers."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from rag.engine import Engine
from rag.ingest import Ingestor
from rag.settings import Settings

ASSET_URL = re.compile(r"(?i)(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}|@import")


class _Page(HTMLParser):
    """Tags with attributes, and the text inside each <ol> item."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.ol_items: list[str] = []
        self._in_ol = 0
        self._li: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "ol":
            self._in_ol += 1
        elif tag == "li" and self._in_ol:
            self._li = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "ol":
            self._in_ol -= 1
        elif tag == "li" and self._li is not None:
            self.ol_items.append(" ".join("".join(self._li).split()))
            self._li = None

    def handle_data(self, data: str) -> None:
        if self._li is not None:
            self._li.append(data)


def _parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


@pytest.fixture(scope="module")
def client(ingested_dir: Path, engine: Engine) -> TestClient:
    return TestClient(create_app(Settings(data_dir=ingested_dir), engine=engine))


def test_list_has_every_bundled_guide_with_review_date_and_link(client: TestClient) -> None:
    resp = client.get("/v1/guides")
    assert resp.status_code == 200
    items = resp.json()["items"]
    bundled = sorted(p.stem for p in (Path(__file__).parent.parent / "corpus/guides").glob("*.md"))
    assert len(items) >= 10
    assert sorted(i["slug"] for i in items) == bundled
    for item in items:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", item["last_reviewed"]), item
        assert item["url"] == f"/guides/{item['slug']}"
        assert item["title"] and item["sources"] and item["caveats"] and item["audience"]
        assert all(isinstance(x, str) for x in item["audience"] + item["sources"])


def test_detail_has_sections_in_order_and_numbered_steps(client: TestClient) -> None:
    resp = client.get("/v1/guides/vneid-muc-2")
    assert resp.status_code == 200
    guide = resp.json()
    assert guide["slug"] == "vneid-muc-2" and guide["url"] == "/guides/vneid-muc-2"
    assert "mức 2" in guide["title"]
    assert guide["audience"] == ["công dân"] and guide["last_reviewed"] == "2026-11-23"
    titles = [s["title"] for s in guide["sections"]]
    assert titles.index("Cần chuẩn bị") < titles.index("Các bước thực hiện")
    assert titles.index("Các bước thực hiện") < titles.index("Lỗi thường gặp và cách xử lý")
    steps_section = guide["sections"][titles.index("Các bước thực hiện")]
    assert len(guide["steps"]) == len(steps_section["lines"]) == 9
    for n, (step, line) in enumerate(zip(guide["steps"], steps_section["lines"], strict=True)):
        assert line == f"{n + 1}. {step}"
    assert guide["steps"][0].startswith("Mang thẻ căn cước")
    assert "Công an xã" in guide["steps"][0]


@pytest.mark.parametrize("slug", ["khong-co-huong-dan-nay", "VNeID-muc-2", "vneid_muc_2", "-x-"])
def test_unknown_or_malformed_slug_is_a_vietnamese_404(client: TestClient, slug: str) -> None:
    resp = client.get(f"/v1/guides/{slug}")
    assert resp.status_code == 404
    error = resp.json()["error"]
    assert error["code"] == "unknown_guide" and "Không tìm thấy hướng dẫn" in error["message"]
    page = client.get(f"/guides/{slug}")
    assert page.status_code == 404
    assert page.headers["content-type"].startswith("text/html")
    assert '<html lang="vi">' in page.text and "Không tìm thấy hướng dẫn" in page.text
    assert 'href="/guides"' in page.text


def test_printable_page_is_large_vietnamese_html_with_ordered_steps(client: TestClient) -> None:
    detail = client.get("/v1/guides/vneid-muc-2").json()
    resp = client.get("/guides/vneid-muc-2")
    assert resp.status_code == 200
    assert resp.headers["content-type"].startswith("text/html")
    assert '<html lang="vi"' in resp.text
    assert detail["title"] in resp.text
    page = _parse(resp.text)
    assert page.ol_items == detail["steps"]
    h2 = re.findall(r"<h2>(.*?)</h2>", resp.text)
    assert "Cần chuẩn bị" in h2 and "Lỗi thường gặp và cách xử lý" in h2
    assert "Lưu ý" in h2 and "Nguồn" in h2
    assert detail["caveats"][0] in resp.text and detail["sources"][0] in resp.text
    assert "Cập nhật lần cuối: 2026-11-23" in resp.text
    # Security headers as on the chat page; no inline script, no asset from another host.
    assert resp.headers["x-content-type-options"] == "nosniff"
    assert "default-src 'self'" in resp.headers["content-security-policy"]
    assert "frame-ancestors 'self'" in resp.headers["content-security-policy"]
    assert not any(tag == "script" and not attrs.get("src") for tag, attrs in page.tags)
    assert not any(tag == "style" for tag, _ in page.tags)
    assert not ASSET_URL.search(resp.text.replace("dichvucong.gov.vn", ""))
    assets = [a.get("src") or a.get("href") for t, a in page.tags if t in ("script", "link")]
    assert "/static/guide.css" in assets and "/static/guide.js" in assets
    for asset in ("/static/guide.css", "/static/guide.js"):
        assert client.get(asset).status_code == 200
    css = client.get("/static/guide.css").text
    size = int(re.search(r"body\s*\{[^}]*font-size:\s*(\d+)px", css).group(1))
    assert size >= 20 and "@media print" in css and not ASSET_URL.search(css)
    assert 'id="print-guide"' in resp.text and "print-guide" in client.get("/static/guide.js").text


def test_index_page_links_every_guide(client: TestClient) -> None:
    items = client.get("/v1/guides").json()["items"]
    resp = client.get("/guides")
    assert resp.status_code == 200 and '<html lang="vi"' in resp.text
    links = {a.get("href") for t, a in _parse(resp.text).tags if t == "a"}
    assert {i["url"] for i in items} <= links
    for item in items:
        assert client.get(item["url"]).status_code == 200


@pytest.mark.parametrize(
    "question",
    [
        "Làm sao kích hoạt tài khoản định danh điện tử mức 2?",
        "lam sao dang nhap dich vu cong bang vneid",
    ],
)
def test_guide_link_in_a_howto_answer_resolves(client: TestClient, question: str) -> None:
    resp = client.post("/v1/ask", json={"question": question})
    assert resp.status_code == 200
    links = re.findall(r"\((/guides/[a-z0-9-]+)\)", resp.json()["answer"])
    assert links, resp.json()["answer"]
    page = client.get(links[0])
    assert page.status_code == 200 and "Cập nhật lần cuối" in page.text


EVIL_GUIDE = """---
doc_id: guide-thu-escape
title: "Thử <script>alert('t')</script> & <b>đậm</b>"
slug: thu-escape
audience: ["công dân <i>x</i>"]
last_reviewed: 2026-01-02
sources: ["Nguồn <img src=x onerror=alert(1)> & Bộ"]
caveats: "Lưu ý <script>bad()</script> & \\"trích\\""
---
# Thử

Giới thiệu <script>intro()</script> & mở đầu.

## Các bước thực hiện
1. Bước một &amp;lt;script&amp;gt; & tiếp theo.
2. Bước hai: a & b < c.
"""


def test_page_escapes_every_piece_of_guide_text(tmp_path: Path, fake_embedder) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "guides").mkdir(parents=True)
    (corpus / "guides" / "thu-escape.md").write_text(EVIL_GUIDE, encoding="utf-8")
    data = tmp_path / "data"
    report = Ingestor(Settings(data_dir=data, corpus_dir=corpus), embedder=fake_embedder).run(
        progress=False
    )
    assert report.added == ["guide-thu-escape"]
    engine = Engine(Settings(data_dir=data), embedder=fake_embedder)
    client = TestClient(create_app(Settings(data_dir=data), engine=engine))

    guide = client.get("/v1/guides/thu-escape").json()
    assert guide["title"] == "Thử <script>alert('t')</script> & <b>đậm</b>"
    resp = client.get("/guides/thu-escape")
    assert resp.status_code == 200
    html = resp.text
    assert "&lt;script&gt;alert(&#x27;t&#x27;)&lt;/script&gt; &amp; &lt;b&gt;đậm&lt;/b&gt;" in html
    assert "&lt;script&gt;intro()&lt;/script&gt; &amp; mở đầu." in html
    assert "Lưu ý &lt;script&gt;bad()&lt;/script&gt; &amp; &quot;trích&quot;" in html
    assert "Nguồn &lt;img src=x onerror=alert(1)&gt; &amp; Bộ" in html
    assert "công dân &lt;i&gt;x&lt;/i&gt;" in html
    assert "Bước hai: a &amp; b &lt; c." in html
    # Only the page's own tags: one external script, no corpus markup survived.
    tags = [t for t, _ in _parse(html).tags]
    assert tags.count("script") == 1 and "img" not in tags and "b" not in tags and "i" not in tags
    assert "<script>" not in html and "<img" not in html
    index = client.get("/guides").text
    assert "&lt;script&gt;" in index and "<script>alert" not in index
