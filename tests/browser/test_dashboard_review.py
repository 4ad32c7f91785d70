"""In a real browser: the secretariat returns a report from the dashboard with a comment and the
operator reads it on their report page; the desk's pages pass axe-core and the real CSP."""

import pytest
from django.urls import reverse

from reports.models import RakorSession, ReadinessReport
from tests.browser.conftest import SIZES, axe_violations

pytestmark = pytest.mark.browser

COMMENT = "Jumlah personel pengamanan belum sesuai data Polres; mohon diperiksa kembali."


def test_secretariat_returns_a_report_and_the_operator_sees_the_comment(open_page):
    desk = open_page("desktop", "sekretariat")
    desk.goto(reverse("reports:dashboard"))
    assert "7 dari 10 kabupaten/kota telah melapor" in desk.inner_text("main")
    desk.locator(".desk-tiles a", has_text="Bontang").click()
    desk.fill("textarea[name=comment]", COMMENT)
    desk.get_by_role("button", name="Kembalikan dengan komentar").click()
    # the reviewer goes on to the next report waiting, from the first region again after Bontang
    following = ReadinessReport.objects.get(session=RakorSession.objects.current(), region__name="Paser")
    desk.wait_for_url(lambda url: url.endswith(following.get_absolute_url()))
    assert "dikembalikan ke operator" in desk.inner_text("main")

    report = ReadinessReport.objects.get(session=RakorSession.objects.current(), region__name="Bontang")
    assert (report.status, report.reviewer_comment) == ("returned", COMMENT)

    operator = open_page("phone", "operator.bontang")
    operator.goto(reverse("reports:report_form"))
    assert COMMENT in operator.inner_text("main")


@pytest.mark.parametrize("username", ["sekretariat", "sekda"])
def test_dashboard_and_drilldown_have_no_serious_accessibility_violation(open_page, username):
    report = ReadinessReport.objects.get(session=RakorSession.objects.current(), region__name="Bontang")
    urls = [
        reverse("reports:dashboard"),
        report.get_absolute_url(),
        reverse("reports:attendance", args=[report.session_id]),
    ]
    violations = []
    for size in SIZES:
        page = open_page(size, username, axe=True)
        for url in urls:
            page.goto(url)
            violations += axe_violations(page)
    assert not violations, "\n".join(violations)


def test_the_desk_pages_load_under_the_real_csp_without_a_browser_error(open_page):
    session = RakorSession.objects.current()
    page = open_page("phone", "sekretariat")
    for url in (
        reverse("reports:dashboard"),
        reverse("reports:follow_up_create", args=[session.pk]),
        reverse("reports:attendance", args=[session.pk]),
        ReadinessReport.objects.filter(session=session).first().get_absolute_url(),
    ):
        assert page.goto(url).ok, url
