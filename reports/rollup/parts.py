"""The plain objects a roll-up is made of (``reports.rollup.summary.summary`` builds them): a region's row
with its light and key numbers, completeness, attendance, totals, alerts, agenda, trend points and
the ``Summary`` that holds them. See ``reports.rollup.summary`` for the definitions the numbers follow.

A region that sent nothing this session is not dropped: its row *carries* its last sent report
(``RegionRow.carried``, from ``carried_from``), and every number taken from it says so.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from incidents.desk import OpenIncidents
from regions.models import Region
from reports.assessment import RULE_OF, Finding, Rule, Severity, reasons_of
from reports.models import Election, FollowUp, RakorSession, ReadinessReport, ShortageLine, StageKind
from reports.registry import (
    FIELDS_BY_NAME,
    SECTIONS,
    Column,
    Kind,
    ReportField,
    Section,
    asks_readiness,
    attachment_columns,
    number,
    of_kind,
    table_fields,
)
from reports.rollup.changes import Change, StaleSection, changes_between, same_values
from reports.rollup.lights import AlertKind, Light, ReportState, explain

if TYPE_CHECKING:
    from incidents.models import Incident

# The numbers shown for every region and compared week over week: every count of the report.
FIGURES: tuple[ReportField, ...] = of_kind(Kind.COUNT)


def light_words(after_voting: bool) -> dict[Light, str]:
    """Each light's word in the active language, in the stage's words: from voting day on nothing is
    "siap" any more (readiness is no longer asked), so a green light says the report raised no
    finding. The colours keep their meaning; only the word of green changes."""
    words = {light: str(light.label) for light in Light}
    if after_voting:
        words[Light.GREEN] = _("Tidak ada temuan")
    return words


@dataclass(frozen=True)
class Figure:
    """One key number of a region this week and in its last report before (None: not reported).
    For a region silent this week, ``value`` is its last known number and ``carried`` is true."""

    key: str
    label: str
    value: int | None
    previous: int | None
    out_of: int | None = None  # the region's total it is a part of (its kecamatan), if any
    carried: bool = False

    @property
    def changed(self) -> bool:
        return self.previous is not None and self.value != self.previous

    @property
    def delta(self) -> int | None:
        if self.value is None or self.previous is None:
            return None
        return self.value - self.previous


@dataclass
class RegionRow:
    """A region in the session: its report (None when there is none), light and key numbers."""

    region: Region
    report: ReadinessReport | None  # this session's report, drafts included
    previous: ReadinessReport | None  # the region's last sent report of an earlier session
    previous_session: RakorSession | None  # the session of ``previous``
    state: ReportState
    attendance: str  # an Attendance.Status value
    light: Light
    findings: list[Finding]  # what the rule table finds in the region's week, gravest first
    figures: dict[str, Figure]
    shortages: list[ShortageLine]
    previous_shortages: list[ShortageLine]
    stale: list[StaleSection]
    light_label: str  # the words of the light, state and attendance, in the active language
    state_label: str
    attendance_label: str
    before_previous: ReadinessReport | None = None  # the sent report before ``previous``
    before_previous_shortages: list[ShortageLine] = field(default_factory=list)
    sections: tuple[Section, ...] = SECTIONS  # the sections the session asks for (its stage's)
    previous_sections: tuple[Section, ...] = SECTIONS  # those the rakor of ``previous`` asked for

    @cached_property
    def changes(self) -> list[Change]:
        """What differs from the region's last sent report before, in the session's sections
        (computed on first use)."""
        if self.sent is None or self.previous is None:
            return []
        return changes_between(
            self.sent,
            self.previous,
            self.shortages,
            self.previous_shortages,
            self.sections,
            self.previous_sections,
        )

    @cached_property
    def changed_sections(self) -> list[str]:
        """Section keys changed by the operator or differing from last week, in section order."""
        if self.sent is None:
            return []
        keys = set(self.sent.changed_sections) | {change.section for change in self.changes}
        return [section.key for section in self.sections if section.key in keys]

    @property
    def is_reported(self) -> bool:
        return self.state not in (ReportState.DRAFT, ReportState.MISSING)

    @property
    def sent(self) -> ReadinessReport | None:
        """This session's report once sent (not a draft), else None."""
        return self.report if self.is_reported else None

    @property
    def table_cells(self) -> list[tuple[Figure, str]]:
        """The figures of the dashboard's table of regions (the session's sections' columns), each
        with its heading."""
        return [(self.figures[field.name], str(field.column)) for field in table_fields(self.sections)]

    @property
    def is_late(self) -> bool:
        return self.sent is not None and self.sent.is_late

    @property
    def carried(self) -> ReadinessReport | None:
        """For a region silent this session: its last sent report, which the roll-up keeps."""
        return self.previous if not self.is_reported else None

    @property
    def carried_from(self) -> dt.date | None:
        """The date of the rakor whose report a silent region's numbers come from."""
        if self.carried is None or self.previous_session is None:
            return None
        return self.previous_session.date

    @property
    def known_report(self) -> ReadinessReport | None:
        """The report the province's picture counts for this region: this session's sent report,
        else the carried one."""
        return self.report if self.is_reported else self.carried

    @property
    def known_shortages(self) -> list[ShortageLine]:
        if self.is_reported:
            return self.shortages
        return self.previous_shortages if self.carried is not None else []

    @cached_property
    def is_unchanged(self) -> bool:
        """A sent report whose every section the operator confirmed unchanged and whose values are
        those of the region's last report: "sama dengan laporan sebelumnya"."""
        return (
            self.sent is not None
            and self.previous is not None
            and not self.sent.changed_sections
            and same_values(self.sent, self.previous, self.shortages, self.previous_shortages)
        )

    @cached_property
    def is_repeated(self) -> bool:
        """The same report for two rakor in a row or more: this one repeats ``previous``, which
        repeated the one before it."""
        return (
            self.is_unchanged
            and self.previous is not None
            and self.before_previous is not None
            and not self.previous.changed_sections
            and same_values(
                self.previous, self.before_previous, self.previous_shortages, self.before_previous_shortages
            )
        )

    @property
    def reasons(self) -> list[str]:
        """The light's reasons: the readiness word first when not "siap", then each finding that
        colours it; a silent region's grey light says only that."""
        if self.light == Light.GREY:
            return [str(RULE_OF[AlertKind.MISSING].reason)]
        return reasons_of(self.findings)

    @property
    def explanation(self) -> str:
        """The light in one plain sentence: "belum siap: kekurangan surat suara 1.200 lembar; …"."""
        return explain(self.reasons)

    @property
    def report_reasons(self) -> list[str]:
        """The reasons its known report alone gives (no incident, no follow-up): what a silent
        region last said of itself."""
        return reasons_of([finding for finding in self.findings if finding.rule.section])

    @property
    def urgent_sections(self) -> set[str]:
        """The report's sections the desk must act on: those of its findings that colour the light."""
        return {f.rule.section for f in self.findings if f.rule.section and f.severity.light is not None}


