"""The incident forms: reporting one, its updates, its attachments and its follow-up link.

Every value is bounded and every refusal is a sentence in Bahasa Indonesia beside its field; what
was typed comes back as typed (files excepted: a browser never refills a file input, so the form
says so).
"""

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from deskpilkada import clock
from incidents.files import MAX_FILES, Prepared, prepare
from incidents.models import ACTIONS_LIMIT, DESCRIPTION_LIMIT, UPDATE_LIMIT, Incident, Status
from regions.models import Kecamatan, Region
from reports.models import WITA, Election, FollowUp

# A phone's clock may run a little ahead of the server's.
CLOCK_SKEW = dt.timedelta(minutes=5)
# Typed as dd/mm/yyyy hh.mm whatever the phone's language (ISO still read), as the report's dates.
TYPED = "%d/%m/%Y %H.%M"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Up to ``MAX_FILES`` photos or PDFs, each checked by its content (``incidents.files``)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget",
            MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,application/pdf,.pdf"}),
        )
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Prepared]:
        uploads = [upload for upload in (data if isinstance(data, list | tuple) else [data]) if upload]
        if len(uploads) > MAX_FILES:
            raise ValidationError(_("Paling banyak lima berkas sekali unggah."), code="too_many")
        prepared, errors = [], []
        for upload in uploads:
            if not isinstance(upload, UploadedFile):
                continue
            try:
                prepared.append(prepare(upload))
            except ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise ValidationError(errors)
        return prepared


def attachments_field() -> AttachmentsField:
    return AttachmentsField(
        label=_("Foto atau berita acara (PDF)"),
        help_text=_(
            "Foto JPEG, PNG atau WebP, atau PDF; paling banyak lima berkas. Foto diperkecil dan data "
            "lokasinya dihapus saat diunggah."
        ),
    )


class KecamatanField(forms.ModelChoiceField):
    """The kecamatan list; with every region in it (the secretariat's), each named with its region."""

    with_region = False

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.region.name} — {obj.name}" if self.with_region else obj.name


