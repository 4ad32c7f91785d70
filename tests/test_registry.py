"""The registry of the report's fields is the one list of them: every field of the report is declared
there with its bounds, and the form, the province totals, the attachment, the XLSX/CSV and the letter
show each field where the registry places it. A field added to the model and the registry shows up
in all of them without another edit, which these tests check for every field declared; the letter's
paragraphs of the regions and the attachment's template name no field of their own."""

import ast
import csv
import dataclasses
import datetime as dt
import io
import re
from pathlib import Path

import openpyxl
import pytest
from django.urls import reverse

from regions.models import Region
from reports import registry
from reports.brief import regions
from reports.brief.letter import draft, indonesian
from reports.models import AgendaLine, RakorSession, ReadinessReport
from reports.registry import (
    CARRIED_FIELDS,
    FIELDS,
    ChoiceTelling,
    CountTelling,
    Kind,
    Place,
    Role,
    WindowTelling,
    attachment_columns,
    fields_of,
    sections_of,
    shown_in,
    summed,
)
from reports.rollup.summary import summary
from tests.conftest import make_report

pytestmark = pytest.mark.django_db

# What the workflow keeps about a report, as opposed to what the region reports.
WORKFLOW_FIELDS = {
    "id",
    "session",
    "region",
    "status",
    "confirmed_sections",
    "changed_sections",
    "created_at",
    "updated_at",
    "submitted_by",
    "first_submitted_at",
    "submitted_at",
    "is_late",
    "reviewed_by",
    "reviewed_at",
    "reviewer_comment",
    "version",
}


def number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def test_every_field_a_region_reports_is_declared_in_the_registry_once():
    reported = {field.name for field in ReadinessReport._meta.concrete_fields} - WORKFLOW_FIELDS
    assert sorted(CARRIED_FIELDS) == sorted(reported)
    assert len(CARRIED_FIELDS) == len(FIELDS)


def test_every_count_and_text_is_bounded_and_only_counts_are_figures():
    for field in FIELDS:
        if field.kind in (Kind.COUNT, Kind.TEXT):
            assert field.maximum is not None, field.name
        if field.kind != Kind.COUNT:
            assert not (field.summed or field.unusual or field.out_of), field.name
        if field.kind == Kind.TEXT:
            assert not field.places & {Place.LETTER, Place.ATTACHMENT}, field.name
        if field.kind == Kind.DATE and field.places & {Place.LETTER, Place.ATTACHMENT}:
            assert field.role in (Role.WINDOW_START, Role.WINDOW_END), field.name
        if field.kind == Kind.CHOICE and Place.LETTER in field.places:
            assert isinstance(field.told, ChoiceTelling), field.name
        if field.quoted:
            assert field.kind == Kind.TEXT, field.name
        if field.out_of:
            Region._meta.get_field(field.out_of)


def test_the_agenda_kinds_the_letter_tells_with_a_field_are_agenda_kinds():
    """A count or a window told with an agenda event names a kind of event the agenda has."""
    kinds = set(AgendaLine.Kind.values)
    for field in FIELDS:
        if isinstance(field.told, CountTelling | WindowTelling) and field.told.agenda:
            assert field.told.agenda in kinds, field.name


def asked(session: RakorSession) -> frozenset[str]:
    """The fields of the sections the rakor's stage asks for."""
    return fields_of(sections_of(session.stages))


def test_the_report_form_has_every_field_the_registry_places_in_it_in_its_stage(
    client, operator, session, voting_week
):
    client.force_login(operator)
    shown = set()
    for week in (session, voting_week):
        content = client.get(reverse("reports:session_report", args=[week.pk])).content.decode()
        for field in shown_in(Place.FORM):
            if field.name not in asked(week):
                assert f'name="{field.name}"' not in content
                continue
            shown.add(field.name)
            assert f'name="{field.name}"' in content
            assert field.label in content
            if field.kind == Kind.COUNT and field.unit:
                assert f'<span class="input-group-text">{field.unit}</span>' in content
            if field.kind == Kind.TEXT:
                assert f'maxlength="{field.maximum}"' in content
    assert shown == {field.name for field in shown_in(Place.FORM)}  # every field, before or after voting


