"""The operator's form as an installed app on a phone with no signal: after one visit online it
opens offline (saying when its data was loaded); a report sent offline waits on the device
("tersimpan di perangkat") and the service worker sends it when the connection returns
("terkirim"), where the secretariat sees it; one meeting a newer version on the server shows both
versions and stores the one the operator chooses; signing out deletes the copies and the queue."""

import pytest
from django.urls import reverse
from django.utils.text import capfirst
from playwright.sync_api import expect

from reports.models import RakorSession, ReadinessReport
from reports.registry import model_field
from tests.browser.conftest import SIZES, sign_in, visit_online

pytestmark = pytest.mark.browser

KEPT = "() => caches.keys().then(names => names.filter(n => n.startsWith('desk-offline-')))"
QUEUED = "() => DeskQueue.all().then(entries => entries.length)"
LOADED = 30_000  # ms: the worker's post, then the page's own, on a busy machine
SECTION_CONFIRMS = "input[name^=confirm_]:not([name=confirm_unusual]):not([name=confirm_all])"
SYNC_TAGS = "() => navigator.serviceWorker.ready.then(r => r.sync ? r.sync.getTags() : ['desk-queue'])"


def report_of(region: str) -> ReadinessReport | None:
    return ReadinessReport.objects.filter(session=RakorSession.objects.current(), region__name=region).first()


def send(page, notes: str, button: str = "submit") -> None:
    """Type the notes, confirm the other sections as still accurate, press the button."""
    page.fill("textarea[name=conflict_notes]", notes)
    if button == "submit":
        for box in page.locator(SECTION_CONFIRMS).all():
            box.check()
    page.locator(f"button[name=action][value={button}]").click()


def submit_offline(page, notes: str, button: str = "submit") -> None:
    """Without a connection: the report is filled in and sent, and waits on the device."""
    send(page, notes, button)
    queued = page.locator("[data-autosave-offline]")
    expect(queued).to_be_visible()
    expect(queued).to_contain_text("Tersimpan di perangkat — akan dikirim otomatis")
    page.wait_for_function(f"{QUEUED}.then(count => count === 1)")


def test_a_report_sent_offline_is_sent_when_the_signal_returns_and_reaches_the_dashboard(open_page):
    page = open_page("phone", "operator.kutim")
    page.on("dialog", lambda dialog: dialog.accept())
    visit_online(page)
    page.context.set_offline(True)
    page.reload()
    notice = page.locator("[data-offline-notice]")
    assert notice.is_visible()
    assert "data yang dimuat pada" in notice.inner_text()
    submit_offline(page, "Sinyal lemah di Muara Wahau.")
    assert "desk-queue" in page.evaluate(SYNC_TAGS)  # Background Sync asked to send it
    assert report_of("Kutai Timur") is None

    page.context.set_offline(False)
    sent = page.locator("[data-autosave-sent]")
    expect(sent).to_be_visible(timeout=LOADED)  # the page, reloaded with what the server holds
    expect(sent).to_contain_text("Terkirim")
    assert page.locator("[data-autosave-offline]").is_hidden()
    assert page.locator("[data-autosave-banner]").is_hidden()  # nothing falsely offered back
    assert page.input_value("textarea[name=conflict_notes]") == "Sinyal lemah di Muara Wahau."
    report = report_of("Kutai Timur")
    assert (report.status, report.conflict_notes) == ("submitted", "Sinyal lemah di Muara Wahau.")
    page.wait_for_function(f"{QUEUED}.then(count => count === 0)")

    desk = open_page("phone", "sekretariat")
    desk.goto(reverse("reports:dashboard"))
    assert "8 dari 10 kabupaten/kota telah melapor" in desk.inner_text("main")
    desk.locator(".desk-tiles a", has_text="Kutai Timur").click()
    expect(desk.locator("main")).to_contain_text("Sinyal lemah di Muara Wahau.")


