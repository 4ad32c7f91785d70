"""The desk's present moment: when a report counts as late, which rakor is this week's, the date a
letter is signed, which reminders are due and when an incident may have happened.

It is the real clock, except in the demo (``DEMO_TODAY``, refused in production), where the date is
the demo's and the time of day the real one: the demo's 18 November 2024 letter is then dated
18 November 2024, and the reminders and deadlines read as that week's. Only the desk's calendar
reads this clock; sessions, login throttling, certificates and mail retries keep the real one.
"""

import datetime as dt

from django.conf import settings
from django.utils import timezone


def now() -> dt.datetime:
    real = timezone.localtime(timezone.now())
    today: dt.date | None = settings.DEMO_TODAY
    if today is None:
        return real
    return real.replace(year=today.year, month=today.month, day=today.day)


def localdate() -> dt.date:
    return timezone.localtime(now()).date()
