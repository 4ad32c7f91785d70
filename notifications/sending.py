"""Recording a notification and handing it to the background: the one way anything is sent.

``notify`` writes one row per person and channel (a person a channel cannot reach gets a failed row
saying why, so the log shows the gap), then, once the caller's transaction commits, hands each
pending row to ``tasks.deliver``. Rows of a reminder slot are unique, so a slot run twice sends once.
"""

import datetime as dt
from collections.abc import Iterable

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from notifications.channels import CHANNELS, DeliveryError, enabled_channels
from notifications.models import Notification, ReminderSlot
from regions.models import Region
from reports.models import RakorSession


def notify(
    recipients: Iterable[User],
    *,
    event: str,
    subject: str,
    message: str,
    link: str = "",
    region: Region | None = None,
    session: RakorSession | None = None,
    slot: ReminderSlot | None = None,
    sent_by: User | None = None,
) -> list[Notification]:
    """Record the message for every recipient and enabled channel; return the rows written (a row
    that already exists for the same reminder slot is not written again)."""
    written = []
    for user in recipients:
        for channel in enabled_channels():
            address = channel.address(user)
            row = Notification(
                recipient=user,
                region=region,
                session=session,
                slot=slot,
                event=event,
                channel=channel.name,
                address=address or "",
                subject=subject[:200],
                message=message[:4000],
                link=link,
                sent_by=sent_by,
            )
            if address is None:
                row.result = Notification.Result.FAILED
                row.error = _("Pengguna ini tidak punya alamat untuk saluran %(channel)s.") % {
                    "channel": row.get_channel_display()
                }
            try:
                with transaction.atomic():
                    row.save()
            except IntegrityError:  # this slot's reminder was already recorded
                continue
            written.append(row)
    pending = [row.pk for row in written if row.result == Notification.Result.PENDING]

    # A broker that cannot be reached leaves the rows pending (the log shows it), never a failed page.
    def dispatch_pending() -> None:
        for pk in pending:
            dispatch(pk)

    transaction.on_commit(dispatch_pending, robust=True)
    return written


def dispatch(notification_id: int) -> None:
    """Send in the background when a Celery broker is configured; without one Celery runs the task
    at once (``CELERY_TASK_ALWAYS_EAGER``: tests, demo)."""
    from notifications.tasks import deliver

    deliver.delay(notification_id)


def redispatch_stale(older_than: dt.timedelta = dt.timedelta(minutes=10)) -> int:
    """Hand rows still pending after ``older_than`` to the background again (a broker that was down,
    a worker that died mid-task); ``deliver_now`` sends each at most once. Returns how many."""
    stale = list(
        Notification.objects.filter(
            result=Notification.Result.PENDING, created_at__lt=timezone.now() - older_than
        ).values_list("pk", flat=True)[:500]
    )
    for pk in stale:
        dispatch(pk)
    return len(stale)


def deliver_now(notification_id: int) -> Notification.Result | None:
    """Send one pending row through its channel and record the result; a row no longer pending
    (already sent by an earlier run of the task) is left alone."""
    with transaction.atomic():
        row = (
            Notification.objects.select_for_update()
            .filter(pk=notification_id, result=Notification.Result.PENDING)
            .first()
        )
        if row is None:
            return None
        row.attempts += 1
        try:
            CHANNELS[row.channel].send(row)
        except DeliveryError as exc:
            row.result, row.error = Notification.Result.FAILED, str(exc)[:500]
        else:
            row.result, row.sent_at = Notification.Result.SENT, timezone.now()
        row.save(update_fields=["attempts", "result", "error", "sent_at"])
        return row.result
