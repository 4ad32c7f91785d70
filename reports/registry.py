"""The report's fields, declared once: the section each belongs to, its kind, its bounds, and where
it appears. The form, the model's checks, the roll-up's figures and totals, the letter, the
attachment's table, the XLSX/CSV and the tests all read this module; no other list of the report's
field names exists.

Adding a count to the report is a field on ``ReadinessReport``, one ``ReportField`` line here and a
migration. Labels and help texts are the model field's ``verbose_name`` and ``help_text``.

How the letter tells a field is declared here too (``ReportField.told``: a ``CountTelling``,
``ChoiceTelling`` or ``WindowTelling``), in the letter's own Bahasa Indonesia, never translated
(see ``reports.brief.letter``); a count without one is told by the letter when it changed, or as
it stands out of its region's total. ``LETTER_ORDER`` is the order regions speak in, and
``ReportField.quoted`` which operator's notes the letter may quote, in which order.

Bounds (every value a person types has one):

- a count lies between ``minimum`` and ``maximum``;
- a text has at most ``maximum`` characters (``NOTE_LENGTH`` for a section's notes; the lines'
  texts are bounded by ``LINE_TEXT_LENGTH`` and ``PLACE_LENGTH``);
- every date, in a report and in its lines, lies within the election's calendar window
  (``Election.calendar_start`` to ``Election.calendar_end``, see ``date_problem``).

Every count says what it counts (``ReportField.period``), so that it means one thing from week to
week:

- ``Period.WEEK``, "minggu ini": counted anew each week, what happened since the last rakor. The
  ASN neutrality cases found (``asn_violations``) and the incidents at polling stations
  (``tps_incidents``): a case reported last week is not this week's, and counting it again would
  add it twice to the province's total and raise its alert twice.
- ``Period.TO_DATE``, "sampai saat ini": a figure that stands until it changes, either a state of
  now (personnel deployed, kecamatan ready, logistics items fulfilled, first-time voters in the DPT)
  or a tally that only grows (polling stations opened on time and voters who voted, counted once on
  voting day; kecamatan whose recapitulation is done). The witnesses' objections
  (``objections_filed``) too: the form has always asked for those raised in the recapitulation
  "sejauh ini" (so far), and the recapitulation's plenos follow one another over several weeks, so
  the desk reads one growing tally of the same recapitulation rather than weekly pieces of it. The
  disputes at the Constitutional Court (``disputes_filed``) are the cases registered, each before
  the court until it rules: a new registration adds to them, a week without one keeps them.

A new week's report starts from the last one accordingly (``ReportField.carried``): a weekly count
at 0, a figure to date at its value. "Semua bagian masih sama" confirms that start, so it says a
weekly count is 0 this week; and the roll-up's "sama dengan laporan sebelumnya" compares a report
with what it started from, so a week without new cases after a week with one is the same picture.

The report's sections follow the stage of the week (``STAGE_SECTIONS``): readiness before voting
day, the vote itself in its week, then the recapitulation, objections and disputes. A rakor asks
only for the sections of its week's stages (``sections_of``); the form, the totals, the
attachment's table, the files and the letter show only those.
"""

import datetime as dt
import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from django.apps import apps
from django.db import models
from django.utils.formats import date_format, number_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

if TYPE_CHECKING:
    from collections.abc import Iterable

    from django_stubs_ext import StrOrPromise

NOTE_LENGTH = 1_000  # a section's notes
LINE_TEXT_LENGTH = 300  # a shortage line's note, an agenda line's description
PLACE_LENGTH = 200  # where an agenda event takes place

MAX_PARTS = 1_000  # kecamatan or logistics items: far above any real count, checked in clean()
MAX_PERSONNEL = 1_000_000
MAX_VOTERS = 10_000_000
MAX_QUANTITY = 100_000_000  # a shortage line's quantity
MAX_POLLING_STATIONS = 100_000  # TPS of a region: far above any real count, checked in clean()


class Kind(enum.StrEnum):
    COUNT = "count"
    DATE = "date"
    CHOICE = "choice"
    TEXT = "text"


