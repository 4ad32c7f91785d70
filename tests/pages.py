"""The pages each demo account reaches, for the checks that visit every page (axe-core, CSP,
the catalogue sample)."""

import datetime as dt

from django.urls import reverse

from regions.models import Region
from reports.models import FollowUp, RakorSession, ReadinessReport

ANONYMOUS = ""
MISSING = "/tidak-ada/"  # the 404 page, which answers 404 on purpose
ACCOUNTS = [ANONYMOUS, "operator.bontang", "sekretariat", "sekda", "admin"]


def pages_of(username: str) -> list[str]:
    """Every page a user of that demo account reaches from the navigation."""
    if username == ANONYMOUS:
        return [reverse("login")]
    common = [
        reverse("reports:guide"),
        reverse("password_change"),
        reverse("notifications:notices"),
        reverse("notifications:my_contact"),
    ]
    current = RakorSession.objects.current()
    province_wide = FollowUp.objects.get(session=current, region=None)
    earlier = RakorSession.objects.get(election=current.election, date=dt.date(2024, 11, 11))
    bontang = Region.objects.get(name="Bontang")
    report = ReadinessReport.objects.get(session=current, region=bontang)
    if username.startswith("operator."):
        past = ReadinessReport.objects.get(session=earlier, region=bontang)
        return [
            reverse("reports:report_form"),
            reverse("reports:report_history"),
            reverse("reports:report_view", args=[past.pk]),
            reverse("reports:session_report", args=[earlier.pk]),
            reverse("notifications:follow_up", args=[province_wide.pk]),
            *common,
            MISSING,
        ]
    desk = [
        reverse("reports:dashboard"),
        reverse("reports:dashboard_session", args=[earlier.pk]),
        reverse("reports:region_detail", args=[current.pk, bontang.pk]),
        report.get_absolute_url(),
        reverse("reports:brief", args=[current.pk]),
        reverse("reports:brief", args=[earlier.pk]),
        reverse("reports:brief_print", args=[current.pk]),
        reverse("notifications:region_log", args=[bontang.pk]),
        reverse("notifications:follow_up", args=[province_wide.pk]),
    ]
    if username == "sekda":
        return [*desk, *common]
    secretariat = [
        reverse("reports:attendance", args=[current.pk]),
        reverse("reports:follow_up_create", args=[current.pk]),
        reverse("accounts:two_factor"),
    ]
    if username == "admin":
        return [reverse("admin:index"), reverse("admin:reports_readinessreport_changelist"), *common]
    return [*desk, *secretariat, *common]
