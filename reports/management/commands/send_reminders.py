"""E-mail the operators of every region that has not submitted its report for a session.

Safe to run from cron as often as wanted: a ``Reminder`` row (unique per session, region and
deadline) is written in the same transaction as the mail is sent, so a region gets one reminder per
deadline; if the deadline moves, it gets one more. A failed send rolls its row back and is retried on
the next run.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from regions.models import Membership, Region
from reports.models import RakorSession, ReadinessReport, Reminder


class Command(BaseCommand):
    help = "Kirim e-mail pengingat ke operator wilayah yang belum mengirim laporan untuk rakor SESSION_ID."

    def add_arguments(self, parser):
        parser.add_argument("session_id", type=int, help="ID rakor (lihat halaman administrasi).")

    def handle(self, *args, session_id: int, **options):
        with translation.override(settings.LANGUAGE_CODE):
            session = RakorSession.objects.select_related("election").filter(pk=session_id).first()
            if session is None:
                raise CommandError(_("Rakor dengan ID %(id)s tidak ada.") % {"id": session_id})
            if session.forwarded_at is not None:
                self.stdout.write(
                    _("Rakor %(session)s sudah diteruskan; tidak ada pengingat.") % {"session": session}
                )
                return
            sent = 0
            for region in self.regions_to_remind(session):
                sent += self.remind(session, region)
            done = ngettext("%(count)s pengingat dikirim.", "%(count)s pengingat dikirim.", sent)
            self.stdout.write(self.style.SUCCESS(done % {"count": sent}))

    def regions_to_remind(self, session: RakorSession):
        """Regions without a sent report and without a reminder for this deadline, with their
        active operators who have an e-mail address."""
        submitted = ReadinessReport.objects.filter(session=session, region=OuterRef("pk")).exclude(
            status=ReadinessReport.Status.DRAFT
        )
        reminded = Reminder.objects.filter(session=session, region=OuterRef("pk"), deadline=session.deadline)
        operators = (
            Membership.objects.filter(user__is_active=True).exclude(user__email="").select_related("user")
        )
        return (
            Region.objects.annotate(submitted=Exists(submitted), reminded=Exists(reminded))
            .filter(submitted=False, reminded=False)
            .prefetch_related(Prefetch("memberships", queryset=operators, to_attr="operators"))
        )

    def remind(self, session: RakorSession, region: Region) -> int:
        recipients = sorted({membership.user.email for membership in region.operators})
        if not recipients:
            self.stdout.write(
                self.style.WARNING(
                    _("%(region)s: tidak ada operator dengan alamat e-mail.") % {"region": region}
                )
            )
            return 0
        deadline = formats.date_format(timezone.localtime(session.deadline), "l, j F Y, H.i")
        with transaction.atomic():
            _reminder, created = Reminder.objects.get_or_create(
                session=session,
                region=region,
                deadline=session.deadline,
                defaults={"recipients": ", ".join(recipients)},
            )
            if not created:
                return 0
            send_mail(
                _("Pengingat: laporan Desk Pilkada %(region)s untuk rakor %(date)s")
                % {"region": region, "date": formats.date_format(session.date, "j F Y")},
                _(
                    "Yth. Operator %(region)s,\n\n"
                    "laporan kesiapan %(region)s untuk %(session)s belum dikirim. "
                    "Batas waktunya %(deadline)s WITA. Laporan yang dikirim sesudahnya tetap diterima "
                    "tetapi tercatat terlambat.\n\n"
                    "Silakan masuk ke Desk Pilkada, buka “Laporan minggu ini”, periksa isian minggu lalu, "
                    "lalu kirim.\n\n"
                    "Sekretariat Desk Pilkada %(province)s"
                )
                % {
                    "region": region,
                    "session": session,
                    "deadline": deadline,
                    "province": settings.DESK["PROVINCE"],
                },
                settings.DEFAULT_FROM_EMAIL,
                recipients,
            )
        self.stdout.write(
            _("%(region)s: pengingat dikirim ke %(to)s") % {"region": region, "to": ", ".join(recipients)}
        )
        return 1
