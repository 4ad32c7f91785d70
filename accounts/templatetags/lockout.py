"""The lock page's "coba lagi pukul 09.12 WITA": the moment the lock ends, as people read a clock.

Axes hands the page the lock's length; the lock runs from the failed attempt that is answering now.
"""

import datetime as dt

from django import template
from django.utils import formats, timezone

register = template.Library()


@register.filter
def retry_at(cool_off: dt.timedelta | None) -> str:
    """The local time (WITA) when a lock of ``cool_off`` starting now ends, e.g. '09.12'."""
    if not cool_off:
        return ""
    return formats.time_format(timezone.localtime(timezone.now() + cool_off), "H.i")
