"""Counts mean one thing: a weekly count ("minggu ini") starts a new week at 0, a figure to date
("sampai saat ini") keeps its value; the one-tap "Semua bagian masih sama" confirms a weekly count as
0, so a case is neither counted nor alerted twice; a sent report goes again in one tap."""

import datetime as dt
import re
from html import unescape

import pytest
from django.urls import reverse

from reports.models import ReadinessReport
from reports.registry import FIELDS, Kind, Period, sections_of
from reports.rollup.lights import AlertKind
from reports.rollup.summary import summary
from reports.workflow import writes
from tests.conftest import make_report
from tests.operator_pages import errors_beside, form_data, open_form, post_form, report_url

pytestmark = pytest.mark.django_db

BEFORE_VOTING = sections_of(["kampanye"])  # what the rakor of 11 and 18 November ask for
UNCONFIRMED = "Centang jika bagian ini masih akurat, atau ubah isinya."


@pytest.fixture
def week_with_a_case(previous_session, region) -> ReadinessReport:
    """Bontang's report of 11 November: one ASN neutrality case that week, 1.214 personnel."""
    return make_report(
        previous_session,
        region,
        status="accepted",
        first_submitted_at=dt.datetime(2024, 11, 10, 20, 0, tzinfo=dt.UTC),
        readiness="siap",
        logistics_status="aman",
        logistics_items_fulfilled=14,
        security_personnel=1214,
        security_situation="kondusif",
        asn_violations=1,
        asn_notes="Seorang lurah hadir di kampanye.",
        kecamatan_ready=3,
        first_time_voters=8900,
        conflict_risk="rendah",
        confirmed_sections={s.key: "2024-11-11" for s in BEFORE_VOTING},
    )


@pytest.fixture
def operator_client(client, operator):
    client.force_login(operator)
    return client


def text(response) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def stored(session, region) -> ReadinessReport:
    return ReadinessReport.objects.get(session=session, region=region)


def asn_alerts(session, region) -> list[str]:
    return [a.message for a in summary(session).alerts if a.kind == AlertKind.ASN and a.region == region]


def test_every_count_says_what_it_counts_and_nothing_else_does():
    """Each count of the registry is either this week's or up to now; no other field has a period."""
    counts = {f.name for f in FIELDS if f.kind == Kind.COUNT}
    assert {f.name for f in FIELDS if f.period is not None} == counts
    assert {f.name for f in FIELDS if f.period is Period.WEEK} == {"asn_violations", "tps_incidents"}


def test_the_asn_count_carried_from_a_week_with_a_case_is_offered_as_0_and_personnel_keeps_its_value(
    operator_client, session, week_with_a_case
):
    """The new week's form starts the weekly ASN count at 0 and the personnel deployed at 1.214."""
    response = operator_client.get(report_url(session))
    data = form_data(response)
    assert data["asn_violations"] == "0"
    assert data["security_personnel"] == "1.214"
    assert data["asn_notes"] == "Seorang lurah hadir di kampanye."  # notes are the operator's to update
    page = text(response)
    assert "Pelanggaran netralitas ASN minggu ini" in page
    assert "Personel pengamanan sampai saat ini" in page


def test_the_one_tap_confirmation_lists_the_weekly_count_as_0_and_says_why(
    operator_client, session, week_with_a_case
):
    """ "Semua bagian masih sama" shows what it will send: ASN 0 this week, personnel as it was."""
    page = text(operator_client.get(report_url(session)))
    assert "Pelanggaran netralitas ASN (minggu ini): 0" in page
    assert "Pelanggaran netralitas ASN (minggu ini): 1" not in page
    assert "Personel pengamanan: 1.214" in page
    assert "dikirim 0 untuk minggu ini: kasus minggu lalu tidak dihitung dua kali" in page


