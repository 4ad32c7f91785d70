"""A forwarded rakor is read-only in the admin too: its reports and their lines, attendance,
follow-ups, letter and deadline can be read there but not changed, deleted, reverted to an earlier
version or added to. An open rakor's rows are still changed there as before."""

import pytest
from django.urls import reverse

from reports.models import Attendance, FollowUp, RakorSession
from tests.operator_pages import form_data
from tests.security_data import client_for, forward, region_report, rows

FROZEN = "sudah diteruskan ke Mendagri sejak"


def change_url(obj) -> str:
    return reverse(f"admin:reports_{obj._meta.model_name}_change", args=[obj.pk])


def admin_form(client, obj) -> dict[str, str]:
    """What the admin's change form posts for ``obj`` as it stands, lines included."""
    response = client.get(change_url(obj))
    assert response.status_code == 200
    return form_data(response, f"{obj._meta.model_name}_form")


@pytest.fixture
def bontang(demo):
    report = region_report(demo, "64.74")
    report.security_personnel = 1_800
    report.save()
    return report


def test_the_admin_refuses_to_change_a_forwarded_rakors_report_and_the_row_is_unchanged(demo, bontang):
    admin = client_for("admin")
    data = admin_form(admin, bontang)
    assert data["security_personnel"] == "1800"
    forward(demo)
    before = rows()

    response = admin.post(
        change_url(bontang), {**data, "security_personnel": "9999", "shortages-0-quantity": "1"}
    )

    assert response.status_code == 403
    assert rows() == before
    assert type(bontang).objects.get(pk=bontang.pk).security_personnel == 1_800


def test_a_forwarded_rakors_report_and_its_lines_show_read_only_in_the_admin(demo, bontang):
    forward(demo)
    response = client_for("admin").get(change_url(bontang))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="security_personnel"' not in page
    assert 'name="_save"' not in page
    for inline in response.context["inline_admin_formsets"]:
        assert (inline.has_add_permission, inline.has_change_permission, inline.has_delete_permission) == (
            False,
            False,
            False,
        )


def test_the_admin_still_changes_a_report_of_an_open_rakor(demo, bontang):
    admin = client_for("admin")
    response = admin.post(change_url(bontang), {**admin_form(admin, bontang), "security_personnel": "9999"})
    assert response.status_code == 302
    assert type(bontang).objects.get(pk=bontang.pk).security_personnel == 9_999


def test_the_letter_and_the_deadline_of_a_forwarded_rakor_cannot_be_changed_in_the_admin(demo):
    admin = client_for("admin")
    data = admin_form(admin, demo)
    session = forward(demo)
    response = admin.post(
        change_url(session),
        {
            **data,
            "brief_text": "Naskah diganti di admin.",
            "deadline_0": "2024-12-31",
            "deadline_1": "23:59:00",
        },
    )
    assert response.status_code == 403
    stored = RakorSession.objects.get(pk=session.pk)
    assert (stored.brief_text, stored.deadline) == (session.brief_text, session.deadline)
    assert 'name="brief_text"' not in admin.get(change_url(session)).content.decode()


def test_a_forwarded_rakors_attendance_and_follow_ups_cannot_be_changed_or_deleted_in_the_admin(demo):
    admin = client_for("admin")
    attendance = Attendance.objects.filter(session=demo).first()
    follow_up = FollowUp.objects.filter(session=demo).first()
    posted = {obj: admin_form(admin, obj) for obj in (attendance, follow_up)}
    forward(demo)
    before = rows()
    for obj, data in posted.items():
        assert admin.post(change_url(obj), {**data, "representative": "X", "title": "X"}).status_code == 403
        delete = reverse(f"admin:reports_{obj._meta.model_name}_delete", args=[obj.pk])
        assert admin.post(delete, {"post": "yes"}).status_code == 403
    assert rows() == before


def test_nothing_can_be_added_to_a_forwarded_rakor_in_the_admin_and_the_form_says_why(demo):
    admin = client_for("admin")
    session = forward(demo)
    before = rows()
    bontang = region_report(demo, "64.74")
    response = admin.post(
        reverse("admin:reports_followup_add"),
        {
            "session": session.pk,
            "source": "lainnya",
            "title": "Baru",
            "agency": "kpu",
            "due_date": "2024-11-30",
        },
    )
    assert response.status_code == 200
    assert FROZEN in response.content.decode()
    response = admin.post(
        reverse("admin:reports_attendance_add"),
        {"session": session.pk, "region": bontang.region_id, "status": "izin", "recorded_at_0": "2024-11-18"},
    )
    assert FROZEN in response.content.decode()
    assert rows() == before


def test_a_forwarded_rakors_report_cannot_be_reverted_to_an_earlier_version_in_the_admin(demo, bontang):
    forward(demo)
    earlier = bontang.history.order_by("history_date").first()
    url = reverse("admin:reports_readinessreport_simple_history", args=[bontang.pk, earlier.history_id])
    before = rows()
    assert client_for("admin").post(url, {}).status_code == 403
    assert rows() == before
