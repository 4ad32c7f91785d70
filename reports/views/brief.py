"""The brief for the Minister: the page (read, edit, the paraf chain of ``views.letter``, forward,
reopen), the A4 print view and the PDF, XLSX and CSV downloads.

The secretariat edits and submits for paraf, the head of Kesbangpol initials, the Sekda signs; the
signer or the secretariat (as the admin set) forwards; the secretariat reopens; every desk role
reads and downloads; operators get 403 on every URL (anonymous users are sent to log in by
``LoginRequiredMiddleware``). Once the session is forwarded, the downloads serve the files kept at
forwarding, byte for byte; every version sent, the superseded ones included, stays downloadable
from the page's list of versions.
"""

from collections.abc import Callable
from typing import cast

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.access import DESK_ROLES, Role, SignedInRequest, deny, is_secretariat, role_required
from reports import tasks
from reports.brief import checklist, exports
from reports.brief.document import letter_context
from reports.brief.letter import draft, indonesian, text_of
from reports.forms.brief import BriefForm, ForwardForm, ReopenForm, SendBackForm, SignForm
from reports.models import ForwardedBrief, LetterSettings, LetterSnapshot, RakorSession
from reports.rollup.parts import Summary
from reports.rollup.summary import summary
from reports.views.letter import chain_context, chosen, signing_device
from reports.workflow import forwarding
from reports.workflow import letter as chain
from reports.workflow.writes import Refused, session_lock

SECRETARIAT = Role.SECRETARIAT


def _session(pk: int) -> RakorSession:
    return get_object_or_404(
        RakorSession.objects.select_related("election", "signed_off_by", "forwarded_by"), pk=pk
    )


@role_required(*DESK_ROLES)
@require_safe
def brief_current(request: HttpRequest) -> HttpResponse:
    session = RakorSession.objects.current()
    if session is None:
        return render(request, "reports/dashboard/no_session.html")
    return redirect("reports:brief", session.pk)


@role_required(*DESK_ROLES)
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def brief(request: SignedInRequest, pk: int) -> HttpResponse:
    """The letter: the secretariat edits it here (POST), leaders read it."""
    session = _session(pk)
    if request.method != "POST":
        return _page(request, session)
    if not is_secretariat(request.user):
        raise deny(request, "only the secretariat edits the brief", session)
    form = BriefForm(request.POST)
    if not form.is_valid():
        return _page(request, session, form, status=400)
    try:
        _saved, cleared = forwarding.save_text(
            session, request.user, form.cleaned_data["text"], base=form.cleaned_data["base"]
        )
    except Refused as refusal:
        messages.error(request, str(refusal))
        return _page(request, _session(pk), form, status=409)
    messages.success(request, _("Naskah disimpan. Naskah inilah yang dicetak dan diteruskan."))
    if cleared:
        messages.warning(request, chain.cleared_message(cleared))
    return redirect("reports:brief", pk)


def _page(
    request: SignedInRequest,
    session: RakorSession,
    form: BriefForm | None = None,
    reopen_form: ReopenForm | None = None,
    status: int = 200,
    send_back_form: SendBackForm | None = None,
    sign_form: SignForm | None = None,
) -> HttpResponse:
    sent = list(ForwardedBrief.objects.filter(session=session).listed())
    corrects = next((brief for brief in sent if brief.is_superseded), None)
    with indonesian():
        result = summary(session)
        drafted = draft(result, corrects=corrects)  # what ``text_of`` drafts, without its query
        letter = LetterSettings.load()
        document = letter_context(result, letter=letter)
    text = session.brief_text or drafted
    lock = session_lock(session)
    context = {
        **document,
        **chain_context(
            request,
            session,
            text,
            letter,
            locked=lock is not None,
            edited=text != drafted,
            sign_form=sign_form,
        ),
        "session": session,
        "summary": result,
        "text": text,
        "returned": checklist.returned(result),
        "checklist": checklist.checklist(result),
        "acknowledged": checklist.acknowledged(
            session.sign_off_acknowledged, [row.region for row in result.rows]
        ),
        # Differs from the draft: edited, or (once signed off and pinned) the data moved since.
        "is_edited": text != drafted,
        "follows_data": not session.brief_text,
        "lock": str(lock) if lock else "",
        "can_edit": is_secretariat(request.user) and lock is None,
        "can_reopen": is_secretariat(request.user) and lock is not None,
        "form": form or BriefForm(initial={"text": text, "base": forwarding.digest(session.brief_text)}),
        "forward_form": ForwardForm(),
        "reopen_form": reopen_form or ReopenForm(),
        "send_back_form": send_back_form or SendBackForm(),
        "sent": sent,
    }
    return render(request, "reports/brief/brief.html", context, status=status)


@role_required(SECRETARIAT)
@require_POST
def brief_reset(request: SignedInRequest, pk: int) -> HttpResponse:
    try:
        _saved, cleared = forwarding.reset_to_draft(_session(pk), request.user)
    except Refused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("Naskah disusun ulang dari data terbaru."))
        if cleared:
            messages.warning(request, chain.cleared_message(cleared))
    return redirect("reports:brief", pk)


@role_required(SECRETARIAT, Role.LEADER)
@chosen(lambda letter, user: chain.may_forward(user), "forwarding is for the one the letter settings name")
@require_POST
def brief_forward(request: SignedInRequest, pk: int) -> HttpResponse:
    """Forwarding is done by the signer or the secretariat, as the admin set (``may_forward``)."""
    session = _session(pk)
    form = ForwardForm(request.POST)
    try:
        if not form.is_valid():
            raise Refused(form.errors["confirm"][0])
        kept = forwarding.forward(session, request.user)
    except Refused as refusal:
        messages.error(request, str(refusal))
    else:
        tasks.make_forwarded_files.delay(kept.pk, request.user.pk)
        messages.success(
            request,
            _("Laporan diteruskan ke Mendagri. Rakor ini dibekukan; berkasnya disimpan seperti dikirim."),
        )
    return redirect("reports:brief", pk)


