"""Every write to an incident: reporting it, its updates, its attachments and its follow-up link.

Each runs in one transaction; an urgent incident's notice to the secretariat leaves once the
incident is stored (a failed notice never undoes it). An incident reported or updated concerns every
rakor of its election whose letter stands in its paraf chain: the chain is withdrawn when the
letter's data changed (``letter.withdraw_where_changed``).
"""

from collections.abc import Iterable

from django.contrib.auth.models import User
from django.db import transaction

from deskpilkada import clock
from incidents.files import Prepared
from incidents.models import Attachment, Incident, IncidentAgency, IncidentUpdate, Severity
from notifications import events
from reports.models import Election, FollowUp
from reports.workflow import letter as chain


def current_election() -> Election | None:
    """The election incidents are reported for: the latest one."""
    return Election.objects.order_by("-voting_day").first()


@transaction.atomic
def report(incident: Incident, agencies: Iterable[str], files: Iterable[Prepared], user: User) -> Incident:
    """Store a new incident (built by the form, not yet saved) with its agencies and attachments."""
    incident.reported_by = user
    incident.save()
    for agency in agencies:
        IncidentAgency.objects.create(incident=incident, agency=agency)
    attach(incident, files, user)
    chain.withdraw_where_changed(incident.election, user)
    if incident.severity == Severity.URGENT:
        transaction.on_commit(lambda: events.incident_urgent(incident), robust=True)
    return incident


@transaction.atomic
def add_update(incident: Incident, text: str, status: str, user: User) -> IncidentUpdate:
    """Record what happened since, and move the incident to ``status`` (the same one when unchanged)."""
    locked = Incident.objects.select_for_update().get(pk=incident.pk)
    update = IncidentUpdate.objects.create(
        incident=locked,
        author=user,
        created_at=clock.now(),
        text=text,
        status_before=locked.status,
        status_after=status,
    )
    if status != locked.status:
        locked.status = status
        locked.save(update_fields=["status"])
        chain.withdraw_where_changed(locked.election, user)
    incident.status = status
    return update


@transaction.atomic
def attach(incident: Incident, files: Iterable[Prepared], user: User) -> list[Attachment]:
    """Store checked uploads through the incident storage, in one transaction (within the
    report's when it comes with one)."""
    stored = []
    for prepared in files:
        attachment = Attachment(
            incident=incident,
            kind=prepared.kind,
            name=prepared.name,
            content_type=prepared.content_type,
            size=prepared.content.size,
            uploaded_by=user,
        )
        attachment.file.save(prepared.content.name or "", prepared.content, save=False)
        if prepared.original is not None:
            attachment.original.save(prepared.original.name or "", prepared.original, save=False)
        attachment.save()
        stored.append(attachment)
    return stored


def link_follow_up(incident: Incident, follow_up: FollowUp | None) -> None:
    incident.follow_up = follow_up
    incident.save(update_fields=["follow_up"])
