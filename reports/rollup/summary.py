"""The province-wide picture of one rakor session: every number the desk shows or sends.

``summary(session)`` builds a plain ``Summary`` from a fixed number of queries (twelve), whatever the
number of regions and sessions. ``summary(session, region=...)`` is the same roll-up for one region
(the drill-down): its row, alerts, agenda, the follow-ups of that region or of the whole province,
and counts, totals and trend over that region alone. The dashboard, the drill-down, the printable
brief, the PDF, the XLSX/CSV export and the drafted letter to the Minister all render this object;
none of them recomputes a number. Strings in it (reasons, alert messages) are in the active language.

Definitions used throughout:

- *expected*: every region of the province (all ``Region`` rows).
- *reported*: the region's report for the session is sent (any status but draft); *late*: its first
  submission missed the deadline; *missing*: no report or only a draft.
- *previous*: a region's last sent report of an earlier session of the election, however old.
  A missing region's row *carries* it: its light (when not green), alerts, figures and its share
  of the totals come from that report, each marked with the rakor it came from. Totals hold that
  part on its own (``Totals.carried``), so a silent region is never dropped without a word.
- *Unchanged*: a sent report whose every section the operator confirmed unchanged and whose values
  equal the previous report's; two such in a row raise an alert.
- *Asked*: a count is compared, added up or drawn only over the reports of rakor whose week asked
  for it (its stages' sections): a week that did not ask for a figure has no "before" (not a zero).
- *Steady* regions: those with a sent report at every session of the trend that asked for personnel
  and received reports; the personnel trend adds up only them, so that it compares the same
  regions each week. A week that received no report at all (voting week) is no point of it.
- Attendance: a region without an ``Attendance`` row counts as "belum terkonfirmasi".
- Follow-ups: raised at this session or an earlier one of the election. A forwarded session is a
  frozen snapshot at ``forwarded_at``; an open session is live. "Closed since the previous session"
  means closed after the previous session was forwarded (or after its day, if it never was).
- Incidents: the letter tells those of ``perlu perhatian`` or ``darurat`` that happened in the
  seven days before the rakor's day (``incidents.desk.significant_of_week``), whatever their status
  now; the dashboard shows those open at the rakor's cut-off (``RakorSession.cut_off``), never a
  later one, and each significant one is a finding of its region until it is closed.
- Findings: every judgement of a region's week (its light and reasons, the alerts) comes from the
  rule table of ``reports.assessment``.
- *Stale*: a section whose last confirmation is 14 days or more before the session date.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from django.db.models import Count, F, OuterRef, Q, Subquery, Sum
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from incidents.desk import open_at, significant_of_week
from incidents.models import Incident
from regions.models import Region
from reports.assessment import RULES, Finding, Subject, judge, light_of, reasons_of
from reports.models import (
    WITA,
    AgendaLine,
    Attendance,
    FollowUp,
    RakorSession,
    ReadinessReport,
    ShortageLine,
)
from reports.registry import Period, Section, asks_readiness, fields_of, sections_of, summed
from reports.rollup.changes import stale_sections
from reports.rollup.lights import Light, ReportState, explain
from reports.rollup.parts import (
    FIGURES,
    AgendaEntry,
    Alert,
    AttendanceSummary,
    Completeness,
    Figure,
    HistoryEntry,
    RegionRow,
    ShortageTotal,
    Summary,
    Total,
    Totals,
    TrendPoint,
    light_words,
)

Status = ReadinessReport.Status
Readiness = ReadinessReport.Readiness

AGENDA_DAYS = 14


def summary(session: RakorSession, region: Region | None = None) -> Summary:
    """The roll-up of ``session`` (of one region when given): twelve queries whatever the number of
    regions and sessions (the election's stages and the week's incidents among them). Callers read
    it and never change it."""
    sessions = list(RakorSession.objects.filter(election_id=session.election_id).select_related("election"))
    session = next(s for s in sessions if s.pk == session.pk)
    election = session.election
    for each in sessions:  # one election object, so that its stages are read once
        each.election = election
    earlier = [s for s in sessions if s.date < session.date]
    previous_session = earlier[-1] if earlier else None
    regions = [region] if region is not None else list(Region.objects.all())
    of_region = {"region_id": region.pk} if region is not None else {}
    of_report_region = {"report__region_id": region.pk} if region is not None else {}
    item_count = election.logistics_items.count()

    reports = _reports(session, of_region)
    by_session = {s.pk: s for s in sessions}
    current = {r.region_id: r for r in reports if r.session_id == session.pk}
    before: dict[int, list[ReadinessReport]] = defaultdict(list)  # newest first, at most two
    for report in sorted(reports, key=lambda r: by_session[r.session_id].date, reverse=True):
        if report.session_id != session.pk:
            report.session = by_session[report.session_id]
            before[report.region_id].append(report)
    shortages_by_report = defaultdict(list)
    lines = ShortageLine.objects.filter(report_id__in=[r.pk for r in reports]).select_related("item")
    for line in lines.order_by("item__position", "pk"):
        shortages_by_report[line.report_id].append(line)

    attendance = dict(
        Attendance.objects.filter(session=session, **of_region).order_by().values_list("region_id", "status")
    )
    agenda_until = session.date + dt.timedelta(days=AGENDA_DAYS - 1)
    agenda_lines = list(
        AgendaLine.objects.filter(
            report__session=session, date__gte=session.date, date__lte=agenda_until, **of_report_region
        )
        .exclude(report__status=Status.DRAFT)
        .annotate(region_pk=F("report__region_id"))
        .order_by("date", "report__region__kemendagri_code", "pk")
    )

    sections = session.sections
    words = _Words(not asks_readiness(sections))
    # What each rakor of the election asked for, so that no figure is compared with a week that did
    # not ask for it (the election's calendar is read once, by ``session.sections`` above).
    sections_at = {s.pk: sections_of(election.stages_of_week(s.date)) for s in sessions}
    asked_at = {pk: fields_of(each) for pk, each in sections_at.items()}
    follow_ups_open, follow_ups_closed = _follow_ups(session, previous_session, region)
    incidents = open_at(session, region)
    standing = _Standing(
        session=session,
        asked=fields_of(sections),
        item_count=item_count,
        incidents=incidents.significant,
        overdue=_overdue(session, follow_ups_open),
    )
    rows = [
        _row(
            each,
            current.get(each.pk),
            before[each.pk],
            attendance,
            shortages_by_report,
            words,
            sections,
            sections_at,
            standing,
        )
        for each in regions
    ]
    asked = standing.asked
    by_region = {each.pk: each for each in regions}
    kind_labels = {value: str(label) for value, label in AgendaLine.Kind.choices}
    trend, steady = _trend(session, sessions, len(regions), of_region, asked_at)
    result = Summary(
        session=session,
        election=election,
        sessions=sessions,
        previous_session=previous_session,
        days_to_voting=session.days_to_voting,
        logistics_item_count=item_count,
        completeness=_completeness(rows),
        attendance=AttendanceSummary(
            present=[r.region for r in rows if r.attendance == Attendance.Status.PRESENT],
            excused=[r.region for r in rows if r.attendance == Attendance.Status.EXCUSED],
            unconfirmed=[r.region for r in rows if r.attendance == Attendance.Status.UNCONFIRMED],
        ),
        rows=rows,
        totals=_known_totals(regions, rows, asked, asked_at),
        previous_totals=(_previous_totals(regions, rows, asked, asked_at) if previous_session else None),
        alerts=_alerts(rows, follow_ups_open),
        agenda=[
            AgendaEntry(
                date=line.date,
                kind=line.kind,
                kind_label=kind_labels.get(line.kind, line.kind),
                region=by_region[line.region_pk],
                place=line.place,
                description=line.description,
            )
            for line in agenda_lines
        ],
        agenda_until=agenda_until,
        follow_ups_open=follow_ups_open,
        follow_ups_closed=follow_ups_closed,
        trend=trend,
        steady_regions=steady,
        sections=sections,
    )
    result.lights = {light.value: sum(1 for r in rows if r.light == light) for light in Light}
    result.incidents = significant_of_week(session, region)
    result.open_incidents = incidents
    return result


def _reports(session: RakorSession, of_region: dict) -> list[ReadinessReport]:
    """In one query: the session's reports (drafts included) and each region's last two sent
    reports of earlier sessions of the election, however old (a subquery per region, which
    SQLite and PostgreSQL both run)."""
    sent_before = (
        ReadinessReport.objects.filter(
            region_id=OuterRef("pk"),
            session__election_id=session.election_id,
            session__date__lt=session.date,
        )
        .exclude(status=Status.DRAFT)
        .order_by("-session__date")
        .values("pk")
    )
    last_two = Region.objects.filter(**({"pk": of_region["region_id"]} if of_region else {})).annotate(
        last=Subquery(sent_before[:1]), second=Subquery(sent_before[1:2])
    )
    return list(
        ReadinessReport.objects.filter(
            Q(session_id=session.pk, **of_region)
            | Q(pk__in=last_two.values("last"))
            | Q(pk__in=last_two.values("second"))
        ).order_by()
    )


def region_history(result: Summary, region: Region) -> list[HistoryEntry]:
    """The region's reports over the sessions of ``result.trend``, newest first (two queries), each
    judged and worded in its own rakor's stage (readiness is not asked from voting day on)."""
    sessions = [point.session for point in result.trend]
    reports = {
        report.session_id: report
        for report in ReadinessReport.objects.filter(region=region, session__in=sessions).prefetch_related(
            "shortages__item"
        )
    }
    words = {after: light_words(after) for after in (False, True)}
    entries = []
    for session in reversed(sessions):
        report = reports.get(session.pk)
        sent = report if report is not None and report.is_sent else None
        asked = sections_of(result.election.stages_of_week(session.date))
        readiness = asks_readiness(asked)
        state = ReportState.MISSING if report is None else ReportState(report.status)
        if sent is None:
            light, reasons = Light.GREY, []
        else:
            subject = Subject(
                region,
                session,
                sent,
                list(sent.shortages.all()),
                fields_of(asked),
                result.logistics_item_count,
            )
            found = judge(subject)
            light, reasons = light_of(found), reasons_of(found)
        label = words[not readiness][light]
        explanation = explain(reasons) if reasons else label.lower()
        entries.append(HistoryEntry(session, report, state, light, explanation, label))
    return entries


