"""A quick single-process timing of the desk on an already seeded database (no gunicorn, no wrk):
``rollup.summary()`` of the current rakor, the dashboard and a region's drill-down through Django's
test client as the secretariat, the median of five runs each, after one warm-up.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_national .venv/bin/python bench/quick_timing.py
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "deskpilkada.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

from accounts.access import Role  # noqa: E402
from reports.models import RakorSession, ReadinessReport  # noqa: E402
from reports.rollup.summary import summary  # noqa: E402

RUNS = 5


def median_ms(action) -> float:
    action()
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def timing(name: str, action) -> str:
    return f"{name:<12}{median_ms(action):8.1f} ms"


def main() -> None:
    setup_test_environment()
    settings.ALLOWED_HOSTS = ["*"]
    session = RakorSession.objects.current()
    client = Client()
    client.force_login(get_user_model().objects.filter(groups__name=Role.SECRETARIAT.value).first())
    report = ReadinessReport.objects.filter(session=session).exclude(status="draft").first()
    dashboard = reverse("reports:dashboard_session", args=[session.pk])
    size = len(client.get(dashboard).content) // 1024
    print(f"{settings.DATABASES['default']['NAME']}, {session}")
    print(timing("summary()", lambda: summary(session)))
    print(timing("dashboard", lambda: client.get(dashboard)) + f"  ({size} kB)")
    print(timing("drill-down", lambda: client.get(report.get_absolute_url())))
    for name in ("brief_print", "brief_xlsx"):
        print(
            timing(
                name.replace("_", " "),
                lambda name=name: client.get(reverse(f"reports:{name}", args=[session.pk])),
            )
        )


if __name__ == "__main__":
    main()
