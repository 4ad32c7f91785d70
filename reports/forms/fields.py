"""Small helpers shared by the operator's forms: counts typed the Indonesian way and dates and
numbers written as Indonesians read them."""

from django import forms
from django.utils import formats
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reports.rollup.lights import number


def long_date(day) -> str:
    return formats.date_format(day, "j F Y")


def count_field(model, name: str, minimum: int, maximum: int) -> forms.IntegerField:
    """A whole number typed the Indonesian way (1.214), bounded, with messages in plain words."""
    model_field = model._meta.get_field(name)
    field = forms.IntegerField(
        label=capfirst(model_field.verbose_name),
        help_text=model_field.help_text,
        required=False,
        min_value=minimum,
        max_value=maximum,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    field.error_messages.update(
        invalid=gettext_lazy("Isi dengan bilangan bulat, misalnya 1.214."),
        min_value=gettext_lazy("Tidak boleh kurang dari %(limit_value)s."),
        max_value=gettext_lazy("Terlalu besar; paling banyak %(limit_value)s."),
    )
    return field


def localize_limits(form: forms.BaseForm) -> None:
    """Show the bounds in the messages as Indonesians write numbers (1.000.000)."""
    for field in form.fields.values():
        if isinstance(field, forms.IntegerField) and field.max_value is not None:
            field.error_messages["max_value"] = _("Terlalu besar; paling banyak %(limit)s.") % {
                "limit": number(field.max_value)
            }