class _Words:
    """Labels translated once per roll-up instead of once per region."""

    def __init__(self, after_voting: bool) -> None:
        self.figures = {field.name: field.words for field in FIGURES}
        self.lights = light_words(after_voting)
        self.states = {state: str(state.label) for state in ReportState}
        self.attendance = {status.value: str(status.label) for status in Attendance.Status}


@dataclass(frozen=True)
class _Standing:
    """What every region's judgement reads besides its report: the rakor, the fields it asks
    for, the election's logistics items, and the open incidents and overdue follow-ups by region."""

    session: RakorSession
    asked: frozenset[str]
    item_count: int
    incidents: dict[int, list[Incident]]
    overdue: dict[int, list[FollowUp]]


def _overdue(session: RakorSession, follow_ups_open: list[FollowUp]) -> dict[int, list[FollowUp]]:
    """A region's open follow-ups past their due date at the rakor's day."""
    overdue: dict[int, list[FollowUp]] = defaultdict(list)
    for follow_up in follow_ups_open:
        if follow_up.region_id is not None and follow_up.due_date < session.date:
            overdue[follow_up.region_id].append(follow_up)
    return overdue


def _row(
    region: Region,
    report: ReadinessReport | None,
    before: list[ReadinessReport],
    attendance: dict[int, str],
    shortages_by_report: dict[int, list[ShortageLine]],
    words: _Words,
    sections: tuple[Section, ...],
    sections_at: Mapping[int, tuple[Section, ...]],
    standing: _Standing,
) -> RegionRow:
    """The region's row; ``before``: its last sent reports of earlier sessions, newest first;
    ``sections``: those the session asks for; ``sections_at``: those each session asked for (a
    figure of a week that did not ask for it is no "before" and is not carried, nor is a weekly
    count: an earlier week's cases are not this week's). Its light and
    findings come from the rule table, over this rakor's report or, for a silent region, its last
    one (whose findings say so)."""
    session = standing.session
    state = ReportState.MISSING if report is None else ReportState(report.status)
    sent = report if report is not None and report.is_sent else None
    previous = before[0] if before else None
    shortages = shortages_by_report.get(sent.pk, []) if sent else []
    previous_shortages = shortages_by_report.get(previous.pk, []) if previous else []
    previous_sections = sections_at[previous.session_id] if previous else sections
    previously_asked = fields_of(previous_sections) if previous else frozenset()
    figures = {
        field.name: Figure(
            key=field.name,
            label=words.figures[field.name],
            value=(
                getattr(sent, field.name)
                if sent
                else getattr(previous, field.name)
                if previous and field.name in previously_asked and field.period is not Period.WEEK
                else None  # nothing sent, or an earlier week's cases: not this week's
            ),
            previous=getattr(previous, field.name) if sent and field.name in previously_asked else None,
            out_of=getattr(region, field.out_of) if field.out_of else None,
            carried=sent is None and previous is not None,
        )
        for field in FIGURES
    }
    status = attendance.get(region.pk, Attendance.Status.UNCONFIRMED)
    row = RegionRow(
        region=region,
        report=report,
        previous=previous,
        previous_session=previous.session if previous else None,
        state=state,
        attendance=status,
        light=Light.GREY,
        findings=[],
        figures=figures,
        shortages=shortages,
        previous_shortages=previous_shortages,
        stale=stale_sections(session, sent, sections) if sent else [],
        light_label="",
        state_label=words.states[state],
        attendance_label=words.attendance[status],
        before_previous=before[1] if len(before) > 1 else None,
        before_previous_shortages=shortages_by_report.get(before[1].pk, []) if len(before) > 1 else [],
        sections=sections,
        previous_sections=previous_sections,
    )
    row.findings = judge(
        Subject(
            region=region,
            session=session,
            report=row.known_report,
            shortages=row.known_shortages,
            asked=standing.asked,
            item_count=standing.item_count,
            incidents=standing.incidents.get(region.pk, []),
            overdue=standing.overdue.get(region.pk, []),
            silent=sent is None,
            repeated=row.is_repeated,
        )
    )
    light = light_of(row.findings)
    row.light = Light.GREY if sent is None and light == Light.GREEN else light
    row.light_label = words.lights[row.light]
    return row


