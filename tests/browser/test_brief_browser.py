"""The brief in a real browser: the page and its A4 print view have no serious axe-core violation
for the secretariat or the leader, load under the real Content-Security-Policy without a browser
error, and the secretariat ticks the sign-off checklist, signs off and forwards with the buttons."""

import pytest
from django.urls import reverse

from reports.models import ForwardedBrief, RakorSession
from tests.browser.conftest import SIZES, axe_violations

pytestmark = pytest.mark.browser


def brief_pages() -> list[str]:
    session = RakorSession.objects.current()
    return [reverse("reports:brief", args=[session.pk]), reverse("reports:brief_print", args=[session.pk])]


@pytest.mark.parametrize("username", ["sekretariat", "sekda"])
def test_the_brief_and_its_print_view_have_no_serious_accessibility_violation(open_page, username):
    violations = []
    for size in SIZES:
        page = open_page(size, username, axe=True)
        for url in brief_pages():
            page.goto(url)
            violations += axe_violations(page)
    assert not violations, "\n".join(violations)


@pytest.mark.parametrize("username", ["sekretariat", "sekda"])
def test_the_brief_and_its_print_view_load_under_the_real_csp(open_page, username):
    page = open_page("phone", username)
    for url in brief_pages():
        assert page.goto(url).ok, url


def tick_the_checklist(page) -> None:
    for box in page.locator('input[name="acknowledged"]').all():
        box.check()


def test_the_secretariat_signs_off_and_forwards_with_the_buttons(open_page):
    page = open_page("desktop", "sekretariat")
    page.goto(brief_pages()[0])
    page.get_by_role("button", name="Setujui naskah").click()
    page.get_by_text("Centang setiap hal dalam daftar periksa sebelum menyetujui").wait_for()
    page.get_by_label("Laporan terlambat").check()
    tick_the_checklist(page)
    page.get_by_role("button", name="Setujui naskah").click()
    page.get_by_text("Naskah disetujui. Laporan siap diteruskan").wait_for()
    page.get_by_label("Saya mengerti").check()
    page.get_by_role("button", name="Teruskan ke Mendagri").click()
    page.get_by_text("Laporan diteruskan ke Mendagri.").wait_for()
    assert page.get_by_text("sudah diteruskan ke Mendagri sejak").is_visible()
    assert ForwardedBrief.objects.filter(session=RakorSession.objects.get(date="2024-11-18")).exists()


def test_the_secretariat_reopens_a_forwarded_rakor_with_the_form_and_the_page_stays_accessible(open_page):
    session = RakorSession.objects.get(date="2024-11-18")
    page = open_page("desktop", "sekretariat", axe=True)
    page.goto(brief_pages()[0])
    tick_the_checklist(page)
    page.get_by_role("button", name="Setujui naskah").click()
    page.get_by_label("Saya mengerti").check()
    page.get_by_role("button", name="Teruskan ke Mendagri").click()
    page.get_by_text("Laporan diteruskan ke Mendagri.").wait_for()
    assert not axe_violations(page)
    page.get_by_label("Alasan membuka kembali").fill("Angka personel Bontang salah ketik.")
    page.get_by_role("button", name="Buka kembali rakor ini").click()
    page.get_by_text("Rakor dibuka kembali untuk perbaikan.").wait_for()
    assert page.get_by_text("Angka personel Bontang salah ketik.").is_visible()
    assert not axe_violations(page)
    assert ForwardedBrief.objects.get(session=session).superseded_at is not None