def test_what_is_typed_after_a_report_was_queued_is_offered_back_once_the_queued_one_arrived(open_page):
    page = open_page("phone", "operator.kutim")
    page.on("dialog", lambda dialog: dialog.accept())
    visit_online(page)
    page.context.set_offline(True)
    submit_offline(page, "Dikirim dari perangkat.", button="draft")
    page.fill("textarea[name=notes]", "Diketik setelah antre.")
    page.context.set_offline(False)

    expect(page.locator("[data-autosave-sent]")).to_be_visible(timeout=LOADED)
    assert report_of("Kutai Timur").conflict_notes == "Dikirim dari perangkat."
    banner = page.locator("[data-autosave-banner]")
    expect(banner).to_be_visible()
    banner.get_by_role("button", name="Pulihkan isian").click()
    assert page.input_value("textarea[name=notes]") == "Diketik setelah antre."


@pytest.mark.parametrize("choice", ["mine", "server"])
def test_a_queued_report_meeting_a_newer_version_shows_both_and_stores_the_one_chosen(
    browser, demo_site, open_page, choice
):
    # Its own context: the refusal's 409 is an expected console error, which open_page counts as a fault.
    context = browser.new_context(
        base_url=demo_site, viewport=SIZES["phone"], locale="id-ID", timezone_id="Asia/Makassar"
    )
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    sign_in(page, "operator.bontang")
    visit_online(page)
    page.context.set_offline(True)
    submit_offline(page, "Dari perangkat, tanpa sinyal.")

    office = open_page("desktop", "operator.bontang")  # meanwhile, the same operator at the office
    office.goto(reverse("reports:report_form"))
    send(office, "Diubah dari komputer kantor.")
    expect(office.locator("main")).to_contain_text("Laporan terkirim")
    server_version = report_of("Bontang").version

    page.context.set_offline(False)
    versions = page.locator("#dua-versi")
    expect(versions).to_be_visible(timeout=LOADED)
    label = str(capfirst(model_field(ReadinessReport, "conflict_notes").verbose_name))
    row = versions.locator(".conflict-row", has=page.locator("dt", has_text=label))
    assert "Dari perangkat, tanpa sinyal." in row.locator(".conflict-mine").inner_text()
    assert "Diubah dari komputer kantor." in row.locator(".conflict-theirs").inner_text()
    assert report_of("Bontang").conflict_notes == "Diubah dari komputer kantor."  # nothing overwritten yet

    if choice == "mine":
        with page.expect_navigation():
            versions.get_by_role("button", name="Kirim versi saya menggantikan versi server").click()
        expect(page.locator("main")).to_contain_text("Laporan terkirim")
        stored = report_of("Bontang")
        assert stored.conflict_notes == "Dari perangkat, tanpa sinyal."
        assert stored.version == server_version + 1
    else:
        with page.expect_navigation():
            versions.get_by_role("link", name="Pakai versi server, buang versi saya").click()
        assert page.input_value("textarea[name=conflict_notes]") == "Diubah dari komputer kantor."
        assert page.locator("[data-autosave-banner]").is_hidden()  # the device's copy is gone
        stored = report_of("Bontang")
        assert (stored.conflict_notes, stored.version) == ("Diubah dari komputer kantor.", server_version)
    assert page.evaluate(QUEUED) == 0
    context.close()


def blocked(route) -> None:
    if route.request.method == "POST":
        route.abort("internetdisconnected")
    else:
        route.continue_()


def test_signing_out_deletes_the_copies_and_the_report_queued_on_the_device(open_page):
    page = open_page("phone", "operator.kutim")
    visit_online(page)
    page.context.set_offline(True)
    submit_offline(page, "Belum terkirim.", button="draft")
    assert page.evaluate(KEPT) != []

    # The signal comes back too weak to reach the server: the report stays queued.
    session = RakorSession.objects.current()
    page.context.route(f"**{reverse('reports:session_report', args=[session.pk])}", blocked)
    page.context.set_offline(False)
    page.wait_for_function(f"{QUEUED}.then(count => count === 1)")
    with page.expect_navigation():
        page.evaluate(
            "document.querySelector('form[data-autosave-clear]').requestSubmit()"
        )  # "Keluar" in the menu
    page.wait_for_function(f"{KEPT}.then(names => names.length === 0)")
    page.wait_for_function(f"{QUEUED}.then(count => count === 0)")
    assert page.evaluate("() => Object.keys(localStorage).filter(k => k.startsWith('desk-'))") == []
    assert report_of("Kutai Timur") is None
