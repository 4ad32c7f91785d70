"""The operator's form as an installed app on a phone with no signal: after one visit online it
opens offline (saying when its data was loaded), a report sent offline waits on the device and
arrives when the connection returns, a stale one is refused as usual, and signing out deletes the
copies kept on the device."""

import pytest
from django.urls import reverse

from reports.models import RakorSession, ReadinessReport
from tests.browser.conftest import SIZES, sign_in

pytestmark = pytest.mark.browser

KEPT = "() => caches.keys().then(names => names.filter(n => n.startsWith('desk-offline-')))"


def report_of(region: str) -> ReadinessReport | None:
    return ReadinessReport.objects.filter(session=RakorSession.objects.current(), region__name=region).first()


def visit_online(page) -> None:
    """One visit with a connection: the worker takes over and keeps the form."""
    page.goto(reverse("reports:report_form"))
    page.evaluate("() => navigator.serviceWorker.ready.then(() => true)")
    if page.evaluate("() => navigator.serviceWorker.controller === null"):
        page.reload()  # a worker that activated after this page loaded controls the next load
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    page.wait_for_function(
        "() => caches.open('desk-offline-' + document.body.dataset.offlineUser)"
        ".then(cache => cache.keys()).then(kept => kept.some(request => request.url === location.href))"
    )


def test_the_form_opens_offline_and_a_report_sent_offline_arrives_when_the_signal_returns(open_page):
    page = open_page("phone", "operator.kutim")
    page.on("dialog", lambda dialog: dialog.accept())
    visit_online(page)
    page.context.set_offline(True)
    page.reload()
    notice = page.locator("[data-offline-notice]")
    assert notice.is_visible()
    assert "data yang dimuat pada" in notice.inner_text()
    page.fill("textarea[name=conflict_notes]", "Sinyal lemah di Muara Wahau.")
    page.locator("button[value=draft]").click()
    queued = page.locator("[data-autosave-offline]")
    assert "Tersimpan di perangkat — akan dikirim otomatis" in queued.inner_text()
    assert report_of("Kutai Timur") is None

    with page.expect_navigation():
        page.context.set_offline(False)
    assert "Draf tersimpan" in page.inner_text("main")
    assert report_of("Kutai Timur").conflict_notes == "Sinyal lemah di Muara Wahau."


def test_a_queued_report_meeting_a_newer_version_on_the_server_is_refused_not_overwriting(browser, demo_site):
    # Its own context: the refusal's 409 is an expected console error, which open_page counts as a fault.
    context = browser.new_context(base_url=demo_site, viewport=SIZES["phone"], locale="id-ID")
    page = context.new_page()
    sign_in(page, "operator.bontang")
    page.on("dialog", lambda dialog: dialog.accept())
    visit_online(page)
    report = report_of("Bontang")
    page.context.set_offline(True)
    page.fill("textarea[name=conflict_notes]", "Dari perangkat, tanpa sinyal.")
    for box in page.locator("input[name^=confirm_]:not([name=confirm_unusual])").all():
        box.check()
    page.locator("button[value=submit]").click()
    report.conflict_notes = "Diubah dari komputer kantor."
    report.version += 1
    report.save()

    with page.expect_navigation():
        page.context.set_offline(False)
    assert "Lihat versi yang tersimpan" in page.inner_text("main")
    assert page.input_value("textarea[name=conflict_notes]") == "Dari perangkat, tanpa sinyal."
    assert report_of("Bontang").conflict_notes == "Diubah dari komputer kantor."
    context.close()


def test_signing_out_deletes_the_copies_kept_on_the_device(open_page):
    page = open_page("phone", "operator.kutim")
    visit_online(page)
    assert page.evaluate(KEPT) != []
    with page.expect_navigation():
        page.evaluate(
            "document.querySelector('form[data-autosave-clear]').requestSubmit()"
        )  # "Keluar" in the menu
    page.wait_for_function(f"{KEPT}.then(names => names.length === 0)")