class Period(enum.StrEnum):
    """What a count counts (see the module docstring): the week's new cases, or a figure to date."""

    WEEK = "week"
    TO_DATE = "to_date"

    @property
    def label(self) -> str:
        """The words shown beside a count: "minggu ini", "sampai saat ini"."""
        return _("minggu ini") if self is Period.WEEK else _("sampai saat ini")


class Place(enum.StrEnum):
    """Where a field appears besides the province totals (see ``ReportField.summed``)."""

    FORM = "form"  # the operator's report form
    LETTER = "letter"  # the letter tells it (counts; see ``ReportField.telling``)
    ATTACHMENT = "attachment"  # the attachment's table shows it (see ``attachment_columns``)
    FILES = "files"  # a column of the XLSX and the CSV


EVERYWHERE = frozenset(Place)


class Role(enum.StrEnum):
    """What a field is to the letter and the attachment besides its kind."""

    NONE = ""
    ITEMS = "items"  # a count out of the election's logistics items (``Summary.logistics_item_count``)
    WINDOW_START = "window_start"  # the first day of its section's window (a distribution)
    WINDOW_END = "window_end"  # the window's last day


# How the letter tells a field. Its phrases are Bahasa Indonesia whatever the interface language,
# with these placeholders: {words} the field's name inside a sentence, {unit}, {value}; a change's
# {direction} ("naik"/"turun"), {before} and {after}; {total} the whole a count is part of (its
# region's ``out_of`` or the election's logistics items); {election}; {again} (" lagi" when the
# region's last report had some); {day} the day of the agenda event told with the count; a choice's
# {label} and {was} (" (sebelumnya waspada)"); a window's {tense} and {period}.


@dataclass(frozen=True)
class Phrase:
    """One way the letter tells a field of one region."""

    text: str
    shared: bool = True  # regions saying it word for word are told together ("… di Paser dan Berau")
    heading: str = ""  # told together under this heading, each region with its ``detail``
    detail: str = ""


CHANGE = "{words} {direction} dari {before} menjadi {after} {unit}"


@dataclass(frozen=True)
class CountTelling:
    """A count, told as it stands (``stands``; ``full`` once it reaches its total; ``zero`` when
    there is none) or as a change since the region's last report (``change``; ``full_change``).
    Without ``stands`` the count is told only when it changed."""

    change: Phrase = Phrase(CHANGE)
    stands: Phrase | None = None
    full: Phrase | None = None
    full_change: Phrase | None = None
    zero: Phrase | None = None
    agenda: str = ""  # an agenda kind (``AgendaLine.Kind``) whose first event is told with the count
    with_agenda: Phrase | None = None  # as it stands, with that event
    change_with_agenda: Phrase | None = None  # as a change, with that event


@dataclass(frozen=True)
class ChoiceTelling:
    """A choice, told as it stands with its label, and its label before when it changed."""

    stands: Phrase
    labels: tuple[tuple[str, str], ...] = ()  # words other than the choice's own label, by value
    joined: str = ""  # a value told after the section's count ("… dan dalam kondisi aman")
    by_lines: str = ""  # a value the section's lines tell (not told again when there are lines)

    def label(self, value: str, display: str) -> str:
        return dict(self.labels).get(value, display.lower())


@dataclass(frozen=True)
class WindowTelling:
    """A window of days (the ``WINDOW_START`` field's), in the tense of the rakor's day."""

    stands: Phrase
    tenses: tuple[str, str, str]  # the window is ahead, under way, over
    moved: str  # added when the window moved since the region's last report: {period} is the old one
    agenda: str = ""  # an agenda kind whose events inside the window the window tells


# A count out of its region's total, told every week: "rekapitulasi kecamatan selesai 61 dari 105".
OUT_OF = CountTelling(
    stands=Phrase("{words} {value} dari {total} {unit}", shared=False),
    change=Phrase("{words} {direction} dari {before} menjadi {after} dari {total} {unit}", shared=False),
)
# Any other count, told when it changed.
CHANGED = CountTelling()