def _completeness(rows: list[RegionRow]) -> Completeness:
    reported = [r for r in rows if r.is_reported]
    return Completeness(
        expected=[r.region for r in rows],
        reported=[r.region for r in reported],
        on_time=[r.region for r in reported if not r.is_late],
        late=[r.region for r in reported if r.is_late],
        missing=[r.region for r in rows if not r.is_reported],
    )


def _known_totals(
    regions: list[Region],
    rows: list[RegionRow],
    asked: frozenset[str],
    asked_at: Mapping[int, frozenset[str]],
) -> Totals:
    """The totals over every region's known report, with the part carried from older reports. A
    weekly count adds up only this rakor's reports: a silent region's cases of an earlier week are
    not this week's (its alert still tells them, dated)."""
    old = frozenset(report.pk for row in rows if (report := row.carried) is not None)
    totals = _totals(
        regions,
        [(row.known_report, row.known_shortages) for row in rows if row.known_report],
        asked,
        asked_at,
        old,
    )
    carried = [
        (row, report, since)
        for row in rows
        if (report := row.carried) is not None and (since := row.carried_from) is not None
    ]
    if carried:
        totals.carried = _totals(
            regions, [(report, row.known_shortages) for row, report, _since in carried], asked, asked_at, old
        )
        totals.carried_from = [(row.region, since) for row, _report, since in carried]
        names = {str(row.region) for row, _report, _since in carried}
        totals.shortages = [
            replace(shortage, carried=tuple(name for name in shortage.regions if name in names))
            for shortage in totals.shortages
        ]
    return totals