def test_after_the_one_tap_the_province_counts_0_asn_cases_this_week_and_raises_no_asn_alert(
    operator_client, session, region, week_with_a_case
):
    """The same case is neither added to this week's total nor alerted again."""
    assert asn_alerts(week_with_a_case.session, region)  # last week's case was alerted, once
    response = post_form(operator_client, session, open_form(operator_client, session), action="unchanged")
    assert response.status_code == 302
    report = stored(session, region)
    assert (report.status, report.asn_violations, report.security_personnel) == ("submitted", 0, 1214)
    assert report.changed_sections == []
    result = summary(session)
    assert result.totals.figures["asn_violations"].value == 0
    assert result.totals.figures["security_personnel"].value == 1214
    assert asn_alerts(session, region) == []
    assert result.row_for(region).is_unchanged  # the same picture: no new case, nothing else moved
    assert result.row_for(region).changes == []


def test_the_dashboard_heads_the_weekly_total_with_its_period(
    operator_client, client, secretariat, session, week_with_a_case
):
    """The province totals say the ASN cases are this week's, last week's beside them."""
    post_form(operator_client, session, open_form(operator_client, session), action="unchanged")
    client.force_login(secretariat)
    page = text(client.get(reverse("reports:dashboard")))
    assert "Pelanggaran netralitas ASN (minggu ini) 0 (sebelumnya 1 menurut 1 laporan)" in page
    assert "Personel pengamanan 1.214 (sebelumnya 1.214 menurut 1 laporan)" in page


def test_a_new_case_the_week_after_a_case_is_a_change_counted_and_alerted(
    operator_client, session, region, week_with_a_case
):
    """A week with its own case is no copy of last week's, even with the same number."""
    data = {**open_form(operator_client, session), "asn_violations": "1"}
    assert post_form(operator_client, session, data, action="unchanged").status_code == 302
    assert stored(session, region).changed_sections == ["asn"]
    result = summary(session)
    assert result.totals.figures["asn_violations"].value == 1
    assert not result.row_for(region).is_unchanged
    assert asn_alerts(session, region) == ["Kota Bontang: 1 pelanggaran netralitas ASN"]


def test_a_returned_unchanged_report_is_sent_again_with_one_tap(
    operator_client, session, region, week_with_a_case, secretariat
):
    """ "Kirim ulang tanpa perubahan" sends a returned report again without a tick per section."""
    post_form(operator_client, session, open_form(operator_client, session), action="unchanged")
    sent = stored(session, region)
    writes.review(sent, secretariat, accept=False, comment="Cek ulang.", expected_version=sent.version)
    response = operator_client.get(report_url(session))
    assert "Kirim ulang tanpa perubahan" in text(response)
    untouched = {k: v for k, v in form_data(response).items() if not k.startswith("confirm_")}
    refused = post_form(operator_client, session, untouched, action="submit")
    assert errors_beside(refused, "confirm_asn") == [UNCONFIRMED]
    assert post_form(operator_client, session, untouched, action="unchanged").status_code == 302
    report = stored(session, region)
    assert (report.status, report.version, report.asn_violations) == ("submitted", sent.version + 2, 0)
    assert report.confirmed_sections == {s.key: "2024-11-18" for s in BEFORE_VOTING}


def test_the_one_tap_resend_of_a_report_saved_meanwhile_is_refused_as_stale(
    operator_client, session, region, week_with_a_case, secretariat
):
    """The resend keeps the version check: a report returned after the page was opened is not overwritten."""
    post_form(operator_client, session, open_form(operator_client, session), action="unchanged")
    opened = open_form(operator_client, session)
    sent = stored(session, region)
    writes.review(sent, secretariat, accept=False, comment="Periksa lagi.", expected_version=sent.version)
    response = post_form(operator_client, session, opened, action="unchanged")
    assert response.status_code == 409
    assert re.search(r"sudah diubah .* setelah Anda membukanya", text(response))
    assert stored(session, region).status == "returned"


def test_an_accepted_report_offers_no_one_tap_resend(
    operator_client, session, region, week_with_a_case, secretariat
):
    """An accepted report needs nothing more: sending it again would put it back before the reviewer."""
    post_form(operator_client, session, open_form(operator_client, session), action="unchanged")
    sent = stored(session, region)
    writes.review(sent, secretariat, accept=True, comment="", expected_version=sent.version)
    assert "Kirim ulang tanpa perubahan" not in text(operator_client.get(report_url(session)))
