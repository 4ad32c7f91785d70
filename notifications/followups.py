"""Follow-ups shared with the regions: the one place that decides which follow-ups and which
progress updates a user may see.

An operator sees the open follow-ups of their own region and those for every region, and only the
updates their own region posted; a partner agency (Mitra) sees only the follow-ups assigned to it
and only its own updates; the secretariat and leaders see every follow-up and every update.
"""

from django.contrib.auth.models import User
from django.db.models import Q, QuerySet

from accounts.access import Role, agency_of, region_of, role_of, sees_all_regions
from notifications.models import FollowUpUpdate
from reports.models import FollowUp


def follow_ups_visible_to(user: User) -> QuerySet[FollowUp]:
    follow_ups = FollowUp.objects.select_related("region", "session")
    if sees_all_regions(user):
        return follow_ups
    if role_of(user) == Role.PARTNER:
        agency = agency_of(user)
        return follow_ups.filter(agency=agency) if agency else follow_ups.none()
    region = region_of(user)
    if region is None:
        return follow_ups.none()
    return follow_ups.filter(Q(region=region) | Q(region=None))


def open_follow_ups_for(user: User) -> QuerySet[FollowUp]:
    return follow_ups_visible_to(user).filter(closed_at=None).order_by("due_date", "pk")


def updates_visible_to(user: User, follow_up: FollowUp) -> QuerySet[FollowUpUpdate]:
    updates = follow_up.updates.select_related("author", "region")
    if sees_all_regions(user):
        return updates
    if role_of(user) == Role.PARTNER:
        return updates.filter(region=None, agency=agency_of(user) or "-")
    return updates.filter(region=region_of(user))
