"""The incident pages: the list, the form, the detail with its updates and attachments, and the
attachment download (the only way a file leaves the private storage)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from accounts.access import SignedInRequest, deny, is_secretariat, region_of, role_required, sees_all_regions
from incidents import workflow
from incidents.access import READERS, incident_for, may_report, may_update
from incidents.forms import AttachmentForm, FollowUpLinkForm, IncidentFilterForm, IncidentForm, UpdateForm
from incidents.models import Attachment, Incident
from reports.views.offline import mark_refused, queued_refused

PAGE_SIZE = 25


@role_required(*READERS)
@require_safe
def incident_list(request: SignedInRequest) -> HttpResponse:
    incidents = Incident.objects.visible_to(request.user).listed()
    filters = IncidentFilterForm(request.GET or None) if sees_all_regions(request.user) else None
    if filters is not None and filters.is_valid():
        if filters.cleaned_data["region"]:
            incidents = incidents.filter(region=filters.cleaned_data["region"])
        if filters.cleaned_data["status"]:
            incidents = incidents.filter(status=filters.cleaned_data["status"])
    page = Paginator(incidents, PAGE_SIZE).get_page(request.GET.get("halaman"))
    return render(
        request,
        "incidents/list.html",
        {
            "page": page,
            "filters": filters,
            "region": region_of(request.user),
            "may_report": may_report(request.user),
            "query": _query_without_page(request),
        },
    )


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("halaman", None)
    return query.urlencode()


@role_required(*READERS)
def incident_create(request: SignedInRequest) -> HttpResponse:
    if not may_report(request.user):
        raise deny(request, "may not report incidents")
    election = workflow.current_election()
    if election is None:
        return render(request, "incidents/no_election.html")
    region = None if is_secretariat(request.user) else region_of(request.user)
    form = IncidentForm(request.POST or None, request.FILES or None, election=election, region=region)
    if request.method == "POST" and form.is_valid():
        incident = workflow.report(
            form.save(commit=False),
            form.cleaned_data["agencies"],
            form.cleaned_data["attachments"],
            request.user,
        )
        if incident.is_urgent:
            messages.success(request, _("Kejadian darurat dilaporkan; sekretariat sudah diberi tahu."))
        else:
            messages.success(request, _("Kejadian dilaporkan."))
        if request.headers.get("X-Desk-Upload") == "1":
            # The phone's upload (with its progress bar) goes to the incident itself, where the
            # message above is read: a redirect followed inside the upload would read it unseen.
            return JsonResponse({"url": incident.get_absolute_url()})
        return redirect(incident)
    context: dict[str, object] = {"form": form, "region": region, "election": election}
    if request.method == "POST":
        reasons = [
            f"{form[name].label}: {error}" if name in form.fields else str(error)
            for name, errors in form.errors.items()
            for error in errors
        ]
        context["queued_refusal"] = queued_refused(request, reasons)
    return mark_refused(render(request, "incidents/form.html", context), context)


def _detail_context(request: SignedInRequest, incident: Incident, **forms: object) -> dict:
    writer = may_update(request.user, incident)
    return {
        "incident": incident,
        "updates": incident.updates.select_related("author"),
        "attachments": incident.attachments.all(),
        "agencies": incident.agency_labels,
        "may_update": writer,
        "update_form": forms.get("update_form") or (UpdateForm(incident=incident) if writer else None),
        "attachment_form": forms.get("attachment_form") or (AttachmentForm() if writer else None),
        "link_form": forms.get("link_form")
        or (FollowUpLinkForm(incident=incident) if is_secretariat(request.user) else None),
    }


@role_required(*READERS)
@require_safe
def incident_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    incident = incident_for(request, pk)
    return render(request, "incidents/detail.html", _detail_context(request, incident))


def _writable(request: SignedInRequest, pk: int) -> Incident:
    incident = incident_for(request, pk)
    if not may_update(request.user, incident):
        raise deny(request, "may not update this incident", incident)
    return incident


@role_required(*READERS)
@require_POST
def incident_update(request: SignedInRequest, pk: int) -> HttpResponse:
    incident = _writable(request, pk)
    form = UpdateForm(request.POST, incident=incident)
    if not form.is_valid():
        return render(request, "incidents/detail.html", _detail_context(request, incident, update_form=form))
    workflow.add_update(incident, form.cleaned_data["text"], form.cleaned_data["status"], request.user)
    messages.success(request, _("Perkembangan dicatat."))
    return redirect(incident)


@role_required(*READERS)
@require_POST
def incident_attach(request: SignedInRequest, pk: int) -> HttpResponse:
    incident = _writable(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        context = _detail_context(request, incident, attachment_form=form)
        return render(request, "incidents/detail.html", context)
    workflow.attach(incident, form.cleaned_data["attachments"], request.user)
    messages.success(request, _("Lampiran disimpan."))
    return redirect(incident)


@role_required(*READERS)
@require_POST
def incident_link(request: SignedInRequest, pk: int) -> HttpResponse:
    incident = incident_for(request, pk)
    if not is_secretariat(request.user):
        raise deny(request, "only the secretariat links follow-ups", incident)
    form = FollowUpLinkForm(request.POST, incident=incident)
    if not form.is_valid():
        return render(request, "incidents/detail.html", _detail_context(request, incident, link_form=form))
    workflow.link_follow_up(incident, form.cleaned_data["follow_up"])
    messages.success(request, _("Tautan tindak lanjut disimpan."))
    return redirect(incident)


@role_required(*READERS)
@require_safe
def attachment(request: SignedInRequest, pk: int, attachment_pk: int) -> FileResponse:
    """A photo inline, a PDF as a download; only to users who may see the incident."""
    incident = incident_for(request, pk)
    item = get_object_or_404(Attachment, pk=attachment_pk, incident=incident)
    try:
        handle = item.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404(_("Berkas lampiran tidak ditemukan.")) from exc
    # nosniff and no-store come from SecurityMiddleware and NoStoreMiddleware, as on every page.
    return FileResponse(
        handle, as_attachment=not item.is_photo, filename=item.name, content_type=item.content_type
    )
