"""The paraf chain on the brief's page: submit for paraf (secretariat), paraf (the initialling
officials), the signer's form (its view, which asks for a fresh authenticator code and redraws the
page when the code is refused, is ``views.brief.brief_sign``); and the public verification page that
the letter's QR code opens.

The rules live in ``reports.workflow.letter``; these views only say who is asking and pass on the
refusal. ``chain_context`` is what the brief's page shows of the chain.
"""

import functools
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.access import Role, SignedInRequest, View, deny, is_secretariat, role_required
from deskpilkada.icons import Icon
from reports import tasks
from reports.brief import pades
from reports.brief.diff import paragraphs_changed
from reports.forms.brief import SignForm, SignOffForm
from reports.models import Delivery, LetterNumber, LetterSettings, LetterStep, RakorSession
from reports.models.letter import in_force
from reports.workflow import letter as chain
from reports.workflow.writes import Refused, when

Kind = LetterStep.Kind


def chain_context(
    request: SignedInRequest,
    session: RakorSession,
    text: str,
    letter: LetterSettings,
    *,
    locked: bool,
    edited: bool,
    sign_form: SignForm | None = None,
) -> dict:
    """The steps that stand, what waits and for whom, what this user may do, and what changed
    since the text was last initialled. ``sign_form``: the signer's form as posted, when refused."""
    every = list(session.letter_steps.select_related("user__profile", "cleared_by__profile"))
    steps = [step for step in every if step.cleared_at is None]
    kinds = {step.kind for step in steps}
    user = request.user
    initialers = list(letter.initialers.select_related("profile"))
    initialled = {step.user_id for step in steps if step.kind == Kind.PARAF}
    waiting = [official for official in initialers if official.pk not in initialled]
    signed = Kind.SIGNED in kinds
    open_ = not locked
    last_cleared = max(
        (step for step in every if step.cleared_at is not None),
        key=lambda step: (step.cleared_at, step.pk),
        default=None,
    )
    changed = (
        paragraphs_changed(last_cleared.text, text)
        if last_cleared is not None and not signed and last_cleared.text != text
        else []
    )
    return {
        "letter": letter,
        "stages": _stages(session, letter, steps, initialers, edited),
        # Why the chain was last withdrawn (data changed, sent back), until it is submitted again.
        "withdrawn_reason": last_cleared.cleared_reason
        if last_cleared is not None and Kind.SUBMITTED not in kinds
        else "",
        "can_send_back": open_ and Kind.SUBMITTED in kinds and chain.may_send_back(letter, user),
        "waiting_paraf": [chain.name_of(official) for official in waiting],
        "signer_name": chain.name_of(letter.signer) if letter.signer else "",
        "submitted": Kind.SUBMITTED in kinds,
        "signed": signed,
        "can_submit": open_ and is_secretariat(user) and Kind.SUBMITTED not in kinds,
        "can_paraf": open_
        and Kind.SUBMITTED in kinds
        and not signed
        and any(official.pk == user.pk for official in waiting),
        "can_sign": open_ and Kind.SUBMITTED in kinds and not signed and letter.signer_id == user.pk,
        "sign_needs_paraf": bool(waiting) or not initialers,
        "signing_device": letter.signer_id == user.pk and signing_device(user) is not None,
        "can_forward": open_ and signed and chain.may_forward(user, letter),
        "last_cleared": last_cleared,
        "last_cleared_name": chain.name_of(last_cleared.cleared_by)
        if last_cleared and last_cleared.cleared_by
        else "",
        "changed": changed,
        "step_form": SignOffForm(initial={"seen": chain.digest(text)}),
        "sign_form": sign_form or SignForm(None, initial={"seen": chain.digest(text)}),
        "ticked": (sign_form["acknowledged"].value() or []) if sign_form is not None else [],
        "certificate": pades.certificate_of(letter.signer) if not locked else None,
        "deliveries": list(
            Delivery.objects.filter(letter__session=session, letter__brief__superseded_at__isnull=True)
        )
        if locked
        else [],
        "can_retry": is_secretariat(user),
    }


