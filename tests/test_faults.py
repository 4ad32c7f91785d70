"""Surviving database faults, on PostgreSQL against a real gunicorn: after the cluster restarts the
next request succeeds without restarting gunicorn; while it is down, pages and /healthz answer 503
within seconds. Restarting the cluster drops every connection on this machine, so this test runs
once per suite."""

import subprocess
import time
from pathlib import Path

import psycopg2
import pytest
from django.conf import settings
from django.db import connections

from tests.production import fetch, gunicorn, manage, production_env

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql", reason="needs PostgreSQL"
    ),
]

CLUSTER = [next(Path("/etc/postgresql").iterdir()).name if Path("/etc/postgresql").exists() else "15", "main"]
PAGE = "/akun/password_change/"


def cluster(action: str, check: bool = True) -> None:
    subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", *CLUSTER, action], check=check, timeout=60)


def wait_until_ready(db: dict) -> None:
    for _ in range(60):
        probe = subprocess.run(["pg_isready", "-h", db["HOST"], "-p", str(db["PORT"] or 5432), "-q"])
        if probe.returncode == 0:
            return
        time.sleep(0.5)
    raise RuntimeError("PostgreSQL did not come back")


@pytest.fixture
def fault_database():
    """A dedicated database, migrated, with one logged-in session; yields (environment, session key)."""
    db = settings.DATABASES["default"]
    name = f"{db['NAME']}_fault"
    params = {"host": db["HOST"], "port": db["PORT"] or 5432, "user": db["USER"], "password": db["PASSWORD"]}
    admin = psycopg2.connect(dbname="postgres", **params)
    admin.autocommit = True
    admin.cursor().execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.cursor().execute(f'CREATE DATABASE "{name}"')
    admin.close()
    url = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT'] or 5432}/{name}"
    env = production_env(url)
    manage("migrate", "--noinput", env=env)
    key = manage(
        "shell",
        "-c",
        "from django.contrib.auth.models import User; from django.test import Client; "
        "c = Client(); c.force_login(User.objects.create_user('sekretariat', password='x')); "
        "print(c.session.session_key)",
        env=env,
    ).stdout.split()[-1]
    yield env, key
    admin = psycopg2.connect(dbname="postgres", **params)
    admin.autocommit = True
    admin.cursor().execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


def timed(url: str, **kwargs) -> tuple[int, str, float]:
    start = time.monotonic()
    status, _, body = fetch(url, **kwargs)
    return status, body, time.monotonic() - start


def test_gunicorn_survives_a_postgresql_restart_and_answers_503_while_it_is_down(fault_database, tmp_path):
    env, key = fault_database
    db = settings.DATABASES["default"]
    signed_in = {"Cookie": f"__Host-sessionid={key}", "X-Forwarded-Proto": "https"}
    with gunicorn(env, tmp_path / "gunicorn.log") as base:
        try:
            assert fetch(f"{base}/healthz")[0] == 200
            assert fetch(f"{base}{PAGE}", headers=signed_in)[0] == 200

            cluster("restart")
            wait_until_ready(db)
            status, _, seconds = timed(f"{base}{PAGE}", headers=signed_in)
            assert status == 200, "the first request after the restart failed"
            assert fetch(f"{base}/healthz")[0] == 200

            cluster("stop")
            status, body, seconds = timed(f"{base}{PAGE}", headers=signed_in, timeout=10)
            assert (status, seconds < 5) == (503, True), f"{status} after {seconds:.2f} s"
            assert "Layanan sedang tidak tersedia" in body
            status, body, seconds = timed(f"{base}/healthz", timeout=10)
            assert (status, seconds < 5) == (503, True), f"{status} after {seconds:.2f} s"
            print(f"503 while PostgreSQL is down: page and /healthz each within {seconds:.2f} s")
        finally:
            cluster("start", check=False)  # fails harmlessly if it is already running
            wait_until_ready(db)
            connections.close_all()
