"""Import accounts from a CSV or XLSX file: a dry run by default, ``--simpan`` to create them (only when the
file has no error). See ``regions.accounts_import`` for the columns."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from regions import accounts_import
from reports.models import FollowUp


class Command(BaseCommand):
    help = (
        "Impor akun dari berkas CSV/XLSX (username, nama, email, peran, wilayah, ponsel); "
        "uji coba kecuali --simpan."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--simpan", action="store_true", help="Buat akunnya (bila tidak ada galat).")

    def handle(self, *args: Any, file: Path, simpan: bool, **options: Any) -> None:
        with translation.override(settings.LANGUAGE_CODE):
            try:
                plan = accounts_import.read(file.name, file.read_bytes())
            except Exception as exc:  # noqa: BLE001 - whatever the file is, the admin reads why
                raise CommandError(_("Berkas tidak dapat dibaca: %(error)s") % {"error": exc}) from exc
            for row in plan.rows:
                where = row.region or (FollowUp.Agency(row.agency).label if row.agency else "")
                suffix = f" — {where}" if where else ""
                self.stdout.write(f"{row.username} ({row.role.label}{suffix})")
            for error in plan.errors:
                self.stdout.write(self.style.ERROR(error))
            if plan.errors:
                errors = ngettext(
                    "%(count)s galat; tidak ada akun yang dibuat. Perbaiki berkasnya lalu ulangi.",
                    "%(count)s galat; tidak ada akun yang dibuat. Perbaiki berkasnya lalu ulangi.",
                    len(plan.errors),
                )
                raise CommandError(errors % {"count": len(plan.errors)})
            if not simpan:
                would = ngettext(
                    "Uji coba: %(count)s akun akan dibuat. Jalankan dengan --simpan untuk membuatnya.",
                    "Uji coba: %(count)s akun akan dibuat. Jalankan dengan --simpan untuk membuatnya.",
                    len(plan.rows),
                )
                self.stdout.write(would % {"count": len(plan.rows)})
                return
            for username, password in accounts_import.create(plan).items():
                self.stdout.write(
                    _("%(username)s: kata sandi awal %(password)s")
                    % {"username": username, "password": password}
                )
            made = ngettext("%(count)s akun dibuat.", "%(count)s akun dibuat.", len(plan.rows))
            self.stdout.write(self.style.SUCCESS(made % {"count": len(plan.rows)}))
