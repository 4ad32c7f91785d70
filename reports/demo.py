"""Erasing the demo, so that ``seed_demo --reset`` (``make demo-reset``) starts over from the demo
as the seed writes it: the 18 November 2024 rakor neither initialled, signed nor forwarded.

What the demo's election gathered goes, in the order its protected foreign keys ask for: incidents
(with their files), letter steps and snapshots, deliveries, numbers and the numbers' register,
forwarded versions, follow-ups, reports, notifications and the sessions. The election itself, its
logistics items, the regions, the accounts and the letter settings stay; the seed writes them again
as it always does. Like the seed, it never runs in production.
"""

from django.db import transaction
from django.db.models import Q

from incidents.models import Attachment, Incident
from notifications.models import Notification
from reports.models import (
    Election,
    FollowUp,
    ForwardedBrief,
    LetterCounter,
    LetterNumber,
    LetterStep,
    RakorSession,
    ReadinessReport,
)


@transaction.atomic
def erase(election: Election) -> None:
    sessions = RakorSession.objects.filter(election=election)
    for attachment in Attachment.objects.filter(incident__election=election):
        attachment.file.delete(save=False)
        if attachment.original:
            attachment.original.delete(save=False)
    Incident.objects.filter(election=election).delete()
    Notification.objects.filter(
        Q(session__in=sessions) | Q(session=None)
    ).delete()  # incident alerts have none
    LetterStep.objects.filter(session__in=sessions).delete()  # with their snapshots
    numbers = LetterNumber.objects.filter(session__in=sessions)
    numbers.update(corrects=None)
    numbers.delete()  # with their deliveries
    LetterCounter.objects.all().delete()  # the demo's numbers start again at 1
    ForwardedBrief.objects.filter(session__in=sessions).delete()
    FollowUp.objects.filter(session__in=sessions).delete()
    ReadinessReport.objects.filter(session__in=sessions).delete()
    sessions.delete()