@dataclass(frozen=True)
class Section:
    """A part of the report the operator confirms or changes each week."""

    key: str
    label: "StrOrPromise"
    lines: str = ""  # the related name of the section's inline lines, if any
    required: str = ""  # a field that must be filled before the report is sent, if any

    @property
    def fields(self) -> tuple[str, ...]:
        return FIELDS_OF_SECTION[self.key]


@dataclass(frozen=True)
class ReportField:
    """One field of ``ReadinessReport`` as the desk uses it."""

    name: str
    section: str
    kind: Kind
    unit: "StrOrPromise" = ""  # what a count counts, shown beside its input
    maximum: int | None = None  # a count's highest value; a text's most characters
    minimum: int = 0  # a count's lowest value
    summed: bool = False  # added up in the province totals (dashboard, brief, attachment, files)
    unusual: bool = False  # a value far from last week's asks the operator to confirm it
    out_of: str = ""  # a count shown out of a region's total: the name of that ``Region`` field
    places: frozenset[Place] = EVERYWHERE
    column: "StrOrPromise" = (
        ""  # a short heading: a count's in the dashboard's table, a window's in the attachment
    )
    role: Role = Role.NONE
    told: CountTelling | ChoiceTelling | WindowTelling | None = None  # see ``telling``
    quoted: int = 0  # the letter may quote this note, in this order among notes (0: never)
    period: Period | None = None  # what a count counts (every count has one; see the module docstring)

    @property
    def model_field(self) -> models.Field:
        return model_field(apps.get_model("reports", "ReadinessReport"), self.name)

    @property
    def label(self) -> str:
        """The field's name as a heading: "Personel pengamanan"."""
        return capfirst(str(self.model_field.verbose_name))

    @property
    def words(self) -> str:
        """The field's name inside a sentence: "personel pengamanan"."""
        return str(self.model_field.verbose_name)

    @property
    def heading(self) -> str:
        """The field's name as a heading that says a weekly count's period: "Pelanggaran netralitas
        ASN (minggu ini)"; a figure to date reads as one without it."""
        if self.period is not Period.WEEK:
            return self.label
        return _("%(label)s (%(period)s)") % {"label": self.label, "period": self.period.label}

    def carried(self, value: Any) -> Any:
        """The value a new week's report starts from when last week's was ``value``: a weekly
        count's 0 (nothing counted yet this week), any other field's value as it stands. An empty
        field stays empty: what was not answered is not answered with a zero."""
        if self.period is Period.WEEK and value is not None:
            return 0
        return value

    @property
    def telling(self) -> CountTelling | ChoiceTelling | WindowTelling | None:
        """How the letter tells the field: as declared, else a count's default (out of its
        region's total every week, any other when it changed); None: the letter does not."""
        if Place.LETTER not in self.places:
            return None
        if self.told is not None or self.kind != Kind.COUNT:
            return self.told
        return OUT_OF if self.out_of else CHANGED

    def shown_in(self, place: Place) -> bool:
        return place in self.places

    def problem(self, value: Any, election: "Calendar | None") -> str | None:
        """Why ``value`` is out of this field's bounds, or None when it is within them."""
        if value is None or value == "":
            return None
        if self.kind == Kind.COUNT and value < self.minimum:
            return too_small(self.minimum)
        if self.kind == Kind.COUNT and self.maximum is not None and value > self.maximum:
            return too_big(self.maximum)
        if self.kind == Kind.TEXT and self.maximum is not None and len(value) > self.maximum:
            return too_long(self.maximum)
        if self.kind == Kind.DATE and election is not None:
            return date_problem(election, value)
        return None


SECTIONS = (
    Section("readiness", gettext_lazy("Kesiapan umum"), required="readiness"),
    Section("logistics", gettext_lazy("Logistik"), lines="shortages"),
    Section("security", gettext_lazy("Keamanan")),
    Section("asn", gettext_lazy("Netralitas ASN")),
    Section("agenda", gettext_lazy("Agenda"), lines="agenda"),
    Section("kecamatan", gettext_lazy("Kesiapan kecamatan")),
    Section("voters", gettext_lazy("Pemilih")),
    Section("conflict", gettext_lazy("Risiko konflik")),
    Section("voting", gettext_lazy("Pemungutan suara di TPS")),
    Section("recapitulation", gettext_lazy("Rekapitulasi suara")),
    Section("disputes", gettext_lazy("Keberatan dan sengketa")),
    Section("coordination", gettext_lazy("Koordinasi dan catatan")),
)

