"""/docs renders in headless Chromium with the network off (only this server reachable).

Chromium resolves every host name except 127.0.0.1 to "not found" (--host-resolver-rules), so a
page that needs a CDN stays blank. Checks the handling in api.docs_pages (local Swagger UI/ReDoc).
Needs the Debian chromium + chromium-driver packages, like tests/test_browser.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser_kit import chromium, wait
from tests.test_browser import base_url as base_url  # noqa: F401 - the same local server fixture

pytestmark = pytest.mark.slow

# The network is off: no name resolves, only the local test server answers.
OFFLINE = ("--no-proxy-server", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1")


@pytest.fixture
def offline_driver(tmp_path: Path) -> Iterator[object]:
    with chromium(tmp_path / "chromium-profile", extra_args=OFFLINE) as drv:
        yield drv


def _resources(drv) -> list[str]:
    return drv.execute_script("return performance.getEntriesByType('resource').map(e => e.name);")


def test_docs_render_offline(offline_driver, base_url: str) -> None:  # noqa: F811
    from selenium.webdriver.common.by import By

    drv = offline_driver
    drv.get(base_url + "/docs")
    # Swagger UI drew the API: the title and the operations of the question endpoint.
    wait(drv, lambda d: d.find_elements(By.CSS_SELECTOR, ".opblock"), timeout=30)
    assert "Trợ lý ảo" in drv.find_element(By.CSS_SELECTOR, ".info .title").text
    paths = [e.text for e in drv.find_elements(By.CSS_SELECTOR, ".opblock-summary-path")]
    assert any("/v1/ask" in p for p in paths), paths
    assert all(r.startswith(base_url) for r in _resources(drv)), _resources(drv)
