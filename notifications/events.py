"""The events that notify, and their words (always in Bahasa Indonesia, the desk's language).

A region that has not reported is reminded by the secretariat's button or by the admin's schedule
(``send_due_reminders``, run by Celery beat); an operator is told when their report is returned or
accepted and when a follow-up is assigned to their region; a partner agency's accounts are told when
a follow-up is assigned to their agency; the secretariat is told at once of an urgent incident.
"""

import datetime as dt
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth.models import User
from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from accounts.access import Role, region_of
from deskpilkada import clock
from notifications.models import Notification, ReminderSlot
from notifications.sending import notify
from regions.models import Region
from reports.models import FollowUp, RakorSession, ReadinessReport

if TYPE_CHECKING:
    from incidents.models import Incident


def operators_of(region: Region | None) -> QuerySet[User]:
    """The active operators of ``region`` (of every region when None), with their contacts."""
    users = User.objects.filter(is_active=True, groups__name=Role.OPERATOR.value, membership__isnull=False)
    if region is not None:
        users = users.filter(membership__region=region)
    return users.select_related("contact").order_by("username").distinct()


def partners_of(agency: str) -> QuerySet[User]:
    """The active accounts of a partner agency (Mitra), with their contacts."""
    users = User.objects.filter(
        is_active=True, groups__name=Role.PARTNER.value, agency_membership__agency=agency
    )
    return users.select_related("contact").order_by("username").distinct()


def secretariat_members() -> QuerySet[User]:
    """The active accounts of the provincial secretariat, with their contacts."""
    users = User.objects.filter(is_active=True, groups__name=Role.SECRETARIAT.value)
    return users.select_related("contact").order_by("username").distinct()


def missing_regions(session: RakorSession) -> QuerySet[Region]:
    """Regions without a sent report for ``session`` (a draft counts as not sent)."""
    sent = ReadinessReport.objects.filter(session=session, region=OuterRef("pk")).exclude(
        status=ReadinessReport.Status.DRAFT
    )
    return Region.objects.annotate(sent=Exists(sent)).filter(sent=False)


def _url(path: str) -> str:
    return settings.SITE_URL + path


def reminder_text(session: RakorSession, region: Region) -> str:
    """The reminder's words, also prefilled in the desk user's WhatsApp link."""
    with translation.override(settings.LANGUAGE_CODE):
        deadline = formats.date_format(timezone.localtime(session.deadline), "l, j F Y, H.i")
        return _(
            "Yth. Operator %(region)s, laporan kesiapan %(region)s untuk %(session)s belum dikirim. "
            "Batas waktunya %(deadline)s WITA. Mohon buka Desk Pilkada, periksa isian, lalu kirim: %(url)s"
        ) % {
            "region": region,
            "session": session,
            "deadline": deadline,
            "url": _url(reverse("reports:report_form")),
        }


def remind(
    session: RakorSession, region: Region, *, sent_by: User | None = None, slot: ReminderSlot | None = None
) -> list[Notification]:
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Pengingat: laporan Desk Pilkada %(region)s untuk rakor %(date)s") % {
            "region": region,
            "date": formats.date_format(session.date, "j F Y"),
        }
    return notify(
        operators_of(region),
        event=Notification.Event.REMINDER,
        subject=subject,
        message=reminder_text(session, region),
        link=reverse("reports:report_form"),
        region=region,
        session=session,
        slot=slot,
        sent_by=sent_by,
    )


def remind_missing(
    session: RakorSession, *, sent_by: User | None = None, slot: ReminderSlot | None = None
) -> int:
    """Remind every region that has not reported; the number of regions reminded."""
    return sum(
        bool(remind(session, region, sent_by=sent_by, slot=slot)) for region in missing_regions(session)
    )


def due_slot(session: RakorSession, now: dt.datetime) -> ReminderSlot | None:
    """The latest active slot that has come for ``session`` before its deadline (an earlier slot that
    was missed is not sent late once a later one is due)."""
    due = [slot for slot in ReminderSlot.objects.filter(active=True) if slot.moment(session) <= now]
    return max(due, key=lambda slot: slot.moment(session), default=None)


def send_due_reminders(now: dt.datetime | None = None) -> int:
    """What beat runs every few minutes: for each open session whose deadline is still ahead, the due
    slot's reminders, once per slot. Returns the number of regions reminded by this run."""
    now = now or clock.now()
    sessions = RakorSession.objects.filter(
        forwarded_at=None, deadline__gt=now, deadline__lte=now + dt.timedelta(days=8)
    )
    reminded = 0
    for session in sessions:
        slot = due_slot(session, now)
        if slot is not None:
            reminded += remind_missing(session, slot=slot)
    return reminded


