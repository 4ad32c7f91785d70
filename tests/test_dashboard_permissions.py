"""Who may open and post to each page of the province desk: the secretariat does everything, the
leader reads (no change goes through), operators get 403 everywhere, anonymous users log in first."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from reports.models import FollowUp
from tests.conftest import make_report

pytestmark = pytest.mark.django_db

READ = "read"  # GET pages: the secretariat and leaders read, POST is not a method they answer
SECRETARIAT_ONLY = "secretariat only"


@pytest.fixture
def objects(session, region, operator, secretariat):
    report = make_report(session, region, status="submitted", first_submitted_at=timezone.now())
    follow_up = FollowUp.objects.create(
        session=session, region=region, title="Periksa gudang", agency="kpu", due_date=dt.date(2024, 11, 20)
    )
    return {"session": session, "region": region, "report": report, "follow_up": follow_up}


def urls(o):
    """(url name, args, kind, valid POST data)"""
    session, report = o["session"], o["report"]
    return [
        ("reports:dashboard", [], READ, {}),
        ("reports:dashboard_session", [session.pk], READ, {}),
        ("reports:region_detail", [session.pk, o["region"].pk], READ, {}),
        ("reports:report_detail", [report.pk], READ, {}),
        (
            "reports:attendance",
            [session.pk],
            "attendance",
            {f"status_{o['region'].pk}": "hadir"} | {f"status_{pk}": "belum" for pk in range(1, 11)},
        ),
        (
            "reports:follow_up_create",
            [session.pk],
            SECRETARIAT_ONLY,
            {"source": "lainnya", "title": "Baru", "agency": "kpu", "due_date": "2024-11-30"},
        ),
        ("reports:follow_up_close", [session.pk, o["follow_up"].pk], "post only", {}),
        ("reports:review", [report.pk], "post only", {"decision": "accept", "version": report.version}),
    ]


# Expected (GET, POST) status per kind and role.
EXPECTED = {
    READ: {"secretariat": (200, 405), "leader": (200, 405), "operator": (403, 403)},
    "attendance": {"secretariat": (200, 302), "leader": (200, 403), "operator": (403, 403)},
    SECRETARIAT_ONLY: {"secretariat": (200, 302), "leader": (403, 403), "operator": (403, 403)},
    "post only": {"secretariat": (405, 302), "leader": (403, 403), "operator": (403, 403)},
}


@pytest.mark.parametrize("role", ["secretariat", "leader", "operator"])
def test_each_page_answers_each_role_as_the_rules_say(client, objects, role, request):
    client.force_login(request.getfixturevalue(role))
    for name, args, kind, data in urls(objects):
        url = reverse(name, args=args)
        expected_get, expected_post = EXPECTED[kind][role]
        assert client.get(url).status_code == expected_get, (name, role, "GET")
        assert client.post(url, data).status_code == expected_post, (name, role, "POST")


def test_anonymous_users_are_sent_to_the_login_page_for_every_page(client, objects):
    for name, args, _kind, data in urls(objects):
        url = reverse(name, args=args)
        for response in (client.get(url), client.post(url, data)):
            assert response.status_code == 302, name
            assert response.url.startswith(reverse("login")), name


def test_nothing_the_leader_or_an_operator_posts_changes_the_database(client, objects, leader, operator):
    for user in (leader, operator):
        client.force_login(user)
        for name, args, _kind, data in urls(objects):
            client.post(reverse(name, args=args), data)
    objects["report"].refresh_from_db()
    objects["follow_up"].refresh_from_db()
    assert objects["report"].status == "submitted"
    assert objects["follow_up"].closed_at is None
    assert FollowUp.objects.count() == 1
    assert not objects["session"].attendance.exists()


def test_the_secretariats_posts_take_effect(client, objects, secretariat):
    client.force_login(secretariat)
    for name, args, _kind, data in urls(objects):
        client.post(reverse(name, args=args), data)
    objects["report"].refresh_from_db()
    objects["follow_up"].refresh_from_db()
    assert objects["report"].status == "accepted"
    assert objects["follow_up"].closed_at is not None
    assert FollowUp.objects.filter(title="Baru").exists()
    assert objects["session"].attendance.count() == 10


def test_unknown_objects_answer_404_not_500(client, secretariat, session):
    client.force_login(secretariat)
    assert client.get(reverse("reports:dashboard_session", args=[999999])).status_code == 404
    assert client.get(reverse("reports:report_detail", args=[999999])).status_code == 404
    assert client.get(reverse("reports:region_detail", args=[session.pk, 999999])).status_code == 404
    assert client.post(reverse("reports:follow_up_close", args=[session.pk, 999999])).status_code == 404
