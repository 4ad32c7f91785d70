"""Small helpers shared by the operator's forms: counts typed the Indonesian way, text with its
length shown and counted, bounds written as Indonesians read numbers, and long dates."""

import datetime as dt
from typing import Any

from django import forms
from django.db import models
from django.utils import formats
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reports.registry import length_hint, model_field, too_big, too_long, too_small


def long_date(day: dt.date) -> str:
    return formats.date_format(day, "j F Y")


def count_field(
    model: type[models.Model], name: str, minimum: int, maximum: int | None
) -> forms.IntegerField:
    """A whole number typed the Indonesian way (1.214), bounded, with messages in plain words."""
    column = model_field(model, name)
    field = forms.IntegerField(
        label=capfirst(column.verbose_name),
        help_text=column.help_text,
        required=False,
        min_value=minimum,
        max_value=maximum,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "data-count": True}),
    )
    field.error_messages["invalid"] = gettext_lazy("Isi dengan bilangan bulat, misalnya 1.214.")
    return field


class Text(forms.CharField):
    """Typed text whose line breaks are stored as the browser counts them (one character each, not
    the two of the CRLF a browser posts), so its length is the one the operator's counter showed."""

    def to_python(self, value: Any) -> str | None:
        text = super().to_python(value)
        return text.replace("\r\n", "\n") if text is not None else None


def show_limits(form: forms.BaseForm) -> None:
    """Every bound of the form's fields in the active language: counts' limits in their messages
    (1.000.000); a text's limit in its message, beside it as help, and as the pattern of the live
    counter "123/1.000 karakter" that ``report_form.js`` adds (the help still says it without JS)."""
    for field in form.fields.values():
        if isinstance(field.widget, forms.HiddenInput):
            continue
        if isinstance(field, forms.IntegerField):
            if isinstance(field.min_value, int):
                field.error_messages["min_value"] = too_small(field.min_value)
            if isinstance(field.max_value, int):
                field.error_messages["max_value"] = too_big(field.max_value)
        elif isinstance(field, forms.CharField) and field.max_length is not None:
            field.error_messages["max_length"] = too_long(field.max_length)
            hint = length_hint(field.max_length)
            field.help_text = f"{field.help_text} {hint}" if field.help_text else hint
            field.widget.attrs["data-counter"] = _("%(typed)s/%(limit)s karakter")


# Dates are typed the Indonesian way whatever the browser's language (a date picker follows the
# phone's locale: mm/dd/yyyy on an English phone); ISO dates are still read.
DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y")
DATE_PATTERN = r"\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}-\d{1,2}-\d{4}"


def date_widget() -> forms.DateInput:
    return forms.DateInput(
        format="%d/%m/%Y",
        attrs={
            "inputmode": "numeric",
            "autocomplete": "off",
            "placeholder": gettext_lazy("hh/bb/tttt"),
            "pattern": DATE_PATTERN,
        },
    )


def typed_dates(form: forms.BaseForm) -> None:
    """Every date of the form read as dd/mm/yyyy (or ISO), with the message in plain words."""
    for field in form.fields.values():
        if isinstance(field, forms.DateField):
            field.input_formats = DATE_FORMATS
            field.widget = date_widget()
            field.error_messages["invalid"] = _(
                "Isi tanggal yang benar dengan format hh/bb/tttt, misalnya 23/11/2024."
            )
