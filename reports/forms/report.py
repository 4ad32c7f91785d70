"""The operator's weekly report: one form in the sections of ``reports.registry``, its shortage and
agenda lines as inline formsets, and the checks that know the election calendar and the region's
own history. Every message is in Bahasa Indonesia and sits beside the field it is about."""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any, cast

from django import forms
from django.contrib.auth.models import User
from django.db import models
from django.db.models import prefetch_related_objects
from django.forms.models import BaseInlineFormSet
from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reports.forms.fields import Text, count_field, long_date, show_limits, typed_dates
from reports.forms.lines import AgendaFormSet, AgendaLines, ShortageFormSet, ShortageLines
from reports.models import Election, LogisticsItem, ReadinessReport
from reports.registry import (
    CARRIED_FIELDS,
    FIELDS,
    FIELDS_BY_NAME,
    Kind,
    Place,
    Section,
    date_problem,
    fields_of,
    number,
    of_kind,
    shown_in,
)
from reports.workflow import carry, writes

# A count this many times above or below last week's, and at least this far from it, is unusual.
UNUSUAL_FACTOR = 3
UNUSUAL_MIN_DIFFERENCE = 50


@dataclass(frozen=True)
class SectionLayout:
    """A section of the form as templates/reports/operator/_form.html draws it."""

    section: Section
    # Each field, its column's CSS class, its unit and its period ("minggu ini" beside a weekly count).
    fields: list[tuple[forms.BoundField, str, str, str]]
    lines: BaseInlineFormSet | None  # the section's lines, if it has any
    titled: bool  # the lines carry their own heading (the section has fields too)
    confirm: forms.BoundField | None  # "Bagian ini masih akurat", once there is a previous report
    confirmed_on: dt.date | None  # when the section was last confirmed; None for a first report


@dataclass(frozen=True)
class ErrorLink:
    """A message of a refused save in the summary above the form, linking to its field."""

    target: str  # the id of the field (or of its section) the message is about
    label: str
    message: str


# The button that submits an unchanged week: every section confirmed in one tap.
UNCHANGED = "unchanged"


def field_id(field: forms.BoundField) -> str:
    """The id a link to the field points at: its control, or a group of radios' first choice."""
    return field.id_for_label or f"{field.auto_id}_0"


def far_from(old: int | None, new: int | None) -> bool:
    if old is None or new is None or abs(new - old) < UNUSUAL_MIN_DIFFERENCE:
        return False
    low, high = sorted((old, new))
    return high >= UNUSUAL_FACTOR * low


def report_formfield(model_field: models.Field, **kwargs: Any) -> forms.Field | None:
    """The form field of a report field, made by its kind in the registry with its bounds."""
    field = FIELDS_BY_NAME[model_field.name]
    if field.kind == Kind.COUNT:
        return count_field(ReadinessReport, field.name, field.minimum, field.maximum)
    if field.kind == Kind.CHOICE:
        return model_field.formfield(widget=forms.RadioSelect, choices=model_field.choices)
    if field.kind == Kind.DATE:
        return model_field.formfield()  # typed as dd/mm/yyyy, see typed_dates
    return model_field.formfield(
        form_class=Text, widget=forms.Textarea(attrs={"rows": 2}), max_length=field.maximum
    )