def _stages(
    session: RakorSession, letter: LetterSettings, steps: list[LetterStep], initialers: list, edited: bool
) -> list:
    """(done, icon name, sentence) for each step of the chain, in order: who did it and when, or who it
    waits for. Data that moved after submission withdraws the chain, saying what changed
    (``withdrawn_reason``), so no step stands on data other than the letter's."""
    by_kind = {(step.kind, step.user_id): step for step in steps}
    submitted = next((step for step in steps if step.kind == Kind.SUBMITTED), None)
    signed = next((step for step in steps if step.kind == Kind.SIGNED), None)

    def said(step: LetterStep, text: str) -> str:
        return text % {"name": chain.name_of(step.user), "when": when(step.at)}

    stages = [
        (
            True,
            Icon("pencil"),
            _("Naskah diubah sekretariat") if edited else _("Naskah disusun dari data"),
        ),
        (
            (
                True,
                Icon("box-arrow-in-right"),
                said(submitted, _("Diajukan untuk paraf oleh %(name)s, %(when)s")),
            )
            if submitted
            else (False, Icon("box-arrow-in-right"), _("Belum diajukan untuk paraf"))
        ),
    ]
    for official in initialers:
        step = by_kind.get((Kind.PARAF, official.pk))
        stages.append(
            (True, Icon("pen"), said(step, _("Paraf %(name)s, %(when)s")))
            if step
            else (False, Icon("pen"), _("Menunggu paraf %(name)s") % {"name": chain.name_of(official)})
        )
    if signed:
        number = in_force(session)
        text = said(signed, _("Ditandatangani %(name)s, %(when)s"))
        sentence = f"{text} · {_('Nomor')} {number.number}" if number else text
        stages.append((True, Icon("patch-check"), sentence))
    else:
        signer = (
            chain.name_of(letter.signer) if letter.signer else _("penanda tangan (belum ditetapkan admin)")
        )
        stages.append((False, Icon("patch-check"), _("Menunggu tanda tangan %(name)s") % {"name": signer}))
    if session.forwarded_at:
        who = chain.name_of(session.forwarded_by) if session.forwarded_by else ""
        stages.append(
            (
                True,
                Icon("send"),
                _("Diteruskan %(name)s, %(when)s") % {"name": who, "when": when(session.forwarded_at)},
            )
        )
    else:
        stages.append((False, Icon("send"), _("Belum diteruskan")))
    return stages


def _session(pk: int) -> RakorSession:
    return get_object_or_404(RakorSession.objects.select_related("election"), pk=pk)


def _step(
    request: HttpRequest, pk: int, act: Callable[[RakorSession, dict[str, Any]], object], done: str
) -> HttpResponse:
    session = _session(pk)
    form = SignOffForm(request.POST)
    try:
        if not form.is_valid():
            raise Refused(_("Muat ulang halaman, baca naskahnya, lalu ulangi."))
        act(session, form.cleaned_data)
    except Refused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, done)
    return redirect("reports:brief", pk)


@role_required(Role.SECRETARIAT)
@require_POST
def brief_submit(request: SignedInRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        lambda session, data: chain.submit(session, request.user, seen=data["seen"]),
        _("Naskah diajukan untuk paraf."),
    )


def chosen(is_chosen: Callable[[LetterSettings, User], bool], reason: str) -> Callable[[View], View]:
    """Refuse (403) anyone the letter settings do not name for this step."""

    def decorator(view: View) -> View:
        @functools.wraps(view)
        def wrapped(request: SignedInRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not is_chosen(LetterSettings.load(), request.user):
                raise deny(request, reason)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


@role_required(Role.HEAD)
@chosen(lambda letter, user: letter.initialers.filter(pk=user.pk).exists(), "not an initialling official")
@require_POST
def brief_paraf(request: SignedInRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        lambda session, data: chain.paraf(session, request.user, seen=data["seen"]),
        _("Naskah telah Anda paraf dan menunggu tanda tangan."),
    )


def signing_device(user: User) -> TOTPDevice | None:
    """The signer's confirmed authenticator, whose fresh code signing asks for."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


@login_not_required
@never_cache
@require_safe
def verify(request: HttpRequest, token: str) -> HttpResponse:
    """What anyone holding the letter may check: its number, date, signer, the SHA-256 of the PDF
    as sent, and whether it is current or was superseded. No report data."""
    number = get_object_or_404(
        LetterNumber.objects.select_related("signed_by__profile", "corrects", "brief"),
        token=token,
        withdrawn_at=None,
    )
    newer = number.corrections.in_force().order_by("-issued_at").first()
    context = {
        "number": number,
        "signer_name": chain.name_of(number.signed_by),
        "newer": newer,
        "superseded": number.is_superseded,
    }
    return render(request, "reports/brief/verify.html", context)


@role_required(Role.SECRETARIAT)
@require_POST
def delivery_retry(request: HttpRequest, pk: int) -> HttpResponse:
    """Send a failed delivery again, in the background; the letter is not signed again."""
    delivery = get_object_or_404(Delivery.objects.select_related("letter"), pk=pk)
    try:
        chain.retry_delivery(delivery)
    except Refused as refusal:
        messages.error(request, str(refusal))
    else:
        tasks.deliver_letter.delay(delivery.letter_id, request.user.pk, [delivery.pk])
        messages.success(request, _("Surat dikirim ulang ke %(address)s.") % {"address": delivery.address})
    return redirect("reports:brief", delivery.letter.session_id)
