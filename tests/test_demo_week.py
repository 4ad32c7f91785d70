"""The demo runs as its own week on its own port: `make demo PORT=…` reaches SITE_URL, its clock
makes 18 November 2024 today (and production refuses that clock), and `seed_demo --reset` starts
over from the demo as seeded."""

import datetime as dt
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.files.storage import FileSystemStorage
from django.core.management import CommandError, call_command
from django.urls import reverse

from incidents.models import Attachment, Incident
from notifications.events import missing_regions, remind
from notifications.models import Notification
from reports.brief.document import verify_url
from reports.models import LetterNumber, RakorSession, ReadinessReport
from reports.models.letter import in_force
from reports.workflow.writes import mark_submitted
from tests import letters

ROOT = Path(__file__).resolve().parent.parent
DEMO_MONDAY = dt.date(2024, 11, 18)


def run(command: list[str], **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        command, cwd=ROOT, env={**os.environ, **env}, capture_output=True, text=True, timeout=120, check=False
    )


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_demo_on_another_port_points_site_url_there():
    """`make demo PORT=8177` serves on 8177 and gives the same address to SITE_URL, unless set."""
    lines = run(["make", "-n", "demo", "PORT=8177"], SITE_URL="").stdout.splitlines()
    served = [line for line in lines if "runserver" in line]
    assert served == [
        "SITE_URL=http://127.0.0.1:8177 DEMO_TODAY=2024-11-18 .venv/bin/python manage.py "
        "runserver 127.0.0.1:8177"
    ]
    assert any("SITE_URL=http://127.0.0.1:8177" in line and "seed_demo" in line for line in lines)
    kept = run(["make", "-n", "demo", "PORT=8177"], SITE_URL="https://desk.kaltimprov.go.id").stdout
    assert "SITE_URL=https://desk.kaltimprov.go.id DEMO_TODAY=2024-11-18" in kept


def test_site_url_from_the_environment_reaches_the_letters_qr_code():
    """The address the letter's QR code encodes starts with SITE_URL as the environment gives it."""
    code = (
        "from reports.workflow import letter; from reports.brief.document import verify_url; "
        "from reports.models import LetterNumber; "
        "print(verify_url(LetterNumber(token='abc')))"
    )
    shown = run([sys.executable, "manage.py", "shell", "-c", code], SITE_URL="http://127.0.0.1:8177/")
    assert shown.stdout.strip().splitlines()[-1] == "http://127.0.0.1:8177/verifikasi/abc/"


def test_production_refuses_to_start_with_the_demo_clock():
    """DJANGO_ENV=production with DEMO_TODAY set stops at start with a message naming it."""
    refused = run(
        [sys.executable, "manage.py", "check"],
        DJANGO_ENV="production",
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="desk.example",
        DEMO_TODAY="2024-11-18",
    )
    assert refused.returncode != 0
    assert "DEMO_TODAY is for the demo only" in refused.stderr


def test_the_demos_letter_is_dated_on_the_demos_monday_with_its_qr_on_the_demos_port(demo, settings):
    """Signed in the demo, the 18 November letter reads "Samarinda, 18 November 2024" and its QR
    code's address is on the port the demo runs on."""
    settings.DEMO_TODAY = DEMO_MONDAY
    settings.SITE_URL = "http://127.0.0.1:8177"
    number = letters.sign(demo)
    assert number.issued_at.date() == DEMO_MONDAY
    assert number.number.endswith("/2024")
    client = letters.verified_client(User.objects.get(username="sekretariat"))
    page = client.get(reverse("reports:brief_print", args=[demo.pk])).content.decode()
    assert "Samarinda, 18 November 2024" in page
    assert verify_url(number).startswith("http://127.0.0.1:8177/verifikasi/")


def test_a_report_sent_the_day_before_the_demos_rakor_is_on_time(demo, settings):
    """On the demo's Sunday a silent region's report for the 18 November rakor is not late."""
    settings.DEMO_TODAY = DEMO_MONDAY - dt.timedelta(days=1)
    report = ReadinessReport.objects.create(
        session=demo, region=missing_regions(demo).get(kemendagri_code="64.72")
    )
    mark_submitted(report, User.objects.get(username="operator.samarinda"))
    assert report.first_submitted_at.date() == dt.date(2024, 11, 17)
    assert not report.is_late


def test_seed_demo_reset_starts_over_from_the_seeded_demo(demo, settings, monkeypatch, tmp_path):
    """After the 18 November letter was signed and an incident reported, `--reset` leaves the demo
    as seeded: no number, no step, the demo's incidents only, the numbers starting at 1 again."""
    # The reset erases the demo's incident files: here in a folder of this test's own, so that the
    # photo the other tests of this process read stays where the demo put it.
    storage = FileSystemStorage(location=tmp_path)
    for name in ("file", "original"):
        monkeypatch.setattr(Attachment._meta.get_field(name), "storage", storage)
    settings.DEMO_TODAY = DEMO_MONDAY
    seeded_incidents = Incident.objects.count()
    seeded_reports = ReadinessReport.objects.count()
    seeded_notifications = Notification.objects.count()
    letters.sign(demo)
    assert remind(demo, missing_regions(demo).first())
    call_command("seed_demo", "--reset", stdout=io.StringIO())
    session = RakorSession.objects.get(date=DEMO_MONDAY)
    assert in_force(session) is None
    assert not LetterNumber.objects.exists() and not session.letter_steps.exists()
    assert (Incident.objects.count(), ReadinessReport.objects.count()) == (seeded_incidents, seeded_reports)
    assert Notification.objects.count() == seeded_notifications
    assert "/0001/" in letters.sign(session).number


def test_seed_demo_reset_is_refused_in_production(db, settings):
    """In production `seed_demo --reset` erases nothing and says why."""
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="mode produksi"):
        call_command("seed_demo", "--reset", stdout=io.StringIO())
