"""Forms of the province desk: reviewing a report, recording attendance, keeping follow-ups."""

import datetime as dt
from collections.abc import Iterator
from typing import Any, cast

from django import forms
from django.forms import BoundField
from django.utils.translation import gettext_lazy as _

from regions.models import Region
from reports.forms.fields import long_date, typed_dates
from reports.models import Attendance, FollowUp, RakorSession
from reports.models.desk import ONE_OPEN_PER_FINDING
from reports.rollup.lights import AlertKind
from reports.rollup.parts import finding_key


class ReviewForm(forms.Form):
    """Accept a submitted report, or return it with a comment for the operator."""

    ACCEPT = "accept"
    RETURN = "return"

    decision = forms.ChoiceField(choices=[(ACCEPT, _("Terima")), (RETURN, _("Kembalikan"))])
    comment = forms.CharField(
        label=_("Komentar untuk operator"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wajib bila laporan dikembalikan: tulis apa yang harus diperbaiki."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if cleaned.get("decision") == self.RETURN and not cleaned.get("comment", "").strip():
            self.add_error(
                "comment", _("Tulis alasan pengembalian agar operator tahu apa yang harus diperbaiki.")
            )
        return cleaned


class AttendanceForm(forms.Form):
    """One status and representative per region; regions left unrecorded are "belum terkonfirmasi"."""

    def __init__(
        self, *args: Any, regions: list[Region], recorded: dict[int, Attendance], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.regions = regions
        for region in regions:
            record = recorded.get(region.pk)
            self.fields[f"status_{region.pk}"] = forms.ChoiceField(
                label=str(region),
                choices=Attendance.Status.choices,
                initial=record.status if record else Attendance.Status.UNCONFIRMED,
                widget=forms.RadioSelect,
            )
            self.fields[f"representative_{region.pk}"] = forms.CharField(
                label=_("Perwakilan %(region)s") % {"region": region},
                required=False,
                max_length=150,
                initial=record.representative if record else "",
            )

    def rows(self) -> Iterator[tuple[Region, BoundField, BoundField]]:
        """(region, status field, representative field) for the template."""
        for region in self.regions:
            yield region, self[f"status_{region.pk}"], self[f"representative_{region.pk}"]

    def values(self) -> dict[int, tuple[str, str]]:
        """Region pk -> (status, representative), after validation."""
        return {
            region.pk: (
                self.cleaned_data[f"status_{region.pk}"],
                self.cleaned_data[f"representative_{region.pk}"].strip(),
            )
            for region in self.regions
        }


class FollowUpForm(forms.ModelForm):
    """A finding turned into an action, owned by an agency, due by a date."""

    class Meta:
        model = FollowUp
        fields = ["region", "source", "title", "description", "agency", "due_date", "finding"]
        widgets = {
            "finding": forms.HiddenInput,
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, session: RakorSession, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.session = session
        cast(forms.ModelChoiceField, self.fields["region"]).empty_label = _("Semua kabupaten/kota")
        typed_dates(self)  # dd/mm/yyyy as on the report, not the browser's picker

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        finding = cleaned.get("finding") or ""
        if finding and "region" in cleaned and finding not in alert_findings(cleaned["region"]):
            raise forms.ValidationError(
                _("Temuan asal tindak lanjut ini tidak dikenali; buka lagi dari dasbor.")
            )
        title = cleaned.get("title") or ""
        if open_duplicate(self.session, cleaned.get("region"), title, finding) is not None:
            raise forms.ValidationError(
                ONE_OPEN_PER_FINDING
                if finding
                else _("Tindak lanjut yang sama untuk wilayah ini masih terbuka; lanjutkan yang itu.")
            )
        return cleaned

    def clean_due_date(self) -> dt.date:
        due = self.cleaned_data["due_date"]
        if due < self.session.date:
            raise forms.ValidationError(
                _("Tenggat tidak boleh sebelum tanggal rakor (%(date)s).")
                % {"date": long_date(self.session.date)}
            )
        return due


def alert_findings(region: Region | None) -> set[str]:
    """The findings an alert about this region can carry."""
    return {finding_key(kind, region) for kind in AlertKind.values}


def open_duplicate(
    session: RakorSession, region: Region | None, title: str, finding: str = ""
) -> FollowUp | None:
    """The open follow-up already made from this alert's finding (whatever its title has become),
    so the "Tindak lanjuti" button never makes a second one; for a follow-up made by hand, the open
    one of the same election, region and title (any letter case), if any."""
    if finding:
        return FollowUp.objects.filter(finding=finding, closed_at=None).first()
    if not title.strip():
        return None
    return FollowUp.objects.filter(
        session__election_id=session.election_id, region=region, title__iexact=title.strip(), closed_at=None
    ).first()


class CloseFollowUpForm(forms.Form):
    closing_note = forms.CharField(
        label=_("Catatan penyelesaian"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
