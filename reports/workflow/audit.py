"""The "riwayat perubahan" of a report: every change to it and its lines — who, when, from where
and which fields — read from the simple-history tables in a fixed number of queries.

It reads like a register: a value that points at another row is shown by what people call it (the
rakor by its date, the region by its name, a user by full name, an item by name), never by its id.
The client address of each change is personal data kept for the IT admins; it is filled in only
when the caller says the reader may see it (``accounts.access.sees_client_addresses``).

Nothing in the application deletes history rows: no view does, and the admin shows the history
of an object but registers no historical model (so none can be deleted there).
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regions.models import Region
from reports.models import AgendaLine, LogisticsItem, RakorSession, ReadinessReport, ShortageLine

# Bookkeeping that changes with every save and says nothing a reviewer needs.
SKIPPED = {"id", "report", "created_at", "updated_at", "version", "confirmed_sections", "changed_sections"}
KINDS = {"+": gettext_lazy("dibuat"), "~": gettext_lazy("diubah"), "-": gettext_lazy("dihapus")}


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class Change:
    when: dt.datetime
    who: str
    ip: str | None
    subject: str
    kind: str
    fields: list[FieldChange] = field(default_factory=list)


def tracked_fields(model: type[models.Model]) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields if f.name not in SKIPPED]


def name_of(obj: models.Model) -> str:
    """What the register calls a related row: "18 November 2024", "Kota Bontang", "Sri Wahyuni"."""
    if isinstance(obj, RakorSession):
        return formats.date_format(obj.date, "j F Y")
    if isinstance(obj, Region):
        return obj.display_name
    if isinstance(obj, get_user_model()):
        return obj.get_full_name() or obj.get_username()
    return str(obj)


def related_names(histories: list[tuple[type[models.Model], list]], known: list[models.Model]) -> dict:
    """``{(model, pk): name}`` for every row the history rows point at: the ``known`` rows without
    a query, the others with one query per related model."""
    names = {(type(obj), obj.pk): name_of(obj) for obj in known}
    wanted: dict[type[models.Model], set] = {}
    for model, records in histories:
        for model_field in tracked_fields(model):
            if isinstance(model_field, models.ForeignKey):
                ids = {getattr(record, model_field.attname) for record in records}
                related = model_field.related_model
                wanted[related] = wanted.get(related, set()) | ids
    for related, ids in wanted.items():
        missing = {pk for pk in ids if pk is not None and (related, pk) not in names}
        for obj in related._default_manager.filter(pk__in=missing) if missing else []:
            names[(related, obj.pk)] = name_of(obj)
    return names


def display(model_field: models.Field, value: Any, names: dict) -> str:
    if value is None or value == "":
        return "—"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.ForeignKey):
        return names.get((model_field.related_model, value), str(value))
    if isinstance(value, bool):
        return _("Ya") if value else _("Tidak")
    if isinstance(value, dt.datetime):
        return formats.date_format(timezone.localtime(value), "j M Y H.i")
    if isinstance(value, dt.date):
        return formats.date_format(value, "j M Y")
    if isinstance(value, int):
        return formats.number_format(value, use_l10n=True, force_grouping=True)
    return str(value)


def changes_of(
    records: list,
    model: type[models.Model],
    subject: Callable[[Any, dict], str],
    names: dict,
    with_addresses: bool,
) -> list[Change]:
    """One Change per history row of one model, diffed against the previous row of the same object."""
    previous: dict[int, object] = {}
    changes = []
    for record in records:
        before = previous.get(record.id)
        fields = []
        for model_field in tracked_fields(model):
            new = getattr(record, model_field.attname)
            old = getattr(before, model_field.attname) if before is not None else None
            if before is None and record.history_type == "+" and new in (None, ""):
                continue
            if before is None or old != new:
                fields.append(
                    FieldChange(
                        str(model_field.verbose_name),
                        display(model_field, old, names) if before is not None else "—",
                        display(model_field, new, names),
                    )
                )
        previous[record.id] = record
        if record.history_type == "~" and not fields:
            continue  # a save that changed only bookkeeping
        user = record.history_user
        changes.append(
            Change(
                when=record.history_date,
                who=name_of(user) if user else _("sistem"),
                ip=record.history_ip if with_addresses else None,
                subject=subject(record, names),
                kind=str(KINDS[record.history_type]),
                fields=fields,
            )
        )
    return changes


def report_history(report: ReadinessReport, *, with_addresses: bool = False) -> list[Change]:
    """The report's changes and its shortage and agenda lines' changes, newest first; the client
    addresses only ``with_addresses``."""
    order = ("history_date", "history_id")
    reports = list(report.history.select_related("history_user").order_by(*order))
    shortages = list(
        ShortageLine.history.filter(report_id=report.pk).select_related("history_user").order_by(*order)
    )
    agenda = list(
        AgendaLine.history.filter(report_id=report.pk).select_related("history_user").order_by(*order)
    )
    names = related_names(
        [(ReadinessReport, reports), (ShortageLine, shortages), (AgendaLine, agenda)],
        known=[report.session, report.region],
    )
    changes = (
        changes_of(reports, ReadinessReport, lambda record, names: _("Laporan"), names, with_addresses)
        + changes_of(
            shortages,
            ShortageLine,
            lambda record, names: (
                _("Kekurangan: %(item)s") % {"item": names.get((LogisticsItem, record.item_id))}
            ),
            names,
            with_addresses,
        )
        + changes_of(
            agenda,
            AgendaLine,
            lambda record, names: (
                _("Agenda: %(kind)s") % {"kind": dict(AgendaLine.Kind.choices).get(record.kind)}
            ),
            names,
            with_addresses,
        )
    )
    return sorted(changes, key=lambda change: change.when, reverse=True)
