"""Each kind of change made through the real pages leaves a history row with its actor and the
fields it changed: the operator's save and submit, the review, the attendance, a follow-up made and
closed, the brief edited, signed off and forwarded. The secretariat and leaders read the report's
"riwayat perubahan" on the drill-down, with names where the rows hold ids; only IT admins see the
client addresses."""

import pytest
from django.urls import reverse

from reports.brief.checklist import Check
from reports.models import Attendance, FollowUp, RakorSession, ReadinessReport
from reports.workflow.forwarding import digest
from tests import letters
from tests.operator_pages import confirm_all, open_form, report_url
from tests.security_data import browser, client_for, demo_user, region_report


def last_change(obj) -> tuple:
    """(who, which fields) of the object's newest history row, against the one before it."""
    newest, *older = obj.history.order_by("-history_date", "-history_id")[:2]
    fields = set(newest.diff_against(older[0]).changed_fields) if older else {"+"}
    return newest.history_user.username, fields


def test_the_operators_save_and_submit_are_recorded_with_the_operator_and_the_fields(demo):
    client = browser("operator.samarinda")
    data = open_form(client, demo)
    assert (
        client.post(report_url(demo), {**data, "notes": "Draf pertama", "action": "draft"}).status_code == 302
    )
    report = ReadinessReport.objects.get(session=demo, region__kemendagri_code="64.72")
    assert last_change(report) == ("operator.samarinda", {"+"})
    data = confirm_all(open_form(client, demo))
    assert client.post(report_url(demo), {**data, "notes": "Terkirim", "action": "submit"}).status_code == 302
    who, fields = last_change(report)
    assert who == "operator.samarinda"
    assert {"notes", "status", "submitted_by", "version"} <= fields


def test_a_review_is_recorded_with_the_reviewer_and_the_comment(demo):
    report = region_report(demo, "64.74")
    data = {"decision": "return", "comment": "Lengkapi data ASN", "version": report.version}
    assert (
        client_for("secretariat").post(reverse("reports:review", args=[report.pk]), data).status_code == 302
    )
    assert last_change(report) == (
        "sekretariat",
        {"status", "reviewer_comment", "reviewed_by", "reviewed_at", "version"},
    )


def test_attendance_is_recorded_with_who_took_it(demo):
    desk = client_for("secretariat")
    form = desk.get(reverse("reports:attendance", args=[demo.pk])).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    bontang = region_report(demo, "64.74").region
    data[f"representative_{bontang.pk}"] = "Kepala Kesbangpol Bontang"
    assert desk.post(reverse("reports:attendance", args=[demo.pk]), data).status_code == 302
    who, fields = last_change(Attendance.objects.get(session=demo, region=bontang))
    assert who == "sekretariat"
    assert "representative" in fields or fields == {"+"}


def test_a_follow_up_made_and_closed_is_recorded_with_the_secretariat(demo):
    desk = client_for("secretariat")
    data = {
        "region": "",
        "source": "lainnya",
        "title": "Rapat koordinasi logistik",
        "agency": "kpu",
        "due_date": "2024-11-25",
    }
    assert desk.post(reverse("reports:follow_up_create", args=[demo.pk]), data).status_code == 302
    follow_up = FollowUp.objects.get(title="Rapat koordinasi logistik")
    assert last_change(follow_up) == ("sekretariat", {"+"})
    url = reverse("reports:follow_up_close", args=[demo.pk, follow_up.pk])
    assert desk.post(url, {"closing_note": "Sudah dilaksanakan"}).status_code == 302
    assert last_change(follow_up) == ("sekretariat", {"closed_at", "closed_by", "closing_note"})


def test_the_brief_edited_signed_and_forwarded_is_recorded_with_who_did_each(demo):
    desk = client_for("secretariat")
    brief = reverse("reports:brief", args=[demo.pk])
    assert desk.post(brief, {"text": "Naskah yang disunting.", "base": digest("")}).status_code == 302
    session = RakorSession.objects.get(pk=demo.pk)
    assert last_change(session) == ("sekretariat", {"brief_text"})
    seen = {"seen": digest("Naskah yang disunting.")}
    desk.post(reverse("reports:brief_submit", args=[demo.pk]), seen)
    client_for("head").post(reverse("reports:brief_paraf", args=[demo.pk]), seen)
    sekda = letters.verified_client(demo_user("leader"))
    signed = {**seen, "acknowledged": Check.values, "token": letters.code_of(sekda)}
    sekda.post(reverse("reports:brief_sign_off", args=[demo.pk]), signed)
    who, fields = last_change(session)
    assert (who, {"signed_off_at", "signed_off_by"} <= fields) == ("sekda", True)
    desk.post(reverse("reports:brief_forward", args=[demo.pk]), {"confirm": "on"})
    who, fields = last_change(session)
    assert (who, {"forwarded_at", "forwarded_by"} <= fields) == ("sekretariat", True)


@pytest.mark.parametrize("role", ["secretariat", "leader"])
def test_the_drilldown_shows_the_riwayat_perubahan_of_the_report(demo, role):
    report = region_report(demo, "64.74")
    data = {"decision": "return", "comment": "Lengkapi data ASN", "version": report.version}
    client_for("secretariat").post(reverse("reports:review", args=[report.pk]), data)
    page = client_for(role).get(reverse("reports:report_detail", args=[report.pk])).content.decode()
    assert "Riwayat perubahan" in page
    assert "Lengkapi data ASN" in page
    secretariat = demo_user("secretariat")
    assert (secretariat.get_full_name() or secretariat.username) in page


def review_from(address: str, demo) -> str:
    """The secretariat returns Bontang's report from ``address``; the drill-down's URL."""
    report = region_report(demo, "64.74")
    data = {"decision": "return", "comment": "Lengkapi data ASN", "version": report.version}
    client_for("secretariat").post(reverse("reports:review", args=[report.pk]), data, REMOTE_ADDR=address)
    return reverse("reports:report_detail", args=[report.pk])


def history_of(page: str) -> str:
    return page[page.index('id="change-history-title"') :]


@pytest.mark.parametrize("role", ["secretariat", "leader"])
def test_the_secretariat_and_leaders_do_not_see_the_client_addresses_in_the_history(demo, role):
    url = review_from("203.0.113.55", demo)
    page = client_for(role).get(url).content.decode()
    assert "Lengkapi data ASN" in page
    assert "203.0.113.55" not in page


def test_an_it_admin_sees_the_client_address_of_each_change(demo):
    url = review_from("203.0.113.55", demo)
    page = history_of(client_for("admin").get(url).content.decode())
    assert "dari 203.0.113.55" in page


@pytest.mark.parametrize("role", ["secretariat", "leader", "admin"])
def test_the_history_names_the_rakor_and_the_region_not_their_ids(demo, role):
    report = region_report(demo, "64.74")
    page = history_of(
        client_for(role).get(reverse("reports:report_detail", args=[report.pk])).content.decode()
    )
    assert "<td>18 November 2024</td>" in page
    assert "<td>Kota Bontang</td>" in page
    assert f"<td>{demo.pk}</td>" not in page
    assert f"<td>{report.region_id}</td>" not in page