@role_required(*DESK_ROLES)
@chosen(lambda letter, user: letter.signer_id is not None and letter.signer_id == user.pk, "not the signer")
@require_POST
def brief_sign(request: SignedInRequest, pk: int) -> HttpResponse:
    """The signer signs with a fresh code from their authenticator app, typed on this form: a
    missing or wrong code is said beside the field, the ticks kept, and nothing is signed."""
    session = _session(pk)
    device = signing_device(request.user)
    if device is None:
        messages.error(
            request, _("Aktifkan verifikasi dua langkah lebih dulu; penandatanganan meminta kodenya.")
        )
        return redirect("reports:brief", pk)
    form = SignForm(device, request.POST)
    if not form.is_valid():
        if "seen" in form.errors:
            messages.error(request, _("Muat ulang halaman, baca naskahnya, lalu ulangi."))
            return redirect("reports:brief", pk)
        return _page(request, session, sign_form=form, status=400)
    try:
        chain.sign(
            session,
            request.user,
            seen=form.cleaned_data["seen"],
            verified="token" in form.cleaned_data,
            acknowledged=form.cleaned_data["acknowledged"],
        )
    except Refused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(
            request, _("Naskah ditandatangani dan mendapat nomor. Naskah siap diteruskan ke Mendagri.")
        )
    return redirect("reports:brief", pk)


@role_required(*DESK_ROLES)
@chosen(chain.may_send_back, "only the initialling officials and the signer send the letter back")
@require_POST
def brief_send_back(request: SignedInRequest, pk: int) -> HttpResponse:
    """An initialling official or the signer sends the submitted letter back to the secretariat;
    the reason is required and shown beside the field when missing."""
    session = _session(pk)
    form = SendBackForm(request.POST)
    if not form.is_valid():
        return _page(request, session, send_back_form=form, status=400)
    try:
        chain.send_back(session, request.user, reason=form.cleaned_data["reason"])
    except Refused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("Naskah dikembalikan ke sekretariat beserta alasannya."))
    return redirect("reports:brief", pk)


@role_required(SECRETARIAT)
@require_POST
def brief_reopen(request: SignedInRequest, pk: int) -> HttpResponse:
    """Open a forwarded rakor again for a correction; the reason is required and recorded."""
    session = _session(pk)
    form = ReopenForm(request.POST)
    if not form.is_valid():
        return _page(request, session, reopen_form=form, status=400)
    try:
        forwarding.reopen(session, request.user, reason=form.cleaned_data["reason"])
    except Refused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(
            request,
            _(
                "Rakor dibuka kembali untuk perbaikan. Laporan yang sudah dikirim tetap tersimpan; "
                "naskah disusun ulang sebagai ralat. Setelah diperbaiki, ajukan lagi untuk paraf dan "
                "tanda tangan, lalu teruskan."
            ),
        )
    return redirect("reports:brief", pk)


def _made(session: RakorSession, kind: str) -> str | bytes:
    """The letter of ``session`` as it stands, as a document of ``kind`` (print, pdf, xlsx, csv):
    as pinned for paraf once submitted, else drafted from the data now."""
    found = chain.standing_snapshot(session)
    if found is not None:
        with indonesian():
            return _pinned(found, kind)
    make: Callable[[Summary, str], str | bytes] = (
        exports.document if kind == "print" else exports.MAKERS[kind]
    )
    with indonesian():
        result = summary(session)
        # The tables (XLSX, CSV) hold no letter; drafting it is most of the work at national scale.
        text = text_of(result.session, result) if kind in ("print", "pdf") else ""
        return make(result, text)


def _pinned(found: LetterSnapshot, kind: str) -> str | bytes:
    if kind == "print":
        return exports.pinned_document(found)
    if kind == "pdf":
        return exports.pinned_pdf(found)
    return bytes(getattr(found, kind))


@role_required(*DESK_ROLES)
@never_cache
@require_safe
def brief_print(request: HttpRequest, pk: int) -> HttpResponse:
    """The A4 letter and its attachment; the PDF is made from this very HTML."""
    return HttpResponse(_made(_session(pk), "print"))


@role_required(*DESK_ROLES)
@never_cache
@require_safe
def brief_file(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """The PDF, XLSX or CSV: as kept at forwarding once the session is forwarded, else made now."""
    session = _session(pk)
    body = None
    if session.is_forwarded:
        body = ForwardedBrief.objects.current().filter(session=session).values_list(kind, flat=True).first()
        if body is not None and not bytes(body):
            messages.info(request, _("Berkas laporan yang diteruskan sedang disiapkan; coba lagi sebentar."))
            return redirect("reports:brief", session.pk)
    if body is None:
        body = _made(session, kind)
    response = HttpResponse(bytes(cast("bytes | memoryview", body)), content_type=exports.CONTENT_TYPES[kind])
    response["Content-Disposition"] = f'attachment; filename="{exports.filename(session, kind)}"'
    return response


@role_required(*DESK_ROLES)
@never_cache
@require_safe
def brief_sent_file(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """One version of the brief as it was sent (the standing one or a superseded one), byte for byte."""
    sent = get_object_or_404(ForwardedBrief.objects.select_related("session"), pk=pk)
    response = HttpResponse(bytes(getattr(sent, kind)), content_type=exports.CONTENT_TYPES[kind])
    response["Content-Disposition"] = f'attachment; filename="{exports.sent_filename(sent, kind)}"'
    return response
