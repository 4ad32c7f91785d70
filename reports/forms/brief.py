"""Forms of the brief to the Minister: editing the text, signing it off, forwarding it, reopening it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from reports.brief.checklist import Check

MAX_TEXT = 30_000


class BriefForm(forms.Form):
    """The letter's text as the secretariat edits it; ``base`` is the digest of the stored text the
    editor started from, so that two editors cannot silently overwrite each other."""

    text = forms.CharField(
        label=_("Naskah laporan"),
        max_length=MAX_TEXT,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 28, "class": "brief-editor", "spellcheck": "true"}),
        help_text=_("Pisahkan paragraf dengan satu baris kosong. Naskah inilah yang dicetak dan diteruskan."),
        error_messages={
            "required": _("Naskah tidak boleh kosong; pakai “Susun ulang dari data” untuk draf baru.")
        },
    )
    base = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].replace("\r\n", "\n").replace("\r", "\n").strip()
        if not text:
            raise forms.ValidationError(self.fields["text"].error_messages["required"])
        return text


class SignOffForm(forms.Form):
    """``seen`` is the digest of the text the secretariat read before signing it off;
    ``acknowledged`` the checklist items ticked (``reports.brief.checklist``)."""

    seen = forms.CharField(widget=forms.HiddenInput, max_length=64)
    acknowledged = forms.MultipleChoiceField(
        choices=Check.choices, required=False, widget=forms.CheckboxSelectMultiple
    )


class ForwardForm(forms.Form):
    confirm = forms.BooleanField(
        label=_(
            "Saya mengerti: setelah diteruskan, laporan, kehadiran dan tindak lanjut rakor ini dibekukan."
        ),
        error_messages={"required": _("Centang pernyataan ini untuk meneruskan laporan.")},
    )


class ReopenForm(forms.Form):
    """Why a forwarded rakor is opened again: kept with the superseded brief for the audit trail."""

    reason = forms.CharField(
        label=_("Alasan membuka kembali"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Wajib. Misalnya: angka personel Bontang salah ketik. Laporan yang sudah dikirim tetap "
            "tersimpan dan dapat diunduh; laporan perbaikan disebut sebagai ralat dalam suratnya."
        ),
        error_messages={"required": _("Tuliskan alasan membuka kembali rakor ini.")},
    )


class SendBackForm(forms.Form):
    """Why an initialling official or the signer sends the letter back to the secretariat: kept
    with the withdrawn chain and shown on the letter's page until it is submitted again."""

    reason = forms.CharField(
        label=_("Alasan mengembalikan"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wajib. Misalnya: angka personel Bontang perlu dicek ulang dengan Polres."),
        error_messages={
            "required": _("Tuliskan alasan mengembalikan naskah ke sekretariat."),
            "max_length": _("Alasan paling banyak %(limit_value)d karakter (sekarang %(show_value)d)."),
        },
    )

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(self.fields["reason"].error_messages["required"])
        return reason
