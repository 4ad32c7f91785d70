"""An operator reports an incident with a photo from a 375-pixel phone, and the secretariat sees it
on the dashboard at once."""

import pytest
from django.urls import reverse

from incidents.models import Incident
from tests.browser.conftest import axe_violations
from tests.incident_factories import photo_bytes

pytestmark = pytest.mark.browser


def test_an_operator_reports_an_incident_with_a_photo_from_a_phone_and_the_desk_sees_it(open_page):
    page = open_page("phone", "operator.bontang")
    page.goto(reverse("reports:report_form"))
    page.get_by_role("button", name="Buka menu").click()
    page.get_by_role("link", name="Kejadian").click()
    page.get_by_role("link", name="Laporkan kejadian").click()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375, "the form is wider than the phone"

    page.select_option("select[name=kecamatan]", label="Bontang Barat")
    page.fill("input[name=place]", "Kelurahan Kanaan, TPS 007")
    # in the week of the demo's 18 November rakor, whose dashboard shows nothing after its day
    page.fill("input[name=occurred_at]", "17/11/2024 09.15")
    page.select_option("select[name=kind]", label="Konflik/gangguan kamtibmas")
    page.get_by_label("Darurat").check()
    page.fill("textarea[name=description]", "Massa menghadang distribusi logistik ke TPS 007.")
    page.get_by_label("Polri/TNI").check()
    page.set_input_files(
        "input[name=attachments]",
        {"name": "tps007.jpg", "mimeType": "image/jpeg", "buffer": photo_bytes((3000, 2000), gps=True)},
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Kirim laporan kejadian").click()

    assert "sekretariat sudah diberi tahu" in page.inner_text("main")
    photo = page.locator("img.desk-incident-photo")
    photo.wait_for()
    assert page.evaluate("img => img.naturalWidth", photo.element_handle()) == 1600
    incident = Incident.objects.get(description__startswith="Massa menghadang")
    assert (incident.region.name, incident.severity) == ("Bontang", "darurat")
    assert incident.attachments.count() == 1

    desk = open_page("desktop", "sekretariat")
    desk.goto(reverse("reports:dashboard"))
    panel = desk.locator("section[aria-labelledby=incidents-title]")
    assert "Massa menghadang" in panel.locator(".desk-incident").first.inner_text()  # the gravest first
    tile = desk.locator(".desk-tile", has_text="Bontang")
    assert "kejadian terbuka" in tile.inner_text()
    assert "Bermasalah" in tile.inner_text()  # an open emergency turns the region's light red


def test_the_incident_form_passes_axe_on_a_phone(open_page):
    page = open_page("phone", "operator.bontang", axe=True)
    page.goto(reverse("incidents:create"))
    assert axe_violations(page) == []


def test_the_incident_list_and_an_incident_with_its_photo_pass_axe(open_page):
    urgent = Incident.objects.get(severity="darurat")
    page = open_page("desktop", "sekretariat", axe=True)
    violations = []
    for url in (reverse("incidents:list"), urgent.get_absolute_url()):
        page.goto(url)
        violations += axe_violations(page)
    assert violations == []