def _previous_totals(
    regions: list[Region],
    rows: list[RegionRow],
    asked: frozenset[str],
    asked_at: Mapping[int, frozenset[str]],
) -> Totals:
    """The totals over each region's last report before this session, of the counts this session
    asks for; a count none of those reports' rakor asked for has no "before" (not a zero)."""
    totals = _totals(
        regions, [(r.previous, r.previous_shortages) for r in rows if r.previous], asked, asked_at
    )
    totals.figures = {key: total for key, total in totals.figures.items() if total.reports}
    return totals


def _totals(
    regions: list[Region],
    sent: list[tuple[ReadinessReport, list[ShortageLine]]],
    asked: frozenset[str],
    asked_at: Mapping[int, frozenset[str]],
    old: frozenset[int] = frozenset(),
) -> Totals:
    """The summed counts of ``asked`` (the session's sections' fields) and the shortages. A count
    adds up only the reports whose own rakor asked for it (``asked_at``, by session); a weekly count
    none of the ``old`` reports (carried from an earlier week)."""
    by_item: dict[int, list] = {}
    for report, lines in sent:
        for line in lines:
            entry = by_item.setdefault(line.item_id, [line.item, 0, []])
            entry[1] += line.quantity
            entry[2].append(report.region_id)
    names = {region.pk: str(region) for region in regions}
    shortages = [
        ShortageTotal(
            item.display_name,
            item.display_unit,
            quantity,
            tuple(names[pk] for pk in dict.fromkeys(region_ids)),
        )
        for item, quantity, region_ids in sorted(by_item.values(), key=lambda e: (e[0].position, e[0].name))
    ]

    figures = {}
    for field in summed():
        if field.name not in asked:
            continue
        counted = [
            report
            for report, _lines in sent
            if field.name in asked_at[report.session_id]
            and not (field.period is Period.WEEK and report.pk in old)
        ]
        figures[field.name] = Total(
            key=field.name,
            value=sum(getattr(report, field.name) or 0 for report in counted),
            out_of=sum(getattr(region, field.out_of) for region in regions) if field.out_of else None,
            reports=len(counted),
        )
    return Totals(
        reports=len(sent),
        figures=figures,
        registered_voters=sum(region.registered_voters for region in regions),
        polling_stations=sum(region.polling_stations for region in regions),
        shortages=shortages,
        asked=asked,
    )


