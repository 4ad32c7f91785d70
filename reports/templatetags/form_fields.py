"""``{{ field|bootstrap }}``: a form field's widget with Bootstrap 5's class for its kind, marked
invalid when the field has errors. The markup around it (label, errors, help text) is in
templates/reports/operator/_form.html."""

from django import template
from django.forms import BoundField
from django.utils.safestring import SafeString

register = template.Library()

CLASSES = {"select": "form-select", "checkbox": "form-check-input"}  # any other kind: form-control


@register.filter
def bootstrap(field: BoundField) -> SafeString:
    css = CLASSES.get(field.widget_type, "form-control")
    return field.as_widget(attrs={"class": f"{css} is-invalid" if field.errors else css})
