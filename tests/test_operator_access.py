"""Who may open the operator's pages: every URL × anonymous, this region's operator, another
region's operator, the secretariat and a leader × GET and POST — the status, and never another
region's data in the answer or in the database."""

import datetime as dt

import pytest
from django.urls import reverse

from reports.models import AgendaLine, ReadinessReport
from tests.conftest import make_report, make_user
from tests.operator_pages import form_data

pytestmark = pytest.mark.django_db

BONTANG = "CATATAN-RAHASIA-BONTANG"
PASER = "CATATAN-RAHASIA-PASER"


@pytest.fixture
def reports(session, previous_session, region, other_region):
    """A report of each region, for this week and last week, each with a marker only it carries."""
    made = {}
    for name, area, marker in (("own", region, BONTANG), ("other", other_region, PASER)):
        made[name] = make_report(session, area, security_notes=marker, reviewer_comment=f"komentar {marker}")
        made[f"{name}_past"] = make_report(previous_session, area, notes=marker)
        AgendaLine.objects.create(report=made[name], kind="lainnya", date=dt.date(2024, 11, 20), place=marker)
    return made


def urls(session, reports):
    return {
        "report_form": reverse("reports:report_form"),
        "session_report": reverse("reports:session_report", args=[session.pk]),
        "report_history": reverse("reports:report_history"),
        "own_report": reverse("reports:report_view", args=[reports["own_past"].pk]),
        "other_report": reverse("reports:report_view", args=[reports["other_past"].pk]),
    }


# For this region's operator; the other operator sees the same pages for *their* region.
OPERATOR_STATUS = {
    ("report_form", "get"): 200,
    ("report_form", "post"): 405,
    ("session_report", "get"): 200,
    ("session_report", "post"): 200,  # an empty post is an invalid form shown again
    ("report_history", "get"): 200,
    ("report_history", "post"): 405,
    ("own_report", "get"): 200,
    ("own_report", "post"): 405,
    ("other_report", "get"): 404,
    ("other_report", "post"): 405,
}

PAGES = sorted({page for page, _ in OPERATOR_STATUS})


@pytest.fixture
def users(operator, other_operator, secretariat, leader):
    return {
        "operator": operator,
        "other_operator": other_operator,
        "secretariat": secretariat,
        "leader": leader,
    }


def fetch(client, method, url):
    return client.get(url) if method == "get" else client.post(url, {"action": "draft"})


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("page", PAGES)
def test_anonymous_users_are_sent_to_the_login_page(client, session, reports, page, method):
    url = urls(session, reports)[page]
    response = fetch(client, method, url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("role", ["secretariat", "leader"])
def test_the_province_desk_is_refused_the_operator_pages(client, session, reports, users, role, page, method):
    client.force_login(users[role])
    response = fetch(client, method, urls(session, reports)[page])
    assert response.status_code == 403
    assert BONTANG not in response.content.decode()


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("page", PAGES)
def test_the_operator_sees_only_their_own_region(client, session, reports, users, page, method):
    client.force_login(users["operator"])
    before = set(ReadinessReport.objects.values_list("pk", "version", "security_notes", "status"))
    response = fetch(client, method, urls(session, reports)[page])
    assert response.status_code == OPERATOR_STATUS[(page, method)]
    content = response.content.decode()
    assert PASER not in content
    if response.status_code == 200 and method == "get":
        assert BONTANG in content
    assert set(ReadinessReport.objects.values_list("pk", "version", "security_notes", "status")) == before


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("page", PAGES)
def test_another_regions_operator_never_sees_or_changes_this_region(
    client, session, reports, users, page, method
):
    client.force_login(users["other_operator"])
    own = reports["own"]
    response = fetch(client, method, urls(session, reports)[page])
    assert response.status_code == {
        "own_report": 404 if method == "get" else 405,
        "other_report": 200 if method == "get" else 405,
    }.get(page, OPERATOR_STATUS[(page, method)])
    assert BONTANG not in response.content.decode()
    own.refresh_from_db()
    assert (own.version, own.security_notes, own.status) == (1, BONTANG, "draft")


def test_a_saved_post_from_another_region_lands_in_their_own_report(client, session, reports, users, region):
    client.force_login(users["other_operator"])
    url = reverse("reports:session_report", args=[session.pk])
    data = form_data(client.get(url))
    data.update(action="draft", region=str(region.pk), report=str(reports["own"].pk), notes="dari Paser")
    assert client.post(url, data).status_code == 302
    assert reports["other"].__class__.objects.get(pk=reports["other"].pk).notes == "dari Paser"
    reports["own"].refresh_from_db()
    assert reports["own"].notes == ""


def test_an_operator_without_a_region_is_refused(client, session):
    from accounts.access import Role

    client.force_login(make_user("operator.tanpa.wilayah", Role.OPERATOR))
    assert client.get(reverse("reports:report_form")).status_code == 403


def test_an_unknown_session_is_not_found(client, operator, session):
    client.force_login(operator)
    assert client.get(reverse("reports:session_report", args=[999_999])).status_code == 404


def test_home_sends_the_operator_to_this_weeks_report(client, operator, session):
    client.force_login(operator)
    assert client.get("/").url == reverse("reports:report_form")


def test_logout_is_a_post(client, operator, session):
    client.force_login(operator)
    page = client.get(reverse("reports:report_form")).content.decode()
    assert f'<form method="post" action="{reverse("logout")}"' in page
    assert client.get(reverse("logout")).status_code == 405
    assert client.post(reverse("logout")).status_code == 302
