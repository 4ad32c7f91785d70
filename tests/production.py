"""A real gunicorn in production mode for the tests that need real responses (headers, cookies,
error pages, faults). Static files are collected as ``make serve`` does, once per test process and
into a folder of its own, so the servers serve this checkout's files as they are now and no other
process (another pytest-xdist worker, whitenoise in the test process) sees the folder change."""

import atexit
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager, suppress
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="desk-static-"))
atexit.register(shutil.rmtree, STATIC_ROOT, ignore_errors=True)


def production_env(database_url: str, **extra: str) -> dict:
    # Browser tests allow Django's ORM in Playwright's event loop for this process; a server must not.
    inherited = {key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return {
        **inherited,
        "DJANGO_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": HOST,
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": database_url,
        "STATIC_ROOT": str(STATIC_ROOT),
        **extra,
    }


def manage(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )


def collect_static(env: dict) -> None:
    """Once per test process, into ``STATIC_ROOT``."""
    if not (STATIC_ROOT / "staticfiles.json").exists():
        manage("collectstatic", "--noinput", "--verbosity", "0", env=env)


def free_port() -> int:
    """A port nothing listens on, chosen by the system, so that test processes running side by
    side (pytest-xdist workers, other checkouts) never pick the same one."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


@contextmanager
def gunicorn(env: dict, log: Path):
    """Yields the base URL of a running gunicorn, its static files collected; stops it afterwards."""
    collect_static(env)
    port = free_port()
    with open(log, "w") as output:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "deskpilkada.wsgi",
                "--bind",
                f"{HOST}:{port}",
                "--workers",
                "1",
            ],
            cwd=ROOT,
            env={**env, "WEB_CONCURRENCY": "1"},
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        base = f"http://{HOST}:{port}"
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                try:
                    urllib.request.urlopen(f"{base}/healthz", timeout=5)
                    break
                except OSError:  # refused, reset or timed out while the worker boots
                    time.sleep(0.2)
            yield base
        finally:
            server.terminate()
            server.wait(timeout=20)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def fetch(url: str, data: bytes | None = None, headers: dict | None = None, timeout: float = 10):
    """(status, headers, body) of one request; errors are answers too."""
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with OPENER.open(request, timeout=timeout) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


class CountingProxy:
    """A TCP relay in front of a server that counts the bytes the server sends: what crosses the
    network, whoever asked (a page, or its service worker, whose requests a page's DevTools
    session does not see). ``address`` is where a browser connects; ``quiet()`` waits for the
    traffic to stop and returns the bytes counted since the last call."""

    def __init__(self, port: int):
        self.upstream = (HOST, port)
        self.received = 0
        self.last = time.monotonic()
        self.lock = threading.Lock()
        self.listener = socket.create_server((HOST, 0))
        self.address = f"http://{HOST}:{self.listener.getsockname()[1]}"
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self) -> None:
        while True:
            try:
                browser, _ = self.listener.accept()
            except OSError:  # closed
                return
            server = socket.create_connection(self.upstream)
            threading.Thread(target=self.relay, args=(browser, server, False), daemon=True).start()
            threading.Thread(target=self.relay, args=(server, browser, True), daemon=True).start()

    def relay(self, source: socket.socket, target: socket.socket, counted: bool) -> None:
        try:
            while data := source.recv(65536):
                with self.lock:
                    self.received += len(data) if counted else 0
                    self.last = time.monotonic()
                target.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, target):
                with suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)

    def quiet(self, for_seconds: float = 1.0, timeout: float = 60) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() - self.last < for_seconds and time.monotonic() < deadline:
            time.sleep(0.1)
        with self.lock:
            counted, self.received = self.received, 0
        return counted

    def close(self) -> None:
        self.listener.close()


def json_lines(log: Path) -> list[dict]:
    lines = []
    for line in log.read_text().splitlines():
        if line.startswith("{"):
            lines.append(json.loads(line))
    return lines
