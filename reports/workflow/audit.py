"""The "riwayat perubahan" of a report: every change to it and its lines — who, when, from where
and which fields — read from the simple-history tables in a fixed number of queries.

Nothing in the application deletes history rows: no view does, and the admin shows the history
of an object but registers no historical model (so none can be deleted there).
"""

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reports.models import AgendaLine, LogisticsItem, ReadinessReport, ShortageLine

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


def display(model_field: models.Field, value, names: dict) -> str:
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


def changes_of(records: list, model: type[models.Model], subject, names: dict) -> list[Change]:
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
                who=(user.get_full_name() or user.get_username()) if user else _("sistem"),
                ip=record.history_ip,
                subject=subject(record, names),
                kind=str(KINDS[record.history_type]),
                fields=fields,
            )
        )
    return changes


def report_history(report: ReadinessReport) -> list[Change]:
    """The report's changes and its shortage and agenda lines' changes, newest first."""
    order = ("history_date", "history_id")
    reports = list(report.history.select_related("history_user").order_by(*order))
    shortages = list(
        ShortageLine.history.filter(report_id=report.pk).select_related("history_user").order_by(*order)
    )
    agenda = list(
        AgendaLine.history.filter(report_id=report.pk).select_related("history_user").order_by(*order)
    )
    user_ids = {r.submitted_by_id for r in reports} | {r.reviewed_by_id for r in reports}
    User = get_user_model()
    names = {
        (User, user.pk): user.get_full_name() or user.get_username()
        for user in User.objects.filter(pk__in=user_ids - {None})
    }
    names.update(
        {
            (LogisticsItem, item.pk): item.name
            for item in LogisticsItem.objects.filter(pk__in={line.item_id for line in shortages})
        }
    )
    changes = (
        changes_of(reports, ReadinessReport, lambda record, names: _("Laporan"), names)
        + changes_of(
            shortages,
            ShortageLine,
            lambda record, names: (
                _("Kekurangan: %(item)s") % {"item": names.get((LogisticsItem, record.item_id))}
            ),
            names,
        )
        + changes_of(
            agenda,
            AgendaLine,
            lambda record, names: (
                _("Agenda: %(kind)s") % {"kind": dict(AgendaLine.Kind.choices).get(record.kind)}
            ),
            names,
        )
    )
    return sorted(changes, key=lambda change: change.when, reverse=True)
