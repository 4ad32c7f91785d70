"""Who may open and post to each URL of the brief: the secretariat edits, submits for paraf and
forwards; the head of Kesbangpol initials only when the admin named them; only the signer the admin
named signs; leaders read and download (no buttons, every change 403); operators get 403
everywhere; anonymous users are sent to log in."""

import pytest
from django.conf import settings
from django.urls import reverse

from reports.models import ForwardedBrief, LetterNumber, LetterStep, RakorSession
from reports.workflow.forwarding import digest

pytestmark = pytest.mark.django_db

READ = "read"  # pages and files: GET for the desk, POST not answered
CHANGE = "change"  # POST-only changes of the secretariat
CHOSEN = "chosen"  # paraf and signature: only for whom the letter settings name (here: nobody)

ROLES = ["secretariat", "leader", "head", "operator"]
# Expected (GET, POST) status per kind and role.
EXPECTED = {
    "brief": {"secretariat": (200, 302), "leader": (200, 403), "head": (200, 403), "operator": (403, 403)},
    "brief_current": {
        "secretariat": (302, 405),
        "leader": (302, 405),
        "head": (302, 405),
        "operator": (403, 403),
    },
    READ: {"secretariat": (200, 405), "leader": (200, 405), "head": (200, 405), "operator": (403, 403)},
    CHANGE: {"secretariat": (405, 302), "leader": (403, 403), "head": (403, 403), "operator": (403, 403)},
    CHOSEN: {"secretariat": (403, 403), "leader": (403, 403), "head": (403, 403), "operator": (403, 403)},
}


def urls(session: RakorSession):
    """(url name, args, kind, valid POST data)"""
    pk = [session.pk]
    return [
        ("brief", pk, "brief", {"text": "Naskah baru.", "base": digest("")}),
        ("brief_current", [], "brief_current", {}),
        ("brief_print", pk, READ, {}),
        ("brief_pdf", pk, READ, {}),
        ("brief_xlsx", pk, READ, {}),
        ("brief_csv", pk, READ, {}),
        ("brief_reset", pk, CHANGE, {}),
        ("brief_submit", pk, CHANGE, {"seen": digest("x")}),
        ("brief_paraf", pk, CHOSEN, {"seen": digest("x")}),
        ("brief_sign_off", pk, CHOSEN, {"seen": digest("x")}),
        ("brief_forward", pk, CHANGE, {"confirm": "on"}),
    ]


NAMES = [name for name, _args, _kind, _data in urls(RakorSession(pk=1))]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", NAMES)
def test_each_role_gets_what_it_may_on_every_brief_url(client, request, session, name, role):
    user = request.getfixturevalue(role)
    client.force_login(user)
    url_name, args, kind, data = next(u for u in urls(session) if u[0] == name)
    url = reverse(f"reports:{url_name}", args=args)
    expected_get, expected_post = EXPECTED[kind][role]
    assert client.get(url).status_code == expected_get
    assert client.post(url, data).status_code == expected_post
    if role != "secretariat":
        stored = RakorSession.objects.get(pk=session.pk)
        assert (stored.brief_text, stored.signed_off_at, stored.forwarded_at) == ("", None, None)
    assert not ForwardedBrief.objects.exists()
    assert not LetterNumber.objects.exists()
    assert not LetterStep.objects.exclude(kind=LetterStep.Kind.SUBMITTED).exists()


@pytest.mark.parametrize("name", NAMES)
def test_anonymous_users_are_sent_to_log_in(client, session, name):
    url_name, args, _kind, data = next(u for u in urls(session) if u[0] == name)
    url = reverse(f"reports:{url_name}", args=args)
    for response in (client.get(url), client.post(url, data)):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse(settings.LOGIN_URL))


def test_the_leader_reads_the_letter_and_downloads_but_sees_no_button(client, leader, demo):
    client.force_login(leader)
    page = client.get(reverse("reports:brief", args=[demo.pk])).content.decode()
    assert "Kota Bontang melaporkan personel pengamanan naik dari 1.190 menjadi 1.214 orang" in page
    assert reverse("reports:brief_pdf", args=[demo.pk]) in page
    assert reverse("reports:brief_xlsx", args=[demo.pk]) in page
    for absent in (
        'name="text"',
        "Simpan naskah",
        "Ajukan untuk paraf",
        "Paraf naskah",
        "Tandatangani naskah",
        "Teruskan ke Mendagri",
        "Susun ulang",
    ):
        assert absent not in page
