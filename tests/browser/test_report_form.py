"""The operator's report form in a real browser: usable with the keyboard alone, and what is typed
survives a reload or a lost connection (a draft kept in the browser and offered back)."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from reports.models import RakorSession, ReadinessReport
from tests.browser.conftest import visit_online

pytestmark = pytest.mark.browser

MAX_TABS = 200


def tab_to(page, selector: str) -> None:
    """Press Tab until the element matching ``selector`` has the focus."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} is not reachable with the Tab key")


def report_of(region: str) -> ReadinessReport:
    return ReadinessReport.objects.get(session=RakorSession.objects.current(), region__name=region)


def test_an_operator_fills_in_and_submits_the_report_with_the_keyboard_alone(open_page):
    page = open_page("phone", "operator.samarinda")
    page.goto(reverse("reports:report_form"))
    tab_to(page, ".skip-link")
    page.keyboard.press("Enter")
    tab_to(page, "input[name=security_personnel]")
    page.keyboard.press("Control+A")
    page.keyboard.type("1.780")
    tab_to(page, "input[name=security_situation]")
    page.keyboard.press("ArrowRight")
    tab_to(page, "textarea[name=security_notes]")
    page.keyboard.type("Patroli gabungan di 12 titik rawan.")
    tab_to(page, "input[name=confirm_readiness]")
    page.keyboard.press("Space")
    for section in ("logistics", "asn", "agenda", "kecamatan", "voters", "conflict", "coordination"):
        tab_to(page, f"input[name=confirm_{section}]")
        page.keyboard.press("Space")
    tab_to(page, "button[value=submit]")
    with page.expect_navigation():
        page.keyboard.press("Space")

    assert "Laporan terkirim" in page.inner_text("main")
    report = report_of("Samarinda")
    assert report.status == ReadinessReport.Status.SUBMITTED
    assert report.security_personnel == 1780
    assert report.security_situation == ReadinessReport.SecuritySituation.ALERT
    assert report.security_notes == "Patroli gabungan di 12 titik rawan."
    assert "readiness" in report.confirmed_sections


def test_enter_in_a_field_saves_the_report(open_page):
    page = open_page("desktop", "operator.kubar")
    page.goto(reverse("reports:report_form"))
    tab_to(page, "input[name=first_time_voters]")
    page.keyboard.press("Control+A")
    page.keyboard.type("8.950")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert report_of("Kutai Barat").first_time_voters == 8950


def test_what_is_typed_survives_a_reload_and_is_offered_back(open_page):
    page = open_page("phone", "operator.kutim")
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(reverse("reports:report_form"))
    banner = page.locator("[data-autosave-banner]")
    assert banner.is_hidden()
    page.fill("textarea[name=security_notes]", "Pengamanan gudang logistik di Sangatta.")
    page.fill("input[name=security_personnel]", "905")
    page.reload()
    assert page.input_value("textarea[name=security_notes]") == ""
    assert banner.is_visible()
    banner.get_by_role("button", name="Pulihkan isian").click()
    assert page.input_value("textarea[name=security_notes]") == "Pengamanan gudang logistik di Sangatta."
    assert page.input_value("input[name=security_personnel]") == "905"
    assert banner.is_hidden()

    with page.expect_navigation():
        page.locator("button[value=draft]").click()
    assert report_of("Kutai Timur").security_notes == "Pengamanan gudang logistik di Sangatta."
    assert page.locator("[data-autosave-banner]").is_hidden()
    assert page.evaluate("() => Object.keys(localStorage).filter(k => k.startsWith('desk-draft:'))") == []


def test_offline_the_form_is_kept_on_the_device_and_sent_when_the_connection_returns(open_page):
    page = open_page("phone", "operator.kutim")
    visit_online(page)
    page.fill("textarea[name=conflict_notes]", "Tidak ada gesekan antarpendukung.")
    page.context.set_offline(True)
    page.locator("button[value=draft]").click()
    offline = page.locator("[data-autosave-offline]")
    assert offline.is_visible()
    assert page.evaluate("() => document.activeElement.hasAttribute('data-autosave-offline')")
    assert not report_of_exists("Kutai Timur")
    assert "akan dikirim otomatis" in offline.inner_text()
    page.context.set_offline(False)
    sent = page.locator("[data-autosave-sent]")
    expect(sent).to_be_visible(timeout=30_000)
    expect(sent).to_contain_text("Terkirim")
    assert report_of("Kutai Timur").conflict_notes == "Tidak ada gesekan antarpendukung."


def report_of_exists(region: str) -> bool:
    return ReadinessReport.objects.filter(
        session=RakorSession.objects.current(), region__name=region
    ).exists()


def test_signing_out_removes_the_drafts_kept_in_the_browser(open_page):
    page = open_page("desktop", "operator.kutim")
    page.goto(reverse("reports:report_form"))
    page.fill("textarea[name=notes]", "Catatan yang belum disimpan.")
    page.wait_for_function("() => Object.keys(localStorage).some(k => k.startsWith('desk-draft:'))")
    page.on("dialog", lambda dialog: dialog.accept())
    page.locator(".desk-navbar .dropdown-toggle").click()
    with page.expect_navigation():
        page.locator("form[data-autosave-clear] button").click()
    assert page.evaluate("() => Object.keys(localStorage).filter(k => k.startsWith('desk-draft:'))") == []


def test_submitting_without_a_readiness_shows_the_message_beside_the_choice(open_page):
    report = report_of("Bontang")
    report.readiness = ""
    report.save()
    page = open_page("desktop", "operator.bontang")
    page.goto(reverse("reports:report_form"))
    with page.expect_navigation():
        page.locator("button[value=submit]").click()
    message = page.locator("#bagian-readiness").get_by_text("Pilih kesiapan umum sebelum mengirim laporan.")
    assert message.is_visible()
    assert page.locator("#id_readiness_0").get_attribute("aria-invalid") == "true"
    assert report_of("Bontang").readiness == ""


def test_each_bounded_text_counts_its_characters_as_they_are_typed(open_page):
    page = open_page("phone", "operator.samarinda")
    page.goto(reverse("reports:report_form"))
    page.fill("textarea[name=security_notes]", "Patroli gabungan\ndi 12 titik.")
    assert page.inner_text("#id_security_notes-counter") == "29/1.000 karakter"
    assert page.get_attribute("textarea[name=security_notes]", "maxlength") == "1000"

    page.locator("#bagian-agenda .line-add").click()
    place = page.locator("#bagian-agenda .line-row").last.locator("input[name$='-place']")
    place.fill("Lapangan Kinibalu")
    counter = page.locator(f"#{place.get_attribute('id')}-counter")
    assert counter.inner_text() == "17/200 karakter"
