"""Write a backup of the database: ``pg_dump -Fc`` on PostgreSQL, an SQLite copy otherwise.

``--directory`` and ``--keep-days`` serve the server's nightly timer (docs/deploy.md): each run
writes a new file there, and once it is written deletes this command's files older than the given
number of days, never the one just made, so a run of failed nights leaves the last good copies.
"""

import datetime as dt
import os
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.utils import timezone

PREFIX = "deskpilkada-"
EXTENSIONS = {"postgresql": "dump", "sqlite": "sqlite3"}


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


def expired(directory: Path, keep_days: int, now: dt.datetime) -> list[Path]:
    """This command's backups in ``directory`` last written more than ``keep_days`` days ago."""
    limit = (now - dt.timedelta(days=keep_days)).timestamp()
    return sorted(
        path
        for extension in EXTENSIONS.values()
        for path in directory.glob(f"{PREFIX}*.{extension}")
        if path.stat().st_mtime < limit
    )


class Command(BaseCommand):
    help = "Cadangkan basis data ke sebuah berkas (pg_dump -Fc untuk PostgreSQL, salinan SQLite)."
    # A backup must not wait on an unrelated configuration warning (e.g. no node_modules on a server).
    requires_system_checks = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output", help="berkas tujuan (bawaan: <direktori>/deskpilkada-<waktu>.<jenis>)"
        )
        parser.add_argument("--directory", default="backups", help="direktori cadangan (bawaan: backups)")
        parser.add_argument(
            "--keep-days",
            type=int,
            help="sesudah mencadangkan, hapus cadangan di direktori itu yang lebih tua dari sekian hari",
        )

    def handle(
        self,
        *args: Any,
        output: str | None = None,
        directory: str = "backups",
        keep_days: int | None = None,
        **options: Any,
    ) -> None:
        if keep_days is not None and keep_days < 1:
            raise CommandError("--keep-days paling sedikit 1.")
        vendor = connection.vendor
        if vendor not in EXTENSIONS:
            raise CommandError(f"Basis data {vendor} tidak didukung.")
        if output is None:
            stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
            output = str(Path(directory) / f"{PREFIX}{stamp}.{EXTENSIONS[vendor]}")
        path = Path(output)
        path.parent.mkdir(parents=True, exist_ok=True)
        if vendor == "postgresql":
            options_, env = postgres_environment()
            name = settings.DATABASES["default"]["NAME"]
            run(["pg_dump", "--format=custom", "--no-owner", *options_, "--file", str(path), name], env)
        else:
            # SQLite's online backup: a consistent copy even while the application writes.
            connection.ensure_connection()
            with sqlite3.connect(path) as target:
                connection.connection.backup(target)
            target.close()
        self.stdout.write(str(path))
        if keep_days is not None:
            for old in expired(Path(directory), keep_days, timezone.now()):
                if old.resolve() != path.resolve():
                    old.unlink()
                    self.stdout.write(f"Dihapus (lebih dari {keep_days} hari): {old}")
