"""Reminders: the admin's schedule (committed by Celery beat) reminds the regions that have not reported,
once per slot however often it runs; the secretariat's buttons remind one region or all missing ones,
and nobody else may press them."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from notifications import events, tasks
from notifications.models import Notification, ReminderSlot
from regions.models import Region
from reports.models import WITA, RakorSession, ReadinessReport
from tests.factories import drop_sessions_after
from tests.security_data import browser

pytestmark = pytest.mark.django_db

MISSING = [
    "operator.kubar@desk.kaltimprov.go.id",
    "operator.kutim@desk.kaltimprov.go.id",
    "operator.samarinda@desk.kaltimprov.go.id",
]


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    """A moment in November 2024, WITA (the demo's rakor is Monday 18 November, due 08.00)."""
    return dt.datetime(2024, 11, day, hour, minute, tzinfo=WITA)


def recipients() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


@pytest.fixture
def open_demo(demo, settings):
    """The demo's rakor, the last of its election (so it is still open), by e-mail only."""
    settings.NOTIFY_CHANNELS = ["email"]
    drop_sessions_after(demo)
    return demo


def test_the_default_schedule_is_h_minus_1_at_16_and_h_0_at_06(db):
    assert [str(slot) for slot in ReminderSlot.objects.all()] == ["H-1 16.00 WITA", "H-0 06.00 WITA"]


def test_the_schedule_run_twice_for_the_same_slot_sends_once(open_demo, committed):
    assert committed(events.send_due_reminders, at(17, 16, 5)) == 3
    assert recipients() == MISSING
    assert committed(events.send_due_reminders, at(17, 16, 10)) == 0
    assert committed(events.send_due_reminders, at(17, 23, 59)) == 0
    assert recipients() == MISSING
    assert Notification.objects.filter(slot__days_before=1).count() == 3


def test_the_next_slot_reminds_again_and_nothing_goes_before_the_first_or_after_the_deadline(
    open_demo, committed
):
    assert committed(events.send_due_reminders, at(17, 15, 59)) == 0
    assert committed(events.send_due_reminders, at(17, 16, 0)) == 3
    assert committed(events.send_due_reminders, at(18, 6, 0)) == 3
    assert committed(events.send_due_reminders, at(18, 8, 0)) == 0
    assert len(mail.outbox) == 6


def test_a_region_that_reports_between_slots_is_not_reminded_again(open_demo, committed):
    committed(events.send_due_reminders, at(17, 16, 0))
    ReadinessReport.objects.create(
        session=open_demo,
        region=Region.objects.get(kemendagri_code="64.72"),
        status=ReadinessReport.Status.SUBMITTED,
        submitted_at=timezone.now(),
        first_submitted_at=timezone.now(),
    )
    mail.outbox.clear()
    committed(events.send_due_reminders, at(18, 6, 0))
    assert recipients() == MISSING[:2]


def test_a_missed_earlier_slot_is_not_sent_late_once_a_later_one_is_due(open_demo, committed):
    committed(events.send_due_reminders, at(18, 7, 0))
    assert set(Notification.objects.values_list("slot__days_before", flat=True)) == {0}
    assert committed(events.send_due_reminders, at(18, 7, 5)) == 0


def test_an_inactive_slot_sends_nothing(open_demo, committed):
    ReminderSlot.objects.update(active=False)
    assert committed(events.send_due_reminders, at(18, 7, 0)) == 0
    assert mail.outbox == []


def test_the_beat_task_and_the_command_run_the_same_schedule(open_demo, monkeypatch, committed):
    monkeypatch.setattr(timezone, "now", lambda: at(17, 16, 30))
    assert committed(tasks.send_due_reminders.apply).get() == 3
    out = io.StringIO()
    committed(call_command, "send_reminders", stdout=out)
    assert "0 kabupaten/kota diingatkan" in out.getvalue()
    assert recipients() == MISSING


def test_the_command_reminds_a_sessions_missing_regions_at_once(open_demo, committed):
    out = io.StringIO()
    committed(call_command, "send_reminders", "--session", str(open_demo.pk), stdout=out)
    assert "3 kabupaten/kota diingatkan" in out.getvalue()
    assert recipients() == MISSING


def test_the_secretariat_reminds_one_missing_region_from_the_dashboard(open_demo, committed):
    samarinda = Region.objects.get(kemendagri_code="64.72")
    page = (
        browser("sekretariat").get(reverse("reports:dashboard_session", args=[open_demo.pk])).content.decode()
    )
    url = reverse("notifications:remind_region", args=[open_demo.pk, samarinda.pk])
    assert f'action="{url}"' in page
    assert "Ingatkan semua yang belum" in page
    response = committed(browser("sekretariat").post, url, follow=True)
    assert "Pengingat untuk Kota Samarinda dikirim." in response.content.decode()
    assert recipients() == [MISSING[2]]
    row = Notification.objects.get()
    assert (row.sent_by.username, row.slot, row.result) == ("sekretariat", None, "terkirim")


def test_ingatkan_semua_reminds_every_region_that_has_not_reported_and_only_those(open_demo, committed):
    response = committed(
        browser("sekretariat").post, reverse("notifications:remind_all", args=[open_demo.pk]), follow=True
    )
    assert "Pengingat dikirim ke 3 kabupaten/kota yang belum melapor." in response.content.decode()
    assert recipients() == MISSING


def test_a_region_that_has_reported_is_not_reminded_by_the_button(open_demo, committed):
    bontang = Region.objects.get(kemendagri_code="64.74")
    response = committed(
        browser("sekretariat").post,
        reverse("notifications:remind_region", args=[open_demo.pk, bontang.pk]),
        follow=True,
    )
    assert "sudah mengirim laporan" in response.content.decode()
    assert mail.outbox == []


@pytest.mark.parametrize("username", ["sekda", "operator.samarinda", "operator.bontang"])
def test_only_the_secretariat_sends_reminders(open_demo, username, committed):
    samarinda = Region.objects.get(kemendagri_code="64.72")
    client = browser(username)
    assert client.post(reverse("notifications:remind_all", args=[open_demo.pk])).status_code == 403
    assert (
        client.post(reverse("notifications:remind_region", args=[open_demo.pk, samarinda.pk])).status_code
        == 403
    )
    assert not Notification.objects.exists()


def test_leaders_see_the_call_links_but_no_reminder_button(open_demo, committed):
    page = browser("sekda").get(reverse("reports:dashboard_session", args=[open_demo.pk])).content.decode()
    assert 'href="tel:+628125647200"' in page
    assert "Ingatkan semua yang belum" not in page


def test_a_forwarded_session_sends_no_reminder(open_demo, committed):
    RakorSession.objects.filter(pk=open_demo.pk).update(
        signed_off_at=timezone.now(), forwarded_at=timezone.now()
    )
    response = committed(
        browser("sekretariat").post, reverse("notifications:remind_all", args=[open_demo.pk]), follow=True
    )
    assert "sudah diteruskan" in response.content.decode()
    assert committed(events.send_due_reminders, at(18, 7, 0)) == 0
    assert mail.outbox == []


def test_a_missing_regions_page_has_the_reminder_button_for_the_secretariat_only(open_demo):
    samarinda = Region.objects.get(kemendagri_code="64.72")
    bontang = Region.objects.get(kemendagri_code="64.74")
    remind = reverse("notifications:remind_region", args=[open_demo.pk, samarinda.pk])
    page = reverse("reports:region_detail", args=[open_demo.pk, samarinda.pk])
    assert f'action="{remind}"' in browser("sekretariat").get(page).content.decode()
    assert f'action="{remind}"' not in browser("sekda").get(page).content.decode()
    reported = browser("sekretariat").get(reverse("reports:region_detail", args=[open_demo.pk, bontang.pk]))
    assert (
        reverse("notifications:remind_region", args=[open_demo.pk, bontang.pk])
        not in reported.content.decode()
    )
