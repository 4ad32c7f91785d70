"""The operator's form on a weak signal: how long until it can be typed in, first visit and repeat
visit, on a phone-sized Chromium with DevTools network throttling (400 kbit/s down and up, 400 ms
round trip), against gunicorn in production mode (WhiteNoise's compressed, hashed files) over the
demo. Part of ``make bench``; writes its section of BENCHMARKS.md and prints it.

"Can be typed in" is the later of the first contentful paint and the end of DOMContentLoaded (the
form's scripts, which format numbers and keep the draft, have run), with the form's first field
visible and enabled. DevTools throttling applies to one target: the page, and separately its
service worker, which answers the repeat visit from its own fetches, so both are throttled as the
DevTools window does. The bytes are counted on the wire (tests.production.CountingProxy), the
service worker's included. Environment: LIGHT_RUNS (default 5).
"""

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright  # noqa: E402

from tests.production import CountingProxy, gunicorn, manage, production_env  # noqa: E402

RUNS = int(os.environ.get("LIGHT_RUNS", "5"))
CHROMIUM = "/usr/bin/chromium"
FORM = "/laporan/"
OPERATOR = "operator.kutim"
PASSWORD = "DeskKaltim2024!"  # seed_demo.DEMO_PASSWORD
PHONE = {"width": 375, "height": 812}
LINK = {"kbit": 400, "rtt_ms": 400}
CONDITIONS = {
    "offline": False,
    "latency": LINK["rtt_ms"],
    "downloadThroughput": LINK["kbit"] * 1000 / 8,
    "uploadThroughput": LINK["kbit"] * 1000 / 8,
}
START = "<!-- light:start (written by bench/light.py; edit outside these markers) -->"
END = "<!-- light:end -->"
TIMES = """() => {
  const nav = performance.getEntriesByType("navigation")[0];
  const paint = performance.getEntriesByName("first-contentful-paint")[0];
  return {html: nav.responseEnd, paint: paint ? paint.startTime : null, ready: nav.domContentLoadedEventEnd};
}"""
KEPT = (
    "() => caches.open('desk-offline-' + document.body.dataset.offlineUser)"
    ".then(cache => cache.keys()).then(kept => kept.some(request => request.url === location.href))"
)


def throttle_workers(browser: Browser, context: BrowserContext) -> int:
    """Throttle the context's running service workers (a page's CDP session does not reach them);
    the number throttled."""
    cdp = browser.new_browser_cdp_session()
    page = context.pages[0]
    context_id = context.new_cdp_session(page).send("Target.getTargetInfo")["targetInfo"]["browserContextId"]
    throttled = 0
    for target in cdp.send("Target.getTargets")["targetInfos"]:
        if target["type"] != "service_worker" or target["browserContextId"] != context_id:
            continue
        session = cdp.send("Target.attachToTarget", {"targetId": target["targetId"], "flatten": False})
        for number, (method, params) in enumerate(
            (("Network.enable", {}), ("Network.emulateNetworkConditions", CONDITIONS)), start=1
        ):
            message = json.dumps({"id": number, "method": method, "params": params})
            cdp.send("Target.sendMessageToTarget", {"sessionId": session["sessionId"], "message": message})
        throttled += 1
    return throttled


def visit(page: Page) -> dict:
    page.goto(FORM)
    field = page.locator("main form input:not([type=hidden]), main form textarea").first
    field.wait_for(state="visible")
    assert field.is_enabled()
    page.wait_for_load_state("load")
    times = page.evaluate(TIMES)
    return {
        "html_ms": times["html"],
        "typeable_ms": max(times["ready"], times["paint"] or 0),
    }


def one_run(browser: Browser, proxy: CountingProxy, cookies: dict) -> dict:
    """A phone with nothing cached and no service worker opens the form, then opens it again."""
    context = browser.new_context(
        base_url=proxy.address,
        viewport=PHONE,
        locale="id-ID",
        timezone_id="Asia/Makassar",
        storage_state=cookies,
    )
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", CONDITIONS)
    proxy.quiet()
    first = visit(page)
    page.wait_for_function(KEPT, timeout=60_000)
    first["bytes"] = proxy.quiet()
    if throttle_workers(browser, context) != 1:
        raise RuntimeError("the service worker is not running: the repeat visit would not be throttled")
    again = visit(page)
    again["bytes"] = proxy.quiet()
    if not page.evaluate("navigator.serviceWorker.controller !== null"):
        raise RuntimeError("the repeat visit was not served through the service worker")
    context.close()
    return {"first": first, "again": again}


def median(runs: list[dict], visit_name: str, key: str) -> float:
    return statistics.median(run[visit_name][key] for run in runs)


def section(runs: list[dict], seconds: float) -> str:
    load = os.getloadavg()[0]
    rows = []
    for name, label in (("first", "first visit (nothing cached)"), ("again", "repeat visit")):
        typeable = [round(run[name]["typeable_ms"]) for run in runs]
        sent = [run[name]["bytes"] for run in runs]
        rows.append(
            f"| {label} | {median(runs, name, 'html_ms'):,.0f} | {median(runs, name, 'typeable_ms'):,.0f} | "
            f"{min(typeable):,} – {max(typeable):,} | {min(sent):,} – {max(sent):,} |"
        )
    return "\n".join(
        [
            f"Last run: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {len(runs)} runs, "
            f"{seconds:.0f} s; load average {load:.1f}. Chromium {LINK['kbit']} kbit/s down and up, "
            f"{LINK['rtt_ms']} ms round trip (DevTools throttling of the page and its service worker), "
            f"375 × 812 viewport, the form of {OPERATOR} (demo) from gunicorn in production mode.",
            "",
            "| visit | page received, ms | can be typed in, ms (median) | range, ms | bytes on the wire |",
            "| --- | ---: | ---: | ---: | ---: |",
            *rows,
            "",
        ]
    )


def publish(text: str) -> None:
    path = ROOT / "BENCHMARKS.md"
    current = path.read_text()
    if START not in current:
        raise RuntimeError(f"BENCHMARKS.md has no {START} marker")
    head, _, rest = current.partition(START)
    _, _, tail = rest.partition(END)
    path.write_text(f"{head}{START}\n{text}{END}{tail}")


def main() -> None:
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="desk-light-") as folder:
        env = production_env(f"sqlite:///{folder}/desk.sqlite3", LOG_LEVEL="WARNING")
        manage("migrate", "--noinput", env=env)
        manage("seed_demo", env={**env, "DJANGO_ENV": "development"})  # refused in production mode
        with gunicorn(env, Path(folder) / "gunicorn.log") as base, sync_playwright() as playwright:
            proxy = CountingProxy(int(base.rsplit(":", 1)[1]))
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            signing_in = browser.new_context(base_url=proxy.address)
            page = signing_in.new_page()
            page.goto("/akun/login/")
            page.fill("input[name=username]", OPERATOR)
            page.fill("input[name=password]", PASSWORD)
            page.locator("main form button[type=submit]").click()
            page.wait_for_url(lambda url: "/akun/login/" not in url)
            cookies = signing_in.storage_state()
            signing_in.close()
            runs = [one_run(browser, proxy, cookies) for _ in range(RUNS)]
            browser.close()
            proxy.close()
    text = section(runs, time.monotonic() - started)
    publish(text)
    print(text)


if __name__ == "__main__":
    main()
