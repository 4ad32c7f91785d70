"""In a real browser (headless Chromium driven by Playwright): the Bontang operator logs in through
the login form, fills the report with one shortage line and one agenda line, submits it and sees it
submitted; then types an invalid value and sees the message with the rest of the input kept.
Uses the shared browser fixtures of ``tests/browser/conftest.py`` (skipped without Chromium)."""

import datetime as dt

import pytest
from django.urls import reverse

from reports.models import RakorSession, ReadinessReport
from reports.registry import sections_of

pytestmark = pytest.mark.browser


def test_the_bontang_operator_submits_from_a_phone_and_sees_errors_beside_the_fields(open_page):
    ReadinessReport.objects.filter(region__name="Bontang", session__date=dt.date(2024, 11, 18)).delete()
    page = open_page("phone", "operator.bontang")
    page.goto(reverse("reports:report_form"))
    assert page.input_value("#id_security_personnel") == "1.190"  # carried from 11 November

    page.check("#id_readiness_1")
    page.select_option("#id_kekurangan-0-item", label="Surat suara")
    page.fill("#id_kekurangan-0-quantity", "250")
    page.fill("#id_kekurangan-0-note", "TPS 12 Bontang Selatan")
    page.select_option("#id_agenda-0-kind", "kampanye_akbar")
    page.fill("#id_agenda-0-date", "2024-11-23")
    page.fill("#id_agenda-0-place", "Stadion Bontang")
    page.click("text=Tambah agenda")  # JavaScript adds a row; left blank, it is ignored
    assert page.locator("[name='agenda-TOTAL_FORMS']").input_value() == "2"
    for section in sections_of(RakorSession.objects.get(date=dt.date(2024, 11, 18)).stages):
        if section.key not in ("readiness", "logistics", "agenda"):
            page.check(f"#id_confirm_{section.key}")
    page.click("button[value=submit]")

    page.wait_for_selector("text=Laporan terkirim")
    assert page.locator(".report-header .badge", has_text="Terkirim").count() == 1
    report = ReadinessReport.objects.get(region__name="Bontang", session__date=dt.date(2024, 11, 18))
    assert (report.status, report.readiness, report.is_late) == ("submitted", "siap_catatan", True)
    assert [(s.item.name, s.quantity) for s in report.shortages.all()] == [("Surat suara", 250)]
    assert [(a.kind, a.place) for a in report.agenda.all()] == [("kampanye_akbar", "Stadion Bontang")]
    assert report.changed_sections == ["readiness", "logistics", "agenda"]

    page.fill("#id_security_personnel", "abc")
    page.fill("#id_notes", "Catatan yang tidak boleh hilang")
    page.click("button[value=submit]")
    page.wait_for_selector("text=Isi dengan bilangan bulat, misalnya 1.214.")
    assert page.input_value("#id_security_personnel") == "abc"
    assert page.input_value("#id_notes") == "Catatan yang tidak boleh hilang"
    assert page.input_value("#id_kekurangan-0-quantity") == "250"
    report.refresh_from_db()
    assert (report.notes, report.version) == ("", 1)
