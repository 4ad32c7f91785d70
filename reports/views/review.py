"""What the secretariat changes from the dashboard: review, attendance and follow-ups.

The changes themselves are made by ``reports.workflow``, under the rakor's lock; once the session is
forwarded they are refused there with the reason, which these views show. The pages also say so
before anything is typed. Leaders read the attendance but change nothing.
"""

from django import forms
from django.contrib import messages
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.access import DESK_ROLES, Role, SignedInRequest, deny, is_secretariat, role_required
from regions.models import Region
from reports.forms.desk import (
    AttendanceForm,
    CloseFollowUpForm,
    FollowUpForm,
    ReviewForm,
    alert_findings,
    open_duplicate,
)
from reports.models import Attendance, FollowUp, RakorSession, ReadinessReport
from reports.models.desk import ONE_OPEN_PER_FINDING
from reports.workflow import desk
from reports.workflow.writes import Refused, review, session_lock

SECRETARIAT = Role.SECRETARIAT


@role_required(SECRETARIAT)
@require_POST
def review_report(request: SignedInRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(
        ReadinessReport.objects.visible_to(request.user).select_related("session"), pk=pk
    )
    form = ReviewForm(request.POST)
    if not form.is_valid():
        _show_errors(request, form)
        return redirect(report)
    accept = form.cleaned_data["decision"] == ReviewForm.ACCEPT
    try:
        review(
            report,
            request.user,
            accept=accept,
            comment=form.cleaned_data["comment"],
            expected_version=form.cleaned_data["version"],
        )
    except Refused as refusal:
        messages.error(request, str(refusal))
        return redirect(report)
    done = _("Laporan %(region)s diterima.") if accept else _("Laporan %(region)s dikembalikan ke operator.")
    messages.success(request, done % {"region": report.region})
    # The reviewer goes on to the next report waiting for review, and to the dashboard at the end.
    following = ReadinessReport.objects.waiting_review(report.session).next_after(report.region)
    return redirect(following if following is not None else report.session)


def _show_errors(request: HttpRequest, form: forms.BaseForm) -> None:
    """A form posted from the dashboard's buttons: its errors as messages on the page it returns to."""
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, str(error))


@role_required(*DESK_ROLES)
@require_http_methods(["GET", "HEAD", "POST"])
def attendance(request: SignedInRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(RakorSession.objects.select_related("election"), pk=pk)
    regions = list(Region.objects.all())
    recorded = {a.region_id: a for a in Attendance.objects.filter(session=session)}
    lock = session_lock(session)
    can_edit = is_secretariat(request.user) and lock is None
    form = AttendanceForm(request.POST or None, regions=regions, recorded=recorded)
    if request.method == "POST":
        if not is_secretariat(request.user):
            raise deny(request, "leaders read the attendance and change nothing")
        if lock is not None:
            messages.error(request, str(lock))
            return redirect("reports:attendance", pk=session.pk)
        if form.is_valid():
            try:
                desk.record_attendance(session, form.values(), request.user)
            except Refused as refusal:
                messages.error(request, str(refusal))
                return redirect("reports:attendance", pk=session.pk)
            messages.success(request, _("Kehadiran rakor disimpan."))
            return redirect(session)
    context = {"session": session, "form": form, "lock": str(lock) if lock else "", "can_edit": can_edit}
    return render(request, "reports/dashboard/attendance.html", context)


@role_required(SECRETARIAT)
@require_http_methods(["GET", "HEAD", "POST"])
def follow_up_create(request: SignedInRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(RakorSession.objects.select_related("election"), pk=pk)
    lock = session_lock(session)
    if lock is not None:
        messages.error(request, str(lock))
        return redirect(session)
    keys = ("region", "source", "agency", "title", "finding")
    initial = {key: request.GET[key] for key in keys if key in request.GET}
    region_pk = initial.get("region", "")
    region = (
        Region.objects.filter(pk=region_pk).first() if region_pk.isdigit() and len(region_pk) < 10 else None
    )
    if initial.get("finding", "") not in alert_findings(region):
        initial.pop("finding", None)
    if request.method != "POST":
        existing = open_duplicate(session, region, initial.get("title", ""), initial.get("finding", ""))
        if existing is not None:
            messages.info(request, _("Tindak lanjut ini sudah ada dan masih terbuka."))
            return redirect("notifications:follow_up", pk=existing.pk)
    form = FollowUpForm(request.POST or None, initial=initial, session=session)
    if request.method == "POST" and form.is_valid():
        try:
            follow_up = desk.add_follow_up(session, form.save(commit=False), request.user)
        except Refused as refusal:
            messages.error(request, str(refusal))
            return redirect(session)
        except IntegrityError:  # the same alert followed up in another tab a moment ago
            messages.error(request, str(ONE_OPEN_PER_FINDING))
            return redirect(session)
        messages.success(request, _("Tindak lanjut “%(title)s” dicatat.") % {"title": follow_up.title})
        return redirect(session)
    return render(request, "reports/dashboard/follow_up_form.html", {"session": session, "form": form})


@role_required(SECRETARIAT)
@require_POST
def follow_up_close(request: SignedInRequest, pk: int, follow_up_pk: int) -> HttpResponse:
    session = get_object_or_404(RakorSession, pk=pk)
    follow_up = get_object_or_404(
        FollowUp, pk=follow_up_pk, session__election_id=session.election_id, session__date__lte=session.date
    )
    form = CloseFollowUpForm(request.POST)
    if not form.is_valid():
        _show_errors(request, form)
        return redirect(session)
    try:
        closed = desk.close_follow_up(session, follow_up, request.user, form.cleaned_data["closing_note"])
    except Refused as refusal:
        messages.error(request, str(refusal))
        return redirect(session)
    if closed:
        messages.success(request, _("Tindak lanjut “%(title)s” selesai.") % {"title": follow_up.title})
    return redirect(session)
