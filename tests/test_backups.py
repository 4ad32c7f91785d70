"""Backups: ``make backup`` writes a dump that, restored into an empty database, gives the same rows."""

import os
import sqlite3
import subprocess
import sys
import time
from io import StringIO
from pathlib import Path

import psycopg2
import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
DJANGO_SQLITE_TYPES = sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES


def fingerprint(raw_connection, tables: list[str]) -> dict[str, list[str]]:
    """Every row of every table, in a stable order."""
    cursor = raw_connection.cursor()
    rows = {}
    for table in tables:
        # PostgreSQL prints a whole row as text, the same whichever client reads it.
        cursor.execute(
            f'SELECT "{table}"::text FROM "{table}"'
            if connection.vendor == "postgresql"
            else f'SELECT * FROM "{table}"'
        )
        rows[table] = sorted(repr(tuple(str(value) for value in row)) for row in cursor.fetchall())
    return rows


def manage(*args: str, database_url: str) -> None:
    env = {**os.environ, "DATABASE_URL": database_url}
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True)


@pytest.fixture
def empty_database(tmp_path):
    """A database URL of the same kind as the test database, empty, and a DB-API opener for it."""
    db = settings.DATABASES["default"]
    if connection.vendor == "sqlite":
        path = tmp_path / "empty.sqlite3"
        # The same type conversions as Django's own SQLite connection.
        yield f"sqlite:///{path}", lambda: sqlite3.connect(path, detect_types=DJANGO_SQLITE_TYPES)
        return
    name = f"{db['NAME']}_restore"
    params = {"host": db["HOST"], "port": db["PORT"] or 5432, "user": db["USER"], "password": db["PASSWORD"]}
    admin = psycopg2.connect(dbname="postgres", **params)
    admin.autocommit = True
    admin.cursor().execute(f'DROP DATABASE IF EXISTS "{name}"')
    admin.cursor().execute(f'CREATE DATABASE "{name}"')
    target = psycopg2.connect(dbname=name, **params)
    yield f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT'] or 5432}/{name}", lambda: target
    target.close()
    admin.cursor().execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_backup_restored_into_an_empty_database_gives_the_same_rows(tmp_path, empty_database):
    call_command("seed_demo", stdout=StringIO())
    tables = connection.introspection.table_names()
    connection.ensure_connection()
    before = fingerprint(connection.connection, tables)
    assert len(before["reports_readinessreport"]) > 0
    assert len(before["reports_historicalreadinessreport"]) > 0

    dump = tmp_path / "backup.dump"
    call_command("backup", output=str(dump), stdout=StringIO())
    assert dump.stat().st_size > 0

    database_url, open_target = empty_database
    manage("restore", str(dump), "--noinput", database_url=database_url)
    target = open_target()
    after = fingerprint(target, tables)
    assert after == before


@pytest.mark.django_db
def test_a_nightly_backup_keeps_the_days_it_is_told_and_deletes_only_its_own_older_files(tmp_path):
    now = time.time()
    old = [tmp_path / "deskpilkada-20241001-023000.dump", tmp_path / "deskpilkada-20241002-023000.sqlite3"]
    recent = tmp_path / "deskpilkada-20241115-023000.dump"
    unrelated = tmp_path / "catatan-server.txt"
    for path, days in [(old[0], 40), (old[1], 31), (recent, 2), (unrelated, 90)]:
        path.write_bytes(b"x")
        os.utime(path, (now - days * 86400, now - days * 86400))

    out = StringIO()
    call_command("backup", directory=str(tmp_path), keep_days=30, stdout=out)
    written = Path(out.getvalue().splitlines()[0])

    assert written.parent == tmp_path and written.stat().st_size > 0
    assert not any(path.exists() for path in old)
    assert recent.exists() and unrelated.exists()
