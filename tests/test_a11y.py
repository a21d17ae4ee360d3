"""Accessibility: axe-core (npm, tests/a11y) in headless Chromium finds no serious or critical issue.

Pages: /, /embed (also with an answer on screen), /guides, one guide page, /admin (the login
form and the signed-in dashboard). Needs `npm ci --prefix tests/a11y` (done by .ci/run).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from api.main import create_app
from api.routes.guides import load_guides
from rag.interactions import InteractionLog
from rag.settings import Settings
from tests.browser_kit import ARTIFACTS, ROOT, chromium, full_page_screenshot, serve, wait
from tests.dashboard_seed import seed_week

pytestmark = pytest.mark.slow
AXE = ROOT / "tests" / "a11y" / "node_modules" / "axe-core" / "axe.min.js"
KEY = "khoa-kiem-tra-tiep-can"
SHOTS = ARTIFACTS / "a11y"
BLOCKING = {"serious", "critical"}
RUN_AXE = """
const done = arguments[arguments.length - 1];
axe.run(document, {resultTypes: ['violations']})
  .then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' + n.failureSummary)}))))
  .catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]));
"""


def _axe_source() -> str:
    if not AXE.is_file():
        pytest.fail(
            f"axe-core is not installed ({AXE}): run `npm ci --prefix tests/a11y`.", pytrace=False
        )
    return AXE.read_text(encoding="utf-8")


def _violations(drv, source: str, name: str) -> list[dict]:
    drv.execute_script(source)
    drv.set_script_timeout(60)
    found = drv.execute_async_script(RUN_AXE)
    full_page_screenshot(drv, SHOTS / f"{name}.png")
    print(f"axe {name}: " + (", ".join(f"{v['id']} ({v['impact']})" for v in found) or "none"))
    return [v for v in found if v["impact"] in BLOCKING]


def test_pages_have_no_serious_or_critical_axe_violations(
    tmp_path: Path, ingested_dir: Path, engine
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    source = _axe_source()
    seed_week(tmp_path / "log.sqlite")
    app = create_app(
        Settings(data_dir=ingested_dir, admin_key=KEY, rate_limit_per_minute=0), engine=engine
    )
    app.state.interactions = InteractionLog(tmp_path / "log.sqlite")
    slug = next(iter(load_guides(engine)))
    report: dict[str, list[dict]] = {}
    with serve(app) as base, chromium(tmp_path / "profile") as drv:
        for name, path in (
            ("home", "/"),
            ("embed", "/embed"),
            ("guides", "/guides"),
            ("guide", f"/guides/{slug}"),
            ("admin-login", "/admin"),
        ):
            drv.get(base + path)
            report[name] = _violations(drv, source, name)

        # The chat with an answer, its sources, feedback and print buttons on screen.
        drv.get(base + "/")
        wait(drv, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#commune option")) > 1)
        box = drv.find_element(By.ID, "question")
        box.send_keys("Làm sao đăng ký tài khoản định danh điện tử mức 2?", Keys.ENTER)
        wait(drv, lambda d: d.find_element(By.CSS_SELECTOR, ".msg-bot[data-state='done']"), 60)
        report["home-answer"] = _violations(drv, source, "home-answer")

        drv.get(base + "/admin")
        drv.find_element(By.ID, "key").send_keys(KEY, Keys.ENTER)
        wait(drv, lambda d: d.find_elements(By.CSS_SELECTOR, "img.chart"))
        report["admin-dashboard"] = _violations(drv, source, "admin-dashboard")
    bad = {page: found for page, found in report.items() if found}
    assert not bad, json.dumps(bad, ensure_ascii=False, indent=1)


def test_chat_page_controls_for_older_citizens(tmp_path: Path, ingested_dir: Path, engine) -> None:
    """Text size buttons, a live answer region, labelled emoji buttons, commune search, print."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select

    app = create_app(Settings(data_dir=ingested_dir, rate_limit_per_minute=0), engine=engine)
    with serve(app) as base, chromium(tmp_path / "profile") as drv:
        drv.get(base + "/")
        size = "return parseFloat(getComputedStyle(document.documentElement).fontSize);"
        before = drv.execute_script(size)
        drv.find_element(By.ID, "font-up").click()
        bigger = drv.execute_script(size)
        assert bigger > before
        drv.refresh()  # remembered
        assert drv.execute_script(size) == bigger
        drv.find_element(By.ID, "font-down").click()
        assert drv.execute_script(size) == before
        assert drv.find_element(By.ID, "log").get_attribute("aria-live") == "polite"
        # Every control is reachable with the Tab key alone.
        reached = set()
        body = drv.find_element(By.TAG_NAME, "body")
        body.click()
        for _ in range(20):
            drv.switch_to.active_element.send_keys(Keys.TAB)
            reached.add(drv.switch_to.active_element.get_attribute("id"))
        assert {"font-up", "commune-search", "commune", "question", "send"} <= reached, reached

        # Commune search against the paged /v1/communes (typed without diacritics).
        search = drv.find_element(By.ID, "commune-search")
        search.send_keys("phu trung")
        chosen = "return document.getElementById('commune').value;"
        wait(drv, lambda d: d.execute_script(chosen) == "Phú Trung")
        assert Select(drv.find_element(By.ID, "commune")).first_selected_option.text.startswith(
            "Phú Trung"
        )
        assert "Phú Trung" in drv.find_element(By.ID, "commune-hint").text

        box = drv.find_element(By.ID, "question")
        box.send_keys("Tỷ lệ hồ sơ trực tuyến toàn trình năm 2026 là bao nhiêu?", Keys.ENTER)
        answer = wait(
            drv, lambda d: d.find_element(By.CSS_SELECTOR, ".msg-bot[data-state='done']"), 60
        )
        assert "Phú Trung" in answer.text
        for button in answer.find_elements(By.TAG_NAME, "button"):
            label = (button.get_attribute("aria-label") or button.text).strip()
            assert any(ch.isalpha() for ch in label), button.get_attribute("outerHTML")
        printer = answer.find_element(By.CSS_SELECTOR, "button.print-btn")
        assert printer.text.endswith("In / lưu PDF")
        # Print: stub window.print and look at what the print style sheet keeps.
        drv.execute_script(
            "window.__printed = null; window.print = function () {"
            " window.__printed = Array.from(document.querySelectorAll('.msg'))"
            "   .filter(m => getComputedStyle(m).display !== 'none').length;"
            " window.__open = document.querySelectorAll('.print-target details[open]').length; };"
        )
        drv.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        drv.execute_script("arguments[0].click();", printer)  # hidden in print media itself
        assert drv.execute_script("return window.__printed;") == 2  # the question and its answer
        assert drv.execute_script("return window.__open;") >= 1  # sources opened
        full_page_screenshot(drv, SHOTS / "answer-print.png")
        drv.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