@dataclass
class Completeness:
    """Who was expected to report, who did, on time or late, and who is missing (by name)."""

    expected: list[Region]
    reported: list[Region]
    on_time: list[Region]
    late: list[Region]
    missing: list[Region]

    @property
    def expected_count(self) -> int:
        return len(self.expected)

    @property
    def reported_count(self) -> int:
        return len(self.reported)

    @property
    def missing_count(self) -> int:
        return len(self.missing)

    @property
    def percent(self) -> int:
        return round(100 * self.reported_count / self.expected_count) if self.expected else 0


@dataclass
class AttendanceSummary:
    """Attendance at the rakor; regions without a record are "belum terkonfirmasi"."""

    present: list[Region]
    excused: list[Region]
    unconfirmed: list[Region]


@dataclass(frozen=True)
class ShortageTotal:
    """One logistics item short across the province; ``carried`` names the regions among
    ``regions`` whose line comes from an older report (they sent nothing this session)."""

    item: str
    unit: str
    quantity: int
    regions: tuple[str, ...]
    carried: tuple[str, ...] = ()


@dataclass(frozen=True)
class Total:
    """A count of the report added up over the regions that reported (``ReportField.summed``)."""

    key: str
    value: int
    out_of: int | None = None  # the province's total it is a part of (every kecamatan), if any
    reports: int = 0  # how many regions' reports it adds up: those of rakor that asked for the count

    @property
    def label(self) -> str:
        """The count's heading in the language of the page that shows it."""
        return FIELDS_BY_NAME[self.key].label

    @property
    def heading(self) -> str:
        """The count's heading saying a weekly count's period: "Pelanggaran netralitas ASN (minggu
        ini)", so a week's cases are not read as a tally since the campaign began."""
        return FIELDS_BY_NAME[self.key].heading

    @property
    def words(self) -> str:
        """The count's name inside a sentence: "rekapitulasi kecamatan selesai"."""
        return FIELDS_BY_NAME[self.key].words

    @property
    def unit(self) -> str:
        return str(FIELDS_BY_NAME[self.key].unit)


