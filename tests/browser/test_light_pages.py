"""What the operator's form costs a phone on a weak signal, counted on the wire in front of the
production server (gunicorn, WhiteNoise's compressed and hashed files): the first visit at most
100 kB, a repeat visit at most 10 kB — the page itself and the service worker's check, nothing
else. The bytes are deterministic apart from a few of gzip's padding, so the limits hold exactly."""

import pytest

from reports.management.commands.seed_demo import DEMO_PASSWORD
from tests.browser.conftest import SIZES, sign_in
from tests.production import CountingProxy, gunicorn, manage, production_env

pytestmark = [pytest.mark.browser, pytest.mark.slow]

FORM = "/laporan/"
KEPT = (
    "() => caches.open('desk-offline-' + document.body.dataset.offlineUser)"
    ".then(cache => cache.keys()).then(kept => kept.some(request => request.url === location.href))"
)


@pytest.fixture(scope="module")
def wire(tmp_path_factory):
    """A counting relay in front of gunicorn in production mode over the demo (SQLite)."""
    folder = tmp_path_factory.mktemp("light")
    env = production_env(f"sqlite:///{folder / 'desk.sqlite3'}")
    manage("migrate", "--noinput", env=env)
    manage("seed_demo", env={**env, "DJANGO_ENV": "development"})  # refused in production mode
    with gunicorn(env, folder / "gunicorn.log") as base:
        proxy = CountingProxy(int(base.rsplit(":", 1)[1]))
        yield proxy
        proxy.close()


def test_the_form_costs_a_phone_at_most_100_kb_first_and_10_kb_again(browser, wire):
    signing_in = browser.new_context(base_url=wire.address)
    sign_in(signing_in.new_page(), "operator.kutim", DEMO_PASSWORD)
    cookies = signing_in.storage_state()
    signing_in.close()
    wire.quiet()
    context = browser.new_context(
        base_url=wire.address, viewport=SIZES["phone"], locale="id-ID", storage_state=cookies
    )
    page = context.new_page()

    page.goto(FORM)
    page.wait_for_function(KEPT)  # the worker has kept the page and its files for offline use
    first = wire.quiet()
    page.goto(FORM)
    page.wait_for_load_state("networkidle")
    again = wire.quiet()

    assert page.evaluate("navigator.serviceWorker.controller !== null")
    assert page.locator("svg.bi use").count() > 5
    assert first <= 100_000, f"first visit: {first:,} bytes"
    assert 3_000 <= again <= 10_000, f"repeat visit: {again:,} bytes"  # the page itself, fresh
    context.close()
