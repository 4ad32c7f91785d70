"""The role × URL × method matrix over the whole app, on the demo data: every named URL of the
URLconf has one line in ``EXPECTED`` (a URL added without one fails the suite), and each role gets
exactly the status written there for GET and for POST. Operators never read another region's data:
the other region's marker text appears in none of their responses."""

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.shortcuts import resolve_url
from django.urls import get_resolver, reverse

from incidents.models import Attachment, Incident
from reports.models import Delivery, FollowUp, ForwardedBrief, LetterNumber
from tests.security_data import MARKERS, ROLES, client_for, demo_user, mark_regions, region_report
from tests.urlwalk import walk

LOGIN = "login"  # a redirect to the login page

# Statuses per role, in the order of ROLES: anonymous, operator (Bontang), operator of another
# region (Paser), secretariat, leader (the Sekda, the demo's signer), head of Kesbangpol (the demo's
# initialling official), admin (superuser, counts as secretariat in the app), and a partner agency
# (Mitra Kesbangpol, the agency of the demo rakor's open follow-up).
EVERYONE = lambda status: (LOGIN, *(status,) * 7)  # noqa: E731 - a table shorthand
OPERATORS = lambda ok, other=None, partner=403: (LOGIN, ok, other or ok, 403, 403, 403, 403, partner)  # noqa: E731
READERS = lambda ok: (LOGIN, 403, 403, ok, ok, ok, ok, 403)  # noqa: E731
SECRETARIAT = lambda ok: (LOGIN, 403, 403, ok, 403, 403, ok, 403)  # noqa: E731
SIGNER = lambda ok: (LOGIN, 403, 403, 403, ok, 403, 403, 403)  # noqa: E731
INITIALER = lambda ok: (LOGIN, 403, 403, 403, 403, ok, 403, 403)  # noqa: E731
PARTNER = lambda ok: (LOGIN, 403, 403, 403, 403, 403, 403, ok)  # noqa: E731
REPORTERS = lambda ok: (LOGIN, ok, ok, ok, 403, 403, ok, 403)  # noqa: E731
INCIDENT_READERS = lambda ok: (LOGIN, ok, 404, ok, ok, ok, ok, ok)  # noqa: E731
INCIDENT_WRITERS = lambda ok: (LOGIN, ok, 404, ok, 403, 403, ok, 403)  # noqa: E731

