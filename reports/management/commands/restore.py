"""Replace the database with a backup made by ``manage.py backup``.

Everything in the database goes back to the moment of the backup, which includes more than the
desk's reports: the login sessions and the login locks live there too. The command says so before
it asks, and prints it under ``--noinput`` as well, so a scripted restore leaves the same record.
"""

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from reports.brief.words import moment
from reports.management.commands.backup import postgres_environment, run

ROLLED_BACK = """\
Pemulihan mengganti SELURUH isi basis data {name} dengan {path} (berkas bertanggal {when}).
Semua kembali ke keadaan saat cadangan itu dibuat:
  - setiap perubahan sesudahnya hilang: laporan, pemeriksaan, kehadiran, tindak lanjut,
    naskah laporan ke Mendagri dan riwayat perubahannya, pengguna, kata sandi dan peran;
  - sesi masuk: sesi yang dibuka sesudahnya berakhir (penggunanya masuk lagi), dan sesi yang
    diakhiri sesudahnya (keluar, ganti kata sandi) berlaku lagi sampai batas waktunya;
  - kunci masuk: kunci dan percobaan gagal sesudahnya hilang, yang tercatat saat itu kembali.
Hentikan aplikasi lebih dulu (lihat docs/deploy.md)."""


class Command(BaseCommand):
    help = (
        "Pulihkan basis data dari berkas cadangan; seluruh isinya, termasuk sesi masuk dan kunci "
        "masuk, kembali ke saat cadangan dibuat."
    )
    # A restore must not wait on an unrelated configuration warning (e.g. no node_modules on a server).
    requires_system_checks = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--noinput", action="store_true", help="tanpa meminta konfirmasi")

    def handle(self, *args: Any, file: str, noinput: bool = False, **options: Any) -> None:
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Berkas {path} tidak ada.")
        name = settings.DATABASES["default"]["NAME"]
        written = dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.UTC)
        when = moment(written)
        self.stdout.write(ROLLED_BACK.format(name=name, path=path, when=when))
        self.stdout.flush()
        if not noinput and input(f"Ganti seluruh isi basis data {name} dengan {path}? [ya/tidak] ") != "ya":
            raise CommandError("Dibatalkan.")
        vendor = connection.vendor
        if vendor == "postgresql":
            connection.close()
            options_, env = postgres_environment()
            command = ["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction"]
            run([*command, *options_, "--dbname", name, str(path)], env)
        elif vendor == "sqlite":
            connection.ensure_connection()
            with sqlite3.connect(path) as source:
                source.backup(connection.connection)
            source.close()
        else:
            raise CommandError(f"Basis data {vendor} tidak didukung.")
        self.stdout.write(f"Dipulihkan dari {path}")