@dataclass
class Totals:
    """Province totals over every region's known report: this session's, or for a silent region
    its last one (``carried`` holds that part on its own, with ``carried_from`` saying whose and
    from which rakor)."""

    reports: int  # how many reports the totals add up, this session's and carried ones
    figures: dict[str, Total]  # every summed count by field name, in the registry's order
    registered_voters: int  # DPT of the province
    polling_stations: int  # TPS of the province
    shortages: list[ShortageTotal]
    carried: "Totals | None" = None  # the part of these totals carried from older reports
    carried_from: list[tuple[Region, dt.date]] = field(default_factory=list)
    asked: frozenset[str] = frozenset(FIELDS_BY_NAME)  # the fields of the session's sections

    @property
    def current_reports(self) -> int:
        """How many of the reports added up are this session's."""
        return self.reports - (self.carried.reports if self.carried else 0)

    @property
    def attachment_totals(self) -> list[Total | None]:
        """The totals row of the attachment's table: a total under each summed figure of the
        session's sections, nothing under its other columns."""
        sections = [section for section in SECTIONS if set(section.fields) & self.asked]
        return [
            self.figures.get(column.figure.name) if column.figure is not None else None
            for column in attachment_columns(sections)
        ]


@dataclass(frozen=True)
class Alert:
    """Something the desk must act on, from a finding of the rule table; a follow-up can be raised
    from it, titled with ``action`` (an action, "Pastikan …", drafted from the finding).
    ``attention``: the letter's line. ``carried_from``: the finding comes from the silent region's
    report of that rakor. ``follow_up``: the open follow-up already made from it, shown instead of
    offering a second one."""

    kind: AlertKind
    region: Region
    message: str
    carried_from: dt.date | None = None
    action: str = ""
    follow_up: FollowUp | None = None
    severity: Severity = Severity.LOW
    attention: str = ""  # the letter's line; none for what the letter leaves out
    reason: str = ""  # the finding without its region ("partisipasi 57,6%, di bawah target 79%")

    @property
    def rule(self) -> Rule:
        """The rule it comes from: its colour, icon, and the agency and source a follow-up takes."""
        return RULE_OF[self.kind]

    @property
    def finding(self) -> str:
        """The key a follow-up made from this alert keeps (``FollowUp.finding``)."""
        return finding_key(self.kind, self.region)


def finding_key(kind: str, region: Region | None) -> str:
    """ "<alert kind>:<region's Kemendagri code>", or "<kind>:all" for the whole province."""
    return f"{kind}:{region.kemendagri_code if region is not None else 'all'}"


@dataclass(frozen=True)
class Cell:
    """A region's cell in the attachment's table: a figure, or lines of text (none: "—")."""

    figure: Figure | None = None
    lines: tuple[str, ...] = ()


def _state(report: ReadinessReport, field: ReportField, items: int) -> str:
    """A field of a section's state in the attachment: a choice's label, "13/14 item"."""
    value = getattr(report, field.name)
    if value is None or value == "":
        return ""
    if field.kind == Kind.COUNT:
        return f"{number(value)}/{number(items)} {field.unit}"
    return str(dict(field.model_field.flatchoices).get(value, value))