# url name: (arguments, GET statuses, POST statuses); POST bodies are empty, so a change view
# answers with its form errors or refusal and nothing changes.
EXPECTED = {
    "home": ((), EVERYONE(302), EVERYONE(302)),
    "healthz": ((), (200,) * 8, (200,) * 8),
    "manifest": ((), (200,) * 8, (405,) * 8),
    "service_worker": ((), (200,) * 8, (405,) * 8),
    "login": ((), (200,) * 8, (200,) * 8),
    "logout": ((), EVERYONE(405), EVERYONE(302)),
    "password_change": ((), EVERYONE(200), EVERYONE(200)),
    "password_change_done": ((), EVERYONE(200), EVERYONE(405)),
    "set_language": ((), (302,) * 8, (302,) * 8),
    # Two factors for everyone but a region's operator (accounts.access.needs_two_factor).
    "accounts:two_factor": (
        (),
        (LOGIN, 403, 403, 200, 200, 200, 200, 200),
        (LOGIN, 403, 403, 200, 200, 200, 200, 200),
    ),
    "accounts:two_factor_verify": ((), EVERYONE(302), EVERYONE(302)),
    # An invitation link that is not valid says so to anyone, signed in or not.
    "accounts:invitation": (("operator", "token"), (200,) * 8, (200,) * 8),
    "reports:no_role": ((), EVERYONE(200), EVERYONE(405)),
    "reports:guide": ((), EVERYONE(200), EVERYONE(405)),
    "reports:guide_role": (("operator",), EVERYONE(200), EVERYONE(405)),
    "reports:report_form": ((), OPERATORS(200), OPERATORS(405)),
    "reports:session_report": (("session",), OPERATORS(200), OPERATORS(200)),
    "reports:report_history": ((), OPERATORS(200), OPERATORS(405)),
    "reports:report_view": (("report",), OPERATORS(200, 404), OPERATORS(405)),
    "reports:dashboard": ((), READERS(200), READERS(405)),
    "reports:dashboard_session": (("session",), READERS(200), READERS(405)),
    "reports:region_detail": (("session", "region"), READERS(200), READERS(405)),
    "reports:attendance": (("session",), READERS(200), SECRETARIAT(200)),
    "reports:follow_up_create": (("session",), SECRETARIAT(200), SECRETARIAT(200)),
    "reports:follow_up_close": (("session", "follow_up"), SECRETARIAT(405), SECRETARIAT(302)),
    "reports:report_detail": (("report",), READERS(200), READERS(405)),
    "reports:review": (("report",), SECRETARIAT(405), SECRETARIAT(302)),
    "reports:brief_current": ((), READERS(302), READERS(405)),
    "reports:brief": (("session",), READERS(200), (LOGIN, 403, 403, 400, 403, 403, 400, 403)),
    "reports:brief_print": (("session",), READERS(200), READERS(405)),
    "reports:brief_pdf": (("session",), READERS(200), READERS(405)),
    "reports:brief_xlsx": (("session",), READERS(200), READERS(405)),
    "reports:brief_csv": (("session",), READERS(200), READERS(405)),
    "reports:brief_reset": (("session",), SECRETARIAT(405), SECRETARIAT(302)),
    "reports:brief_forward": (("session",), SECRETARIAT(405), SECRETARIAT(302)),
    "reports:brief_submit": (("session",), SECRETARIAT(405), SECRETARIAT(302)),
    "reports:brief_paraf": (("session",), INITIALER(405), INITIALER(302)),
    "reports:brief_sign_off": (("session",), SIGNER(405), SIGNER(302)),
    "reports:brief_send_back": (
        ("session",),
        (LOGIN, 403, 403, 403, 405, 405, 403, 403),
        (LOGIN, 403, 403, 403, 400, 400, 403, 403),
    ),
    "reports:verify": (("token",), (200,) * 8, (405,) * 8),
    "reports:delivery_retry": (("delivery",), SECRETARIAT(405), SECRETARIAT(302)),
    "reports:brief_reopen": (("session",), SECRETARIAT(405), (LOGIN, 403, 403, 400, 403, 403, 400, 403)),
    "reports:brief_sent_pdf": (("sent",), READERS(200), READERS(405)),
    "reports:brief_sent_xlsx": (("sent",), READERS(200), READERS(405)),
    "reports:brief_sent_csv": (("sent",), READERS(200), READERS(405)),
    "notifications:notices": ((), EVERYONE(200), EVERYONE(302)),
    "notifications:my_contact": ((), EVERYONE(200), EVERYONE(200)),
    "notifications:region_log": (("region",), READERS(200), READERS(405)),
    "notifications:remind_all": (("session",), SECRETARIAT(405), SECRETARIAT(302)),
    "notifications:remind_region": (("session", "region"), SECRETARIAT(405), SECRETARIAT(302)),
    # The demo's open follow-up of this rakor is for every region and assigned to Kesbangpol: both
    # operators and Mitra Kesbangpol read it and post their update (an empty POST answers with the
    # form's errors); the desk only reads.
    "notifications:follow_up": (("follow_up",), EVERYONE(200), OPERATORS(200, partner=200)),
    "notifications:agency_follow_ups": ((), PARTNER(200), PARTNER(405)),
    # The incident is Bontang's, with Kesbangpol involved: its operator and Mitra Kesbangpol see it,
    # Paser's operator finds nothing there; operators and the secretariat write, the others read.
    "incidents:list": ((), EVERYONE(200), EVERYONE(405)),
    "incidents:create": ((), REPORTERS(200), REPORTERS(200)),
    "incidents:detail": (("incident",), INCIDENT_READERS(200), EVERYONE(405)),
    "incidents:attachment": (("incident", "attachment"), INCIDENT_READERS(200), EVERYONE(405)),
    "incidents:update": (("incident",), EVERYONE(405), INCIDENT_WRITERS(200)),
    "incidents:attach": (("incident",), EVERYONE(405), INCIDENT_WRITERS(200)),
    # An empty choice unlinks the follow-up: the secretariat's empty POST is a valid one.
    "incidents:link": (("incident",), EVERYONE(405), (LOGIN, 403, 404, 302, 403, 403, 302, 403)),
}
# Django's admin keeps its own rules: everyone but a staff account is sent to the admin's login.
ADMIN_PREFIX = "/admin/"


@pytest.fixture
def world(demo):
    mark_regions(demo)
    report = region_report(demo, "64.74")
    earlier = demo.election.sessions.filter(date__lt=demo.date).latest()
    sent = ForwardedBrief.objects.create(session=earlier, text="Naskah", pdf=b"%PDF-", xlsx=b"PK", csv=b"x")
    letter = sent_letter(sent)
    incident = Incident.objects.get(region__kemendagri_code="64.74", agencies__agency="kesbangpol")
    attachment = Attachment(
        incident=incident,
        kind="pdf",
        name="berita-acara.pdf",
        content_type="application/pdf",
        size=9,
        uploaded_by=incident.reported_by,
    )
    attachment.file.save("ba.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    return {
        "session": demo.pk,
        "region": report.region_id,
        "report": report.pk,
        "follow_up": FollowUp.objects.filter(session=demo, closed_at=None).first().pk,
        "operator": "operator",
        "token": letter.token,
        "delivery": Delivery.objects.create(
            letter=letter, name="Mendagri", address="persuratan@kemendagri.example", status="gagal"
        ).pk,
        "sent": sent.pk,
        "incident": incident.pk,
        "attachment": attachment.pk,
    }


