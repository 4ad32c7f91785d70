"""Surviving database faults against a real gunicorn: after PostgreSQL restarts, the next request
succeeds without restarting gunicorn; while it is down, pages and /healthz answer 503 within
seconds. The test stops and starts a PostgreSQL cluster of its own (initdb into a temporary folder,
on a port the system picks), so the shared server and every other connection stay untouched."""

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from glob import glob
from pathlib import Path

import pytest

from tests.production import HOST, fetch, free_port, gunicorn, manage, production_env


def postgresql_program(name: str) -> str | None:
    """A PostgreSQL server program: on the PATH, or in Debian's versioned folder."""
    versioned = sorted(glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    return shutil.which(name) or next(iter(versioned), None)


INITDB, PG_CTL = postgresql_program("initdb"), postgresql_program("pg_ctl")

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.slow,
    pytest.mark.skipif(INITDB is None or PG_CTL is None, reason="needs PostgreSQL's initdb and pg_ctl"),
]

PAGE = "/akun/password_change/"


class Cluster:
    """A throwaway PostgreSQL cluster. PostgreSQL refuses to run as root, so as root its programs
    run as the ``postgres`` user, who then owns the folder."""

    def __init__(self, folder: Path, port: int) -> None:
        self.folder, self.port = folder, port
        self.as_owner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def run(self, *command: str, check: bool = True) -> None:
        subprocess.run([*self.as_owner, *command], check=check, capture_output=True, timeout=60)

    def create(self) -> None:
        if self.as_owner:
            shutil.chown(self.folder, "postgres")
        self.run(INITDB, "-D", str(self.folder / "data"), "-U", "postgres", "-A", "trust", "--no-sync")

    def pg_ctl(self, action: str, check: bool = True) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses={HOST} -c fsync=off"
        data, log = str(self.folder / "data"), str(self.folder / "server.log")
        self.run(PG_CTL, action, "-D", data, "-o", options, "-l", log, "-m", "fast", "-w", check=check)

    @property
    def url(self) -> str:
        return f"postgres://postgres@{HOST}:{self.port}/postgres"


@pytest.fixture
def cluster() -> Iterator[Cluster]:
    folder = Path(tempfile.mkdtemp(prefix="deskpilkada-faults-"))
    cluster = Cluster(folder, free_port())
    try:
        cluster.create()
        cluster.pg_ctl("start")
        yield cluster
    finally:
        cluster.pg_ctl("stop", check=False)  # fails harmlessly if it is not running
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def database(cluster: Cluster) -> tuple[dict, str]:
    """The production environment on the cluster, migrated, with one logged-in session:
    (environment, session key)."""
    env = production_env(cluster.url)
    manage("migrate", "--noinput", env=env)
    key = manage(
        "shell",
        "-c",
        "from django.contrib.auth.models import User; from django.test import Client; "
        "c = Client(); c.force_login(User.objects.create_user('sekretariat', password='x')); "
        "print(c.session.session_key)",
        env=env,
    ).stdout.split()[-1]
    return env, key


def timed(url: str, **kwargs) -> tuple[int, str, float]:
    start = time.monotonic()
    status, _, body = fetch(url, **kwargs)
    return status, body, time.monotonic() - start


def test_gunicorn_survives_a_postgresql_restart_and_answers_503_while_it_is_down(cluster, database, tmp_path):
    env, key = database
    cookie = {"Cookie": f"__Host-sessionid={key}", "X-Forwarded-Proto": "https"}
    with gunicorn(env, tmp_path / "gunicorn.log") as base:
        assert fetch(f"{base}/healthz")[0] == 200
        assert fetch(f"{base}{PAGE}", headers=cookie)[0] == 200

        cluster.pg_ctl("restart")
        status, _, seconds = timed(f"{base}{PAGE}", headers=cookie)
        assert status == 200, "the first request after the restart failed"
        assert fetch(f"{base}/healthz")[0] == 200

        cluster.pg_ctl("stop")
        status, body, seconds = timed(f"{base}{PAGE}", headers=cookie, timeout=10)
        assert (status, seconds < 5) == (503, True), f"{status} after {seconds:.2f} s"
        assert "Layanan sedang tidak tersedia" in body
        status, body, seconds = timed(f"{base}/healthz", timeout=10)
        assert (status, seconds < 5) == (503, True), f"{status} after {seconds:.2f} s"
        print(f"503 while PostgreSQL is down: page and /healthz each within {seconds:.2f} s")
