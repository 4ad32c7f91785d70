"""Screenshots of the main pages in both languages at desktop and phone sizes, for the README.

Run against the demo (`make demo`, or any server holding `seed_demo`'s data):
    .venv/bin/python docs/screenshots.py http://127.0.0.1:8000 [PAGE ...]
Writes docs/screenshots/<page>-<lang>-<size>.png with Debian's Chromium (only the named pages when
some are given). The bell shows a count once a notice was sent, e.g. after "Ingatkan" on the dashboard.
The weeks after voting day ("after-voting") are the demo's rakor of 2 and 9 December 2024: the
dashboard of 2 December on a desktop and Bontang's form of 9 December on a phone, in Bahasa Indonesia.
"""

import re
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
# page name, demo account, path with the rakor's id as {pk}, the rakor's date as the switcher says it,
# size, the part of the page shown (None: the whole page)
AFTER_VOTING = [
    ("dashboard-after-voting", "sekretariat", "/dasbor/rakor/{pk}/", "2 Desember 2024", "desktop", None),
    (
        "report-form-after-voting",
        "operator.bontang",
        "/laporan/rakor/{pk}/",
        "9 Desember 2024",
        "phone",
        "body",
    ),
    (
        "report-form-after-voting-recapitulation",
        "operator.bontang",
        "/laporan/rakor/{pk}/",
        "9 Desember 2024",
        "phone",
        "#bagian-recapitulation",
    ),
]


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
        if not only or "after-voting" in only:
            after_voting(browser, base, sign_in(browser, base, "sekretariat"))
        browser.close()


def after_voting(browser, base: str, desk_state: dict) -> None:
    """The rakor after voting day, found by date in the dashboard's rakor switcher."""
    context = browser.new_context(base_url=base, storage_state=desk_state)
    page = context.new_page()
    page.goto("/dasbor/")
    links = {
        " ".join(link.inner_text().split()): link.get_attribute("href")
        for link in page.locator(".dropdown-menu a").all()
    }
    context.close()
    for name, user, path, date, size, part in AFTER_VOTING:
        href = next(href for text, href in links.items() if text.startswith(date))
        pk = re.search(r"/(\d+)/$", href).group(1)
        state = desk_state if user == "sekretariat" else sign_in(browser, base, user)
        context = browser.new_context(
            base_url=base, viewport=SIZES[size], storage_state=state, locale="id-ID"
        )
        context.add_cookies([{"name": "django_language", "value": "id", "url": base}])
        page = context.new_page()
        page.goto(path.format(pk=pk))
        page.wait_for_load_state("networkidle")
        if part is not None:  # a phone's screen from that part on (the send bar stays at its foot)
            top = page.locator(part).first.evaluate("element => element.getBoundingClientRect().top")
            page.mouse.wheel(0, top)
            page.wait_for_timeout(500)
        page.screenshot(path=OUT / f"{name}-id-{size}.png", full_page=part is None)
        context.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000", sys.argv[2:])
