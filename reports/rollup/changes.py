"""What changed in a region's report since last week, and which sections have gone stale.

A report is compared with what it started from (``ReportField.carried``): a weekly count with what
it was carried as, 0, so a week without new ASN cases after a week with one is no change and, every
section confirmed, "sama dengan laporan sebelumnya", as the operator's one-tap "Semua bagian masih
sama" confirms it; a week with cases is a change, whatever last week counted."""

import datetime as dt
from dataclasses import dataclass

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from reports.models import RakorSession, ReadinessReport, ShortageLine
from reports.registry import CARRIED_FIELDS, FIELDS_BY_NAME, SECTIONS, SECTIONS_BY_KEY, Section, model_field
from reports.rollup.lights import number

STALE_DAYS = 14


@dataclass(frozen=True)
class Change:
    """A value that differs from the previous session's report."""

    section: str  # section key, see reports.registry
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class StaleSection:
    """A section not confirmed for two weeks or more."""

    key: str
    label: str
    confirmed_on: dt.date
    weeks: int

    @property
    def message(self) -> str:
        return ngettext(
            "terakhir dikonfirmasi %(weeks)s minggu lalu",
            "terakhir dikonfirmasi %(weeks)s minggu lalu",
            self.weeks,
        ) % {"weeks": self.weeks}


def display(report: ReadinessReport, name: str) -> str:
    value = getattr(report, name)
    if value is None or value == "":
        return "—"
    if model_field(ReadinessReport, name).choices:
        return str(getattr(report, f"get_{name}_display")())
    if isinstance(value, int):
        return number(value)
    if isinstance(value, dt.date):
        return formats.date_format(value, "j F Y")
    return str(value)


def shortage_text(lines: list[ShortageLine]) -> str:
    return (
        "; ".join(
            f"{line.item.display_name} {number(line.quantity)} {line.item.display_unit}" for line in lines
        )
        or "—"
    )


def changes_between(
    report: ReadinessReport,
    previous: ReadinessReport,
    shortages: list[ShortageLine],
    previous_shortages: list[ShortageLine],
    sections: tuple[Section, ...] = SECTIONS,
    asked_before: tuple[Section, ...] = SECTIONS,
) -> list[Change]:
    """What differs in ``sections`` (the ones the report's rakor asks for) among the sections the
    previous report's rakor asked for (``asked_before``): a section new to this stage (the vote's
    count after a campaign week) has no "before" to differ from. A weekly count left at 0 (nothing
    new this week) is no change; one with cases shows last week's count before it."""
    before_keys = {section.key for section in asked_before}
    changes = []
    for section in sections:
        if section.key not in before_keys:
            continue
        for name in section.fields:
            if FIELDS_BY_NAME[name].carried(getattr(previous, name)) == getattr(report, name):
                continue
            before, after = display(previous, name), display(report, name)
            if before != after:
                label = str(model_field(ReadinessReport, name).verbose_name)
                changes.append(Change(section.key, label, before, after))
        if section.lines == "shortages":
            before, after = shortage_text(previous_shortages), shortage_text(shortages)
            if before != after:
                changes.append(Change(section.key, _("kekurangan logistik"), before, after))
    return changes


def same_values(
    report: ReadinessReport,
    previous: ReadinessReport,
    shortages: list[ShortageLine],
    previous_shortages: list[ShortageLine],
) -> bool:
    """Whether ``report`` holds the values and shortage lines ``previous`` carried into its week
    (what ``changes_between`` would find nothing in): a weekly count at 0, any other field as it
    was; empty text and None count the same."""
    for name in CARRIED_FIELDS:
        now, before = getattr(report, name), FIELDS_BY_NAME[name].carried(getattr(previous, name))
        if (None if now == "" else now) != (None if before == "" else before):
            return False
    lines = sorted((line.item_id, line.quantity, line.note) for line in shortages)
    return lines == sorted((line.item_id, line.quantity, line.note) for line in previous_shortages)


def stale_sections(
    session: RakorSession, report: ReadinessReport, sections: tuple[Section, ...] = SECTIONS
) -> list[StaleSection]:
    """The sections among ``sections`` (the rakor's) last confirmed two weeks ago or more."""
    asked = {section.key for section in sections}
    stale = []
    for key, iso in (report.confirmed_sections or {}).items():
        if key not in SECTIONS_BY_KEY or key not in asked:
            continue
        try:
            confirmed_on = dt.date.fromisoformat(str(iso)[:10])
        except ValueError:
            continue
        age = (session.date - confirmed_on).days
        if age >= STALE_DAYS:
            stale.append(StaleSection(key, str(SECTIONS_BY_KEY[key].label), confirmed_on, age // 7))
    order = [section.key for section in SECTIONS]
    return sorted(stale, key=lambda s: order.index(s.key))