def sent_letter(sent: ForwardedBrief) -> LetterNumber:
    """The letter ``sent``, as numbered."""
    session = sent.session
    return LetterNumber.objects.create(
        brief=sent,
        year=2024,
        sequence=411,
        number="300.1.4/0411/Kesbangpol/2024",
        session=session,
        signed_by=demo_user("leader"),
        issued_at=session.signed_off_at,
        forwarded_at=session.forwarded_at,
    )


def test_every_url_of_the_app_has_a_line_in_the_matrix(db):
    app = [name for name, path, _ in walk(get_resolver().url_patterns) if not path.startswith(ADMIN_PREFIX)]
    assert None not in app, "every URL of the app has a name"
    assert set(app) == set(EXPECTED)


def answered(response, expected, login_url: str) -> bool:
    if expected == LOGIN:
        return response.status_code == 302 and response["Location"].startswith(f"{login_url}?next=")
    return response.status_code == expected


OWN_REGION = {"operator": "64.74", "other_operator": "64.01"}


def other_markers(role: str) -> list[str]:
    own = OWN_REGION.get(role)
    return [marker for code, marker in MARKERS.items() if own and code != own]


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_status_of_the_matrix_on_every_url(world, role):
    index = ROLES.index(role)
    login_url = resolve_url(settings.LOGIN_URL)
    client = client_for(role)
    wrong, shown = [], []
    for name, (parameters, on_get, on_post) in EXPECTED.items():
        path = reverse(name, args=[world[p] for p in parameters])
        for method, statuses in (("get", on_get), ("post", on_post)):
            if role != "anonymous" and "_auth_user_id" not in client.session:
                client = client_for(role)  # the previous request logged out
            response = getattr(client, method)(path)
            if not answered(response, statuses[index], login_url):
                wrong.append(f"{method.upper()} {name}: {response.status_code}, expected {statuses[index]}")
            body = b"" if response.streaming else response.content
            shown.append(body)
            for marker in other_markers(role):
                assert marker.encode() not in body, f"{method.upper()} {name} shows {marker} to {role}"
    assert not wrong, "\n".join(wrong)
    if role in OWN_REGION:  # the marker check looks for text operators do see on their own pages
        assert any(MARKERS[OWN_REGION[role]].encode() in body for body in shown)


@pytest.mark.parametrize("role", ROLES)
def test_only_the_admin_reaches_the_admin_site(world, role):
    admin_login = reverse("admin:login")
    client = client_for(role)
    for name, path, _ in walk(get_resolver().url_patterns, value=str(world["report"])):
        if not path.startswith(ADMIN_PREFIX) or name in ("admin:login", "admin:logout"):
            continue
        for method in ("get", "post"):
            if role != "anonymous" and "_auth_user_id" not in client.session:
                client = client_for(role)
            response = getattr(client, method)(path)
            if role == "admin":
                assert response.status_code < 500, f"{method.upper()} {path}: {response.status_code}"
            else:
                login = admin_login if role != "anonymous" else resolve_url(settings.LOGIN_URL)
                assert response.status_code == 302, f"{method.upper()} {path} for {role}"
                assert response["Location"].split("?")[0] in (login, admin_login), path


@pytest.mark.parametrize("role", ["operator", "secretariat"])
@pytest.mark.parametrize("missing", ["999999", "99999999999999999999999"])
def test_an_unknown_or_impossible_id_in_any_url_is_not_found_never_a_500(world, role, missing):
    client = client_for(role)
    for name, (parameters, _on_get, _on_post) in EXPECTED.items():
        ids = ("session", "region", "report", "follow_up", "sent", "delivery", "incident", "attachment")
        if not any(p in ids for p in parameters):
            continue
        for index, parameter in enumerate(parameters):
            if parameter == "operator":
                continue
            args = [missing if i == index else world[p] for i, p in enumerate(parameters)]
            path = reverse(name, args=args)
            for method in ("get", "post"):
                status = getattr(client, method)(path).status_code
                assert status in (403, 404, 405), f"{method.upper()} {path}: {status}"
