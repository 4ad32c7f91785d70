"""Hostile input to every form through the test client — any text, NUL bytes, huge numbers,
unicode digits, several values where one is expected — gives field errors or a 4xx, never an
exception or a 500, and stores nothing unless the page said it saved (a redirect without an error
message). No NUL byte ever reaches the database (PostgreSQL refuses them with an exception)."""

import pytest
from django.contrib.messages import ERROR, get_messages
from django.core.validators import ProhibitNullCharactersValidator
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from regions.models import Region
from reports.models import RakorSession
from reports.registry import Kind, fields_of, of_kind, sections_of
from reports.workflow.forwarding import digest
from tests.operator_pages import confirm_all, open_form
from tests.security_data import client_for, demo_user, forward, region_report, rows

pytestmark = pytest.mark.slow

SCALAR = st.one_of(
    st.text(max_size=200),
    st.text(max_size=20).map(lambda text: f"{text}\x00{text}"),
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    st.sampled_from(["", "\x00", "9" * 400, "-1", "1e309", "NaN", "٣٤", "１２", "2024-02-30", "on", "0"]),
)
HOSTILE = st.one_of(SCALAR, st.lists(SCALAR, min_size=2, max_size=3))
FUZZ = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def forms(session):
    """form name: (role, url, the fields a browser posts, as it would post them)"""
    report = region_report(session, "64.74")
    regions = Region.objects.all()
    attendance = {f"status_{r.pk}": "belum" for r in regions} | {
        f"representative_{r.pk}": "" for r in regions
    }
    pk = [session.pk]
    return {
        "report": ("operator", reverse("reports:session_report", args=pk), None),
        "review": (
            "secretariat",
            reverse("reports:review", args=[report.pk]),
            {"decision": "accept", "comment": "", "version": str(report.version)},
        ),
        "attendance": ("secretariat", reverse("reports:attendance", args=pk), attendance),
        "follow_up_create": (
            "secretariat",
            reverse("reports:follow_up_create", args=pk),
            {
                "region": "",
                "source": "lainnya",
                "title": "Judul",
                "description": "",
                "agency": "kpu",
                "due_date": "2024-11-25",
            },
        ),
        "follow_up_close": (
            "secretariat",
            reverse(
                "reports:follow_up_close", args=[*pk, session.follow_ups.filter(closed_at=None).first().pk]
            ),
            {"closing_note": ""},
        ),
        "brief": ("secretariat", reverse("reports:brief", args=pk), {"text": "Naskah.", "base": digest("")}),
        "brief_sign_off": ("secretariat", reverse("reports:brief_sign_off", args=pk), {"seen": digest("")}),
        "brief_forward": ("secretariat", reverse("reports:brief_forward", args=pk), {"confirm": ""}),
        "brief_reopen": ("secretariat", reverse("reports:brief_reopen", args=pk), {"reason": "Salah ketik."}),
        "login": ("anonymous", reverse("login"), {"username": "operator.bontang", "password": "salah"}),
        "password_change": (
            "operator",
            reverse("password_change"),
            {"old_password": "x", "new_password1": "y", "new_password2": "y"},
        ),
        "two_factor": ("secretariat", reverse("accounts:two_factor"), {"token": "123456"}),
        "two_factor_verify": (
            "secretariat",
            reverse("accounts:two_factor_verify"),
            {"token": "123456", "next": "/"},
        ),
        "set_language": ("operator", reverse("set_language"), {"language": "en", "next": "/"}),
    }


FORWARDED_FIRST = {"brief_reopen"}  # forms of a forwarded rakor


def no_nul_stored(snapshot: dict) -> bool:
    return "\\x00" not in repr(snapshot) and "\x00" not in repr(snapshot)


@pytest.mark.parametrize(
    "name",
    [
        "report",
        "review",
        "attendance",
        "follow_up_create",
        "follow_up_close",
        "brief",
        "brief_sign_off",
        "brief_forward",
        "brief_reopen",
        "login",
        "password_change",
        "two_factor",
        "two_factor_verify",
        "set_language",
    ],
)
def test_hostile_input_to_every_form_gives_errors_never_a_500_and_stores_nothing_invalid(demo, name):
    if name in FORWARDED_FIRST:
        forward(demo)
    role, url, base = forms(demo)[name]
    client = client_for(role)
    password = demo_user("operator").password if name == "password_change" else None

    @FUZZ
    @given(data=st.data())
    def run(data):
        fields = open_form(client, demo) if base is None else base
        changes = data.draw(
            st.dictionaries(st.sampled_from(sorted(fields)), HOSTILE, max_size=6), label="changes"
        )
        if name == "report":
            changes["action"] = data.draw(st.sampled_from(["draft", "submit"]), label="action")
        client.cookies.pop("messages", None)  # only this answer's messages count
        with transaction.atomic():  # every example starts from the demo as seeded
            before = rows()
            response = client.post(url, {**fields, **changes})
            assert response.status_code < 500
            after = rows()
            transaction.set_rollback(True)
        assert no_nul_stored(after)
        refused = any(m.level == ERROR for m in get_messages(response.wsgi_request))
        if after != before:
            assert response.status_code == 302 and not refused, response.status_code
        if password is not None:
            assert demo_user("operator").password == password

    run()


TEXT_FIELDS = [field.name for field in of_kind(Kind.TEXT)]
NUL_FIELDS = {
    "report": [
        *TEXT_FIELDS,
        "kekurangan-0-note",
        "agenda-0-place",
        "agenda-0-description",
    ],
    "review": ["comment"],
    "attendance": ["representative_{region}"],
    "follow_up_create": ["title", "description"],
    "follow_up_close": ["closing_note"],
    "brief": ["text"],
    "brief_reopen": ["reason"],
    "login": ["username", "password"],
    "two_factor": ["token"],
}


@pytest.mark.parametrize(("name", "field"), [(n, f) for n, fields in NUL_FIELDS.items() for f in fields])
def test_a_nul_byte_in_any_text_field_is_refused_with_a_message_and_nothing_is_stored(demo, name, field):
    if name in FORWARDED_FIRST:
        forward(demo)
    role, url, base = forms(demo)[name]
    session = demo
    if name == "report" and field in TEXT_FIELDS and field not in fields_of(sections_of(demo.stages)):
        # A section of a week after voting day: its notes are on that rakor's form.
        later = RakorSession.objects.filter(election=demo.election, date__gt=demo.date).order_by("date")
        session = next(s for s in later if field in fields_of(sections_of(s.stages)))
        url = reverse("reports:session_report", args=[session.pk])
    client = client_for(role)
    fields = {**(confirm_all(open_form(client, session)) if base is None else base), "action": "submit"}
    field = field.format(region=region_report(demo, "64.74").region_id)
    assert field in fields
    before = rows()
    response = client.post(url, {**fields, field: "Kota\x00Bontang"}, follow=True)
    assert response.status_code in (200, 400)
    assert rows() == before
    assert str(ProhibitNullCharactersValidator.message) in response.content.decode()
