"""The brief in a real browser: the page and its A4 print view have no serious axe-core violation
for the secretariat or the leader, load under the real Content-Security-Policy without a browser
error, and the letter goes through its paraf chain and is forwarded with the buttons."""

import pytest
from django.urls import reverse

from reports.brief.checklist import Check
from reports.models import ForwardedBrief, LetterNumber, RakorSession
from reports.workflow import letter as chain
from tests import letters
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


def submit_and_paraf_with_the_buttons(open_page) -> None:
    """The secretariat submits the letter, the head of Kesbangpol initials it, each in a browser;
    the Sekda then signs (in code: a browser would need the Sekda's authenticator)."""
    page = open_page("desktop", "sekretariat")
    page.goto(brief_pages()[0])
    page.get_by_role("button", name="Ajukan untuk paraf").click()
    page.get_by_text("Naskah diajukan untuk paraf.").wait_for()
    head = open_page("desktop", "kepala.kesbangpol", axe=True)
    head.goto(brief_pages()[0])
    assert not axe_violations(head)
    head.get_by_role("button", name="Paraf naskah").click()
    head.get_by_text("Naskah telah Anda paraf").wait_for()
    session = RakorSession.objects.get(date="2024-11-18")
    chain.sign(
        session,
        letters.demo_people()[2],
        seen=letters.seen(session),
        verified=True,
        acknowledged=Check.values,
    )


def test_the_letter_is_submitted_initialled_and_forwarded_with_the_buttons(open_page):
    submit_and_paraf_with_the_buttons(open_page)
    page = open_page("desktop", "sekretariat")
    page.goto(brief_pages()[0])
    assert page.get_by_text(LetterNumber.objects.get().number).first.is_visible()
    page.get_by_label("Saya mengerti").check()
    page.get_by_role("button", name="Teruskan ke Mendagri").click()
    page.get_by_text("Laporan diteruskan ke Mendagri.").wait_for()
    assert page.get_by_text("sudah diteruskan ke Mendagri sejak").is_visible()
    assert ForwardedBrief.objects.filter(session=RakorSession.objects.get(date="2024-11-18")).exists()


def test_the_secretariat_reopens_a_forwarded_rakor_with_the_form_and_the_page_stays_accessible(open_page):
    session = RakorSession.objects.get(date="2024-11-18")
    submit_and_paraf_with_the_buttons(open_page)
    page = open_page("desktop", "sekretariat", axe=True)
    page.goto(brief_pages()[0])
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
