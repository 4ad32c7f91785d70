"""A save meeting a newer version on the server (a report queued offline, or two browsers): both
versions shown field by field under the registry's labels, the operator's kept in the form with
the server's version so sending it is a deliberate overwrite; only the operator's own region's
report is ever shown; a report queued on a device by another user, or sent without a session, is
never saved."""

import datetime as dt

import pytest
from django.test import Client
from django.utils.text import capfirst

from reports.models import ReadinessReport
from reports.registry import model_field
from reports.views.offline import user_key
from tests.conftest import make_report
from tests.operator_pages import form_data, open_form, post_form

pytestmark = pytest.mark.django_db

FUTURE = dt.datetime(2100, 1, 1, tzinfo=dt.UTC)


@pytest.fixture
def open_session(session):
    session.deadline = FUTURE
    session.save(update_fields=["deadline"])
    return session


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def label(name: str) -> str:
    return str(capfirst(model_field(ReadinessReport, name).verbose_name))


def versions_shown(response) -> str:
    content = response.content.decode()
    return content.split('id="dua-versi"')[1].split("</section>")[0]


def test_a_stale_save_shows_both_versions_where_they_differ_and_keeps_mine_to_send(
    open_session, region, operator
):
    make_report(open_session, region, readiness="siap", security_personnel=1000, notes="sama")
    office, phone = signed_in(operator), signed_in(operator)
    office_data, phone_data = open_form(office, open_session), open_form(phone, open_session)
    assert post_form(office, open_session, office_data, security_personnel="1.100").status_code == 302

    response = post_form(phone, open_session, phone_data, action="submit", security_personnel="1.200")
    assert response.status_code == 409
    shown = versions_shown(response)
    assert label("security_personnel") in shown
    assert "Versi Anda" in shown and "1.200" in shown
    assert "Versi server (2)" in shown and "1.100" in shown
    assert label("notes") not in shown  # the same on both sides
    assert 'value="submit"' in shown and "Kirim versi saya menggantikan versi server" in shown
    assert "data-autosave-keep" in response.content.decode()  # the device keeps mine until I choose
    kept = form_data(response)
    assert (kept["security_personnel"], kept["version"]) == ("1.200", "2")
    assert ReadinessReport.objects.get().security_personnel == 1100

    # "Kirim versi saya": the form as shown, the server's version in it, is saved as the next one.
    assert post_form(phone, open_session, kept, action="submit").status_code == 302
    report = ReadinessReport.objects.get()
    assert (report.security_personnel, report.version, report.status) == (1200, 3, "submitted")


def test_the_two_versions_name_a_changed_shortage_line(open_session, region, operator, election):
    ballots = election.logistics_items.get(name="Surat suara")
    make_report(open_session, region, readiness="siap")
    office, phone = signed_in(operator), signed_in(operator)
    office_data, phone_data = open_form(office, open_session), open_form(phone, open_session)
    line = {"kekurangan-0-item": str(ballots.pk), "kekurangan-0-quantity": "250"}
    assert post_form(office, open_session, office_data, **line).status_code == 302

    response = post_form(phone, open_session, phone_data, **{**line, "kekurangan-0-quantity": "300"})
    shown = versions_shown(response)
    assert "Kekurangan logistik" in shown
    assert "Surat suara: 300 lembar" in shown and "Surat suara: 250 lembar" in shown


def test_a_draft_meeting_a_newer_version_offers_to_save_mine_as_a_draft(open_session, region, operator):
    make_report(open_session, region, readiness="siap")
    office, phone = signed_in(operator), signed_in(operator)
    office_data, phone_data = open_form(office, open_session), open_form(phone, open_session)
    post_form(office, open_session, office_data, notes="kantor")
    response = post_form(phone, open_session, phone_data, action="draft", notes="ponsel")
    shown = versions_shown(response)
    assert 'value="draft"' in shown and "Simpan versi saya menggantikan versi server" in shown
    assert "Pakai versi server, buang versi saya" in shown


def test_the_two_versions_are_only_ever_of_the_operators_own_region(
    open_session, region, other_region, operator, other_operator
):
    make_report(open_session, region, readiness="siap", notes="Rahasia Bontang", version=3)
    make_report(open_session, other_region, readiness="siap", notes="Catatan Paser", version=2)
    paser = signed_in(other_operator)
    data = open_form(paser, open_session)
    data["version"] = "1"  # loaded before another save, as a report queued offline long ago
    response = post_form(paser, open_session, data, notes="Dari ponsel Paser")
    assert response.status_code == 409
    content = response.content.decode()
    assert "Catatan Paser" in versions_shown(response)
    assert "Rahasia Bontang" not in content
    assert ReadinessReport.objects.get(region=region).notes == "Rahasia Bontang"


def test_a_report_queued_on_the_device_by_another_user_is_refused_and_not_saved(
    open_session, region, operator, other_operator
):
    client = signed_in(operator)
    data = open_form(client, open_session)
    assert data["offline_user"] == user_key(operator)
    data["offline_user"] = user_key(other_operator)
    response = post_form(client, open_session, data, action="submit", readiness="siap")
    assert response.status_code == 403
    assert not ReadinessReport.objects.exists()


def test_a_report_queued_while_signed_out_goes_to_the_login_page_and_is_not_saved(
    client, open_session, operator
):
    data = open_form(signed_in(operator), open_session)
    response = post_form(client, open_session, data, action="submit", readiness="siap")
    assert response.status_code == 302
    assert response.url.startswith("/akun/login/")
    assert not ReadinessReport.objects.exists()
