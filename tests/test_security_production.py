"""Production mode: the deploy checks pass, real responses carry the security headers and cookie
flags, the error pages are in Bahasa Indonesia without a traceback, logs are JSON on stdout, and
while the database is down a page answers 503."""

import json
import logging
import re
import subprocess
import sys
from http.cookies import SimpleCookie
from unittest import mock
from urllib.parse import urlencode

import pytest
from django.db import OperationalError
from django.test import Client
from django.urls import reverse

from deskpilkada.logging import JsonFormatter
from tests.production import ROOT, fetch, gunicorn, json_lines, manage, production_env

HTTPS = {"X-Forwarded-Proto": "https"}
pytestmark = pytest.mark.slow


def test_production_settings_pass_the_deploy_checks(tmp_path):
    env = production_env(f"sqlite:///{tmp_path / 'check.sqlite3'}", SECURE_SSL_REDIRECT="true")
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = production_env(f"sqlite:///{tmp_path / 'check.sqlite3'}", SECRET_KEY="")
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """gunicorn in production mode over a demo SQLite database, and its log."""
    folder = tmp_path_factory.mktemp("production")
    env = production_env(f"sqlite:///{folder / 'desk.sqlite3'}")
    manage("migrate", "--noinput", env=env)
    manage("seed_demo", env={**env, "DJANGO_ENV": "development"})  # refused in production mode
    log = folder / "gunicorn.log"
    with gunicorn(env, log) as base:
        yield base, log


def cookies_of(headers) -> SimpleCookie:
    jar = SimpleCookie()
    for value in headers.get_all("Set-Cookie") or []:
        jar.load(value)
    return jar


def test_pages_carry_the_security_headers(server):
    base, _ = server
    status, headers, body = fetch(f"{base}/akun/login/", headers=HTTPS)
    assert status == 200
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    policy = headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
    assert "<script>" not in body and " style=" not in body


def test_static_files_are_cached_for_a_year_and_pages_not_at_all(server):
    base, _ = server
    _, page_headers, body = fetch(f"{base}/akun/login/", headers=HTTPS)
    assert {"private", "no-store"} <= {part.strip() for part in page_headers["Cache-Control"].split(",")}
    stylesheet = re.search(r'href="(/static/[^"]+\.[0-9a-f]{12}\.css)"', body).group(1)
    status, headers, _ = fetch(f"{base}{stylesheet}", headers=HTTPS)
    assert status == 200
    assert headers["Cache-Control"] == "max-age=315360000, public, immutable"


def test_only_the_admin_may_use_inline_styles(server):
    base, _ = server
    _, headers, _ = fetch(f"{base}/admin/login/", headers=HTTPS)
    policy = dict(part.strip().split(" ", 1) for part in headers["Content-Security-Policy"].split(";"))
    assert policy["style-src"] == "'self' 'unsafe-inline'"
    assert policy["script-src"] == "'self'"


def test_cookies_are_host_only_secure_and_same_site(server):
    base, _ = server
    _, headers, body = fetch(f"{base}/akun/login/", headers=HTTPS)
    csrf = cookies_of(headers)["__Host-csrftoken"]
    assert csrf["secure"] and csrf["path"] == "/" and not csrf["domain"]
    assert csrf["samesite"] == "Lax"
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
    form = urlencode({"username": "sekretariat", "password": "DeskKaltim2024!", "csrfmiddlewaretoken": token})
    status, headers, _ = fetch(
        f"{base}/akun/login/",
        data=form.encode(),
        headers={
            **HTTPS,
            "Cookie": f"__Host-csrftoken={csrf.value}",
            "Referer": base.replace("http:", "https:") + reverse("login"),
            "Content-Type": "application/x-www-form-urlencoded",
        },
    )
    assert status == 302
    session = cookies_of(headers)["__Host-sessionid"]
    assert session["secure"] and session["httponly"] and session["path"] == "/" and not session["domain"]
    assert session["samesite"] == "Lax"


def test_error_pages_are_in_bahasa_indonesia_without_a_traceback(server):
    base, _ = server
    status, _, body = fetch(f"{base}/tidak-ada/", headers=HTTPS)
    assert status == 404
    assert "Halaman tidak ditemukan" in body
    status, _, body = fetch(f"{base}/akun/login/", headers={**HTTPS, "Host": "penyusup.example"})
    assert status == 400
    assert "Permintaan tidak dapat diproses" in body
    assert "Traceback" not in body and "DisallowedHost" not in body


def test_logs_are_one_json_object_per_line_on_stdout(server):
    base, log = server
    fetch(f'{base}/tidak-ada-"kutip"/', headers=HTTPS)
    entries = json_lines(log)
    assert any(entry["logger"] == "django.request" and "kutip" in entry["message"] for entry in entries)


def test_json_formatter_survives_quotes_newlines_and_exceptions():
    record = logging.LogRecord("desk", logging.ERROR, __file__, 1, 'kata "kutip"\nbaris %s', ("dua",), None)
    try:
        raise ValueError("rusak")
    except ValueError:
        record.exc_info = sys.exc_info()
    entry = json.loads(JsonFormatter().format(record))
    assert entry["message"] == 'kata "kutip"\nbaris dua'
    assert "ValueError: rusak" in entry["exception"]


def test_while_the_database_is_down_a_page_answers_503_without_touching_it(operator):
    client = Client(raise_request_exception=False)
    client.force_login(operator)
    with (
        mock.patch(
            "django.db.backends.base.base.BaseDatabaseWrapper.ensure_connection",
            side_effect=OperationalError("connection refused"),
        ),
        mock.patch(
            "django.db.backends.base.base.BaseDatabaseWrapper.cursor", side_effect=OperationalError("down")
        ),
    ):
        response = client.get(reverse("password_change"))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Layanan sedang tidak tersedia" in response.content.decode()


def test_an_unexpected_error_answers_a_500_page_without_a_traceback(operator):
    client = Client(raise_request_exception=False)
    client.force_login(operator)
    with mock.patch("reports.views.home.role_of", side_effect=RuntimeError("rahasia internal")):
        response = client.get(reverse("home"))
    assert response.status_code == 500
    body = response.content.decode()
    assert "Terjadi gangguan" in body
    assert "rahasia internal" not in body and "Traceback" not in body
