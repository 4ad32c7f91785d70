"""Offline, honest, on a 375-pixel phone: a report the server would refuse is refused by the page
before it is queued, with the server's reasons beside the fields; a queued report the server
still refuses when the signal returns is told on every open page and by the bell, its reasons
beside the fields and the queued values back in the form."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from notifications.models import Notification
from reports.models import RakorSession, ReadinessReport
from tests.browser.conftest import visit_online
from tests.browser.test_offline import LOADED, QUEUED, SECTION_CONFIRMS, report_of, send, submit_offline

pytestmark = pytest.mark.browser


def beside(page, name: str):
    """The messages shown in the block of the field posted as ``name``."""
    return page.locator(f"#div_id_{name} .invalid-feedback")


def test_a_report_the_server_would_refuse_is_refused_by_the_page_before_it_is_queued(open_page):
    page = open_page("phone", "operator.kutim")
    page.on("dialog", lambda dialog: dialog.accept())
    visit_online(page)
    page.context.set_offline(True)
    page.fill("input[name=security_personnel]", "-5")
    page.locator("button[name=action][value=submit]").click()  # no section ticked as still accurate

    expect(page.locator("[data-precheck-summary]")).to_be_visible()
    expect(beside(page, "security_personnel")).to_have_text("Tidak boleh kurang dari 0.")
    unticked = page.locator(SECTION_CONFIRMS).count() - 1  # the changed section needs no tick
    unconfirmed = page.get_by_text("Centang jika bagian ini masih akurat, atau ubah isinya.")
    expect(unconfirmed).to_have_count(unticked)
    assert page.locator("[data-autosave-offline]").is_hidden()
    assert page.evaluate(QUEUED) == 0
    page.locator("#div_id_security_personnel").scroll_into_view_if_needed()
    page.screenshot(path="docs/screenshots/offline-precheck-id-phone.png")

    page.fill("input[name=security_personnel]", "1.300")
    submit_offline(page, "Diperiksa di perangkat.")  # ticks every section: now it waits
    expect(page.locator("[data-precheck-error]")).to_have_count(0)


def test_a_queued_report_the_server_refuses_is_told_on_every_page_and_by_the_bell(open_page):
    page = open_page("phone", "operator.kutim")
    page.on("dialog", lambda dialog: dialog.accept())
    visit_online(page)
    history = page.context.new_page()  # another page of the operator's, open meanwhile
    history.goto(reverse("reports:report_history"))
    page.context.set_offline(True)
    submit_offline(page, "Antre, lalu ditolak.")

    # Meanwhile last week's report is corrected: the count queued is now far from it.
    session = RakorSession.objects.current()
    queued = page.input_value("input[name=security_personnel]")
    ReadinessReport.objects.filter(region__name="Kutai Timur", session__date__lt=session.date).update(
        security_personnel=1
    )
    page.context.set_offline(False)

    told = page.locator("#antrean-ditolak")
    expect(told).to_be_visible(timeout=LOADED)  # the page, posted again, with the server's reasons
    expect(told).to_contain_text("Laporan yang tersimpan di perangkat ditolak server.")
    expect(beside(page, "security_personnel")).to_contain_text("Nilai ini jauh dari laporan sebelumnya")
    assert page.input_value("textarea[name=conflict_notes]") == "Antre, lalu ditolak."
    assert page.input_value("input[name=security_personnel]") == queued
    expect(page.locator(".desk-bell-count")).to_have_text("1")
    expect(history.locator("[data-queue-refused]")).to_be_visible()
    assert report_of("Kutai Timur") is None
    notice = Notification.objects.get(event=Notification.Event.QUEUED_REFUSED, channel="aplikasi")
    assert notice.recipient.username == "operator.kutim"
    assert notice.message.startswith("Laporan yang tersimpan di perangkat ditolak server: ")
    page.wait_for_function(f"{QUEUED}.then(count => count === 0)")
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path="docs/screenshots/offline-refused-id-phone.png")

    # Confirmed as unusual, the same report is sent.
    page.get_by_label("Saya sudah memeriksa: nilai yang tidak biasa itu benar.").check()
    send(page, "Antre, lalu ditolak.")
    expect(page.locator("main")).to_contain_text("Laporan terkirim")
    assert report_of("Kutai Timur").conflict_notes == "Antre, lalu ditolak."
