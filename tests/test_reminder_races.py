"""Two beat runs at the same instant, with real threads on PostgreSQL: one reminder per slot still."""

import datetime as dt
import threading

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection

from notifications import events
from notifications.models import Notification
from reports.models import WITA
from tests.factories import drop_sessions_after

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql", reason="needs PostgreSQL"
    ),
]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_schedule_runs_at_the_same_instant_send_each_reminder_once(demo, settings):
    settings.NOTIFY_CHANNELS = ["email"]
    drop_sessions_after(demo)
    now = dt.datetime(2024, 11, 17, 16, 1, tzinfo=WITA)
    start = threading.Barrier(2)
    counts = []

    def beat() -> None:
        start.wait()
        try:
            counts.append(events.send_due_reminders(now))
        finally:
            connection.close()

    threads = [threading.Thread(target=beat) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sum(counts) == 3
    assert sorted(m.to[0] for m in mail.outbox) == [
        "operator.kubar@desk.kaltimprov.go.id",
        "operator.kutim@desk.kaltimprov.go.id",
        "operator.samarinda@desk.kaltimprov.go.id",
    ]
    assert Notification.objects.count() == 3
