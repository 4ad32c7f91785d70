"""An operator's number as people type it, and what a region writes about a follow-up."""

from django import forms
from django.utils.translation import gettext_lazy as _

from notifications.models import Contact, FollowUpUpdate
from notifications.phones import to_e164


class ContactForm(forms.ModelForm):
    """Takes "0812-3456-7890", "+62 812 3456 7890" or "62812…" and stores the E.164 form."""

    phone = forms.CharField(
        label=_("nomor ponsel"), max_length=30, help_text=_("Nomor WhatsApp, misalnya 0812-3456-7890.")
    )

    class Meta:
        model = Contact
        fields = ["user", "phone"]

    def clean_phone(self) -> str:
        return to_e164(self.cleaned_data["phone"])


class MyContactForm(forms.Form):
    """A user keeps their own e-mail address and mobile number current."""

    email = forms.EmailField(label=_("alamat e-mail"), max_length=254)
    phone = forms.CharField(
        label=_("nomor ponsel"),
        required=False,
        max_length=30,
        help_text=_("Nomor WhatsApp, misalnya 0812-3456-7890. Kosongkan untuk menghapus."),
    )

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        return to_e164(phone) if phone else ""


class FollowUpUpdateForm(forms.ModelForm):
    class Meta:
        model = FollowUpUpdate
        fields = ["status", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3, "maxlength": 2000})}
        help_texts = {"text": _("Apa yang sudah dikerjakan, apa kendalanya, apa langkah berikutnya.")}
        error_messages = {"text": {"required": _("Tuliskan perkembangannya.")}}