@pytest.fixture
def desk(client, secretariat):
    client.force_login(secretariat)
    return client


def demo_weeks(demo) -> list[RakorSession]:
    """The demo's rakor of 18 November (before voting day) and of 2 December (after it)."""
    return [demo, RakorSession.objects.get(date=dt.date(2024, 12, 2))]


def test_the_totals_on_the_dashboard_and_the_brief_show_every_summed_count_of_the_stage(desk, demo):
    shown = set()
    for week in demo_weeks(demo):
        result = summary(week)
        pages = [
            reverse("reports:dashboard_session", args=[week.pk]),
            reverse("reports:brief", args=[week.pk]),
        ]
        for url in pages:
            content = desk.get(url).content.decode()
            for field in summed():
                if field.name not in asked(week):
                    assert field.name not in result.totals.figures
                    continue
                shown.add(field.name)
                total = result.totals.figures[field.name]
                assert field.label in content
                assert f"<dd>{number(total.value)}" in content
    assert shown == {field.name for field in summed()}


def test_the_files_have_a_column_for_every_field_they_show_and_a_total_for_every_summed_one(desk, demo):
    shown = set()
    for week in demo_weeks(demo):
        result = summary(week)
        response = desk.get(reverse("reports:brief_xlsx", args=[week.pk]))
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
        headers = [cell.value for cell in sheet[1]]
        totals = dict(zip(headers, [cell.value for cell in sheet[sheet.max_row]], strict=True))
        table = desk.get(reverse("reports:brief_csv", args=[week.pk])).content.decode("utf-8-sig")
        csv_headers = next(csv.reader(io.StringIO(table), delimiter=";"))
        for field in shown_in(Place.FILES):
            if field.name not in asked(week):
                assert field.label not in headers
                continue
            shown.add(field.name)
            assert field.label in headers
            assert field.label in csv_headers
            if field.summed:
                assert totals[field.label] == result.totals.figures[field.name].value
    assert shown == {field.name for field in shown_in(Place.FILES)}


def test_the_attachment_has_a_column_and_a_total_for_every_attachment_figure(desk, demo):
    """The attachment's table has the registry's columns of the rakor's sections, and only those."""
    shown = set()
    everything = attachment_columns(registry.SECTIONS)
    for week in demo_weeks(demo):
        result = summary(week)
        content = desk.get(reverse("reports:brief_print", args=[week.pk])).content.decode()
        asked_columns = attachment_columns(week.sections)
        for column in everything:
            style = ' class="num"' if column.is_figure else ""
            heading = f'<th scope="col"{style}>{column.heading}</th>'
            if column not in asked_columns:
                assert heading not in content
                continue
            shown.add(str(column.heading))
            assert heading in content
            total = result.totals.figures.get(column.figure.name) if column.figure else None
            if total is not None:
                out_of = f"<wbr>/{number(total.out_of)}" if total.out_of is not None else ""
                assert f'<td class="num">{number(total.value)}{out_of}</td>' in content
    assert shown == {str(column.heading) for column in everything}


def test_the_post_voting_attachment_has_no_logistics_columns(desk, demo):
    """A rakor after voting day does not ask for logistics, and its attachment has no such column."""
    week = RakorSession.objects.get(date=dt.date(2024, 12, 2))
    content = desk.get(reverse("reports:brief_print", args=[week.pk])).content.decode()
    table = content[
        content.index('<table class="recap">') : content.index("</table>", content.index("recap"))
    ]
    assert '<th scope="col">Logistik</th>' not in table
    assert '<th scope="col">Distribusi</th>' not in table
    assert "item" not in table
    assert '<th scope="col" class="num">Rekapitulasi kecamatan selesai</th>' in table


ATTACHMENT_TEMPLATES = sorted(
    (Path(__file__).resolve().parent.parent / "templates/reports/brief").rglob("attachment*.html")
)


