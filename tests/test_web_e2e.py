"""End to end: Debian's headless Chromium against `minhchung serve`'s app under waitress on 127.0.0.1.

Skipped, saying why, when chromium or chromedriver is not installed (CI installs both).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from pathlib import Path

import pytest

from bench.docgen import write_docx, write_pdf
from search.query import close_all

pytestmark = pytest.mark.slow

CHROMIUM = os.environ.get("MINHCHUNG_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("MINHCHUNG_CHROMEDRIVER", "/usr/bin/chromedriver")
WAIT_S = 20


def browser_flags(profile: str) -> list[str]:
    """Chromium flags for a quiet, offline, sandbox-free headless run (also used for screenshots)."""
    return [
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", f"--user-data-dir={profile}", "--lang=vi-VN",
    ]  # fmt: skip


@pytest.fixture(scope="module")
def browser():
    missing = [p for p in (CHROMIUM, CHROMEDRIVER) if not (os.path.isfile(p) and os.access(p, os.X_OK))]
    if missing:
        pytest.skip(f"needs Debian's chromium and chromium-driver packages ({', '.join(missing)} not found)")
    webdriver = pytest.importorskip("selenium.webdriver", reason="needs selenium (pip install -e .[test])")
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="minhchung-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in browser_flags(profile):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_window_size(1200, 900)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def server(root, index_root, rubric, tmp_path):
    """The app over a small indexed folder, served by waitress in a thread on a free port."""
    from waitress import create_server

    from search.web import create_app

    write_docx(root / "Thư xin lỗi ông Tâm.docx", ["THƯ XIN LỖI", "Phường gửi thư xin lỗi ông Nguyễn Văn Tâm vì trả kết quả chậm."])
    write_docx(root / "Giay moi hop.docx", ["Giấy mời họp giao ban tháng 5."])
    write_pdf(root / "TC1.3 Duong day nong.pdf", [["Số điện thoại đường dây nóng: 0225 3 123 456."]])
    paths, _ = index_root(root)
    app = create_app(paths, rubric, index_options={"workers": 0, "ocr": False})
    server = create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}", paths
    server.close()
    thread.join(timeout=5)
    app.extensions["minhchung"]["reindexer"].stop()
    close_all()


def wait_for(driver, condition, message):
    from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
    from selenium.webdriver.support.ui import WebDriverWait

    # The page may be replaced between finding an element and reading it (a form post redirects):
    # selenium says so as a stale element, or Chromium as "Node ... does not belong to the
    # document" (a plain WebDriverException). A condition that keeps failing still times out.
    return WebDriverWait(driver, WAIT_S, ignored_exceptions=(StaleElementReferenceException, WebDriverException)).until(condition, message)


def test_search_as_you_type_without_diacritics(browser, server):
    from selenium.webdriver.common.by import By

    base, _ = server
    browser.get(base + "/")
    box = browser.find_element(By.ID, "q")
    box.send_keys("thu xin loi")  # no Enter: results come as you type

    def first_hit(driver):
        names = driver.find_elements(By.CSS_SELECTOR, "#results .hit-name")
        return names[0].text if names else None

    assert wait_for(browser, first_hit, "no hit appeared while typing") == "Thư xin lỗi ông Tâm.docx"
    marked = [m.text for m in browser.find_elements(By.CSS_SELECTOR, "#results .hit mark")]
    assert {"xin", "lỗi"} <= {m.lower() for m in marked}
    assert "q=thu+xin+loi" in browser.current_url  # the address can be bookmarked or shared


def test_dashboard_shows_46_missing_and_a_confirm_works(browser, server):
    from selenium.webdriver.common.by import By

    base, paths = server
    browser.get(base + "/coverage")
    missing = browser.find_element(By.CSS_SELECTOR, '[id="tc-4.6"]')
    assert "missing" in missing.get_attribute("class").split()
    assert "Chưa có minh chứng" in missing.text
    proven = browser.find_element(By.CSS_SELECTOR, '[id="tc-1.3"]')
    assert "Đã có minh chứng" in proven.text

    browser.find_element(By.CSS_SELECTOR, '[id="tc-2.4"] button[value="confirm"]').click()
    wait_for(browser, lambda d: "Đã xác nhận" in d.find_element(By.TAG_NAME, "main").text, "no confirmation shown")
    assert "Đã có minh chứng" in browser.find_element(By.CSS_SELECTOR, '[id="tc-2.4"]').text
    assert "+\t2.4\t" in paths.tags_file.read_text(encoding="utf-8")


def test_upload_with_the_file_input_becomes_searchable(browser, server, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    base, paths = server
    upload = write_pdf(tmp_path / "Mo hinh sang tao.pdf", [["Quyết định công nhận mô hình Một cửa thân thiện."]])
    browser.get(base + "/upload")
    Select(browser.find_element(By.ID, "upload-code")).select_by_value("4.6")
    browser.find_element(By.ID, "files").send_keys(str(upload))
    browser.find_element(By.ID, "upload-button").click()
    state = wait_for(
        browser,
        lambda d: (el := d.find_elements(By.CSS_SELECTOR, "#upload-results li.state-searchable")) and el[0].text,
        "the uploaded file never became searchable",
    )
    assert "Tieu chi 4/4.6 " in state and "Mo hinh sang tao.pdf" in state
    assert list(Path(paths.root).glob("Tieu chi 4/4.6 */Mo hinh sang tao.pdf"))


@pytest.mark.parametrize("page", ["report", "/coverage", "/"])
def test_pages_fit_a_phone_screen(browser, server, tmp_path, rubric, page):
    from search.coverage import coverage
    from search.report import render_html

    # Reviewers open what a ward sends them on a phone: nothing may be wider than its screen.
    base, paths = server
    if page == "report":
        saved = tmp_path / "bao-cao.html"
        saved.write_text(render_html(coverage(paths, rubric)), encoding="utf-8")
        url = saved.as_uri()
    else:
        url = base + page
    browser.set_window_size(390, 844)
    try:
        browser.get(url)
        width, wide = browser.execute_script(
            "return [window.innerWidth, document.documentElement.scrollWidth]"
        )
    finally:
        browser.set_window_size(1200, 900)
    assert wide <= width, f"{page}: {wide} px wide on a {width} px screen"
