"""What the secretariat records around the reports of a rakor: the attendance and the follow-ups.

Each change holds the rakor's lock (``writes.lock_session``) from the first read to the commit, so
it lands before a forwarding makes the files or is refused with the frozen rakor's message.
"""

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from notifications import events
from reports.models import Attendance, FollowUp, RakorSession
from reports.workflow.writes import lock_session


@transaction.atomic
def record_attendance(session: RakorSession, values: dict[int, tuple[str, str]], user: User) -> None:
    """Keep each region's attendance (region pk -> status, representative) for the rakor."""
    session = lock_session(session)
    now = timezone.now()
    for region_id, (status, representative) in values.items():
        Attendance.objects.update_or_create(
            session=session,
            region_id=region_id,
            defaults={
                "status": status,
                "representative": representative,
                "recorded_by": user,
                "recorded_at": now,
            },
        )


@transaction.atomic
def add_follow_up(session: RakorSession, follow_up: FollowUp, user: User) -> FollowUp:
    """Record a new follow-up (built by the form, not yet saved) as raised at this rakor."""
    follow_up.session = lock_session(session)
    follow_up.created_by = user
    follow_up.save()
    # The region's operators hear of it once it is stored; a failed notice never undoes it.
    transaction.on_commit(lambda: events.follow_up_assigned(follow_up), robust=True)
    return follow_up


@transaction.atomic
def close_follow_up(session: RakorSession, follow_up: FollowUp, user: User, note: str) -> bool:
    """Close a follow-up at this rakor (it may have been raised at an earlier one); False when it
    was already closed, so that a second click changes nothing."""
    lock_session(session)
    current = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
    if current.closed_at is not None:
        return False
    current.closed_at, current.closed_by, current.closing_note = timezone.now(), user, note.strip()
    current.save(update_fields=["closed_at", "closed_by", "closing_note"])
    return True
