"""``<script>`` typed into any free-text field comes back as text, escaped, on every page that shows
it — the operator's form and history, the dashboard, the drill-down, the attendance, the brief on
screen and in print — and as the literal words in the PDF; never as a raw ``<script>`` element."""

import io

import pytest
from django.urls import reverse
from django.utils.html import escape
from pypdf import PdfReader

from reports.models import Attendance, FollowUp, RakorSession, ReadinessReport
from reports.registry import Kind, fields_of, of_kind, sections_of
from tests.security_data import client_for, demo_user, mark_regions, region_report

TEXT_FIELDS = tuple(field.name for field in of_kind(Kind.TEXT))
# The free texts of the weeks before voting day, the demo's 18 November rakor; the later weeks' are
# in test_the_notes_of_the_weeks_after_voting_come_back_escaped.
BEFORE_VOTING = fields_of(sections_of(["kampanye"]))
REPORT_FIELDS = tuple(name for name in TEXT_FIELDS if name in BEFORE_VOTING)
RAW = "<script>alert("


def payload(field: str) -> str:
    return f"<script>alert('{field}')</script>"


@pytest.fixture
def hostile(demo):
    """Bontang's report, its lines, its attendance and a follow-up, every free text a script."""
    mark_regions(demo)
    report = region_report(demo, "64.74")
    for field in REPORT_FIELDS:
        setattr(report, field, payload(field))
    report.status = ReadinessReport.Status.RETURNED
    report.reviewer_comment = payload("reviewer_comment")
    report.reviewed_by = demo_user("secretariat")
    report.save()
    report.shortages.update(note=payload("shortage_note"))
    report.agenda.update(place=payload("agenda_place"), description=payload("agenda_description"))
    Attendance.objects.update_or_create(
        session=demo,
        region=report.region,
        defaults={"status": Attendance.Status.choices[0][0], "representative": payload("representative")},
    )
    follow_up = FollowUp.objects.create(
        session=demo,
        region=report.region,
        title=payload("follow_up_title"),
        description=payload("follow_up_description"),
        agency=FollowUp.Agency.choices[0][0],
        due_date=demo.date,
    )
    return demo, report, follow_up


def pages(session, report) -> dict[str, tuple[str, str]]:
    return {
        "operator_form": ("operator", reverse("reports:session_report", args=[session.pk])),
        "operator_view": ("operator", reverse("reports:report_view", args=[report.pk])),
        "operator_history": ("operator", reverse("reports:report_history")),
        "dashboard": ("secretariat", reverse("reports:dashboard_session", args=[session.pk])),
        "drilldown": ("secretariat", reverse("reports:report_detail", args=[report.pk])),
        "attendance": ("secretariat", reverse("reports:attendance", args=[session.pk])),
        "brief": ("secretariat", reverse("reports:brief", args=[session.pk])),
        "brief_print": ("leader", reverse("reports:brief_print", args=[session.pk])),
    }


# Where each free text is shown; it must come back escaped on every one of these pages.
SHOWN_ON = {
    **dict.fromkeys(REPORT_FIELDS, ("operator_form", "operator_view", "drilldown")),
    "reviewer_comment": ("operator_form", "operator_view", "drilldown"),
    "shortage_note": ("operator_form", "operator_view", "drilldown"),
    "agenda_place": ("operator_form", "operator_view", "drilldown", "dashboard", "brief_print"),
    "agenda_description": ("operator_form", "operator_view", "drilldown", "dashboard", "brief_print"),
    "representative": ("attendance",),
    "follow_up_title": ("dashboard", "drilldown"),
}


def read(role: str, url: str) -> str:
    response = client_for(role).get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_every_free_text_comes_back_escaped_on_every_page_that_shows_it(hostile):
    session, report, _ = hostile
    bodies = {key: read(role, url) for key, (role, url) in pages(session, report).items()}
    for key, body in bodies.items():
        assert RAW not in body, f"raw <script> on {key}"
    missing = [
        f"{field} on {key}"
        for field, keys in SHOWN_ON.items()
        for key in keys
        if escape(payload(field)) not in bodies[key]
    ]
    assert not missing


def test_a_follow_ups_description_and_closing_note_come_back_escaped_in_the_admin(hostile):
    """The app shows neither; the admin's change page does."""
    session, _, follow_up = hostile
    desk = client_for("secretariat")
    url = reverse("reports:follow_up_close", args=[session.pk, follow_up.pk])
    desk.post(url, {"closing_note": payload("closing_note")})
    assert FollowUp.objects.get(pk=follow_up.pk).closing_note == payload("closing_note")
    admin_page = client_for("admin").get(reverse("admin:reports_followup_change", args=[follow_up.pk]))
    assert RAW not in admin_page.content.decode()
    for field in ("closing_note", "follow_up_description"):
        assert escape(payload(field)) in admin_page.content.decode()


def pdf_text(session) -> str:
    response = client_for("leader").get(reverse("reports:brief_pdf", args=[session.pk]))
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


def test_the_operators_words_are_quoted_as_text_in_the_brief_and_its_pdf(hostile):
    session, report, _ = hostile
    for key in ("brief", "brief_print"):
        role, url = pages(session, report)[key]
        body = read(role, url)
        assert RAW not in body
        assert escape(payload("logistics_notes")) in body  # a note the letter quotes
    assert "alert('logistics_notes')" in pdf_text(session).replace("\n", "")


def test_a_script_in_the_edited_brief_comes_back_escaped_on_screen_in_print_and_in_the_pdf(hostile):
    session, report, _ = hostile
    session.brief_text = payload("brief_text")
    session.save(update_fields=["brief_text"])
    for key in ("brief", "brief_print"):
        role, url = pages(session, report)[key]
        body = read(role, url)
        assert RAW not in body
        assert escape(payload("brief_text")) in body
    assert payload("brief_text") in pdf_text(session).replace("\n", "")


def test_a_script_in_a_new_follow_ups_title_comes_back_escaped_in_the_message_that_confirms_it(hostile):
    session, _, _ = hostile
    data = {
        "region": "",
        "source": "lainnya",
        "title": payload("message"),
        "agency": "kpu",
        "due_date": "2024-11-25",
    }
    response = client_for("secretariat").post(
        reverse("reports:follow_up_create", args=[session.pk]), data, follow=True
    )
    page = response.content.decode()
    assert RAW not in page
    assert f"“{escape(payload('message'))}”" in page


def test_the_notes_of_the_weeks_after_voting_come_back_escaped(demo):
    later = RakorSession.objects.filter(
        election=demo.election, date__gt=demo.date, reports__region__kemendagri_code="64.74"
    )
    shown = {}
    for session in later:
        report = region_report(session, "64.74")
        fields = [name for name in TEXT_FIELDS if name in fields_of(sections_of(session.stages))]
        ReadinessReport.objects.filter(pk=report.pk).update(**{name: payload(name) for name in fields})
        for key in ("operator_form", "operator_view", "drilldown"):
            role, url = pages(session, report)[key]
            shown[(session.date, key)] = (read(role, url), fields)
    assert set(TEXT_FIELDS) - BEFORE_VOTING <= {name for _, fields in shown.values() for name in fields}
    for (day, key), (body, fields) in shown.items():
        assert RAW not in body, f"raw <script> on {key} of {day}"
        assert all(escape(payload(name)) in body for name in fields), f"{key} of {day}"
