"""Real-browser test of the chat page: headless Chromium (Debian package) drives `/` and `/embed`.

Needs `apt-get install -y chromium chromium-driver`. Without it the test fails with a clear
message, unless TROLY_SKIP_BROWSER=1 is set (then it is skipped).
Screenshots go to test-artifacts/browser/ at the repository root.
"""

from __future__ import annotations

import base64
import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from api.main import create_app
from rag.settings import Settings

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "browser"
QUESTION = "Tỷ lệ hồ sơ trực tuyến toàn trình năm 2026 của xã Phú Trung là bao nhiêu?"
INSTALL_HINT = (
    "Chromium is needed for the browser test: run `apt-get install -y chromium chromium-driver` "
    "(and `pip install -e .[dev]` for selenium), or set TROLY_SKIP_BROWSER=1 to skip it."
)

# Records every data-state the answer bubbles go through, so the test can see streaming happen.
STATE_RECORDER = """
window.__states = [];
new MutationObserver(function (records) {
  records.forEach(function (r) {
    if (r.attributeName === 'data-state') window.__states.push(r.target.dataset.state);
    r.addedNodes.forEach(function (n) {
      if (n.dataset && n.dataset.state) window.__states.push(n.dataset.state);
    });
  });
}).observe(document.getElementById('log'),
  {subtree: true, childList: true, attributes: true, attributeFilter: ['data-state']});
"""


def _require_browser():
    if os.environ.get("TROLY_SKIP_BROWSER") == "1":
        pytest.skip("TROLY_SKIP_BROWSER=1")
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.exists()]
    try:
        from selenium import webdriver  # noqa: F401
    except ImportError:
        missing.append("selenium (python package)")
    if missing:
        pytest.fail(f"Missing {', '.join(missing)}. {INSTALL_HINT}", pytrace=False)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def base_url(ingested_dir: Path, engine) -> Iterator[str]:
    app = create_app(Settings(data_dir=ingested_dir, rate_limit_per_minute=0), engine=engine)
    port = _free_port()
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
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def driver(tmp_path: Path):
    _require_browser()
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
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
        "--window-size=1280,900",
        "--lang=vi",
    ):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    drv = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    drv.set_page_load_timeout(30)
    try:
        yield drv
    finally:
        drv.quit()


def _wait(drv, condition, timeout: float = 20):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(drv, timeout).until(condition)


def _js_errors(drv) -> list[str]:
    """Script errors (an HTTP error status the page handles is logged too: not counted)."""
    return [
        e["message"]
        for e in drv.get_log("browser")
        if e.get("level") == "SEVERE" and "Failed to load resource" not in e["message"]
    ]


