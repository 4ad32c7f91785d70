"""The six-digit code of an authenticator app."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Kode 6 angka dari aplikasi autentikator"),
        max_length=6,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": True}
        ),
    )

    def __init__(self, device: TOTPDevice, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_token(self) -> str:
        token = self.cleaned_data["token"].strip()
        if not (token.isascii() and token.isdigit() and len(token) == 6):
            raise forms.ValidationError(_("Tulis enam angka, tanpa spasi."))
        if not self.device.verify_token(token):
            raise forms.ValidationError(
                _("Kode salah atau sudah kedaluwarsa. Tunggu kode berikutnya di aplikasi lalu coba lagi.")
            )
        return token
