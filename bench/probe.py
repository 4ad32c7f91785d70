"""The benchmark's inside view of the app, run as a separate process against the same database
(with bench/settings.py, so the yardstick view has a URL): which pages exist and at which URL,
sessions for the load tool, queries per request, and what the database holds after the concurrent
submissions. bench/run.py calls it; it prints JSON.

    python bench/probe.py plan
    python bench/probe.py login COUNT USERNAME...    # COUNT sessions per user through auth.login()
    python bench/probe.py queries
    python bench/probe.py total                      # the dashboard's personnel total, formatted
    python bench/probe.py reports USERNAME...        # the operators' current reports

ENDPOINTS below is the one list of what the benchmark drives: the yardstick (bench/urls.py), then
the pages people open and the form's POST. Pages that are not built yet resolve to no URL and are
reported as "not available".
"""

import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import login  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, RequestFactory  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402
from django.utils import formats, translation  # noqa: E402
from django.utils.module_loading import import_string  # noqa: E402

from bench.htmlform import post_form  # noqa: E402
from regions.models import Region  # noqa: E402
from reports.management.commands.seed_scale import USER_PREFIX  # noqa: E402
from reports.models import RakorSession, ReadinessReport  # noqa: E402

SECRETARIAT = f"{USER_PREFIX}sekretariat"
DRILLED_REGION = "64.74"  # Bontang: exists at every scale (the real Kaltim regions come first)
EARLY_SESSION = 12  # the 12th session's dashboard against the last one's: same regions, less history


@dataclass(frozen=True)
class Endpoint:
    label: str
    names: tuple[str, ...]  # URL names tried in order; the first that reverses wins
    role: str | None  # "secretariat", "operator" or None (no login)
    arg: str | None = None  # "session" or "region" when the URL needs one
    method: str = "GET"


ENDPOINTS = (
    Endpoint("yardstick", ("yardstick",), "secretariat"),
    Endpoint("form_get", ("reports:report_form",), "operator"),
    Endpoint("form_post", ("reports:report_form",), "operator", method="POST"),
    Endpoint("dashboard", ("reports:dashboard",), "secretariat"),
    Endpoint("drilldown", ("reports:region_detail", "reports:report_detail"), "secretariat", arg="region"),
    Endpoint("brief", ("reports:brief",), "secretariat", arg="session"),
    Endpoint("brief_print", ("reports:brief_print",), "secretariat", arg="session"),
    Endpoint("brief_xlsx", ("reports:brief_xlsx",), "secretariat", arg="session"),
)


def current_session() -> RakorSession:
    return RakorSession.objects.current()


def resolve(endpoint: Endpoint) -> str | None:
    """The endpoint's URL for the current session (and the drilled region), or None."""
    session = current_session()
    region = Region.objects.get(kemendagri_code=DRILLED_REGION)
    report = ReadinessReport.objects.get(session=session, region=region)
    attempts = {
        None: [[]],
        "session": [[session.pk], []],
        "region": [[session.pk, region.pk], [report.pk]],
    }[endpoint.arg]
    for name in endpoint.names:
        for args in attempts:
            try:
                return reverse(name, args=args)
            except NoReverseMatch:
                continue
    return None


def operators() -> list[str]:
    """Every scale operator; the drilled region's first (it is the one that logs in by the form)."""
    drilled = f"{USER_PREFIX}{Region.objects.get(kemendagri_code=DRILLED_REGION).bps_code}"
    names = User.objects.filter(username__startswith=USER_PREFIX, membership__isnull=False)
    rest = names.exclude(username=drilled).order_by("membership__region__kemendagri_code")
    return [drilled, *rest.values_list("username", flat=True)]


def plan() -> dict:
    history = list(RakorSession.objects.filter(election=current_session().election).order_by("date"))
    session_dashboards = (
        {
            "early": _reverse_or_none("reports:dashboard_session", history[EARLY_SESSION - 1].pk),
            "last": _reverse_or_none("reports:dashboard_session", history[-1].pk),
        }
        if len(history) > EARLY_SESSION
        else {}
    )
    return {
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "csrf_cookie": settings.CSRF_COOKIE_NAME,
        "secretariat": SECRETARIAT,
        "operators": operators(),
        "sessions": len(history),
        "endpoints": {e.label: {"url": resolve(e), "role": e.role, "method": e.method} for e in ENDPOINTS},
        "session_dashboards": session_dashboards,
    }


def _reverse_or_none(name: str, *args) -> str | None:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def login_sessions(count: int, usernames: list[str]) -> dict[str, list[str]]:
    """``count`` sessions per user, made by the real ``login()`` (signals and all) but without
    the password hashing, which would otherwise be what the benchmark measures."""
    store = import_string(f"{settings.SESSION_ENGINE}.SessionStore")
    sessions = {}
    for user in User.objects.filter(username__in=usernames):
        sessions[user.username] = []
        for _ in range(count):
            request = RequestFactory().get("/")
            request.session = store()
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            request.session.save()
            sessions[user.username].append(request.session.session_key)
    return sessions


def count_queries(client: Client, method: str, url: str, data: str | None = None) -> dict:
    with CaptureQueriesContext(connection) as queries:
        if method == "POST":
            response = client.post(url, data, content_type="application/x-www-form-urlencoded")
        else:
            response = client.get(url)
    return {"queries": len(queries), "status": response.status_code}


def measured(client: Client, url: str) -> dict:
    """A GET's queries and status."""
    return count_queries(client, "GET", url)


def queries() -> dict:
    """Queries per request of every available page, after one request that warms what Django
    reads once per process (content types, the URLconf)."""
    info = plan()
    clients = {
        None: Client(),
        "secretariat": Client(),
        "operator": Client(),
    }
    clients["secretariat"].force_login(User.objects.get(username=SECRETARIAT))
    clients["operator"].force_login(User.objects.get(username=info["operators"][0]))
    result = {}
    for label, endpoint in info["endpoints"].items():
        url, client = endpoint["url"], clients[endpoint["role"]]
        if url is None:
            continue
        if endpoint["method"] == "POST":
            form = post_form(client.get(url).content.decode())
            result[label] = count_queries(
                client, "POST", form.action or url, form.encode(form.submit_button())
            )
            continue
        client.get(url)
        result[label] = measured(client, url)
    for which, url in info["session_dashboards"].items():  # the same page, with less or more history
        if url:
            clients["secretariat"].get(url)
            result[f"dashboard_{which}_session"] = measured(clients["secretariat"], url)
    return result


def reports(usernames: list[str]) -> dict:
    session = current_session()
    rows = ReadinessReport.objects.filter(
        session=session, region__memberships__user__username__in=usernames
    ).values_list("region__memberships__user__username", "status", "version", "security_personnel")
    return {
        "session_reports": ReadinessReport.objects.filter(session=session).count(),
        "reports": {name: {"status": s, "version": v, "security_personnel": p} for name, s, v, p in rows},
    }


def total() -> str:
    """The province's security personnel on the current session's dashboard, as it is printed."""
    from reports.rollup.summary import summary

    with translation.override(settings.LANGUAGE_CODE):
        personnel = summary(current_session()).totals.figures["security_personnel"].value
        return formats.number_format(personnel, use_l10n=True, force_grouping=True)


def main(command: str, *args: str) -> None:
    if command == "plan":
        result = plan()
    elif command == "login":
        result = login_sessions(int(args[0]), list(args[1:]))
    elif command == "queries":
        result = queries()
    elif command == "total":
        result = total()
    elif command == "reports":
        result = reports(list(args))
    else:
        raise SystemExit(f"unknown command {command!r}")
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main(*sys.argv[1:])