def _alerts(rows: list[RegionRow], follow_ups_open: list[FollowUp]) -> list[Alert]:
    """The findings that are alerts, gravest first, then in the rule table's order, then by region.
    A silent region's findings from its last report say from which rakor. An alert already
    followed up carries its open follow-up."""
    found: list[tuple[Finding, dt.date | None]] = []
    for row in rows:
        carried_from = row.carried_from if row.sent is None else None
        found += [(f, carried_from if f.rule.section else None) for f in row.findings if f.is_alert]
    order = {rule.kind: index for index, rule in enumerate(RULES)}
    found.sort(key=lambda pair: (pair[0].severity.rank, order[pair[0].rule.kind]))
    following = {f.finding: f for f in follow_ups_open if f.finding and f.closed_at is None}
    alerts = []
    for finding, carried_from in found:
        message, attention = finding.message, finding.attention
        if carried_from is not None:
            since = _("data rakor %(date)s") % {"date": date_format(carried_from, "j F")}
            message, attention = f"{message} ({since})", f"{attention} ({since})"
        alert = Alert(
            finding.rule.kind,
            finding.region,
            message,
            carried_from,
            finding.action,
            severity=finding.severity,
            attention=attention if finding.rule.in_letter else "",
            reason=finding.reason,
        )
        alerts.append(replace(alert, follow_up=following.get(alert.finding)))
    return alerts