class ReportForm(forms.ModelForm):
    """The report's own fields, a confirmation per carried section and the loaded version."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    confirm_unusual = forms.BooleanField(
        required=False, label=gettext_lazy("Saya sudah memeriksa: nilai yang tidak biasa itu benar.")
    )

    class Meta:
        model = ReadinessReport
        fields = tuple(field.name for field in shown_in(Place.FORM))
        formfield_callback = report_formfield

    def __init__(
        self, *args: Any, previous: ReadinessReport | None = None, submitting: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.previous = previous
        self.submitting = submitting
        self.unusual: dict[str, int] = {}
        session = self.instance.session
        self.sections = session.sections
        asked = fields_of(self.sections)
        for name in [name for name in self.fields if name in FIELDS_BY_NAME and name not in asked]:
            del self.fields[name]  # another stage's: kept as it is, never cleared by this form
        show_limits(self)
        typed_dates(self)
        self.fields["version"].initial = self.instance.version if self.instance.pk else 0
        if previous is not None:
            today = session.date.isoformat()
            still_accurate = _("Bagian ini masih akurat")
            for section in self.sections:
                self.fields[f"confirm_{section.key}"] = forms.BooleanField(
                    required=False,
                    label=still_accurate,
                    initial=self.instance.confirmed_sections.get(section.key) == today,
                )
            self.fields["confirm_all"] = forms.BooleanField(
                required=False,
                label=_("Semua bagian masih sama seperti minggu lalu"),
                help_text=_("Bagian yang Anda ubah tetap tercatat sebagai berubah."),
            )
        for section in self.sections:
            names = self.names(section)
            if len(names) == 1 and str(self.fields[names[0]].label) == str(section.label):
                self.fields[names[0]].label = ""  # the section's legend already says it

    def names(self, section: Section) -> list[str]:
        return [name for name in section.fields if name in self.fields]

    def layout(self, lines: Mapping[str, BaseInlineFormSet]) -> list[SectionLayout]:
        """The form's sections in order: fields in columns (text and choices full width, a count
        with its unit beside it), then the section's lines (``lines`` by related name), then its
        confirmation."""
        return [
            SectionLayout(
                section=section,
                fields=[
                    (self[name], self.width(name), self.unit(name), self.period(name))
                    for name in self.names(section)
                ],
                lines=lines.get(section.lines),
                titled=bool(self.names(section)),  # a section of lines only is titled by its legend
                confirm=self[f"confirm_{section.key}"] if f"confirm_{section.key}" in self.fields else None,
                confirmed_on=self.confirmed_on(section),
            )
            for section in self.sections
        ]

    @staticmethod
    def width(name: str) -> str:
        wide = FIELDS_BY_NAME[name].kind in (Kind.CHOICE, Kind.TEXT)
        return "col-12" if wide else "col-sm-6 col-lg-4"

    @staticmethod
    def unit(name: str) -> str:
        field = FIELDS_BY_NAME[name]
        return str(field.unit) if field.kind == Kind.COUNT else ""

    @staticmethod
    def period(name: str) -> str:
        """What a count counts, in words beside its label: "minggu ini" or "sampai saat ini"."""
        period = FIELDS_BY_NAME[name].period
        return period.label if period is not None else ""

    def confirmed_on(self, section: Section) -> dt.date | None:
        """When the section was last confirmed; None for a region's first report."""
        if self.previous is None:
            return None
        day = (self.instance.confirmed_sections or self.previous.confirmed_sections).get(section.key)
        return dt.date.fromisoformat(day) if day else None

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        election: Election = self.instance.session.election
        for field in of_kind(Kind.DATE):
            day = cleaned.get(field.name)
            problem = date_problem(election, day) if day else None
            if problem:
                self.add_error(field.name, problem)
        start, end = cleaned.get("distribution_start"), cleaned.get("distribution_end")
        if start and end and end < start:
            self.add_error("distribution_end", _("Distribusi tidak boleh selesai sebelum dimulai."))
        elif end and end >= election.voting_day:
            self.add_error(
                "distribution_end",
                _("Distribusi logistik harus selesai sebelum hari pemungutan suara (%(date)s).")
                % {"date": long_date(election.voting_day)},
            )
        for section in self.sections:
            if self.submitting and section.required and not cleaned.get(section.required):
                label = self.instance._meta.get_field(section.required).verbose_name
                self.add_error(
                    section.required, _("Pilih %(field)s sebelum mengirim laporan.") % {"field": label}
                )
        self.check_history(cleaned)
        return cleaned

    def check_history(self, cleaned: dict[str, Any]) -> None:
        """A count far from last week's asks the operator to confirm it instead of passing silently."""
        if self.previous is None:
            return
        for field in FIELDS:
            if not field.unusual or field.name not in self.fields:
                continue
            new, old = cleaned.get(field.name), getattr(self.previous, field.name)
            already_saved = self.instance.pk and getattr(self.instance, field.name) == new
            if far_from(old, new) and not already_saved:
                self.unusual[field.name] = old
        if self.unusual and not cleaned.get("confirm_unusual"):
            for name, old in self.unusual.items():
                self.add_error(
                    name,
                    _(
                        "Nilai ini jauh dari laporan sebelumnya (%(old)s pada rakor %(date)s). "
                        "Periksa kembali; jika benar, centang konfirmasi nilai tidak biasa."
                    )
                    % {"old": number(old), "date": long_date(self.previous.session.date)},
                )

    def confirmed(self) -> set[str]:
        """The sections confirmed as still accurate: each one ticked, or all of them at once."""
        every = self.cleaned_data.get("confirm_all")
        return {s.key for s in self.sections if every or self.cleaned_data.get(f"confirm_{s.key}")}


