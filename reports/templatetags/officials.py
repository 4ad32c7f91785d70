"""``{{ user|official_name }}``: a desk official named the way the letter names them (the profile's
full name with titles), so one page never names the same person in two ways."""

from django import template
from django.contrib.auth.models import User

from reports.workflow.letter import name_of

register = template.Library()


@register.filter
def official_name(user: User | None) -> str:
    return name_of(user) if user is not None else "—"