class IncidentForm(forms.ModelForm):
    """A new incident. An operator's region is its own (no region field); the secretariat picks one."""

    occurred_at = forms.DateTimeField(
        label=_("Waktu kejadian (WITA)"),
        input_formats=[TYPED, "%d/%m/%Y %H:%M", "%d-%m-%Y %H.%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(
            format=TYPED, attrs={"autocomplete": "off", "placeholder": _("hh/bb/tttt jj.mm")}
        ),
        error_messages={"invalid": _("Tulis tanggal dan jam kejadian, misalnya 21/11/2024 14.30.")},
    )
    agencies = forms.MultipleChoiceField(
        label=_("Instansi yang terlibat"),
        choices=FollowUp.Agency.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    attachments = attachments_field()

    class Meta:
        model = Incident
        fields = [
            "region",
            "kecamatan",
            "place",
            "occurred_at",
            "kind",
            "severity",
            "description",
            "actions_taken",
        ]
        widgets = {
            "severity": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 4, "maxlength": DESCRIPTION_LIMIT}),
            "actions_taken": forms.Textarea(attrs={"rows": 3, "maxlength": ACTIONS_LIMIT}),
        }
        field_classes = {"kecamatan": KecamatanField}
        help_texts = {
            "description": _("Siapa, apa, bagaimana; tulis singkat dan jelas."),
            "actions_taken": _("Misalnya: dimediasi Polsek, surat suara pengganti dikirim."),
        }

    def __init__(self, *args: Any, election: Election, region: Region | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.election = election
        self.fixed_region = region
        kecamatan = self.fields["kecamatan"]
        assert isinstance(kecamatan, KecamatanField)
        self.instance.election = election
        if region is not None:
            del self.fields["region"]
            self.instance.region = region
            kecamatan.queryset = Kecamatan.objects.filter(region=region)
            kecamatan.error_messages["invalid_choice"] = _("Pilih kecamatan di %(region)s dari daftar.") % {
                "region": region
            }
        else:
            kecamatan.queryset = Kecamatan.objects.select_related("region").order_by(
                "region__kemendagri_code", "name"
            )
            kecamatan.with_region = True
            kecamatan.error_messages["invalid_choice"] = _("Pilih kecamatan dari daftar.")
        self.fields["kind"].error_messages["invalid_choice"] = _("Pilih jenis kejadian dari daftar.")
        self.fields["severity"].error_messages["invalid_choice"] = _("Pilih tingkat kejadian dari daftar.")
        self.fields["description"].error_messages["max_length"] = _(
            "Paling banyak %(limit_value)d karakter (tertulis %(show_value)d)."
        )

    def clean_occurred_at(self) -> dt.datetime:
        when: dt.datetime = self.cleaned_data["occurred_at"]
        if when > clock.now() + CLOCK_SKEW:
            raise ValidationError(_("Waktu kejadian tidak boleh di masa depan."))
        start = dt.datetime.combine(self.election.calendar_start, dt.time.min, tzinfo=WITA)
        if when < start:
            raise ValidationError(
                _("Waktu kejadian paling awal %(date)s, awal tahapan %(election)s yang dipantau.")
                % {"date": date_format(self.election.calendar_start, "j F Y"), "election": self.election}
            )
        return when

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        region = self.fixed_region or cleaned.get("region")
        kecamatan = cleaned.get("kecamatan")
        if region is not None and kecamatan is not None and kecamatan.region_id != region.pk:
            self.add_error(
                "kecamatan",
                _("Kecamatan %(kecamatan)s bukan bagian dari %(region)s; pilih kecamatan di %(region)s.")
                % {"kecamatan": kecamatan.name, "region": region},
            )
        return cleaned


class UpdateForm(forms.Form):
    """What happened since, and where the incident stands now."""

    text = forms.CharField(
        label=_("Perkembangan"),
        max_length=UPDATE_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": UPDATE_LIMIT}),
        error_messages={"required": _("Tulis perkembangannya.")},
    )
    status = forms.ChoiceField(label=_("Status sekarang"), choices=Status.choices, widget=forms.RadioSelect)

    def __init__(self, *args: Any, incident: Incident, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.incident = incident
        self.fields["status"].initial = Status.HANDLING if incident.status == Status.NEW else incident.status

    def clean_status(self) -> str:
        status = self.cleaned_data["status"]
        if status == Status.NEW and self.incident.status != Status.NEW:
            raise ValidationError(_("Kejadian yang sudah ditangani tidak kembali menjadi baru."))
        return status


class AttachmentForm(forms.Form):
    attachments = attachments_field()

    def clean_attachments(self) -> list[Prepared]:
        files: list[Prepared] = self.cleaned_data["attachments"]
        if not files:
            raise ValidationError(_("Pilih foto atau PDF yang akan dilampirkan."))
        return files


class FollowUpLinkForm(forms.Form):
    """The secretariat ties an incident to an open follow-up of its region or of every region."""

    follow_up = forms.ModelChoiceField(
        label=_("Tindak lanjut"),
        queryset=FollowUp.objects.none(),
        required=False,
        empty_label=_("— tanpa tindak lanjut —"),
        error_messages={"invalid_choice": _("Pilih tindak lanjut yang masih berjalan dari daftar.")},
    )

    def __init__(self, *args: Any, incident: Incident, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["follow_up"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = FollowUp.objects.filter(
            Q(region=incident.region_id) | Q(region=None),
            closed_at=None,
            session__election_id=incident.election_id,
        ).order_by("due_date", "pk")
        field.initial = incident.follow_up_id


class IncidentFilterForm(forms.Form):
    """The list's filters (the province desk's)."""

    region = forms.ModelChoiceField(
        label=_("Kabupaten/kota"), queryset=Region.objects.all(), required=False, empty_label=_("Semua")
    )
    status = forms.ChoiceField(label=_("Status"), choices=[("", _("Semua")), *Status.choices], required=False)
