"""Replace the database with a backup made by ``manage.py backup``."""

import sqlite3
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from reports.management.commands.backup import postgres_environment, run


class Command(BaseCommand):
    help = "Pulihkan basis data dari berkas cadangan; isi basis data sekarang diganti."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--noinput", action="store_true", help="tanpa meminta konfirmasi")

    def handle(self, *args, file, noinput=False, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Berkas {path} tidak ada.")
        name = settings.DATABASES["default"]["NAME"]
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