def _boundary(session: RakorSession) -> dt.datetime:
    """The moment a session's picture was final: when it was forwarded, else the end of its day."""
    if session.forwarded_at is not None:
        return session.forwarded_at
    return dt.datetime.combine(session.date + dt.timedelta(days=1), dt.time(0, 0), tzinfo=WITA)


def _follow_ups(
    session: RakorSession, previous_session: RakorSession | None, region: Region | None
) -> tuple[list[FollowUp], list[FollowUp]]:
    since = _boundary(previous_session) if previous_session else None
    until = session.forwarded_at
    still_relevant = Q(closed_at__isnull=True)
    if since is not None:
        still_relevant |= Q(closed_at__gt=since)
    else:
        still_relevant |= Q(closed_at__isnull=False)
    if region is not None:
        still_relevant &= Q(region__isnull=True) | Q(region_id=region.pk)
    follow_ups = list(
        FollowUp.objects.filter(
            still_relevant, session__election_id=session.election_id, session__date__lte=session.date
        )
        .select_related("region", "session")
        .order_by("due_date", "pk")
    )
    open_ = [f for f in follow_ups if f.closed_at is None or (until is not None and f.closed_at > until)]
    closed = [f for f in follow_ups if f not in open_]
    return open_, closed


def _trend(
    session: RakorSession,
    sessions: list[RakorSession],
    expected: int,
    of_region: dict,
    asked_at: Mapping[int, frozenset[str]],
) -> tuple[list[TrendPoint], int]:
    """A point per session up to this one, and how many steady regions the personnel adds up.
    Each series has a value only in the weeks that asked for it; personnel also needs a week that
    received reports (in any region: a rakor nobody reported to is no week of the trend)."""
    shown = [s for s in sessions if s.date <= session.date]
    everywhere = (
        ReadinessReport.objects.filter(session_id__in=[s.pk for s in shown])
        .exclude(status=Status.DRAFT)
        .order_by()
    )
    sent = everywhere.filter(**of_region)
    guarded = [s.pk for s in shown if "security_personnel" in asked_at[s.pk]]
    # How many of those rakor received a report (grouped by the election: one row).
    held = (
        everywhere.filter(session_id__in=guarded)
        .values("session__election_id")
        .annotate(count=Count("session_id", distinct=True))
        .values("count")
    )
    steady = (
        sent.filter(session_id__in=guarded)
        .values("region_id")
        .annotate(sessions=Count("session_id"))
        .filter(sessions=Subquery(held))
        .values("region_id")
    )
    counted = Q(region_id__in=steady, session_id__in=guarded)
    rows = sent.values("session_id").annotate(
        reported=Count("pk"),
        late=Count("pk", filter=Q(is_late=True)),
        ready=Count("pk", filter=Q(readiness=Readiness.READY)),
        ready_with_notes=Count("pk", filter=Q(readiness=Readiness.READY_WITH_NOTES)),
        not_ready=Count("pk", filter=Q(readiness=Readiness.NOT_READY)),
        personnel=Sum("security_personnel", filter=counted),
        steady=Count("pk", filter=counted),
    )
    by_session = {row["session_id"]: row for row in rows}
    steady_count = max((row["steady"] for row in by_session.values()), default=0)
    points = []
    for s in shown:
        row: Mapping[str, Any] = by_session.get(s.pk, {})
        readiness = "readiness" in asked_at[s.pk]
        personnel = s.pk in guarded and steady_count and row.get("steady")
        points.append(
            TrendPoint(
                session=s,
                expected=expected,
                reported=row.get("reported", 0),
                late=row.get("late", 0),
                ready=row.get("ready", 0) if readiness else None,
                ready_with_notes=row.get("ready_with_notes", 0) if readiness else None,
                not_ready=row.get("not_ready", 0) if readiness else None,
                security_personnel=(row.get("personnel") or 0) if personnel else None,
            )
        )
    return points, steady_count