READINESS_SECTIONS = (
    "readiness",
    "logistics",
    "security",
    "asn",
    "agenda",
    "kecamatan",
    "voters",
    "conflict",
    "coordination",
)
# What a rakor asks for in each stage of its week (``reports.models.StageKind`` values). The
# security section carries on after voting day: the situation, and the personnel guarding the count.
STAGE_SECTIONS: dict[str, tuple[str, ...]] = {
    "kampanye": READINESS_SECTIONS,
    "masa_tenang": READINESS_SECTIONS,
    "pemungutan": ("voting", "security", "coordination"),
    "penghitungan": ("voting", "security", "coordination"),
    "rekap_kecamatan": ("recapitulation", "disputes", "security", "coordination"),
    "rekap_kabkota": ("recapitulation", "disputes", "security", "coordination"),
    "rekap_provinsi": ("recapitulation", "disputes", "security", "coordination"),
    "penetapan": ("disputes", "security", "coordination"),
    "sengketa": ("disputes", "security", "coordination"),
    "pelantikan": ("security", "coordination"),
}

FORM_AND_FILES = frozenset({Place.FORM, Place.FILES})
TOLD = FORM_AND_FILES | {Place.LETTER}  # a choice or a window the letter tells
# The letter's own words for the agenda kinds it tells with a field (``AgendaLine.Kind`` values).
RALLY = "kampanye_akbar"
DISTRIBUTION = "distribusi"

