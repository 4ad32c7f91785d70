"""Sections that other apps' pages include: a region's contacts, the dashboard's reminder panel,
the operator's open follow-ups, and a region's recent notifications."""

from django import template
from django.contrib.auth.models import User

from notifications.contacts import operator_contacts
from notifications.followups import open_follow_ups_for
from notifications.models import Notification
from regions.models import Region
from reports.models import RakorSession

register = template.Library()

LOG_ON_PAGE = 10


@register.inclusion_tag("notifications/partials/contacts.html")
def region_contacts(region: Region, session: RakorSession, can_edit: bool, reported: bool) -> dict:
    """A region's operators with their links, and the reminder button while it has not reported."""
    return {
        "region": region,
        "session": session,
        "can_remind": can_edit and not reported,
        "operators": operator_contacts([region], session, set() if reported else {region.pk})[region.pk],
    }


@register.inclusion_tag("notifications/partials/missing.html")
def reminder_panel(
    session: RakorSession, missing: list[Region], can_edit: bool, contacts: dict[int, list[dict]]
) -> dict:
    """The regions that have not reported, each with its operators' links (from ``contacts``, read
    once for the page by ``operator_contacts``) and a reminder button."""
    return {
        "session": session,
        "can_edit": can_edit,
        "regions": [{"region": region, "operators": contacts.get(region.pk, [])} for region in missing],
    }


@register.inclusion_tag("notifications/partials/operator_follow_ups.html")
def operator_follow_ups(user: User) -> dict:
    return {"follow_ups": list(open_follow_ups_for(user))}


@register.inclusion_tag("notifications/partials/log.html")
def notification_log(region: Region) -> dict:
    return {"region": region, "log": list(Notification.objects.log_of(region)[:LOG_ON_PAGE])}
