"""The desk's revision: a counter in the database that every write to what the desk shows moves on,
and the roll-ups each server process keeps for the current revision.

A write to a region, an election or its items, a session, a report or its lines, attendance or a
follow-up registers ``bump`` to run once its transaction commits (``post_save``/``post_delete``;
the few bulk writes, in the seed commands and ``restore``, call ``changed`` or ``bump``
themselves). ``remembered`` serves a value built at the current revision, so a saved report is on
the very next page load: the writer's commit comes before its bump, and a reader that sees the new
revision sees the new rows.

A process keeps what it built for one revision only (at most ``KEPT`` values), in memory, without
pickling; the first request after a write rebuilds. Inside a transaction nothing is remembered or
served, because that transaction may see its own writes before they are counted.
"""

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

from django.db import connection, transaction
from django.db.models import F, Value
from django.db.models.functions import Greatest
from django.db.models.signals import post_delete, post_save

from regions.models import Region
from reports.models import (
    AgendaLine,
    Attendance,
    Election,
    FollowUp,
    LogisticsItem,
    RakorSession,
    ReadinessReport,
    Revision,
    ShortageLine,
)

T = TypeVar("T")
KEPT = 32
SHOWN = (
    Region,
    Election,
    LogisticsItem,
    RakorSession,
    ReadinessReport,
    ShortageLine,
    AgendaLine,
    Attendance,
    FollowUp,
)


def current() -> int | None:
    """The revision now (one query). None inside a transaction, which may see writes of its own
    not counted yet, and when the counter row is missing: then nothing is remembered."""
    if connection.in_atomic_block:
        return None
    return Revision.objects.values_list("value", flat=True).filter(pk=1).first()


def bump(at_least: int = 0) -> None:
    """Moves the revision on, past ``at_least`` too (autocommit: called after the writer's commit,
    it holds no lock)."""
    if not Revision.objects.filter(pk=1).update(value=Greatest(F("value"), Value(at_least)) + 1):
        Revision.objects.get_or_create(pk=1, defaults={"value": at_least + 1})


def changed(**kwargs) -> None:
    """A receiver of ``post_save``/``post_delete``: bump once the transaction commits (once per
    transaction, however many rows it writes)."""
    writer = transaction.get_connection(kwargs.get("using"))
    pending = writer.run_on_commit if writer.in_atomic_block else []
    if not any(callback is bump for _savepoints, callback, _robust in pending):
        transaction.on_commit(bump, using=kwargs.get("using"))


def connect() -> None:
    for model in SHOWN:
        post_save.connect(changed, sender=model, dispatch_uid=f"revision-save-{model.__name__}")
        post_delete.connect(changed, sender=model, dispatch_uid=f"revision-delete-{model.__name__}")


class _Kept:
    """The values this process built at one revision, the most recently used last. A value built at
    a later revision replaces them all; one built at an earlier revision is not kept."""

    def __init__(self):
        self.lock = threading.Lock()
        self.revision: int | None = None
        self.values: OrderedDict = OrderedDict()

    def get(self, revision: int, key: Hashable):
        with self.lock:
            if revision != self.revision:
                return None
            value = self.values.get(key)
            if value is not None:
                self.values.move_to_end(key)
            return value

    def put(self, revision: int, key: Hashable, value) -> None:
        with self.lock:
            if self.revision is None or revision > self.revision:
                self.revision, self.values = revision, OrderedDict()
            if revision < self.revision:
                return
            self.values[key] = value
            while len(self.values) > KEPT:
                self.values.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.revision, self.values = None, OrderedDict()


kept = _Kept()


def remembered(key: Hashable, build: Callable[[], T], *, at: int | None) -> T:
    """``build()``, or the value it gave for ``key`` at revision ``at`` in this process. ``at`` is
    read before anything ``build`` reads (``current()``, or the revision of the summary a value is
    made from), so what is kept under it is never older than it; None: just ``build()``."""
    if at is None:
        return build()
    value = kept.get(at, key)
    if value is None:
        value = build()
        kept.put(at, key, value)
    return value