# In section order, and within a section in the order the form shows them.
FIELDS = (
    ReportField("readiness", "readiness", Kind.CHOICE, places=FORM_AND_FILES),
    ReportField(
        "logistics_status",
        "logistics",
        Kind.CHOICE,
        places=TOLD | {Place.ATTACHMENT},
        told=ChoiceTelling(
            Phrase("logistik {label}{was}"),
            labels=(
                ("aman", "dalam kondisi aman"),
                ("kekurangan", "masih mengalami kekurangan"),
                ("terlambat", "distribusinya terlambat"),
            ),
            joined="aman",
            by_lines="kekurangan",
        ),
    ),
    ReportField(
        "logistics_items_fulfilled",
        "logistics",
        Kind.COUNT,
        period=Period.TO_DATE,
        unit=gettext_lazy("item"),
        maximum=MAX_PARTS,
        role=Role.ITEMS,  # the attachment's logistics column says "13/14 item"
        told=CountTelling(
            stands=Phrase("logistik baru terpenuhi {value} dari {total} {unit}"),
            full=Phrase("logistik {value} {unit} telah terpenuhi"),
            change=Phrase(CHANGE + " dari {total}"),
            full_change=Phrase(CHANGE + " (lengkap)"),
        ),
    ),
    ReportField(
        "distribution_start",
        "logistics",
        Kind.DATE,
        places=TOLD | {Place.ATTACHMENT},
        column=gettext_lazy("Distribusi"),
        role=Role.WINDOW_START,
        told=WindowTelling(
            Phrase("logistik {tense} ke kecamatan dan desa pada {period}"),
            tenses=("akan didistribusikan", "sedang didistribusikan", "telah didistribusikan"),
            moved=" (sebelumnya dijadwalkan {period})",
            agenda=DISTRIBUTION,
        ),
    ),
    ReportField(
        "distribution_end", "logistics", Kind.DATE, places=TOLD | {Place.ATTACHMENT}, role=Role.WINDOW_END
    ),
    ReportField(
        "logistics_notes", "logistics", Kind.TEXT, maximum=NOTE_LENGTH, places=FORM_AND_FILES, quoted=4
    ),
    ReportField(
        "security_personnel",
        "security",
        Kind.COUNT,
        period=Period.TO_DATE,
        unit=gettext_lazy("orang"),
        maximum=MAX_PERSONNEL,
        summed=True,
        unusual=True,
        column=gettext_lazy("Personel"),
        told=CountTelling(
            stands=Phrase(
                "{words} sebanyak {value} {unit} disiagakan",
                heading="{words} yang disiagakan",
                detail="{value} {unit}",
            ),
            change=Phrase(CHANGE, shared=False),
            agenda=RALLY,
            with_agenda=Phrase(
                "{words} sebanyak {value} {unit} akan dikerahkan untuk menjamin kampanye rapat umum "
                "pada {day}",
                shared=False,
            ),
            change_with_agenda=Phrase(
                CHANGE + ", yang akan dikerahkan untuk menjamin kampanye rapat umum pada {day}", shared=False
            ),
        ),
    ),
    ReportField(
        "security_situation",
        "security",
        Kind.CHOICE,
        places=TOLD,
        told=ChoiceTelling(Phrase("situasi keamanan {label}{was}")),
    ),
    ReportField(
        "security_notes", "security", Kind.TEXT, maximum=NOTE_LENGTH, places=FORM_AND_FILES, quoted=2
    ),
    ReportField(
        "asn_violations",
        "asn",
        Kind.COUNT,
        period=Period.WEEK,
        unit=gettext_lazy("kasus"),
        maximum=MAX_PERSONNEL,
        summed=True,
        told=CountTelling(
            zero=Phrase("tidak ada{again} pelanggaran netralitas ASN"),
            stands=Phrase("terdapat {value} pelanggaran netralitas ASN", shared=False),
            change=Phrase(CHANGE, shared=False),
        ),
    ),
    ReportField("asn_notes", "asn", Kind.TEXT, maximum=NOTE_LENGTH, places=FORM_AND_FILES, quoted=3),
    ReportField(
        "kecamatan_ready",
        "kecamatan",
        Kind.COUNT,
        period=Period.TO_DATE,
        unit=gettext_lazy("kecamatan"),
        maximum=MAX_PARTS,
        summed=True,
        out_of="kecamatan_count",
        column=gettext_lazy("Kecamatan siap"),
        told=CountTelling(
            stands=Phrase("{value} dari {total} kecamatan siap melaksanakan {election}", shared=False),
            full=Phrase(
                "seluruh {value} kecamatan siap melaksanakan {election}",
                heading="seluruh kecamatan siap melaksanakan {election}",
                detail="{value}",
            ),
            change=Phrase(CHANGE + " dari {total}", shared=False),
        ),
    ),
    ReportField(
        "first_time_voters",
        "voters",
        Kind.COUNT,
        period=Period.TO_DATE,
        unit=gettext_lazy("orang"),
        maximum=MAX_VOTERS,
        summed=True,
        unusual=True,
        column=gettext_lazy("Pemilih pemula"),
    ),
    ReportField("ektp_notes", "voters", Kind.TEXT, maximum=NOTE_LENGTH, places=FORM_AND_FILES, quoted=7),
    ReportField(
        "conflict_risk",
        "conflict",
        Kind.CHOICE,
        places=TOLD,
        told=ChoiceTelling(Phrase("risiko konflik horizontal dinilai {label}{was}")),
    ),
    ReportField(
        "conflict_notes", "conflict", Kind.TEXT, maximum=NOTE_LENGTH, places=FORM_AND_FILES, quoted=1
    ),
    ReportField(
        "tps_opened_on_time",
        "voting",
        Kind.COUNT,
        period=Period.TO_DATE,
        unit=gettext_lazy("TPS"),
        maximum=MAX_POLLING_STATIONS,
        summed=True,
        out_of="polling_stations",
    ),
    ReportField(
        "tps_incidents",
        "voting",
        Kind.COUNT,
        period=Period.WEEK,
        unit=gettext_lazy("kejadian"),
        maximum=MAX_POLLING_STATIONS,
        summed=True,
    ),
    ReportField("tps_incident_notes", "voting", Kind.TEXT, maximum=NOTE_LENGTH, places=FORM_AND_FILES),
    ReportField(
        "voters_voted",
        "voting",
        Kind.COUNT,
        period=Period.TO_DATE,
        unit=gettext_lazy("pemilih"),
        maximum=MAX_VOTERS,
        summed=True,
        out_of="registered_voters",
        column=gettext_lazy("Pemilih memberikan suara"),
    ),
    ReportField(
        "recap_kecamatan_done",
        "recapitulation",
        Kind.COUNT,
        period=Period.TO_DATE,
        unit=gettext_lazy("kecamatan"),
        maximum=MAX_PARTS,
        summed=True,
        out_of="kecamatan_count",
        column=gettext_lazy("Rekapitulasi kecamatan"),
    ),
    ReportField("regency_plenary_date", "recapitulation", Kind.DATE, places=FORM_AND_FILES),
    ReportField("recap_notes", "recapitulation", Kind.TEXT, maximum=NOTE_LENGTH, places=FORM_AND_FILES),
    ReportField(
        "objections_filed",
        "disputes",
        Kind.COUNT,
        period=Period.TO_DATE,
        unit=gettext_lazy("keberatan"),
        maximum=MAX_PARTS,
        summed=True,
        column=gettext_lazy("Keberatan"),
    ),
    ReportField(
        "disputes_filed",
        "disputes",
        Kind.COUNT,
        period=Period.TO_DATE,
        unit=gettext_lazy("perkara"),
        maximum=MAX_PARTS,
        summed=True,
    ),
    ReportField("disputes_notes", "disputes", Kind.TEXT, maximum=NOTE_LENGTH, places=FORM_AND_FILES),
    ReportField(
        "coordination_notes", "coordination", Kind.TEXT, maximum=NOTE_LENGTH, places=FORM_AND_FILES, quoted=5
    ),
    ReportField("notes", "coordination", Kind.TEXT, maximum=NOTE_LENGTH, places=FORM_AND_FILES, quoted=6),
)

