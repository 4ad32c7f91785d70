"""The province desk's pages: the session dashboard and a region's drill-down.

Both render ``rollup.summary`` and compute no number of their own. The secretariat and leaders read
them (GET only; operators get 403); only the secretariat gets the buttons, which post to
``reports.views.review``.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from accounts.access import DESK_ROLES, is_secretariat, role_required, sees_client_addresses
from notifications.contacts import operator_contacts
from regions.models import Region
from reports.forms.desk import ReviewForm
from reports.models import RakorSession, ReadinessReport
from reports.registry import model_field
from reports.rollup.changes import Change, display
from reports.rollup.charts import Chart, completeness_chart, line_chart
from reports.rollup.parts import RegionRow, TrendPoint
from reports.rollup.summary import region_history, summary
from reports.workflow.audit import report_history
from reports.workflow.writes import session_lock


def _desk_context(request: HttpRequest, session: RakorSession) -> dict:
    lock = session_lock(session)
    return {
        "session": session,
        "lock": str(lock) if lock else "",
        "can_edit": is_secretariat(request.user) and lock is None,
    }


@role_required(*DESK_ROLES)
@require_safe
def dashboard(request: HttpRequest) -> HttpResponse:
    session = RakorSession.objects.current()
    if session is None:
        return render(request, "reports/dashboard/no_session.html")
    return _dashboard(request, session)


@role_required(*DESK_ROLES)
@require_safe
def dashboard_session(request: HttpRequest, pk: int) -> HttpResponse:
    return _dashboard(request, get_object_or_404(RakorSession, pk=pk))


def _dashboard(request: HttpRequest, session: RakorSession) -> HttpResponse:
    result = summary(session)
    regions = [(row, _drilldown_url(result.session, row)) for row in result.rows]
    contacts = operator_contacts(
        [row.region for row in result.rows],
        result.session,
        {row.region.pk for row in result.rows if not row.is_reported},
    )
    incidents = result.open_incidents
    context = {
        **_desk_context(request, result.session),
        "summary": result,
        "regions": regions,
        "tiles": [
            (row, href, contacts.get(row.region.pk, []), incidents.per_region.get(row.region.pk, 0))
            for row, href in regions
        ],
        "open_incidents": incidents,
        "contacts": contacts,
        "completeness_chart": completeness_chart(result.trend),
        "personnel_chart": _personnel_chart(result.trend),
    }
    return render(request, "reports/dashboard/dashboard.html", context)


def _personnel_chart(trend: list[TrendPoint]) -> Chart | None:
    """The personnel line over the weeks that have a point of it (they asked for personnel and some
    region reported); None when no week has, so that the page says so instead of drawing nothing."""
    points = [point for point in trend if point.security_personnel is not None]
    if not points:
        return None
    return line_chart([p.session.date for p in points], [p.security_personnel for p in points])


def _drilldown_url(session: RakorSession, row: RegionRow) -> str:
    """Where a region's tile and table row lead: its sent report, else the region in the session."""
    if row.sent is not None:
        return reverse("reports:report_detail", args=[row.sent.pk])
    return reverse("reports:region_detail", args=[session.pk, row.region.pk])


@role_required(*DESK_ROLES)
@require_safe
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(
        ReadinessReport.objects.visible_to(request.user).select_related("session", "region"), pk=pk
    )
    return _drilldown(request, report.session, report.region)


@role_required(*DESK_ROLES)
@require_safe
def region_detail(request: HttpRequest, pk: int, region_pk: int) -> HttpResponse:
    session = get_object_or_404(RakorSession, pk=pk)
    return _drilldown(request, session, get_object_or_404(Region, pk=region_pk))


def _drilldown(request: HttpRequest, session: RakorSession, region: Region) -> HttpResponse:
    result = summary(session, region=region)
    row = result.row_for(region)
    history = region_history(result, region)
    oldest_first = list(reversed(history))
    report = row.report if row.is_reported else None
    changes_by_section: dict[str, list[Change]] = {}
    for change in row.changes:
        changes_by_section.setdefault(change.section, []).append(change)
    stale_by_section = {stale.key: stale for stale in row.stale}
    sections = [
        {
            "section": section,
            "changed": section.key in row.changed_sections,
            "changes": changes_by_section.get(section.key, []),
            "stale": stale_by_section.get(section.key),
            "values": [
                (model_field(ReadinessReport, name).verbose_name, display(report, name))
                for name in section.fields
            ]
            if report
            else [],
        }
        for section in result.sections
    ]
    every = list(Region.objects.all())
    place = next(index for index, other in enumerate(every) if other.pk == region.pk)
    context = {
        **_desk_context(request, result.session),
        "summary": result,
        "row": row,
        "region": region,
        # Previous and next region (in the dashboard's order) and the next report waiting for review.
        "previous_region": every[place - 1] if place > 0 else None,
        "next_region": every[place + 1] if place + 1 < len(every) else None,
        "next_waiting": ReadinessReport.objects.waiting_review(session).next_after(region)
        if is_secretariat(request.user)
        else None,
        "report": report,
        "sections": sections,
        "agenda": list(report.agenda.all()) if report else [],
        "alerts": [alert for alert in result.alerts if alert.region.pk == region.pk],
        "follow_ups": [
            line for line in result.follow_up_lines if line.follow_up.region_id in (None, region.pk)
        ],
        "history": history,
        "personnel_chart": line_chart(
            [entry.session.date for entry in oldest_first],
            [
                entry.report.security_personnel if entry.report and entry.is_reported else None
                for entry in oldest_first
            ],
        ),
        "review_form": ReviewForm(initial={"version": report.version}) if report else None,
        "changes": (
            report_history(report, with_addresses=sees_client_addresses(request.user)) if report else []
        ),
    }
    return render(request, "reports/dashboard/drilldown.html", context)
