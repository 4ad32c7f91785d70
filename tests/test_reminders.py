"""`send_reminders` mails the operators of regions that have not submitted, once per deadline."""

import datetime as dt
import io

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from regions.models import Region
from reports.models import WITA, RakorSession, ReadinessReport, Reminder

pytestmark = pytest.mark.django_db


def run(session) -> str:
    out = io.StringIO()
    call_command("send_reminders", str(session.pk), stdout=out)
    return out.getvalue()


def test_only_the_operators_of_the_three_missing_regions_get_a_reminder(demo):
    run(demo)
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == [
        "operator.kubar@desk.kaltimprov.go.id",
        "operator.kutim@desk.kaltimprov.go.id",
        "operator.samarinda@desk.kaltimprov.go.id",
    ]
    message = next(m for m in mail.outbox if "operator.samarinda@desk.kaltimprov.go.id" in m.to)
    assert "Kota Samarinda" in message.subject
    assert "18 November 2024" in message.subject
    assert "08.00 WITA" in message.body
    assert set(Reminder.objects.filter(session=demo).values_list("region__name", flat=True)) == {
        "Samarinda",
        "Kutai Barat",
        "Kutai Timur",
    }


def test_running_it_again_sends_no_duplicate(demo):
    run(demo)
    out = run(demo)
    assert len(mail.outbox) == 3
    assert Reminder.objects.count() == 3
    assert "0 pengingat dikirim" in out


def test_a_moved_deadline_earns_one_more_reminder(demo):
    run(demo)
    demo.deadline = dt.datetime(2024, 11, 18, 12, 0, tzinfo=WITA)
    demo.save()
    run(demo)
    run(demo)
    assert len(mail.outbox) == 6
    assert Reminder.objects.count() == 6


def test_a_region_with_only_a_draft_is_reminded_and_a_submitted_one_is_not(demo):
    samarinda = ReadinessReport.objects.create(session=demo, region=Region.objects.get(name="Samarinda"))
    ReadinessReport.objects.filter(session=demo, region__name="Paser").update(status="returned")
    run(demo)
    names = set(Reminder.objects.values_list("region__name", flat=True))
    assert "Samarinda" in names and "Paser" not in names
    samarinda.status = "submitted"
    samarinda.first_submitted_at = timezone.now()
    samarinda.save()
    Reminder.objects.all().delete()
    mail.outbox.clear()
    run(demo)
    assert "Samarinda" not in set(Reminder.objects.values_list("region__name", flat=True))


def test_operators_without_an_email_or_inactive_are_skipped_and_retried_later(demo):
    User.objects.filter(username="operator.kubar").update(email="")
    User.objects.filter(username="operator.kutim").update(is_active=False)
    out = run(demo)
    assert [m.to for m in mail.outbox] == [["operator.samarinda@desk.kaltimprov.go.id"]]
    assert "tidak ada operator dengan alamat e-mail" in out
    User.objects.filter(username="operator.kubar").update(email="kubar@example.id")
    run(demo)
    assert mail.outbox[-1].to == ["kubar@example.id"]


def test_a_forwarded_session_sends_nothing(demo):
    earlier = RakorSession.objects.get(date=dt.date(2024, 11, 11))
    out = run(earlier)
    assert mail.outbox == []
    assert "sudah diteruskan" in out


def test_an_unknown_session_is_a_clear_error(db):
    with pytest.raises(CommandError, match="tidak ada"):
        call_command("send_reminders", "999999", stdout=io.StringIO())