def _full_page_screenshot(drv, path: Path) -> None:
    """The whole page, not only the viewport (Chromium DevTools protocol)."""
    size = drv.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
    clip = {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1}
    shot = drv.execute_cdp_cmd(
        "Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True, "clip": clip}
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(base64.b64decode(shot["data"]))


def _no_horizontal_scroll(drv) -> bool:
    return drv.execute_script(
        "return document.documentElement.scrollWidth <= window.innerWidth + 1;"
    )


def test_ask_stream_answer_and_open_citation(driver, base_url: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select

    driver.get(base_url + "/")
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "vi"
    # The commune selector is filled from /v1/communes.
    _wait(driver, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#commune option")) > 1)
    select = Select(driver.find_element(By.ID, "commune"))
    assert select.first_selected_option.text == "Tất cả các xã"
    assert any(o.get_attribute("value") == "Phú Trung" for o in select.options)
    driver.execute_script(STATE_RECORDER)

    box = driver.find_element(By.ID, "question")
    box.click()
    box.send_keys(QUESTION)
    box.send_keys(Keys.ENTER)  # Enter sends

    answer = _wait(
        driver,
        lambda d: d.find_element(By.CSS_SELECTOR, ".msg-bot[data-state='done'], .msg-bot.error"),
    )
    assert answer.get_attribute("data-state") == "done", answer.text
    text = answer.find_element(By.CSS_SELECTOR, ".answer-text").text
    assert "Phú Trung" in text
    assert box.get_attribute("value") == ""
    # The answer arrived in pieces over /v1/ask/stream.
    states = driver.execute_script("return window.__states;")
    assert "streaming" in states, states
    resources = driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name);"
    )
    assert any(r.endswith("/v1/ask/stream") for r in resources), resources
    assert all(r.startswith(base_url) for r in resources), resources  # nothing from another host

    # A numbered citation link opens the quoted passage.
    link = answer.find_element(By.CSS_SELECTOR, "a.cite-ref")
    assert link.text == "[1]"
    source = answer.find_element(By.CSS_SELECTOR, "details.source")
    assert source.get_attribute("open") is None
    link.click()
    _wait(driver, lambda d: source.get_attribute("open") is not None)
    quote = source.find_element(By.CSS_SELECTOR, ".source-quote")
    assert quote.is_displayed() and quote.text.strip()
    assert "Phú Trung" in source.find_element(By.CSS_SELECTOR, ".source-meta").text
    # Keyboard: the opened source's summary has the focus.
    assert driver.switch_to.active_element == source.find_element(By.TAG_NAME, "summary")

    # 👍 feedback is accepted.
    answer.find_element(By.CSS_SELECTOR, "button.fb-up").click()
    _wait(driver, lambda d: answer.find_element(By.CSS_SELECTOR, ".fb-note").text)
    assert answer.find_element(By.CSS_SELECTOR, ".fb-note").text == "Cảm ơn bạn đã góp ý."

    shot = ARTIFACTS / "answer.png"
    _full_page_screenshot(driver, shot)
    assert shot.stat().st_size > 10_000
    print(f"browser screenshot: {shot}")

    # Usable at 360 px: nothing wider than the screen.
    driver.set_window_size(360, 780)
    _wait(driver, lambda d: d.execute_script("return window.innerWidth;") <= 360)
    assert _no_horizontal_scroll(driver)
    _full_page_screenshot(driver, ARTIFACTS / "answer-360.png")
    assert _js_errors(driver) == []


def test_bad_input_gets_vietnamese_message_and_embed_fits_360(driver, base_url: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    driver.set_window_size(360, 640)
    driver.get(base_url + "/embed")
    assert "embed" in driver.find_element(By.TAG_NAME, "body").get_attribute("class")
    box = driver.find_element(By.ID, "question")
    # Empty question: not sent, a Vietnamese hint instead.
    box.send_keys(Keys.ENTER)
    assert driver.find_element(By.ID, "status").text == "Vui lòng nhập câu hỏi."
    assert driver.find_elements(By.CSS_SELECTOR, ".msg") == []
    # Shift+Enter makes a new line instead of sending.
    box.send_keys("dòng một")
    box.send_keys(Keys.SHIFT, Keys.ENTER)
    box.send_keys("dòng hai")
    assert box.get_attribute("value") == "dòng một\ndòng hai"
    assert driver.find_elements(By.CSS_SELECTOR, ".msg") == []
    # A question the server rejects (only control characters): its Vietnamese message is shown.
    driver.execute_script("document.getElementById('question').value = '\\u0000';")
    driver.find_element(By.ID, "send").click()
    error = _wait(driver, lambda d: d.find_element(By.CSS_SELECTOR, ".msg-bot[data-state='error']"))
    assert error.text.strip() and error.text.isascii() is False
    # A real question in the compact layout: answered, and the sticky form covers nothing.
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys("Làm sao đăng ký tài khoản định danh điện tử mức 2?", Keys.ENTER)
    _wait(driver, lambda d: len(d.find_elements(By.CSS_SELECTOR, ".msg-bot[data-state]")) == 2)
    answer = _wait(
        driver,
        lambda d: d.find_element(By.CSS_SELECTOR, ".msg-bot:last-child[data-state='done']"),
    )
    assert answer.find_elements(By.CSS_SELECTOR, "a.cite-ref")
    assert _no_horizontal_scroll(driver)
    send = driver.find_element(By.ID, "send")
    on_top = driver.execute_script(
        "const r = arguments[0].getBoundingClientRect();"
        "return document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2)"
        " === arguments[0];",
        send,
    )
    assert on_top, "something covers the send button"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(ARTIFACTS / "embed-360.png"))
    assert _js_errors(driver) == []
