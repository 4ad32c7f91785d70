"""Forms of the brief to the Minister: editing the text, signing it off, forwarding it, reopening it."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

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


class SignForm(SignOffForm):
    """The signer's form: ``token`` is the code their authenticator app shows now, checked against
    their confirmed device as the form is posted, however recently the login was verified, so a
    session left open does not sign."""

    token = forms.CharField(
        label=_("Kode autentikator"),
        max_length=6,
        help_text=_("Kode 6 angka yang tampil sekarang di aplikasi autentikator Anda."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
        error_messages={"required": _("Tulis kode 6 angka dari aplikasi autentikator untuk menandatangani.")},
    )

    def __init__(self, device: TOTPDevice | None, *args: Any, **kwargs: Any) -> None:
        """``device``: the signer's confirmed authenticator (None on the unbound form shown)."""
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_token(self) -> str:
        token = self.cleaned_data["token"].strip()
        if not (token.isascii() and token.isdigit() and len(token) == 6):
            raise forms.ValidationError(_("Tulis enam angka, tanpa spasi."))
        if self.device is None:
            raise forms.ValidationError(_("Aktifkan verifikasi dua langkah lebih dulu."))
        if not self.device.verify_token(token):
            raise forms.ValidationError(
                _("Kode salah atau sudah kedaluwarsa. Tunggu kode berikutnya di aplikasi lalu coba lagi.")
            )
        return token


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
