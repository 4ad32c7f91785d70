"""What the secretariat records around the reports of a rakor: the attendance and the follow-ups,
and the regions' and agencies' word on a follow-up.

Each change holds the rakor's lock (``writes.lock_session``) from the first read to the commit, so
it lands before a forwarding makes the files or is refused with the frozen rakor's message. A change
the letter shows withdraws a paraf chain that stands (``letter.withdraw_if_changed``): the
attendance of its rakor, a follow-up of every later rakor of the election.
"""

from django.contrib.auth.models import User
from django.db import transaction

from deskpilkada import clock
from notifications import chain as notices
from notifications import events
from notifications.models import FollowUpUpdate
from reports.models import Attendance, FollowUp, RakorSession
from reports.workflow import letter as chain
from reports.workflow.writes import lock_session


@transaction.atomic
def record_attendance(session: RakorSession, values: dict[int, tuple[str, str]], user: User) -> None:
    """Keep each region's attendance (region pk -> status, representative) for the rakor."""
    session = lock_session(session)
    now = clock.now()
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
    chain.withdraw_if_changed(session, user)


@transaction.atomic
def add_follow_up(session: RakorSession, follow_up: FollowUp, user: User) -> FollowUp:
    """Record a new follow-up (built by the form, not yet saved) as raised at this rakor."""
    follow_up.session = lock_session(session)
    follow_up.created_by = user
    follow_up.save()
    chain.withdraw_where_changed(follow_up.session.election, user)
    # The region's operators hear of it once it is stored; a failed notice never undoes it.
    transaction.on_commit(lambda: events.follow_up_assigned(follow_up), robust=True)
    return follow_up


@transaction.atomic
def close_follow_up(session: RakorSession, follow_up: FollowUp, user: User, note: str) -> bool:
    """Close a follow-up at this rakor (it may have been raised at an earlier one); False when it
    was already closed, so that a second click changes nothing."""
    session = lock_session(session)
    current = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
    if current.closed_at is not None:
        return False
    current.closed_at, current.closed_by, current.closing_note = clock.now(), user, note.strip()
    current.save(update_fields=["closed_at", "closed_by", "closing_note"])
    chain.withdraw_where_changed(session.election, user)
    return True


@transaction.atomic
def post_follow_up_update(update: FollowUpUpdate, user: User) -> FollowUpUpdate:
    """Keep a region's or an agency's word on a follow-up (built by the form, not yet saved),
    checking the letters that list the follow-up; the secretariat hears of it once stored."""
    update.save()
    chain.withdraw_where_changed(update.follow_up.session.election, user)
    transaction.on_commit(lambda: notices.follow_up_progress(update), robust=True)
    return update
