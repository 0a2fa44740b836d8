"""Screenshots of the web page for the README: search and dashboard, desktop and phone widths.

Indexes examples/evidence into a temporary index (the folder itself is not changed), serves it
on 127.0.0.1 and photographs it with Debian's headless chromium.

    python docs/make_screenshots.py OUT_DIR

The README shows OUT_DIR/search-desktop.png and dashboard-desktop.png, copied to
docs/screenshot-search.png and docs/screenshot-dashboard.png.
"""

from __future__ import annotations

import sys
import tempfile
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from indexer.build import build_index, resolve_paths  # noqa: E402
from indexer.rubric import load_rubric  # noqa: E402
from search.web import create_app  # noqa: E402
from test_web_e2e import CHROMEDRIVER, CHROMIUM, browser_flags  # noqa: E402

SIZES = {"desktop": (1280, 860, 1, False), "phone": (390, 844, 2, True)}
PAGES = {"search": "/?q=doi+thoai", "dashboard": "/coverage", "upload": "/upload?code=4.6"}


def main(out: Path) -> None:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from waitress import create_server

    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        paths = resolve_paths(REPO / "examples" / "evidence", Path(tmp) / "index")
        rubric = load_rubric(None, paths.root)
        build_index(paths, rubric, workers=0)
        server = create_server(create_app(paths, rubric), host="127.0.0.1", port=0)
        threading.Thread(target=server.run, daemon=True).start()
        base = f"http://127.0.0.1:{server.effective_port}"
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for flag in browser_flags(str(Path(tmp) / "profile")):
            options.add_argument(flag)
        driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
        try:
            for size, (width, height, scale, mobile) in SIZES.items():
                driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                       {"width": width, "height": height, "deviceScaleFactor": scale, "mobile": mobile})  # fmt: skip
                for name, url in PAGES.items():
                    driver.get(base + url)
                    target = out / f"{name}-{size}.png"
                    target.write_bytes(driver.get_screenshot_as_png())
                    print(target)
        finally:
            driver.quit()
            server.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/minhchung-shots"))
