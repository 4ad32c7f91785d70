"""Screenshots of the main pages in both languages at desktop and phone sizes, for the README.

Run against the demo (`make demo`, or any server holding `seed_demo`'s data):
    .venv/bin/python docs/screenshots.py http://127.0.0.1:8000 [PAGE ...]
Writes docs/screenshots/<page>-<lang>-<size>.png with Debian's Chromium (only the named pages when
some are given). The bell shows a count once a notice was sent, e.g. after "Ingatkan" on the dashboard.
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

PASSWORD = "DeskKaltim2024!"
SIZES = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 375, "height": 812}}
# page name, demo account (None: signed out), path
PAGES = [
    ("login", None, "/akun/login/"),
    ("report-form", "operator.bontang", "/laporan/"),
    ("report-history", "operator.bontang", "/laporan/riwayat/"),
    ("dashboard", "sekretariat", "/dasbor/"),
    ("drilldown", "sekretariat", None),
    ("brief", "sekretariat", "/ringkasan/"),
    ("guide", "operator.bontang", "/panduan/"),
    ("notices", "operator.samarinda", "/pemberitahuan/"),
    ("incident-form", "operator.bontang", "/kejadian/baru/"),
    ("incident-detail", "sekretariat", None),
    ("dashboard-incidents", "sekretariat", "/dasbor/"),
]
# Pages taken whole, not just the first screen: the dashboard's incident counts and list lie below it.
FULL_PAGE = {"dashboard-incidents"}
OUT = Path(__file__).resolve().parent / "screenshots"


def sign_in(browser, base: str, username: str) -> dict:
    context = browser.new_context(base_url=base)
    page = context.new_page()
    page.goto("/akun/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    state = context.storage_state()
    context.close()
    return state


def main(base: str, only: list[str]) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
        )
        pages = [page for page in PAGES if not only or page[0] in only]
        states = {name: sign_in(browser, base, name) for name in {user for _, user, _ in pages if user}}
        for name, user, path in pages:
            for language in ("id", "en"):
                for size, viewport in SIZES.items():
                    context = browser.new_context(
                        base_url=base, viewport=viewport, storage_state=states.get(user), locale="id-ID"
                    )
                    context.add_cookies([{"name": "django_language", "value": language, "url": base}])
                    page = context.new_page()
                    if name == "drilldown":  # the first region tile of the dashboard
                        page.goto("/dasbor/")
                        page.locator(".desk-tiles a").last.click()
                    elif name == "incident-detail":  # the newest incident of the list
                        page.goto("/kejadian/")
                        page.locator(".desk-incident a").first.click()
                    else:
                        page.goto(path)
                    page.wait_for_load_state("networkidle")
                    page.screenshot(path=OUT / f"{name}-{language}-{size}.png", full_page=name in FULL_PAGE)
                    context.close()
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000", sys.argv[2:])
