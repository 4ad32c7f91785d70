"""Who may do what with an incident. Who may *see* one is ``Incident.objects.visible_to``; this
module fetches with that rule and adds who may write.

- reporting: an operator for its own region, the secretariat for any region;
- updates and attachments: the secretariat, and the operators of the incident's region;
- linking to a follow-up: the secretariat only;
- leaders and the head of Kesbangpol read every incident; a partner agency reads those it is
  involved in. Neither writes.
"""

from django.contrib.auth.models import AnonymousUser, User
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from accounts.access import Role, is_secretariat, region_of, role_of
from incidents.models import Incident

# Every role that may open the incident pages (what each sees is visible_to's business).
READERS = (Role.OPERATOR, Role.SECRETARIAT, Role.LEADER, Role.HEAD, Role.PARTNER)


def may_report(user: User | AnonymousUser) -> bool:
    return is_secretariat(user) or (role_of(user) == Role.OPERATOR and region_of(user) is not None)


def may_update(user: User | AnonymousUser, incident: Incident) -> bool:
    if is_secretariat(user):
        return True
    region = region_of(user)
    return role_of(user) == Role.OPERATOR and region is not None and region.pk == incident.region_id


def incident_for(request: HttpRequest, pk: int) -> Incident:
    """The incident if the user may see it, else 404 (another region's incident does not exist for
    an operator, whatever URL it types)."""
    incidents = Incident.objects.visible_to(request.user).select_related(
        "region", "kecamatan", "reported_by", "follow_up", "election"
    )
    return get_object_or_404(incidents, pk=pk)
