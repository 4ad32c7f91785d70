"""Write a backup of the database: ``pg_dump -Fc`` on PostgreSQL, an SQLite copy otherwise."""

import os
import sqlite3
import subprocess
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone


def postgres_environment() -> tuple[list[str], dict]:
    """libpq options and environment for pg_dump/pg_restore from the default database settings."""
    db = settings.DATABASES["default"]
    options = ["--host", db.get("HOST") or "localhost", "--port", str(db.get("PORT") or 5432)]
    if db.get("USER"):
        options += ["--username", db["USER"]]
    return options, {"PGPASSWORD": db.get("PASSWORD") or "", "PGCONNECT_TIMEOUT": "10"}


def run(command: list[str], env: dict) -> None:
    result = subprocess.run(command, env={**os.environ, **env}, capture_output=True, text=True)
    if result.returncode != 0:
        raise CommandError(f"{command[0]} gagal: {result.stderr.strip()}")


class Command(BaseCommand):
    help = "Cadangkan basis data ke sebuah berkas (pg_dump -Fc untuk PostgreSQL, salinan SQLite)."

    def add_arguments(self, parser):
        parser.add_argument("--output", help="berkas tujuan (bawaan: backups/deskpilkada-<waktu>.<jenis>)")

    def handle(self, *args, output=None, **options):
        vendor = connection.vendor
        if output is None:
            stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
            output = f"backups/deskpilkada-{stamp}.{'dump' if vendor == 'postgresql' else 'sqlite3'}"
        path = Path(output)
        path.parent.mkdir(parents=True, exist_ok=True)
        if vendor == "postgresql":
            options_, env = postgres_environment()
            name = settings.DATABASES["default"]["NAME"]
            run(["pg_dump", "--format=custom", "--no-owner", *options_, "--file", str(path), name], env)
        elif vendor == "sqlite":
            # SQLite's online backup: a consistent copy even while the application writes.
            connection.ensure_connection()
            with sqlite3.connect(path) as target:
                connection.connection.backup(target)
            target.close()
        else:
            raise CommandError(f"Basis data {vendor} tidak didukung.")
        self.stdout.write(str(path))
