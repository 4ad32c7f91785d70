"""The lines of a readiness report as inline formsets: shortages of logistics items and agenda
events, checked against the election calendar. Rows carried from last week count as entered."""

from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.models import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reports.forms.fields import count_field, long_date, show_limits, typed_dates
from reports.models import AgendaLine, Election, LogisticsItem, ReadinessReport, ShortageLine
from reports.registry import MAX_QUANTITY, date_problem
from reports.workflow import carry

MAX_LINES = 50
CAMPAIGN_KINDS = (AgendaLine.Kind.RALLY, AgendaLine.Kind.DEBATE)
LineModel = ShortageLine | AgendaLine


class LineForm(forms.ModelForm):
    """A line of the report; a row carried from last week counts as entered even if untouched."""

    def __init__(self, *args: Any, election: Election, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.election = election

    def has_changed(self) -> bool:
        return (self.instance._state.adding and bool(self.initial)) or super().has_changed()

    @property
    def is_spare(self) -> bool:
        """An empty spare row (the formset's extra one) asks nothing until it is used, so its
        labels carry no required mark; once filled in, its fields are checked as required."""
        return self.empty_permitted and not self.has_changed()


class ShortageLineForm(LineForm):
    quantity = count_field(ShortageLine, "quantity", 1, MAX_QUANTITY)

    class Meta:
        model = ShortageLine
        fields = ("item", "quantity", "note")

    def __init__(self, *args: Any, items: list[LogisticsItem], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["quantity"].required = True
        self.fields["quantity"].error_messages["required"] = _("Isi jumlah kekurangan.")
        self.fields["item"].error_messages["required"] = _("Pilih item logistik.")
        item = cast(forms.ModelChoiceField, self.fields["item"])
        item.queryset = LogisticsItem.objects.filter(election=self.election)
        item.choices = [("", _("— pilih item —")), *((i.pk, i.display_name) for i in items)]
        show_limits(self)

    def row(self) -> tuple:
        data = self.cleaned_data
        return carry.shortage_row(data["item"].pk, data["quantity"], data.get("note"))


class AgendaLineForm(LineForm):
    class Meta:
        model = AgendaLine
        fields = ("kind", "date", "place", "description")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["date"].error_messages.update(required=_("Isi tanggal kegiatan."))
        self.fields["kind"].error_messages["required"] = _("Pilih jenis kegiatan.")
        kind = cast(forms.ChoiceField, self.fields["kind"])
        kind.choices = [("", _("— pilih jenis —")), *AgendaLine.Kind.choices]
        show_limits(self)
        typed_dates(self)

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        kind, day, election = cleaned.get("kind"), cleaned.get("date"), self.election
        problem = date_problem(election, day) if day else None
        if problem:
            self.add_error("date", problem)
        if not kind or not day or problem:
            return cleaned
        if kind in CAMPAIGN_KINDS and election.quiet_start <= day <= election.quiet_end:
            self.add_error(
                "date",
                _("Tanggal ini masuk masa tenang (%(start)s–%(end)s); tidak boleh ada kegiatan kampanye.")
                % {"start": long_date(election.quiet_start), "end": long_date(election.quiet_end)},
            )
        elif kind in CAMPAIGN_KINDS and not election.campaign_start <= day <= election.campaign_end:
            self.add_error(
                "date",
                _("%(kind)s harus berada dalam masa kampanye (%(start)s–%(end)s).")
                % {
                    "kind": AgendaLine.Kind(kind).label,
                    "start": long_date(election.campaign_start),
                    "end": long_date(election.campaign_end),
                },
            )
        elif kind == AgendaLine.Kind.DISTRIBUTION and day >= election.voting_day:
            self.add_error(
                "date",
                _("Distribusi logistik harus selesai sebelum hari pemungutan suara (%(date)s).")
                % {"date": long_date(election.voting_day)},
            )
        return cleaned

    def row(self) -> tuple:
        data = self.cleaned_data
        return carry.agenda_row(data["kind"], data["date"], data.get("place"), data.get("description"))


class LineFormSet(BaseInlineFormSet):
    """The report's lines exactly as posted: rows naming a line of another report are refused, and
    after saving the report holds no line that was not among the posted rows."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.extra = len(self.initial_extra or ()) + 1

    def kept_forms(self) -> list["ShortageLineForm | AgendaLineForm"]:
        """The rows the report keeps: existing and filled-in ones not marked for removal (an
        untouched blank row has no cleaned data)."""
        posted = cast(list[ShortageLineForm | AgendaLineForm], self.forms)
        return [form for form in posted if form.cleaned_data and not self._should_delete_form(form)]  # type: ignore[attr-defined]  # private to Django

    def rows(self) -> list[tuple]:
        return [form.row() for form in self.kept_forms()]

    def clean(self) -> None:
        for form in self.initial_forms:
            if form.instance._state.adding:
                raise ValidationError(
                    _("Ada baris yang tidak termasuk laporan ini. Muat ulang halaman, lalu isi kembali."),
                    code="foreign_line",
                )

    def save(self, commit: bool = True) -> list[models.Model]:
        saved = super().save(commit)
        kept = [form.instance.pk for form in self.kept_forms()]
        cast(type[LineModel], self.model).objects.filter(report=self.instance).exclude(pk__in=kept).delete()
        return saved


class ShortageFormSet(LineFormSet):
    title = gettext_lazy("Kekurangan logistik")
    add_label = gettext_lazy("Tambah kekurangan")

    def clean(self) -> None:
        super().clean()
        seen = set()
        for form in self.kept_forms():
            item = form.cleaned_data.get("item")
            if item is None:
                continue
            if item.pk in seen:
                form.add_error(
                    "item",
                    _("%(item)s sudah dicantumkan; gabungkan jumlahnya.") % {"item": item.display_name},
                )
            seen.add(item.pk)


class AgendaFormSet(LineFormSet):
    title = gettext_lazy("Agenda kegiatan")
    add_label = gettext_lazy("Tambah agenda")


line_options: dict[str, Any] = {
    "extra": 1,
    "can_delete": True,
    "max_num": MAX_LINES,
    "absolute_max": MAX_LINES,
    "validate_max": True,
}
ShortageLines = cast(
    type[ShortageFormSet],
    inlineformset_factory(
        ReadinessReport, ShortageLine, form=ShortageLineForm, formset=ShortageFormSet, **line_options
    ),
)
AgendaLines = cast(
    type[AgendaFormSet],
    inlineformset_factory(
        ReadinessReport, AgendaLine, form=AgendaLineForm, formset=AgendaFormSet, **line_options
    ),
)
