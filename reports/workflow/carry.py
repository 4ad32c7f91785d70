"""Carry-forward: a region's new report starts from its last one, section by section, each field as
the registry carries it (``ReportField.carried``: a weekly count at 0, any other as it stands).

A section's *snapshot* is what the operator sees of it: its fields and its lines. Comparing the
snapshot carried from last week with the one saved tells which sections changed; the sections the
operator changed or confirmed get the session's date in ``confirmed_sections``, the others keep the
date they were last confirmed, so the reviewer sees how old each part of the picture is.
"""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from regions.models import Region
from reports.models import RakorSession, ReadinessReport
from reports.registry import FIELDS_BY_NAME, SECTIONS, Section

Snapshot = dict[str, tuple]


def last_report(session: RakorSession, region: Region) -> ReadinessReport | None:
    """The region's report for the latest earlier session of the same election (its lines are read
    by whoever needs them: a new report's initial rows, or the comparison when saving)."""
    return (
        ReadinessReport.objects.filter(
            region=region, session__election_id=session.election_id, session__date__lt=session.date
        )
        .select_related("session")
        .order_by("-session__date")
        .first()
    )


def carried_values(previous: ReadinessReport, names: Iterable[str]) -> dict[str, Any]:
    """The fields ``names`` of ``previous`` as a new week's report starts from them."""
    return {name: FIELDS_BY_NAME[name].carried(getattr(previous, name)) for name in names}


def shortage_row(item_id: int, quantity: int, note: str | None) -> tuple:
    return (item_id, quantity, note or "")


def agenda_row(kind: str, date: dt.date, place: str | None, description: str | None) -> tuple:
    return (kind, date, place or "", description or "")


def carried_agenda(report: ReadinessReport, session: RakorSession) -> list:
    """Last week's agenda lines still to come by this session; past events are not carried."""
    return [line for line in report.agenda.all() if line.date >= session.date]


def snapshot(
    values: dict, shortages: Iterable[tuple], agenda: Iterable[tuple], sections: Iterable[Section]
) -> Snapshot:
    """Each of ``sections``' content (the rakor's, see ``sections_of``) as comparable tuples; empty
    text and None count the same."""
    lines = {"shortages": tuple(sorted(shortages)), "agenda": tuple(sorted(agenda))}
    result = {}
    for section in sections:
        fields = tuple(values.get(name) if values.get(name) != "" else None for name in section.fields)
        result[section.key] = fields + ((lines[section.lines],) if section.lines else ())
    return result


def carried_snapshot(previous: ReadinessReport, session: RakorSession) -> Snapshot:
    """What the new report starts from: the previous report's fields as carried and its (coming)
    lines, in the sections ``session`` asks for."""
    sections = session.sections
    values = carried_values(previous, (name for section in sections for name in section.fields))
    shortages = [shortage_row(s.item_id, s.quantity, s.note) for s in previous.shortages.all()]
    agenda = [agenda_row(a.kind, a.date, a.place, a.description) for a in carried_agenda(previous, session)]
    return snapshot(values, shortages, agenda, sections)


def record_sections(
    report: ReadinessReport,
    previous: ReadinessReport | None,
    before: Snapshot | None,
    after: Snapshot,
    confirmed: set[str],
    day: dt.date,
) -> None:
    """Set ``changed_sections`` (against the carried report) and date the changed or confirmed
    sections of ``after`` (the rakor's); without a previous report everything entered is this
    week's word. Sections the rakor does not ask for keep the date they were last confirmed."""
    if previous is None or before is None:
        report.changed_sections = []
        touched = set(after)
    else:
        report.changed_sections = [
            s.key for s in SECTIONS if s.key in after and before[s.key] != after[s.key]
        ]
        touched = set(report.changed_sections) | confirmed
    dates = dict(previous.confirmed_sections) if previous is not None else {}
    dates.update(report.confirmed_sections or {})
    dates.update({key: day.isoformat() for key in touched})
    report.confirmed_sections = {s.key: dates[s.key] for s in SECTIONS if s.key in dates}


def unconfirmed(before: Snapshot | None, after: Snapshot, confirmed: set[str]) -> list[str]:
    """Sections neither changed nor confirmed as still accurate."""
    if before is None:
        return []
    return [
        s.key for s in SECTIONS if s.key in after and before[s.key] == after[s.key] and s.key not in confirmed
    ]