SECTIONS_BY_KEY = {section.key: section for section in SECTIONS}
FIELDS_BY_NAME = {field.name: field for field in FIELDS}
FIELDS_OF_SECTION = {
    section.key: tuple(field.name for field in FIELDS if field.section == section.key) for section in SECTIONS
}

# Every plain field a report carries forward from one week to the next, in section order.
CARRIED_FIELDS = tuple(name for section in SECTIONS for name in section.fields)


def sections_of(stages: "Iterable[str]") -> tuple[Section, ...]:
    """The sections a rakor asks for in ``stages`` (its week's), in the report's order."""
    keys = {key for stage in stages for key in STAGE_SECTIONS[stage]}
    return tuple(section for section in SECTIONS if section.key in keys)


def asks_readiness(sections: "Iterable[Section]") -> bool:
    """Whether ``sections`` include readiness: a week before voting day, not one from it on."""
    return any(section.key == "readiness" for section in sections)


def table_fields(sections: "Iterable[Section]") -> tuple[ReportField, ...]:
    """The counts of ``sections`` the dashboard's table of regions shows, in the registry's order."""
    asked = fields_of(sections)
    return tuple(
        field for field in FIELDS if field.kind == Kind.COUNT and field.column and field.name in asked
    )


# The order regions speak in at a rakor, which the letter follows; a section not named here is
# told after these, in the report's order.
LETTER_ORDER = ("kecamatan", "security", "asn", "logistics", "agenda", "conflict")


def letter_sections(sections: "Iterable[Section]") -> list[Section]:
    """``sections`` in the order the letter tells a region's facts (``LETTER_ORDER``)."""
    order = {key: index for index, key in enumerate(LETTER_ORDER)}
    return sorted(sections, key=lambda section: order.get(section.key, len(order)))


def told_in(section: Section) -> tuple[ReportField, ...]:
    """The fields of ``section`` the letter tells, in the registry's order."""
    return tuple(field for field in FIELDS if field.section == section.key and field.telling is not None)


def quoted_notes(sections: "Iterable[Section]") -> list[ReportField]:
    """The notes of ``sections`` the letter may quote, in the order they are worth quoting."""
    keys = {section.key for section in sections}
    return sorted(
        (field for field in FIELDS if field.quoted and field.section in keys), key=lambda field: field.quoted
    )


