"""A region's operators and the links that reach them in one tap (call, WhatsApp, e-mail), read in
one query for every region a page shows: the dashboard's tiles and reminder panel, a region's page."""

from collections import defaultdict

from notifications import events
from notifications.phones import indonesian, tel_link, whatsapp_link
from regions.models import Region
from reports.models import RakorSession


def operator_contacts(
    regions: list[Region], session: RakorSession, missing: set[int]
) -> dict[int, list[dict]]:
    """Each region's operators with their call and WhatsApp links (one query for all regions):
    ``whatsapp`` opens a chat with the reminder prefilled for the regions in ``missing`` (those that
    have not reported: one that has is not told its report is missing), ``chat`` an empty one."""
    by_region: dict[int, list[dict]] = defaultdict(list)
    texts = {
        region.pk: events.reminder_text(session, region) if region.pk in missing else "" for region in regions
    }
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
                "chat": whatsapp_link(contact.phone) if contact else "",
            }
        )
    return by_region
