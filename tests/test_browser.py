"""Real-browser test of the chat page: headless Chromium (Debian package) drives `/` and `/embed`.

Needs `apt-get install -y chromium chromium-driver`. Without it the test fails with a clear
message, unless TROLY_SKIP_BROWSER=1 is set (then it is skipped).
Screenshots go to test-artifacts/browser/ at the repository root.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from api.main import create_app
from rag.settings import Settings
from tests.browser_kit import (
    chromium,
    full_page_screenshot,
    js_errors,
    no_horizontal_scroll,
    serve,
    wait,
)

pytestmark = pytest.mark.slow

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "browser"
QUESTION = "Tỷ lệ hồ sơ trực tuyến toàn trình năm 2026 của xã Phú Trung là bao nhiêu?"

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


@pytest.fixture(scope="module")
def base_url(ingested_dir: Path, engine) -> Iterator[str]:
    app = create_app(Settings(data_dir=ingested_dir, rate_limit_per_minute=0), engine=engine)
    with serve(app) as url:
        yield url


@pytest.fixture
def driver(tmp_path: Path):
    with chromium(tmp_path / "chromium-profile") as drv:
        yield drv


def test_ask_stream_answer_and_open_citation(driver, base_url: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select

    driver.get(base_url + "/")
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "vi"
    # The commune selector is filled from /v1/communes.
    wait(driver, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#commune option")) > 1)
    select = Select(driver.find_element(By.ID, "commune"))
    assert select.first_selected_option.text == "Tất cả các xã"
    assert any(o.get_attribute("value") == "Phú Trung" for o in select.options)
    driver.execute_script(STATE_RECORDER)

    box = driver.find_element(By.ID, "question")
    box.click()
    box.send_keys(QUESTION)
    box.send_keys(Keys.ENTER)  # Enter sends

    answer = wait(
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
    wait(driver, lambda d: source.get_attribute("open") is not None)
    quote = source.find_element(By.CSS_SELECTOR, ".source-quote")
    assert quote.is_displayed() and quote.text.strip()
    assert "Phú Trung" in source.find_element(By.CSS_SELECTOR, ".source-meta").text
    # Keyboard: the opened source's summary has the focus.
    assert driver.switch_to.active_element == source.find_element(By.TAG_NAME, "summary")

    # 👍 feedback is accepted.
    answer.find_element(By.CSS_SELECTOR, "button.fb-up").click()
    wait(driver, lambda d: answer.find_element(By.CSS_SELECTOR, ".fb-note").text)
    assert answer.find_element(By.CSS_SELECTOR, ".fb-note").text == "Cảm ơn bạn đã góp ý."

    shot = ARTIFACTS / "answer.png"
    full_page_screenshot(driver, shot)
    assert shot.stat().st_size > 10_000
    print(f"browser screenshot: {shot}")

    # Usable at 360 px: nothing wider than the screen.
    driver.set_window_size(360, 780)
    wait(driver, lambda d: d.execute_script("return window.innerWidth;") <= 360)
    assert no_horizontal_scroll(driver)
    full_page_screenshot(driver, ARTIFACTS / "answer-360.png")
    assert js_errors(driver) == []


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
    error = wait(driver, lambda d: d.find_element(By.CSS_SELECTOR, ".msg-bot[data-state='error']"))
    assert error.text.strip() and error.text.isascii() is False
    # A real question in the compact layout: answered, and the sticky form covers nothing.
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys("Làm sao đăng ký tài khoản định danh điện tử mức 2?", Keys.ENTER)
    wait(driver, lambda d: len(d.find_elements(By.CSS_SELECTOR, ".msg-bot[data-state]")) == 2)
    answer = wait(
        driver,
        lambda d: d.find_element(By.CSS_SELECTOR, ".msg-bot:last-child[data-state='done']"),
    )
    assert answer.find_elements(By.CSS_SELECTOR, "a.cite-ref")
    assert no_horizontal_scroll(driver)
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
    assert js_errors(driver) == []
