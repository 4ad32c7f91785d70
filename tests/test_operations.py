"""What the IT officer runs on the server: ``make backup``/``make restore`` install only the runtime,
a restore says what it rolls back before it asks, ``seed_demo`` is refused in production mode, and
``make demo`` serves on the port it is given."""

import builtins
import io
import secrets
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.production import ROOT, production_env


def planned(*arguments: str) -> str:
    """The commands ``make`` would run for ``arguments`` from scratch (nothing is run)."""
    result = subprocess.run(
        ["make", "--dry-run", "--always-make", "-C", str(ROOT), *arguments],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


@pytest.mark.parametrize("target", ["backup", "restore FILE=backups/deskpilkada.dump"])
def test_make_backup_and_restore_install_the_runtime_requirements_only(target):
    commands = planned(*target.split())
    assert "pip install --quiet -r requirements.txt" in commands
    assert "requirements-dev" not in commands
    assert "npm" not in commands
    assert "manage.py backup" in commands or "manage.py restore" in commands


def test_make_setup_still_installs_the_development_tools_on_top_of_the_runtime():
    commands = planned("setup")
    assert commands.index("-r requirements.txt") < commands.index("-r requirements-dev.txt")
    assert "npm ci" in commands


def test_make_demo_serves_on_the_port_it_is_given_and_8000_by_default():
    assert "runserver 127.0.0.1:8000" in planned("demo")
    commands = planned("demo", "PORT=8871")
    assert "runserver 127.0.0.1:8871" in commands
    assert "http://127.0.0.1:8871" in commands


def test_a_restore_says_what_it_rolls_back_before_it_asks(tmp_path, monkeypatch):
    backup = tmp_path / "deskpilkada-20241118-023000.sqlite3"
    backup.write_bytes(b"")
    out = io.StringIO()
    shown_before_asking = []

    def answer(prompt: str) -> str:
        shown_before_asking.append(out.getvalue())
        return "tidak"

    monkeypatch.setattr(builtins, "input", answer)
    with pytest.raises(CommandError, match="Dibatalkan"):
        call_command("restore", str(backup), stdout=out)
    notice = shown_before_asking[0]
    assert str(backup) in notice
    assert "setiap perubahan sesudahnya hilang" in notice
    assert "sesi masuk" in notice
    assert "kunci masuk" in notice


def test_seed_demo_is_refused_in_production_mode_before_it_touches_the_database(tmp_path):
    database = tmp_path / "production.sqlite3"
    result = subprocess.run(
        [sys.executable, "manage.py", "seed_demo"],
        cwd=ROOT,
        env=production_env(f"sqlite:///{database}"),
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "tidak dijalankan dalam mode produksi" in result.stderr
    assert "Data demo siap" not in result.stdout
    assert not database.exists() or database.stat().st_size == 0


def environment_file() -> dict[str, str]:
    """The variables of deploy/deskpilkada.env, the server's /etc/deskpilkada/env."""
    lines = (ROOT / "deploy" / "deskpilkada.env").read_text().splitlines()
    return dict(line.split("=", 1) for line in lines if line.strip() and not line.startswith("#"))


def test_every_variable_of_the_servers_environment_file_is_read_by_the_desk():
    readers = [
        ROOT / "deskpilkada" / "settings.py",
        ROOT / "gunicorn.conf.py",
        *ROOT.glob("deskpilkada/celery.py"),
    ]
    source = "\n".join(path.read_text() for path in readers)
    # dj_database_url.config() reads DATABASE_URL; Celery reads CELERY_BROKER_URL (app.conf.broker_url).
    by_libraries = {"DATABASE_URL", "CELERY_BROKER_URL"}
    unread = [name for name in environment_file() if f'"{name}"' not in source and name not in by_libraries]
    assert unread == []


def test_the_servers_environment_file_passes_the_deploy_checks(tmp_path):
    database = f"sqlite:///{tmp_path / 'check.sqlite3'}"
    server = {**environment_file(), "SECRET_KEY": secrets.token_urlsafe(50), "DATABASE_URL": database}
    env = production_env(database, **server)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
