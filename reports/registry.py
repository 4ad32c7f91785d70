"""The report's fields, declared once: the section each belongs to, its kind, its bounds, and where
it appears. The form, the model's checks, the roll-up's figures and totals, the letter, the
attachment's table, the XLSX/CSV and the tests all read this module; no other list of the report's
field names exists.

Adding a count to the report is a field on ``ReadinessReport``, one ``ReportField`` line here and a
migration. Labels and help texts are the model field's ``verbose_name`` and ``help_text``.

Bounds (every value a person types has one):

- a count lies between ``minimum`` and ``maximum``;
- a text has at most ``maximum`` characters (``NOTE_LENGTH`` for a section's notes; the lines'
  texts are bounded by ``LINE_TEXT_LENGTH`` and ``PLACE_LENGTH``);
- every date, in a report and in its lines, lies within the election's calendar window
  (``Election.calendar_start`` to ``Election.calendar_end``, see ``date_problem``).

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


class Place(enum.StrEnum):
    """Where a field appears besides the province totals (see ``ReportField.summed``)."""

    FORM = "form"  # the operator's report form
    LETTER = "letter"  # the letter tells its change since last week (counts)
    ATTACHMENT = "attachment"  # a column of the attachment's table (counts)
    FILES = "files"  # a column of the XLSX and the CSV


EVERYWHERE = frozenset(Place)


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
    column: "StrOrPromise" = ""  # a count's short heading in the dashboard's table of regions, if any

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

# In section order, and within a section in the order the form shows them.
FIELDS = (
    ReportField("readiness", "readiness", Kind.CHOICE, places=FORM_AND_FILES),
    ReportField("logistics_status", "logistics", Kind.CHOICE, places=FORM_AND_FILES),
    ReportField(
        "logistics_items_fulfilled",
        "logistics",
        Kind.COUNT,
        unit=gettext_lazy("item"),
        maximum=MAX_PARTS,
        places=EVERYWHERE - {Place.ATTACHMENT},  # the attachment's logistics column says "13/14 item"
    ),
    ReportField("distribution_start", "logistics", Kind.DATE, places=FORM_AND_FILES),
    ReportField("distribution_end", "logistics", Kind.DATE, places=FORM_AND_FILES),
    ReportField("logistics_notes", "logistics", Kind.TEXT, maximum=NOTE_LENGTH, places=FORM_AND_FILES),
    ReportField(
        "security_personnel",
        "security",
        Kind.COUNT,
        unit=gettext_lazy("orang"),
        maximum=MAX_PERSONNEL,
        summed=True,
        unusual=True,
        column=gettext_lazy("Personel"),
    ),
    ReportField("security_situation", "security", Kind.CHOICE, places=FORM_AND_FILES),
    ReportField("security_notes", "security", Kind.TEXT, maximum=NOTE_LENGTH, places=FORM_AND_FILES),
    ReportField(
        "asn_violations", "asn", Kind.COUNT, unit=gettext_lazy("kasus"), maximum=MAX_PERSONNEL, summed=True
    ),
    ReportField("asn_notes", "asn", Kind.TEXT, maximum=NOTE_LENGTH, places=FORM_AND_FILES),
    ReportField(
        "kecamatan_ready",
        "kecamatan",
        Kind.COUNT,
        unit=gettext_lazy("kecamatan"),
        maximum=MAX_PARTS,
        summed=True,
        out_of="kecamatan_count",
        column=gettext_lazy("Kecamatan siap"),
    ),
    ReportField(
        "first_time_voters",
        "voters",
        Kind.COUNT,
        unit=gettext_lazy("orang"),
        maximum=MAX_VOTERS,
        summed=True,
        unusual=True,
        column=gettext_lazy("Pemilih pemula"),
    ),
    ReportField("ektp_notes", "voters", Kind.TEXT, maximum=NOTE_LENGTH, places=FORM_AND_FILES),
    ReportField("conflict_risk", "conflict", Kind.CHOICE, places=FORM_AND_FILES),
    ReportField("conflict_notes", "conflict", Kind.TEXT, maximum=NOTE_LENGTH, places=FORM_AND_FILES),
    ReportField(
        "tps_opened_on_time",
        "voting",
        Kind.COUNT,
        unit=gettext_lazy("TPS"),
        maximum=MAX_POLLING_STATIONS,
        summed=True,
        out_of="polling_stations",
    ),
    ReportField(
        "tps_incidents",
        "voting",
        Kind.COUNT,
        unit=gettext_lazy("kejadian"),
        maximum=MAX_POLLING_STATIONS,
        summed=True,
    ),
    ReportField("tps_incident_notes", "voting", Kind.TEXT, maximum=NOTE_LENGTH, places=FORM_AND_FILES),
    ReportField(
        "voters_voted",
        "voting",
        Kind.COUNT,
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
        unit=gettext_lazy("keberatan"),
        maximum=MAX_PARTS,
        summed=True,
        column=gettext_lazy("Keberatan"),
    ),
    ReportField(
        "disputes_filed", "disputes", Kind.COUNT, unit=gettext_lazy("perkara"), maximum=MAX_PARTS, summed=True
    ),
    ReportField("disputes_notes", "disputes", Kind.TEXT, maximum=NOTE_LENGTH, places=FORM_AND_FILES),
    ReportField("coordination_notes", "coordination", Kind.TEXT, maximum=NOTE_LENGTH, places=FORM_AND_FILES),
    ReportField("notes", "coordination", Kind.TEXT, maximum=NOTE_LENGTH, places=FORM_AND_FILES),
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
    return tuple(field for field in FIELDS if field.column and field.name in asked)


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
