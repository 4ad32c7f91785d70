"""A region's operator: the report for a rakor (fill, save as draft, submit, revise), the region's
history and its past reports read-only.

The region always comes from the operator's membership and the session from the URL, never from
the posted form; a report is only ever looked up within the operator's own region.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.access import Role, SignedInRequest, deny, region_of, role_required
from regions.models import Region
from reports.forms.fields import long_date
from reports.forms.precheck import offline_rules
from reports.forms.report import UNCHANGED, ReportEditor
from reports.models import AgendaLine, RakorSession, ReadinessReport, ShortageLine
from reports.models.report import ReportQuerySet
from reports.registry import FIELDS_BY_NAME, Period, Section, model_field, number
from reports.rollup import changes
from reports.rollup.lights import ReportState
from reports.views.offline import mark_refused, queued_refused, user_key
from reports.workflow import carry, writes


@dataclass(frozen=True)
class Difference:
    """A field, or a section's lines, as a refused stale save posted it and as the server holds it."""

    label: str
    mine: str
    theirs: str


def operator_region(request: HttpRequest) -> Region:
    region = region_of(request.user)
    if region is None:
        raise deny(request, "operator without a region")
    return region


def own_reports(request: HttpRequest) -> ReportQuerySet:
    return ReadinessReport.objects.visible_to(request.user).filter(region=operator_region(request))


@role_required(Role.OPERATOR)
@require_GET
def report_form(request: SignedInRequest) -> HttpResponse:
    """This week's report: the one for the session the desk is working on."""
    session = RakorSession.objects.current()
    if session is None:
        return render(request, "reports/operator/no_session.html")
    return report_page(request, session)


@role_required(Role.OPERATOR)
@require_http_methods(["GET", "POST"])
def session_report(request: SignedInRequest, session_pk: int) -> HttpResponse:
    session = get_object_or_404(RakorSession.objects.select_related("election"), pk=session_pk)
    return report_page(request, session)


def report_page(request: SignedInRequest, session: RakorSession) -> HttpResponse:
    region = operator_region(request)
    # A report queued on a device names who queued it: another user's copy is never saved as theirs.
    if request.POST.get("offline_user", user_key(request.user)) != user_key(request.user):
        raise deny(request, "a report queued on a device by another user")
    report = (
        own_reports(request).filter(session=session).select_related("reviewed_by", "submitted_by").first()
    )
    report = report or ReadinessReport(session=session, region=region)
    report.session, report.region = session, region
    lock = writes.session_lock(session)
    if lock is not None:
        context = {"session": session, "report": report, "lock": lock, "sections": readonly_sections(report)}
        status = 409 if request.method == "POST" else 200
        if request.method == "POST":
            context["queued_refusal"] = queued_refused(request, [str(lock)], session)
        response = render(request, "reports/operator/report_locked.html", context, status=status)
        return mark_refused(response, context)
    action = request.POST.get("action")
    submitting = action in ("submit", UNCHANGED)
    data = None
    if request.method == "POST":
        data = request.POST.copy()
        if action == UNCHANGED:
            data["confirm_all"] = "on"
    editor = ReportEditor(
        data,
        report=report,
        previous=carry.last_report(session, region),
        items=list(session.election.logistics_items.all()),
        submitting=submitting,
    )
    refusal: writes.Refused | None = None
    conflict: list[Difference] | None = None  # the two versions, once a save is refused as stale
    shown = report
    if request.method == "POST" and editor.is_valid():
        try:
            saved = editor.save(request.user)
        except writes.Stale as stale:
            refusal, shown = stale, stale.current
            editor.show_version(stale.current.version)
            conflict = differences(editor, stale.current)
        except writes.Refused as refused:
            refusal = refused
        else:
            messages.success(request, saved_message(saved, submitting))
            return redirect("reports:session_report", session.pk)
    error_links = editor.error_links() if editor.errors and not refusal else []
    # "Semua bagian masih sama": offered until the week's report is sent (then it is resent), and
    # only when last week's report held every section this week asks for (same stage). It lists
    # last week's values as this week starts from them: a weekly count at 0.
    last_week = (
        readonly_sections(editor.previous, editor.form.sections, carried=True)
        if editor.previous and not shown.is_sent and same_stage(editor.previous.session, session)
        else None
    )
    context = {
        "session": session,
        "report": shown,
        "state": ReportState(shown.status) if shown.pk else None,
        "editor": editor,
        "form": editor.form,
        "sections": editor.layout(),
        "previous": editor.previous,
        "refusal": refusal,
        "conflict": conflict,
        "action": action,
        "error_links": error_links,
        "offline_rules": offline_rules(editor),  # what the phone checks before queuing (report_check.js)
        "last_week": last_week,
        "weekly_restart": any(part["weekly"] for part in last_week or ()),
        # "Kirim ulang tanpa perubahan": a sent report still waiting for review, or returned.
        "resend": shown.status in RESENDABLE,
    }
    # A newer version on the server is no refusal: the page shows both versions to choose from.
    if request.method == "POST" and not isinstance(refusal, writes.Stale):
        reasons = [str(refusal)] if refusal else [f"{link.label}: {link.message}" for link in error_links]
        context["queued_refusal"] = queued_refused(request, reasons, session)
    status = 409 if refusal else 200
    return mark_refused(render(request, "reports/operator/report_form.html", context, status=status), context)