@dataclass(frozen=True)
class Column:
    """A column of the attachment's table: a count as a figure with its total under it, or a
    section's state (its choices and item counts, then its lines), or its window of days."""

    heading: "StrOrPromise"
    figure: ReportField | None = None
    state: tuple[ReportField, ...] = ()
    lines: str = ""  # the state's section's lines
    window: tuple[ReportField, ...] = ()  # the window's first and last day

    @property
    def is_figure(self) -> bool:
        return self.figure is not None


def attachment_columns(sections: "Iterable[Section]") -> list[Column]:
    """The columns of the attachment's table for the rakor asking ``sections``, in the report's
    order: a section's state, then its window, then its counts."""
    keys = {section.key for section in sections}
    columns = []
    for section in SECTIONS:
        if section.key not in keys:
            continue
        shown = [
            field for field in FIELDS if field.section == section.key and Place.ATTACHMENT in field.places
        ]
        state = tuple(field for field in shown if field.kind == Kind.CHOICE or field.role == Role.ITEMS)
        if state:
            columns.append(Column(section.label, state=state, lines=section.lines))
        start = next((field for field in shown if field.role == Role.WINDOW_START), None)
        end = next((field for field in shown if field.role == Role.WINDOW_END), None)
        if start is not None:
            columns.append(Column(start.column, window=(start, end or start)))
        columns += [
            Column(field.label, figure=field)
            for field in shown
            if field.kind == Kind.COUNT and field.role != Role.ITEMS
        ]
    return columns


def fields_of(sections: "Iterable[Section]") -> frozenset[str]:
    """The names of the fields of ``sections``."""
    return frozenset(name for section in sections for name in section.fields)


def model_field(model: type[models.Model], name: str) -> models.Field:
    """A field of ``model`` that is a column (never a reverse relation), for its label and choices."""
    field = model._meta.get_field(name)
    if not isinstance(field, models.Field):
        raise TypeError(f"{model.__name__}.{name} is not a column")
    return field


def of_kind(kind: Kind) -> tuple[ReportField, ...]:
    return tuple(field for field in FIELDS if field.kind == kind)


def shown_in(place: Place) -> tuple[ReportField, ...]:
    return tuple(field for field in FIELDS if place in field.places)


def summed() -> tuple[ReportField, ...]:
    return tuple(field for field in FIELDS if field.summed)


def counts_are_bounded() -> models.Q:
    """The database's own check of every count's bounds (``report_counts_are_bounded``)."""
    condition = models.Q()
    for field in of_kind(Kind.COUNT):
        condition &= models.Q(**{f"{field.name}__gte": field.minimum})
        if field.maximum is not None:
            condition &= models.Q(**{f"{field.name}__lte": field.maximum})
    return condition


# The messages of the bounds, the same in the form and in the model's checks.


def number(value: int) -> str:
    return number_format(value, force_grouping=True)


def too_small(limit: int) -> str:
    return _("Tidak boleh kurang dari %(limit)s.") % {"limit": number(limit)}


def too_big(limit: int) -> str:
    return _("Terlalu besar; paling banyak %(limit)s.") % {"limit": number(limit)}


def too_long(limit: int) -> str:
    return _("Terlalu panjang; paling banyak %(limit)s karakter.") % {"limit": number(limit)}


def length_hint(limit: int) -> str:
    return _("Paling banyak %(limit)s karakter.") % {"limit": number(limit)}


class Calendar(Protocol):
    """What the date rule needs of an ``Election``."""

    calendar_start: dt.date
    calendar_end: dt.date


def date_problem(election: Calendar, day: dt.date) -> str | None:
    """Why ``day`` cannot be in a report of ``election`` (outside its calendar window), or None."""
    if election.calendar_start <= day <= election.calendar_end:
        return None
    return _("Tanggal harus di antara %(start)s dan %(end)s.") % {
        "start": date_format(election.calendar_start, "j F Y"),
        "end": date_format(election.calendar_end, "j F Y"),
    }
