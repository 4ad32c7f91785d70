"""Run the reminder schedule now, as Celery beat does every five minutes; or, with ``--session``,
remind every region that has not reported for that rakor at once (as the dashboard's button does).

Safe to run as often as wanted: a scheduled reminder is recorded once per session, region, slot,
channel and person, so a slot run twice sends once.
"""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from notifications import events
from reports.models import RakorSession


class Command(BaseCommand):
    help = (
        "Kirim pengingat terjadwal yang sudah waktunya, atau (--session ID) ingatkan sekarang "
        "semua wilayah yang belum melapor."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--session", type=int, help="ID rakor (lihat halaman administrasi).")

    def handle(self, *args: Any, session: int | None = None, **options: Any) -> None:
        with translation.override(settings.LANGUAGE_CODE):
            if session is None:
                count = events.send_due_reminders()
            else:
                rakor = RakorSession.objects.filter(pk=session, forwarded_at=None).first()
                if rakor is None:
                    raise CommandError(_("Tidak ada rakor terbuka dengan ID %(id)s.") % {"id": session})
                count = events.remind_missing(rakor)
            done = ngettext(
                "%(count)s kabupaten/kota diingatkan.", "%(count)s kabupaten/kota diingatkan.", count
            )
            self.stdout.write(self.style.SUCCESS(done % {"count": count}))