class ReportEditor:
    """The report form and its two line formsets, validated, compared with last week and saved
    together. A new report starts from ``previous``: its values as carried (a weekly count at 0,
    see ``carry.carried_values``) and its lines are the initial input."""

    def __init__(
        self,
        data: QueryDict | None,
        *,
        report: ReadinessReport,
        previous: ReadinessReport | None,
        items: list[LogisticsItem],
        submitting: bool = False,
    ) -> None:
        session = report.session
        self.previous = previous
        self.submitting = submitting
        carried = previous if report.pk is None else None
        if carried is not None:
            prefetch_related_objects([carried], "shortages", "agenda")
        values = carry.carried_values(carried, CARRIED_FIELDS) if carried is not None else None
        shortage_rows = (
            [{"item": s.item_id, "quantity": s.quantity, "note": s.note} for s in carried.shortages.all()]
            if carried is not None
            else None
        )
        agenda_rows = (
            [
                {"kind": a.kind, "date": a.date, "place": a.place, "description": a.description}
                for a in carry.carried_agenda(carried, session)
            ]
            if carried is not None
            else None
        )
        line_kwargs = {"election": session.election}
        self.form = ReportForm(
            data, instance=report, initial=values, previous=previous, submitting=submitting
        )
        self.shortages = ShortageLines(
            data,
            instance=report,
            prefix="kekurangan",
            initial=shortage_rows,
            form_kwargs={**line_kwargs, "items": items},
        )
        self.agenda = AgendaLines(
            data, instance=report, prefix="agenda", initial=agenda_rows, form_kwargs=line_kwargs
        )
        every_line: dict[str, ShortageFormSet | AgendaFormSet] = {
            "shortages": self.shortages,
            "agenda": self.agenda,
        }
        # Only the lines of the sections this rakor asks for are shown, checked and saved.
        self.lines = {
            section.lines: every_line[section.lines] for section in self.form.sections if section.lines
        }

    @cached_property
    def before(self) -> carry.Snapshot | None:
        """What the report was carried from: last week's sections, read when a save needs them."""
        if self.previous is None:
            return None
        prefetch_related_objects([self.previous], "shortages", "agenda")
        return carry.carried_snapshot(self.previous, self.form.instance.session)

    def is_valid(self) -> bool:
        valid = all([self.form.is_valid(), *(formset.is_valid() for formset in self.lines.values())])
        if valid and self.submitting:
            for key in carry.unconfirmed(self.before, self.after(), self.form.confirmed()):
                self.form.add_error(
                    f"confirm_{key}", _("Centang jika bagian ini masih akurat, atau ubah isinya.")
                )
            valid = not self.form.errors
        return valid

    def layout(self) -> list[SectionLayout]:
        return self.form.layout(self.lines)

    def after(self) -> carry.Snapshot:
        rows = {key: formset.rows() for key, formset in self.lines.items()}
        return carry.snapshot(
            self.form.cleaned_data, rows.get("shortages", []), rows.get("agenda", []), self.form.sections
        )

    def save(self, user: User) -> ReadinessReport:
        report = self.form.instance
        carry.record_sections(
            report, self.previous, self.before, self.after(), self.form.confirmed(), report.session.date
        )
        return writes.save_report(
            report,
            user,
            expected_version=self.form.cleaned_data["version"],
            submit=self.submitting,
            lines=tuple(self.lines.values()),
        )

    def show_version(self, version: int) -> None:
        """After a refused stale save the input stays, now based on the version just read."""
        data = cast(QueryDict, self.form.data).copy()
        data["version"] = str(version)
        self.form.data = data

    def error_links(self) -> list[ErrorLink]:
        """Every message of a refused save in the form's order, each with the id of its field."""
        form = self.form
        links = [ErrorLink("report-form", "", str(error)) for error in form.non_field_errors()]
        formsets = self.lines
        for section in form.sections:
            for name in form.names(section):
                links += [
                    ErrorLink(field_id(form[name]), str(form[name].label or section.label), str(error))
                    for error in form[name].errors
                ]
            formset = formsets.get(section.lines)
            if formset is not None:
                links += [
                    ErrorLink(f"bagian-{section.key}", str(formset.title), str(e))
                    for e in formset.non_form_errors()
                ]
                for number_, line in enumerate(formset, start=1):
                    for name, errors in line.errors.items():
                        field = line[name] if name in line.fields else line.visible_fields()[0]
                        label = f"{formset.title} {number_}: {field.label}"
                        links += [ErrorLink(field_id(field), label, str(error)) for error in errors]
            confirm = f"confirm_{section.key}"
            if confirm in form.fields:
                links += [
                    ErrorLink(form[confirm].id_for_label, str(section.label), str(e))
                    for e in form[confirm].errors
                ]
        for name in ("confirm_unusual", "version"):
            target = form[name].id_for_label if name == "confirm_unusual" else "report-form"
            links += [ErrorLink(target, str(form[name].label or ""), str(e)) for e in form[name].errors]
        return links

    @property
    def errors(self) -> bool:
        return bool(
            self.form.errors
            or any(any(formset.errors) or formset.non_form_errors() for formset in self.lines.values())
        )