def report_reviewed(report: ReadinessReport) -> list[Notification]:
    """Tell the region's operators that their report was accepted or returned, with the comment."""
    accepted = report.status == ReadinessReport.Status.ACCEPTED
    with translation.override(settings.LANGUAGE_CODE):
        words = {
            "region": report.region,
            "session": report.session,
            "url": _url(reverse("reports:session_report", args=[report.session_id])),
        }
        # A review without a note says nothing about a note rather than quoting an empty one.
        comment = report.reviewer_comment
        note = _("Catatan pemeriksa: “%(comment)s”. ") % {"comment": comment} if comment else ""
        if accepted:
            subject = _("Laporan %(region)s untuk %(session)s diterima") % words
            said = _("Laporan %(region)s untuk %(session)s diterima oleh sekretariat. ") % words
            message = f"{said}{note}{words['url']}"
        else:
            subject = _("Laporan %(region)s untuk %(session)s dikembalikan") % words
            said = (
                _("Laporan %(region)s untuk %(session)s dikembalikan oleh sekretariat untuk diperbaiki. ")
                % words
            )
            message = f"{said}{note}" + _("Perbaiki lalu kirim kembali: %(url)s") % words
    return notify(
        operators_of(report.region),
        event=Notification.Event.REPORT_ACCEPTED if accepted else Notification.Event.REPORT_RETURNED,
        subject=subject,
        message=message,
        link=reverse("reports:session_report", args=[report.session_id]),
        region=report.region,
        session=report.session,
        sent_by=report.reviewed_by,
    )


def follow_up_assigned(follow_up: FollowUp) -> list[Notification]:
    """Tell the operators of the follow-up's region (of every region when it has none) and the
    accounts of the agency it is assigned to."""
    link = reverse("notifications:follow_up", args=[follow_up.pk])
    with translation.override(settings.LANGUAGE_CODE):
        words = {
            "title": follow_up.title,
            "agency": follow_up.get_agency_display(),
            "due": formats.date_format(follow_up.due_date, "j F Y"),
            "url": _url(link),
        }
        subject = _("Tindak lanjut baru: %(title)s") % words
        message = (
            _(
                "Tindak lanjut dari rakor: “%(title)s”. Penanggung jawab %(agency)s, tenggat %(due)s. "
                "Kabarkan perkembangannya di Desk Pilkada: %(url)s"
            )
            % words
        )
    regions = [follow_up.region] if follow_up.region_id else list(Region.objects.all())
    written = []
    for region in regions:
        written += notify(
            operators_of(region),
            event=Notification.Event.FOLLOW_UP,
            subject=subject,
            message=message,
            link=link,
            region=region,
            session=follow_up.session,
            sent_by=follow_up.created_by,
        )
    written += notify(
        partners_of(follow_up.agency),
        event=Notification.Event.FOLLOW_UP,
        subject=subject,
        message=message,
        link=link,
        region=follow_up.region,
        session=follow_up.session,
        sent_by=follow_up.created_by,
    )
    return written


def incident_urgent(incident: "Incident") -> list[Notification]:
    """Tell the secretariat at once that a region reported an urgent (darurat) incident."""
    link = incident.get_absolute_url()
    with translation.override(settings.LANGUAGE_CODE):
        words = {
            "kind": incident.get_kind_display(),
            "region": incident.region,
            "kecamatan": incident.kecamatan.name,
            "place": f", {incident.place}" if incident.place else "",
            "when": formats.date_format(incident.occurred_local, "j F Y, H.i"),
            "what": incident.description[:300],
            "url": _url(link),
        }
        subject = _("Kejadian darurat di %(region)s: %(kind)s") % words
        message = (
            _(
                "Kejadian darurat (%(kind)s) di Kecamatan %(kecamatan)s%(place)s, %(region)s, pada %(when)s "
                "WITA: %(what)s Lihat dan tangani di Desk Pilkada: %(url)s"
            )
            % words
        )
    return notify(
        secretariat_members(),
        event=Notification.Event.URGENT_INCIDENT,
        subject=subject,
        message=message,
        link=link,
        region=incident.region,
        sent_by=incident.reported_by,
    )


def queued_report_refused(
    user: User, reasons: list[str], path: str, session: RakorSession | None = None
) -> list[Notification]:
    """Tell a user that a report kept on their device and sent when the connection returned was
    refused by the server, and why: they believed it sent."""
    with translation.override(settings.LANGUAGE_CODE):
        words = {"reasons": "; ".join(reasons)[:3000], "url": _url(path)}
        subject = _("Laporan dari perangkat ditolak server")
        message = (
            _(
                "Laporan yang tersimpan di perangkat ditolak server: %(reasons)s. Isian Anda tetap "
                "ada di perangkat; perbaiki lalu kirim lagi: %(url)s"
            )
            % words
        )
    return notify(
        [user],
        event=Notification.Event.QUEUED_REFUSED,
        subject=subject,
        message=message,
        link=path,
        region=region_of(user),
        session=session,
    )
