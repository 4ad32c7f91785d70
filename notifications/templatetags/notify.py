"""Sections that other apps' pages include: a region's contacts, the dashboard's reminder panel,
the operator's open follow-ups, and a region's recent notifications."""

from collections import defaultdict

from django import template
from django.contrib.auth.models import User

from notifications import events
from notifications.followups import open_follow_ups_for
from notifications.models import Notification
from notifications.phones import indonesian, tel_link, whatsapp_link
from regions.models import Region
from reports.models import RakorSession

register = template.Library()

LOG_ON_PAGE = 10


def _contacts(regions: list[Region], session: RakorSession) -> dict[int, list[dict]]:
    """Each region's operators with their call and WhatsApp links (one query for all regions)."""
    by_region: dict[int, list[dict]] = defaultdict(list)
    texts = {region.pk: events.reminder_text(session, region) for region in regions}
    for user in events.operators_of(None).filter(membership__region__in=regions).select_related("membership"):
        contact = getattr(user, "contact", None)
        region_id = user.membership.region_id
        by_region[region_id].append(
            {
                "name": user.get_full_name() or user.get_username(),
                "email": user.email,
                "phone": indonesian(contact.phone) if contact else "",
                "tel": tel_link(contact.phone) if contact else "",
                "whatsapp": whatsapp_link(contact.phone, texts[region_id]) if contact else "",
            }
        )
    return by_region


@register.inclusion_tag("notifications/partials/contacts.html")
def region_contacts(region: Region, session: RakorSession, can_edit: bool, reported: bool) -> dict:
    """A region's operators with their links, and the reminder button while it has not reported."""
    return {
        "region": region,
        "session": session,
        "can_remind": can_edit and not reported,
        "operators": _contacts([region], session)[region.pk],
    }


@register.inclusion_tag("notifications/partials/missing.html")
def reminder_panel(session: RakorSession, missing: list[Region], can_edit: bool) -> dict:
    """The regions that have not reported, each with its operators' links and a reminder button."""
    contacts = _contacts(missing, session) if missing else {}
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
