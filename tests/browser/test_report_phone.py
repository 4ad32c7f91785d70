"""The operator's form on a 375-pixel phone: an unchanged week sent in one tap, a refused submit
that takes the operator to the first field in error (clear of the sticky bar), and a draft that
survives a change of language without a false offer to restore it."""

import pytest
from django.urls import reverse

from reports.models import RakorSession, ReadinessReport
from reports.registry import sections_of

pytestmark = pytest.mark.browser


def report_of(region: str) -> ReadinessReport | None:
    return ReadinessReport.objects.filter(session=RakorSession.objects.current(), region__name=region).first()


def switch_to(page, language: str) -> None:
    page.locator("footer select[name=language]").select_option(value=language)
    page.locator("footer form button[type=submit]").click()
    page.wait_for_load_state()


def test_an_unchanged_week_is_sent_in_one_tap_with_every_section_confirmed(open_page):
    page = open_page("phone", "operator.samarinda")
    page.goto(reverse("reports:report_form"))
    box = page.locator("#semua-sama")
    box.locator("summary").click()
    assert "Kesiapan umum" in box.inner_text()
    with page.expect_navigation():
        box.get_by_role("button", name="Kirim: semua bagian masih sama").click()

    assert "Laporan terkirim" in page.inner_text("main")
    report = report_of("Samarinda")
    assert report.status == ReadinessReport.Status.SUBMITTED
    assert set(report.confirmed_sections) == {s.key for s in sections_of(report.session.stages)}
    assert report.changed_sections == []


def test_a_refused_submit_puts_the_focus_on_the_first_field_in_error_clear_of_the_sticky_bar(open_page):
    page = open_page("phone", "operator.samarinda")
    page.emulate_media(reduced_motion="reduce")  # Bootstrap's smooth scrolling, measured once it has ended
    page.goto(reverse("reports:report_form"))
    page.fill("input[name=first_time_voters]", "banyak")
    with page.expect_navigation():
        page.locator("button[value=submit]").click()

    summary = page.locator("#ringkasan-kesalahan")
    assert summary.is_visible()
    assert page.locator(".alert-danger:visible").count() == 1
    focused = page.evaluate("document.activeElement.name")
    first_invalid = page.evaluate("document.querySelector('[aria-invalid=true]').name")
    assert focused == first_invalid
    field = page.evaluate("document.activeElement.getBoundingClientRect().bottom")
    bar = page.evaluate("document.querySelector('.report-actions').getBoundingClientRect().top")
    assert field <= bar, "the sticky bar covers the field in focus"

    summary.get_by_role("link", name="Pemilih pemula").click()
    assert page.evaluate("document.activeElement.name") == "first_time_voters"
    field = page.evaluate("document.activeElement.getBoundingClientRect().bottom")
    bar = page.evaluate("document.querySelector('.report-actions').getBoundingClientRect().top")
    assert field <= bar


def test_a_draft_survives_a_change_of_language_and_nothing_is_falsely_offered(open_page):
    page = open_page("phone", "operator.kutim")
    page.on("dialog", lambda dialog: dialog.accept())  # "leave with unsaved input?"
    page.goto(reverse("reports:report_form"))
    banner = page.locator("[data-autosave-banner]")
    switch_to(page, "en")
    page.goto(reverse("reports:report_form"))
    assert banner.is_hidden(), "an untouched form offered a draft after a change of language"

    page.fill("input[name=security_personnel]", "1400")
    page.locator("input[name=security_personnel]").dispatch_event("change")
    switch_to(page, "id")
    page.goto(reverse("reports:report_form"))
    assert banner.is_visible()
    banner.get_by_role("button", name="Pulihkan isian").click()
    assert page.input_value("input[name=security_personnel]") == "1.400"
    with page.expect_navigation():
        page.locator("button[value=draft]").click()
    assert "Draf tersimpan" in page.inner_text("main"), page.inner_text("main")[:600]
    assert report_of("Kutai Timur").security_personnel == 1400


def test_the_send_bar_is_one_opaque_row_that_leaves_the_one_tap_checkbox_clear(open_page):
    """At 375 px the bar is at most 64 px tall, opaque, and the one-tap checkbox scrolled into view
    lies above it; the form's last control can be scrolled above it too."""
    page = open_page("phone", "operator.samarinda")
    page.emulate_media(reduced_motion="reduce")
    page.goto(reverse("reports:report_form"))
    checkbox = page.locator("input[name=confirm_all]")
    checkbox.scroll_into_view_if_needed()
    box, bar = checkbox.bounding_box(), page.locator(".report-actions").bounding_box()
    assert bar["height"] <= 64
    assert box["y"] + box["height"] <= bar["y"], "the send bar covers the one-tap checkbox"
    background = page.evaluate("getComputedStyle(document.querySelector('.report-actions')).backgroundColor")
    assert background.startswith("rgb("), f"the send bar is translucent: {background}"
    links = page.locator(".report-actions > *").all()
    assert (
        max(link.bounding_box()["x"] + link.bounding_box()["width"] for link in links)
        <= bar["x"] + bar["width"]
    )

    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    last = page.locator(".report-form fieldset.report-section").last.locator("input, select, textarea").last
    bar = page.locator(".report-actions").bounding_box()
    assert last.bounding_box()["y"] + last.bounding_box()["height"] <= bar["y"]