# A sent report its operator may send again in one tap: one accepted needs nothing more (sending it
# again would put it back before the reviewer).
RESENDABLE = (ReadinessReport.Status.SUBMITTED, ReadinessReport.Status.RETURNED)


def differences(editor: ReportEditor, current: ReadinessReport) -> list[Difference]:
    """Where a save refused as stale and the version now on the server differ: each field of the
    form in the registry's order under its label, then each section's lines, as the operator reads
    them (a list of lines in any order is the same list)."""
    mine = editor.form.instance  # the posted values, set on it by validation
    posted = editor.lines  # the lines of the sections this rakor asks for
    rows = []
    for section in editor.form.sections:
        for name in editor.form.names(section):
            ours, theirs = display(mine, name), display(current, name)
            if ours != theirs:
                label = str(capfirst(model_field(ReadinessReport, name).verbose_name))
                rows.append(Difference(label, ours, theirs))
        lines = posted.get(section.lines)
        if lines is not None:
            ours = lines_words([form.instance for form in lines.kept_forms()])
            theirs = lines_words(list(getattr(current, section.lines).all()))
            if ours != theirs:
                rows.append(Difference(str(lines.title), ours, theirs))
    return rows


def lines_words(lines: list[ShortageLine] | list[AgendaLine]) -> str:
    """A section's lines as _readonly.html writes them, one a line, in a fixed order; "—" for none."""
    words = []
    for line in lines:
        if isinstance(line, ShortageLine):
            text, note = (
                f"{line.item.display_name}: {number(line.quantity)} {line.item.display_unit}",
                line.note,
            )
        else:
            parts = (long_date(line.date), line.get_kind_display(), line.place)
            text, note = " · ".join(part for part in parts if part), line.description
        words.append(f"{text} — {note}" if note else text)
    return "\n".join(sorted(words)) or "—"


def saved_message(report: ReadinessReport, submitted: bool) -> str:
    if not submitted:
        return _("Draf tersimpan (versi %(version)s). Laporan belum dikirim.") % {"version": report.version}
    if report.is_late:
        return _("Laporan terkirim, tetapi melewati batas waktu %(deadline)s; laporan tetap diterima.") % {
            "deadline": writes.when(report.session.deadline)
        }
    return _("Laporan terkirim ke sekretariat Desk Pilkada.")


@role_required(Role.OPERATOR)
@require_GET
def report_history(request: HttpRequest) -> HttpResponse:
    reports = own_reports(request).select_related("session", "reviewed_by").order_by("-session__date")
    rows = [(report, ReportState(report.status)) for report in reports]
    return render(request, "reports/operator/report_history.html", {"rows": rows})


@role_required(Role.OPERATOR)
@require_GET
def report_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A report of the operator's own region, read-only; another region's is not found."""
    report = get_object_or_404(
        own_reports(request).select_related("session__election", "region", "reviewed_by", "submitted_by"),
        pk=pk,
    )
    context = {
        "report": report,
        "session": report.session,
        "state": ReportState(report.status),
        "lock": writes.session_lock(report.session),
        "sections": readonly_sections(report),
    }
    return render(request, "reports/operator/report_view.html", context)


def display(report: ReadinessReport, name: str, carried: bool = False) -> str:
    """A field as the operator reads it back: the desk's display, with dates written out;
    ``carried``: as a new week starts from it (a weekly count at 0)."""
    value = getattr(report, name)
    if carried and (start := FIELDS_BY_NAME[name].carried(value)) != value:
        return number(start)
    if isinstance(value, dt.date):
        return long_date(value)
    return changes.display(report, name)


def confirmed_on(report: ReadinessReport, key: str) -> dt.date | None:
    day = (report.confirmed_sections or {}).get(key)
    return dt.date.fromisoformat(day) if day else None


def same_stage(before: RakorSession, now: RakorSession) -> bool:
    """Whether the rakor ``before`` asked for every section ``now`` asks for."""
    return set(now.sections) <= set(before.sections)


def readonly_sections(
    report: ReadinessReport, sections: Iterable[Section] | None = None, carried: bool = False
) -> list[dict]:
    """Each section of a stored report (those of its rakor's stage, or ``sections``) with its values
    as words under their headings (a weekly count's says "minggu ini"), whether it changed since
    last week and when it was last confirmed; ``carried``: the values as a new week starts from
    them, what "Semua bagian masih sama" confirms (``weekly``: the section has a weekly count)."""
    lines: dict[str, list[Any]] = {"shortages": [], "agenda": []}
    if report.pk:
        lines = {
            "shortages": list(report.shortages.select_related("item")),
            "agenda": list(report.agenda.all()),
        }
    return [
        {
            "section": section,
            "rows": [
                (FIELDS_BY_NAME[name].heading, display(report, name, carried)) for name in section.fields
            ],
            "weekly": any(FIELDS_BY_NAME[name].period is Period.WEEK for name in section.fields),
            "lines": lines.get(section.lines),
            "changed": section.key in (report.changed_sections or ()),
            "confirmed": confirmed_on(report, section.key),
        }
        for section in (sections if sections is not None else report.session.sections)
    ]