def _days(start: dt.date | None, end: dt.date | None) -> tuple[str, ...]:
    """A window as the attachment writes it: "23 Nov", "23–25 Nov", "30 Nov–2 Des"."""
    if start is None:
        return ()
    if end is None or end == start:
        return (date_format(start, "j M"),)
    first = date_format(start, "j" if (start.year, start.month) == (end.year, end.month) else "j M")
    return (f"{first}–{date_format(end, 'j M')}",)


def _line_texts(row: RegionRow, lines: str) -> list[str]:
    """A section's lines in the attachment: each logistics item short."""
    if lines != "shortages":
        return []
    return [
        f"kurang {line.item.name.lower()} {number(line.quantity)} {line.item.unit}"
        for line in row.known_shortages
    ]


@dataclass(frozen=True)
class AgendaEntry:
    """A coming event in a region, within the agenda window."""

    date: dt.date
    kind: str
    kind_label: str
    region: Region
    place: str
    description: str


@dataclass(frozen=True)
class TrendPoint:
    """One session of the election, as the trend chart and the brief compare them. A series has a
    point only in the weeks that ask for it: the readiness counts are None from voting day on, and
    ``security_personnel`` is None in a week that did not ask for personnel or received no report.
    It adds up only the *steady* regions, those that sent a report at every session of the trend
    that has a personnel point (``Summary.steady_regions``), so that a region missing one week never
    draws a fall."""

    session: RakorSession
    expected: int
    reported: int
    late: int
    ready: int | None
    ready_with_notes: int | None
    not_ready: int | None
    security_personnel: int | None


@dataclass(frozen=True)
class HistoryEntry:
    """A region's report at one session of the election (None: no report)."""

    session: RakorSession
    report: ReadinessReport | None
    state: ReportState
    light: Light
    explanation: str
    light_label: str  # the light's word in that rakor's stage (see ``light_words``)

    @property
    def is_reported(self) -> bool:
        return self.state not in (ReportState.DRAFT, ReportState.MISSING)


@dataclass(frozen=True)
class FollowUpLine:
    """An open follow-up as the dashboard and the letter list it. ``ended_stages``: for an overdue
    follow-up, the stages of the rakor it was raised at when every one of them ended before this
    rakor (a campaign-week task still open after the vote says so); empty otherwise."""

    follow_up: FollowUp
    overdue: bool
    ended_stages: tuple[StageKind, ...] = ()

    @property
    def stage_names(self) -> str:
        """The ended stages in the active language: "masa kampanye, masa tenang"."""
        return ", ".join(str(kind.label) for kind in self.ended_stages)


