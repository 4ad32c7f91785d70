"""The Celery tasks: deliver one recorded notification, and (run by beat) the due reminders.

``shared_task`` binds to the project's Celery app (deskpilkada/celery.py); without a broker it runs
each task at once.
"""

from celery import shared_task

from notifications import events
from notifications.sending import deliver_now, redispatch_stale


@shared_task(name="notifications.deliver")
def deliver(notification_id: int) -> str | None:
    return deliver_now(notification_id)


@shared_task(name="notifications.redispatch_stale")
def redispatch() -> int:
    """Send again what stayed pending (run by beat)."""
    return redispatch_stale()


@shared_task(name="notifications.send_due_reminders")
def send_due_reminders() -> int:
    """Remind the regions that have not reported when one of the admin's slots is due."""
    return events.send_due_reminders()
