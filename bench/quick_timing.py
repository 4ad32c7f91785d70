"""A quick single-process timing of the desk on an already seeded database (no gunicorn, no wrk):
``rollup.summary()`` of the current rakor and every page people open, through Django's test client
(the secretariat's pages as ``skala.sekretariat``, the report form as the drilled region's
operator), after one warm-up: the median of RUNS rounds, each round timing every page once, and
each page as a multiple of bench/urls.py's yardstick view timed in the same rounds (a shared
machine's load moves both alike). ``CLOCK=cpu`` counts this process's CPU time instead of the
wall clock (it leaves out waiting for PostgreSQL and for other processes: steadier on a busy
machine). ``--profile PAGE`` prints a cProfile of that page's requests.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_kaltim DEBUG=false [CLOCK=cpu] \\
        .venv/bin/python bench/quick_timing.py [--profile form]
"""

import cProfile
import os
import pstats
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from bench.probe import DRILLED_REGION, SECRETARIAT, operators  # noqa: E402
from reports.models import RakorSession, ReadinessReport  # noqa: E402
from reports.rollup.summary import summary  # noqa: E402

RUNS = int(os.environ.get("RUNS", "9"))
CLOCK = time.process_time if os.environ.get("CLOCK") == "cpu" else time.perf_counter


def rounds(actions: dict[str, Callable[[], object]]) -> dict[str, float]:
    """Median milliseconds of each action, the actions taking turns."""
    times: dict[str, list[float]] = {name: [] for name in actions}
    for action in actions.values():
        action()
    for _ in range(RUNS):
        for name, action in actions.items():
            started = CLOCK()
            action()
            times[name].append((CLOCK() - started) * 1000)
    return {name: statistics.median(values) for name, values in times.items()}


def main(argv: list[str]) -> None:
    settings.ALLOWED_HOSTS = ["*"]
    session = RakorSession.objects.current()
    desk, operator = Client(), Client()
    desk.force_login(User.objects.get(username=SECRETARIAT))
    operator.force_login(User.objects.get(username=operators()[0]))
    report = ReadinessReport.objects.get(session=session, region__kemendagri_code=DRILLED_REGION)
    pages = {
        "yardstick": (desk, reverse("yardstick")),
        "form": (operator, reverse("reports:report_form")),
        "dashboard": (desk, reverse("reports:dashboard_session", args=[session.pk])),
        "drill-down": (desk, report.get_absolute_url()),
        "brief": (desk, reverse("reports:brief", args=[session.pk])),
        "print view": (desk, reverse("reports:brief_print", args=[session.pk])),
        "XLSX": (desk, reverse("reports:brief_xlsx", args=[session.pk])),
    }
    if argv[:1] == ["--profile"]:
        client, url = pages[argv[1]]
        client.get(url)
        profile = cProfile.Profile()
        profile.runcall(lambda: [client.get(url) for _ in range(RUNS)])
        pstats.Stats(profile).sort_stats(os.environ.get("SORT", "cumulative")).print_stats(40)
        return
    sizes = {name: len(client.get(url).content) // 1024 for name, (client, url) in pages.items()}
    actions = {name: (lambda c=client, u=url: c.get(u)) for name, (client, url) in pages.items()}
    medians = rounds({"summary()": lambda: summary(session), **actions})
    clock = "CPU time" if CLOCK is time.process_time else "wall clock"
    print(f"{settings.DATABASES['default']['NAME']}, {session}, median of {RUNS}, {clock}")
    for name, ms in medians.items():
        size = f"  {sizes[name]:5d} kB" if name in sizes else ""
        print(f"{name:<12}{ms:8.1f} ms {ms / medians['yardstick']:6.1f} ×{size}")


if __name__ == "__main__":
    main(sys.argv[1:])