@dataclass
class Summary:
    """Everything the desk knows about one session. See the module docstring for definitions."""

    session: RakorSession
    election: Election
    sessions: list[RakorSession]  # every session of the election, by date (the session switcher)
    previous_session: RakorSession | None
    days_to_voting: int  # H-minus from the session date
    logistics_item_count: int
    completeness: Completeness
    attendance: AttendanceSummary
    rows: list[RegionRow]  # one per expected region, in Kemendagri code order
    totals: Totals
    previous_totals: Totals | None  # over each region's last report before this session
    alerts: list[Alert]
    agenda: list[AgendaEntry]  # from the session date, AGENDA_DAYS days
    agenda_until: dt.date
    follow_ups_open: list[FollowUp]
    follow_ups_closed: list[FollowUp]  # closed since the previous session
    trend: list[TrendPoint]  # the election's sessions up to this one
    steady_regions: int = 0  # how many regions the personnel trend adds up (see TrendPoint)
    lights: dict[str, int] = field(default_factory=dict)  # Light value -> number of regions
    sections: tuple[Section, ...] = SECTIONS  # the sections the session asks for (its stage's)
    # The significant incidents (perlu perhatian, darurat) of the seven days before the rakor.
    incidents: list["Incident"] = field(default_factory=list)
    open_incidents: OpenIncidents = field(default_factory=OpenIncidents)  # open at the rakor's cut-off

    @property
    def grave_findings(self) -> list[Alert]:
        """The alerts of high severity (``Severity.HIGH``): of the reports that came in, of a silent
        region's last report (its last known state), and of the open incidents. While one stands,
        the letter never calls the election safe and the signer ticks each."""
        return [alert for alert in self.alerts if alert.severity == Severity.HIGH]

    @property
    def attachment_columns(self) -> list[Column]:
        """The columns of the attachment's table after the region's light: the session's sections'."""
        return attachment_columns(self.sections)

    def attachment_cells(self, row: RegionRow) -> list["Cell"]:
        """A region's cells under ``attachment_columns``, from its known report (the carried one
        for a silent region)."""
        report = row.known_report
        cells = []
        for column in self.attachment_columns:
            if column.figure is not None:
                cells.append(Cell(figure=row.figures[column.figure.name]))
            elif report is None:
                cells.append(Cell())
            elif column.window:
                first, last = column.window
                cells.append(Cell(lines=_days(getattr(report, first.name), getattr(report, last.name))))
            else:
                state = [_state(report, field, self.logistics_item_count) for field in column.state]
                said = "; ".join(part for part in state if part)
                lines = _line_texts(row, column.lines)
                cells.append(Cell(lines=(said, *lines) if said else tuple(lines)))
        return cells

    @property
    def figure_totals(self) -> list[tuple[Total, Total | None, Total | None]]:
        """Each summed count of this session, the part of it carried from older reports (None when
        every region reported, or no carried report's rakor asked for it) and the total before this
        session (None without one)."""
        carried = self.totals.carried.figures if self.totals.carried else {}
        before = self.previous_totals.figures if self.previous_totals else {}
        return [
            (total, part if (part := carried.get(key)) and part.reports else None, before.get(key))
            for key, total in self.totals.figures.items()
        ]

    @property
    def table_columns(self) -> list[str]:
        """The headings of the figures in the dashboard's table of regions."""
        return [str(field.column) for field in table_fields(self.sections)]

    @property
    def after_voting(self) -> bool:
        """Whether the rakor reports on a week from voting day on (its stage's language)."""
        return not asks_readiness(self.sections)

    @property
    def light_words(self) -> dict[Light, str]:
        """The lights' words in this rakor's stage (see ``light_words``)."""
        return light_words(self.after_voting)

    @property
    def trend_asks_readiness(self) -> bool:
        """Whether any week of the trend asked for readiness (its counts are worth a column)."""
        return any(point.ready is not None for point in self.trend)

    @property
    def personnel_reports(self) -> int:
        """How many regions' reports the province's personnel total adds up (0: not asked)."""
        total = self.totals.figures.get("security_personnel")
        return total.reports if total is not None else 0

    @property
    def trend_differs_from_totals(self) -> bool:
        """Whether the personnel trend adds up fewer regions than the total above it (the trend
        keeps only the steady regions), which the page then says in a sentence."""
        return 0 < self.steady_regions < self.personnel_reports

    @cached_property
    def follow_up_lines(self) -> list[FollowUpLine]:
        """The open follow-ups, each saying whether it is overdue and whether the stage of the rakor
        it was raised at has ended (every one of its stages ended before this rakor's day)."""
        ends = {period.kind: period.end for period in self.election.timeline}
        lines = []
        for follow_up in self.follow_ups_open:
            overdue = follow_up.due_date < self.session.date
            stages = tuple(self.election.stages_of_week(follow_up.session.date)) if overdue else ()
            ended = stages if stages and all(ends[kind] < self.session.date for kind in stages) else ()
            lines.append(FollowUpLine(follow_up, overdue, ended))
        return lines

    @property
    def stage_labels(self) -> list[str]:
        """The stages of the week the rakor reports on, in the active language."""
        return [str(kind.label) for kind in self.session.stages]

    @property
    def progress(self) -> list[Total]:
        """The stage's counts out of a province total: "rekapitulasi kecamatan selesai 61 dari 105"."""
        return [total for total in self.totals.figures.values() if total.out_of is not None]

    def row_for(self, region: Region) -> RegionRow:
        return next(row for row in self.rows if row.region.pk == region.pk)

    @cached_property
    def agenda_by_region(self) -> dict[int, list[AgendaEntry]]:
        """The agenda entries of each region (by primary key), in date order."""
        entries = defaultdict(list)
        for entry in self.agenda:
            entries[entry.region.pk].append(entry)
        return entries
