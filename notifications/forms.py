"""What a region writes about a follow-up."""

from django import forms
from django.utils.translation import gettext_lazy as _

from notifications.models import FollowUpUpdate


class FollowUpUpdateForm(forms.ModelForm):
    class Meta:
        model = FollowUpUpdate
        fields = ["status", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3, "maxlength": 2000})}
        help_texts = {"text": _("Apa yang sudah dikerjakan, apa kendalanya, apa langkah berikutnya.")}

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Tuliskan perkembangannya."))
        return text