@pytest.mark.parametrize("template", ATTACHMENT_TEMPLATES, ids=lambda path: path.name)
def test_the_attachment_template_names_no_report_field(template):
    """Every figure the attachment shows comes from the registry's columns, not from a field the
    template names."""
    text = template.read_text()
    for field in FIELDS:
        assert not re.search(rf"\b{field.name}\b", text), field.name


REGIONS = Path(__file__).resolve().parent.parent / "reports/brief/regions.py"


def test_the_letters_paragraphs_of_the_regions_name_no_report_field():
    """reports/brief/regions.py reads every field from the registry: no string is a field's name
    and no attribute is read by a field's name."""
    names = {field.name for field in FIELDS}
    tree = ast.parse(REGIONS.read_text())
    named = [
        node
        for node in ast.walk(tree)
        if (isinstance(node, ast.Constant) and node.value in names)
        or (isinstance(node, ast.Attribute) and node.attr in names)
    ]
    assert not named, [ast.unparse(node) for node in named]
    assert not hasattr(regions, "NOTE_FIELDS") and not hasattr(regions, "TOLD")
    assert not hasattr(regions, "_urgent")  # the notes follow the rule table's findings


@pytest.mark.parametrize("after_voting", [False, True])
def test_the_letter_tells_the_change_of_every_figure_it_follows(
    session, previous_session, voting_week, election, region, after_voting
):
    if after_voting:  # two rakor in the week of the vote: 2 and 4 December
        previous_session = voting_week
        session = RakorSession.objects.create(election=election, date=dt.date(2024, 12, 4))
    counts = [
        field for field in shown_in(Place.LETTER) if field.kind == Kind.COUNT and field.name in asked(session)
    ]
    make_report(
        previous_session,
        region,
        status="accepted",
        first_submitted_at=dt.datetime(2024, 11, 10, tzinfo=dt.UTC),
        **{field.name: 1 for field in counts},
    )
    make_report(
        session,
        region,
        status="submitted",
        first_submitted_at=dt.datetime(2024, 11, 17, tzinfo=dt.UTC),
        **{field.name: 2 for field in counts},
    )
    with indonesian():
        letter = draft(summary(session))
        bontang = next(text for text in letter.split("\n\n") if text.startswith("Kota Bontang"))
        for field in counts:
            assert f"{field.words} naik dari 1 menjadi 2" in bontang


def bontang_says(session: RakorSession) -> str:
    with indonesian():
        letter = draft(summary(session))
    return " ".join(text for text in letter.split("\n\n") if "Kota Bontang" in text and "melaporkan" in text)


def test_a_count_the_registry_places_in_the_letter_is_told_without_another_edit(
    session, previous_session, region, monkeypatch
):
    """A count the registry places in the letter is told there, as a change or, with a phrase of
    its own, as it stands; taken out of the letter, it is not told."""
    sent = dt.datetime(2024, 11, 10, tzinfo=dt.UTC)
    make_report(previous_session, region, status="accepted", first_submitted_at=sent, first_time_voters=9_100)
    sent = dt.datetime(2024, 11, 17, tzinfo=dt.UTC)
    make_report(session, region, status="submitted", first_submitted_at=sent, first_time_voters=9_200)
    voters = registry.FIELDS_BY_NAME["first_time_voters"]

    def declared(field: registry.ReportField) -> None:
        fields = tuple(field if other.name == field.name else other for other in FIELDS)
        monkeypatch.setattr(registry, "FIELDS", fields)

    declared(dataclasses.replace(voters, places=voters.places - {Place.LETTER}))
    assert "pemilih pemula" not in bontang_says(session)
    declared(voters)
    assert "pemilih pemula naik dari 9.100 menjadi 9.200 orang" in bontang_says(session)
    standing = CountTelling(stands=registry.Phrase("{words} terdata {value} {unit}", shared=False))
    declared(dataclasses.replace(voters, told=standing))
    ReadinessReport.objects.filter(session=previous_session).update(first_time_voters=9_200)
    assert "pemilih pemula terdata 9.200 orang" in bontang_says(session)
