"""Real browser: an official signs in to /admin, sees the seeded week in charts, exports CSV.

Also opens an evaluation's report.html from disk with the network switched off.
Screenshots go to test-artifacts/dashboard/.
"""

from __future__ import annotations

import csv
import io
import time
from pathlib import Path

import pytest

from api.main import create_app
from eval.runner import run_eval, write_outputs
from rag.interactions import InteractionLog
from rag.settings import Settings
from tests.browser_kit import (
    ARTIFACTS,
    chromium,
    full_page_screenshot,
    js_errors,
    no_horizontal_scroll,
    serve,
    wait,
)
from tests.dashboard_seed import seed_week

pytestmark = pytest.mark.slow
KEY = "khoa-can-bo-xa"
SHOTS = ARTIFACTS / "dashboard"


def test_official_signs_in_sees_charts_and_exports_csv(
    tmp_path: Path, ingested_dir: Path, engine
) -> None:
    from selenium.webdriver.common.by import By

    expected = seed_week(tmp_path / "log.sqlite")
    app = create_app(
        Settings(data_dir=ingested_dir, admin_key=KEY, rate_limit_per_minute=0), engine=engine
    )
    app.state.interactions = InteractionLog(tmp_path / "log.sqlite")
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    with serve(app) as base, chromium(tmp_path / "profile", downloads) as drv:
        drv.get(base + "/admin")
        assert drv.find_element(By.TAG_NAME, "h1").text.startswith("Bảng theo dõi")
        key = drv.find_element(By.ID, "key")
        assert key.get_attribute("type") == "password"
        # A wrong key: the form again, a Vietnamese message, no session.
        key.send_keys("sai-khoa")
        drv.find_element(By.CSS_SELECTOR, ".login-form button").click()
        alert = wait(drv, lambda d: d.find_element(By.CSS_SELECTOR, "[role=alert]"))
        assert "Khóa quản trị không đúng" in alert.text
        assert drv.get_cookies() == []
        full_page_screenshot(drv, SHOTS / "admin-login-error.png")
        drv.find_element(By.ID, "key").send_keys(KEY)
        drv.find_element(By.CSS_SELECTOR, ".login-form button").click()
        wait(drv, lambda d: d.find_elements(By.CSS_SELECTOR, "img.chart"))
        assert KEY not in drv.current_url
        cookie = drv.get_cookie("troly_admin")
        assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
        assert drv.execute_script("return document.cookie;") == ""  # not readable by scripts

        # The charts are drawn (decoded SVG images with a size) and carry the seeded numbers.
        charts = drv.find_elements(By.CSS_SELECTOR, "img.chart")
        assert len(charts) == 4
        for chart in charts:
            assert drv.execute_script(
                "return arguments[0].complete && arguments[0].naturalWidth > 100;", chart
            ), chart.get_attribute("alt")
        per_day = drv.find_element(By.CSS_SELECTOR, "#per-day img.chart").get_attribute("alt")
        assert per_day.count("trả lời") == 7
        cards = drv.find_element(By.CSS_SELECTOR, ".cards").text
        assert str(expected["total"]) in cards
        assert "Tài liệu không nêu con số được hỏi" in drv.find_element(By.ID, "refusals").text
        unanswered = drv.find_element(By.ID, "unanswered").text
        assert "camera an ninh" in unanswered and "0912" not in unanswered
        assert "Làm sao đổi giấy phép lái xe" in drv.find_element(By.ID, "howto").text
        full_page_screenshot(drv, SHOTS / "admin-dashboard.png")

        # Filter one commune through the form.
        from selenium.webdriver.support.ui import Select

        Select(drv.find_element(By.ID, "commune")).select_by_value("Giao An")
        drv.find_element(By.CSS_SELECTOR, ".filters button").click()
        wait(drv, lambda d: "commune=Giao+An" in d.current_url)
        assert "camera an ninh" not in drv.find_element(By.ID, "unanswered").text
        drv.back()

        # Export CSV: a real download through the link.
        wait(drv, lambda d: d.find_elements(By.LINK_TEXT, "CSV"))
        drv.find_element(By.LINK_TEXT, "CSV").click()
        deadline = time.monotonic() + 20
        files: list[Path] = []
        while time.monotonic() < deadline:
            files = [p for p in downloads.glob("*.csv")]
            if files and not list(downloads.glob("*.crdownload")):
                break
            time.sleep(0.2)
        assert files, "no CSV downloaded"
        rows = list(csv.reader(io.StringIO(files[0].read_text(encoding="utf-8-sig"))))
        summary = {r[1]: r[2] for r in rows if r[0] == "summary"}
        assert summary["Tổng số câu hỏi"] == str(expected["total"])
        assert summary["Từ chối"] == str(expected["refused"])

        # Usable at 360 px.
        drv.set_window_size(360, 780)
        wait(drv, lambda d: d.execute_script("return window.innerWidth;") <= 360)
        assert no_horizontal_scroll(drv)
        full_page_screenshot(drv, SHOTS / "admin-dashboard-360.png")
        assert js_errors(drv) == []


def test_eval_report_opens_offline_with_charts(tmp_path: Path, engine) -> None:
    from selenium.webdriver.common.by import By

    items = [
        {
            "id": "r1",
            "category": "howto",
            "question": "Làm sao đăng ký tài khoản định danh điện tử mức 2?",
            "expect_facts": ["VNeID"],
            "expect_guide": "vneid-muc-2",
        },
        {
            "id": "r2",
            "category": "refusal",
            "question": "Xã Phú Trung có bao nhiêu con mèo?",
            "expect_refusal": True,
        },
    ]
    write_outputs(run_eval(engine, items), tmp_path / "out")
    report = tmp_path / "out" / "report.html"
    with chromium(tmp_path / "profile") as drv:
        drv.execute_cdp_cmd("Network.enable", {})
        drv.execute_cdp_cmd(
            "Network.emulateNetworkConditions",
            {"offline": True, "latency": 0, "downloadThroughput": 0, "uploadThroughput": 0},
        )
        drv.get(report.as_uri())
        svgs = drv.find_elements(By.CSS_SELECTOR, "svg")
        assert len(svgs) >= 2
        for svg in svgs:
            assert svg.size["width"] > 100 and svg.size["height"] > 50
        resources = drv.execute_script(
            "return performance.getEntriesByType('resource').map(e => e.name);"
        )
        assert resources == []
        full_page_screenshot(drv, SHOTS / "eval-report.png")
