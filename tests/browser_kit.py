"""Headless Chromium (Debian package) for the dashboard and accessibility tests.

The same switches as tests/test_browser.py; downloads go to a folder the test chooses.
Without Chromium the tests fail with a hint, unless TROLY_SKIP_BROWSER=1 (then they skip).
"""

from __future__ import annotations

import base64
import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import uvicorn

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
INSTALL_HINT = (
    "Chromium is needed for the browser tests: run `apt-get install -y chromium chromium-driver` "
    "(and `pip install -e .[dev]` for selenium), or set TROLY_SKIP_BROWSER=1 to skip them."
)


def require_browser() -> None:
    if os.environ.get("TROLY_SKIP_BROWSER") == "1":
        pytest.skip("TROLY_SKIP_BROWSER=1")
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.exists()]
    try:
        from selenium import webdriver  # noqa: F401
    except ImportError:
        missing.append("selenium (python package)")
    if missing:
        pytest.fail(f"Missing {', '.join(missing)}. {INSTALL_HINT}", pytrace=False)


@contextmanager
def serve(app) -> Iterator[str]:
    """Run the app with uvicorn on a free local port; yields its base URL."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@contextmanager
def chromium(
    profile: Path, downloads: Path | None = None, extra_args: tuple[str, ...] = ()
) -> Iterator:
    require_browser()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        "--window-size=1280,900",
        "--lang=vi",
        *extra_args,
    ):
        options.add_argument(arg)
    if downloads is not None:
        options.add_experimental_option(
            "prefs",
            {"download.default_directory": str(downloads), "download.prompt_for_download": False},
        )
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    drv = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    drv.set_page_load_timeout(30)
    if downloads is not None:
        drv.execute_cdp_cmd(
            "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)}
        )
    try:
        yield drv
    finally:
        drv.quit()


def wait(drv, condition, timeout: float = 20):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(drv, timeout).until(condition)


def js_errors(drv) -> list[str]:
    return [
        e["message"]
        for e in drv.get_log("browser")
        if e.get("level") == "SEVERE" and "Failed to load resource" not in e["message"]
    ]


def full_page_screenshot(drv, path: Path) -> Path:
    size = drv.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
    clip = {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1}
    shot = drv.execute_cdp_cmd(
        "Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True, "clip": clip}
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(base64.b64decode(shot["data"]))
    return path


def no_horizontal_scroll(drv) -> bool:
    return drv.execute_script(
        "return document.documentElement.scrollWidth <= window.innerWidth + 1;"
    )
