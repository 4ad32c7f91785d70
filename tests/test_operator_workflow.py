"""The life of a region's report from the operator's side: draft, submit, revise, returned and
accepted reports, the late flag, the lock after forwarding and the refusal of lost updates."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from reports.models import AgendaLine, ReadinessReport
from reports.workflow import writes
from tests.conftest import make_report
from tests.operator_pages import form_data, open_form, post_form, report_url

pytestmark = pytest.mark.django_db

FUTURE = dt.datetime(2100, 1, 1, tzinfo=dt.UTC)


@pytest.fixture
def operator_client(client, operator, session):
    client.force_login(operator)
    return client


@pytest.fixture
def open_session(session):
    session.deadline = FUTURE
    session.save(update_fields=["deadline"])
    return session


def report_of(session, region) -> ReadinessReport:
    return ReadinessReport.objects.get(session=session, region=region)


def test_a_draft_is_saved_then_submitted_on_time(operator_client, open_session, region, operator):
    data = open_form(operator_client, open_session)
    data.update(readiness="siap", security_personnel="1.214")
    response = post_form(operator_client, open_session, data, action="draft")
    assert response.status_code == 302
    report = report_of(open_session, region)
    assert (report.status, report.version, report.security_personnel) == ("draft", 1, 1214)
    assert report.first_submitted_at is None

    page = operator_client.get(response.url)
    assert "Draf tersimpan (versi 1). Laporan belum dikirim." in page.content.decode()
    response = post_form(operator_client, open_session, form_data(page), action="submit")
    report.refresh_from_db()
    assert (report.status, report.version, report.is_late, report.submitted_by) == (
        "submitted",
        2,
        False,
        operator,
    )
    assert report.first_submitted_at is not None
    assert (
        "Laporan terkirim ke sekretariat Desk Pilkada." in operator_client.get(response.url).content.decode()
    )


def test_a_first_submission_after_the_deadline_is_late_but_accepted(operator_client, session, region):
    session.deadline = timezone.now() - dt.timedelta(hours=1)
    session.save(update_fields=["deadline"])
    data = open_form(operator_client, session)
    response = post_form(operator_client, session, data, action="submit", readiness="siap")
    report = report_of(session, region)
    assert (report.status, report.is_late) == ("submitted", True)
    assert "melewati batas waktu" in operator_client.get(response.url).content.decode()
    assert "Terlambat" in operator_client.get(report_url(session)).content.decode()


def test_a_revision_after_the_deadline_keeps_an_on_time_report_on_time(operator_client, open_session, region):
    data = open_form(operator_client, open_session)
    post_form(operator_client, open_session, data, action="submit", readiness="siap")
    open_session.deadline = timezone.now() - dt.timedelta(hours=1)
    open_session.save(update_fields=["deadline"])
    data = open_form(operator_client, open_session)
    post_form(operator_client, open_session, data, action="submit", readiness="siap_catatan")
    report = report_of(open_session, region)
    assert (report.status, report.readiness, report.is_late, report.version) == (
        "submitted",
        "siap_catatan",
        False,
        2,
    )


def test_a_sent_report_is_not_sent_back_to_draft(operator_client, open_session, region):
    data = open_form(operator_client, open_session)
    post_form(operator_client, open_session, data, action="submit", readiness="siap")
    data = open_form(operator_client, open_session)
    assert 'value="draft"' not in operator_client.get(report_url(open_session)).content.decode()
    response = post_form(operator_client, open_session, data, action="draft", notes="diubah")
    assert response.status_code == 409
    assert (
        "Laporan ini sudah dikirim; kirim perubahan Anda agar diperiksa kembali." in response.content.decode()
    )
    assert form_data(response)["notes"] == "diubah"
    assert report_of(open_session, region).notes == ""


def test_a_returned_report_shows_the_comment_and_goes_back_to_submitted(
    operator_client, open_session, region, secretariat
):
    data = open_form(operator_client, open_session)
    post_form(operator_client, open_session, data, action="submit", readiness="siap")
    report = report_of(open_session, region)
    writes.review(report, secretariat, accept=False, comment="Lengkapi jumlah personel.", expected_version=1)

    page = operator_client.get(reverse("reports:report_form"))
    content = page.content.decode()
    assert "Laporan dikembalikan untuk diperbaiki" in content
    assert "Lengkapi jumlah personel." in content
    assert 'value="draft"' in content  # a returned report may be worked on as a draft

    post_form(operator_client, open_session, form_data(page), action="draft", security_personnel="900")
    assert report_of(open_session, region).status == "returned"
    data = open_form(operator_client, open_session)
    post_form(operator_client, open_session, data, action="submit")
    report.refresh_from_db()
    assert (report.status, report.security_personnel, report.version) == ("submitted", 900, 4)
    assert report.reviewer_comment == "Lengkapi jumlah personel."


def test_an_accepted_report_revised_goes_back_to_submitted(
    operator_client, open_session, region, secretariat
):
    data = open_form(operator_client, open_session)
    post_form(operator_client, open_session, data, action="submit", readiness="siap")
    writes.review(report_of(open_session, region), secretariat, accept=True, comment="", expected_version=1)
    data = open_form(operator_client, open_session)
    response = post_form(operator_client, open_session, data, action="submit", readiness="belum_siap")
    assert response.status_code == 302
    report = report_of(open_session, region)
    assert (report.status, report.readiness) == ("submitted", "belum_siap")


def test_the_later_of_two_browsers_is_refused_and_keeps_its_input(open_session, region, operator):
    first, second = Client(), Client()
    first.force_login(operator)
    second.force_login(operator)
    make_report(open_session, region, readiness="siap", security_personnel=1000)
    first_data, second_data = open_form(first, open_session), open_form(second, open_session)

    assert post_form(first, open_session, first_data, security_personnel="1.100").status_code == 302
    response = post_form(second, open_session, second_data, security_personnel="1.200", notes="dari HP")
    assert response.status_code == 409
    content = response.content.decode()
    assert "sudah diubah" in content and "setelah Anda membukanya" in content
    assert reverse("reports:report_view", args=[report_of(open_session, region).pk]) in content
    shown = form_data(response)
    assert (shown["security_personnel"], shown["notes"]) == ("1.200", "dari HP")
    assert shown["version"] == "2"
    assert report_of(open_session, region).security_personnel == 1100

    # Having seen the message, the operator saves again on purpose.
    assert post_form(second, open_session, shown).status_code == 302
    assert report_of(open_session, region).security_personnel == 1200


def test_two_browsers_creating_the_first_report_do_not_both_win(open_session, region, operator):
    first, second = Client(), Client()
    first.force_login(operator)
    second.force_login(operator)
    first_data, second_data = open_form(first, open_session), open_form(second, open_session)
    assert post_form(first, open_session, first_data, notes="pertama").status_code == 302
    response = post_form(second, open_session, second_data, notes="kedua")
    assert response.status_code == 409
    assert form_data(response)["notes"] == "kedua"
    assert report_of(open_session, region).notes == "pertama"


def test_a_forwarded_session_is_read_only_and_says_since_when(operator_client, session, region, secretariat):
    report = make_report(session, region, readiness="siap", security_notes="Aman terkendali")
    moment = dt.datetime(2024, 11, 18, 15, 30, tzinfo=dt.UTC)
    session.signed_off_at = session.forwarded_at = moment
    session.signed_off_by = session.forwarded_by = secretariat
    session.save()

    page = operator_client.get(report_url(session))
    content = page.content.decode()
    assert page.status_code == 200
    assert "sudah diteruskan ke Mendagri sejak 18 November 2024, 23.30 WITA" in content
    assert 'id="report-form"' not in content
    assert "Aman terkendali" in content

    response = operator_client.post(
        report_url(session), {"action": "submit", "security_notes": "ubah", "version": "1"}
    )
    assert response.status_code == 409
    assert "sudah diteruskan ke Mendagri" in response.content.decode()
    report.refresh_from_db()
    assert (report.security_notes, report.status, report.version) == ("Aman terkendali", "draft", 1)


def test_posted_region_session_and_status_are_ignored(
    operator_client, open_session, region, other_region, previous_session
):
    data = open_form(operator_client, open_session)
    data.update(
        region=str(other_region.pk),
        session=str(previous_session.pk),
        status="accepted",
        is_late="on",
        version="1",
        reviewer_comment="palsu",
    )
    data["version"] = "0"
    assert post_form(operator_client, open_session, data).status_code == 302
    report = ReadinessReport.objects.get()
    assert (report.region, report.session, report.status, report.reviewer_comment) == (
        region,
        open_session,
        "draft",
        "",
    )


def test_a_line_of_another_regions_report_is_refused(operator_client, open_session, region, other_region):
    mine = make_report(open_session, region)
    theirs = make_report(open_session, other_region)
    line = AgendaLine.objects.create(
        report=theirs, kind="debat", date=dt.date(2024, 11, 20), place="Tanah Grogot"
    )
    data = open_form(operator_client, open_session)
    data.update(
        {
            "agenda-INITIAL_FORMS": "1",
            "agenda-TOTAL_FORMS": "1",
            "agenda-0-id": str(line.pk),
            "agenda-0-report": str(mine.pk),
            "agenda-0-kind": "debat",
            "agenda-0-date": "2024-11-21",
            "agenda-0-place": "Bontang",
        }
    )
    for key in [key for key in data if key.startswith("agenda-1-")]:
        del data[key]
    response = post_form(operator_client, open_session, data)
    assert response.status_code == 200
    assert "Ada baris yang tidak termasuk laporan ini." in response.content.decode()
    line.refresh_from_db()
    assert (line.report, line.place, line.date) == (theirs, "Tanah Grogot", dt.date(2024, 11, 20))
    assert not mine.agenda.exists()


def test_rows_are_added_and_removed_without_javascript(operator_client, open_session, region, election):
    data = open_form(operator_client, open_session)
    ink = election.logistics_items.get(name="Tinta")
    data.update(
        {"kekurangan-0-item": str(ink.pk), "kekurangan-0-quantity": "1.500", "kekurangan-0-note": "gudang"}
    )
    post_form(operator_client, open_session, data)
    data = open_form(operator_client, open_session)
    assert data["kekurangan-TOTAL_FORMS"] == "2"  # the saved line and a new blank row
    data["kekurangan-0-DELETE"] = "on"
    post_form(operator_client, open_session, data)
    assert not report_of(open_session, region).shortages.exists()


def test_too_many_rows_are_refused_not_crashed(operator_client, open_session, region):
    data = open_form(operator_client, open_session)
    data["agenda-TOTAL_FORMS"] = "100000"
    response = post_form(operator_client, open_session, data)
    assert response.status_code == 200
    assert not ReadinessReport.objects.exists()
