"""Two-factor login (TOTP) for desk and admin accounts: switch it on, and verify a login.
And the page of a login locked by django-axes."""

import base64
import math

from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.access import deny, needs_two_factor
from accounts.forms import TokenForm
from accounts.sessions import TWO_FACTOR_PENDING
from deskpilkada.qr import qr_data_uri


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict | None = None
) -> HttpResponse:
    """django-axes' lockout page (``AXES_LOCKOUT_CALLABLE``): how long the lock lasts in whole
    minutes and the WITA clock time it ends (it runs from this failed attempt), not axes' own ISO
    8601 duration ("PT15M")."""
    cool_off = get_cool_off(request)
    context = {
        "minutes": math.ceil(cool_off.total_seconds() / 60),
        "retry_at": formats.time_format(timezone.localtime(timezone.now() + cool_off), "H.i"),
    }
    return render(request, "registration/locked.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)


def next_page(request: HttpRequest) -> str:
    """The page to return to after enrolling or verifying (``next``, posted or in the query), when
    it is on this site; "" otherwise."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return ""


@require_http_methods(["GET", "POST"])
def two_factor(request: HttpRequest) -> HttpResponse:
    """Shows whether two-factor login is on; while off, a QR code and a key to scan and a code to
    confirm it, then back to the page the user came from."""
    if not needs_two_factor(request.user):
        raise deny(request, "two-factor login is for the desk, partner and admin accounts")
    target = next_page(request)
    if TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
        return render(request, "accounts/two_factor.html", {"active": True, "next": target})
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=request.user, name=_("Aplikasi autentikator"), confirmed=False
        )
    form = TokenForm(device, request.POST or None)
    if request.method == "POST" and form.is_valid():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        otp_login(request, device)
        messages.success(request, _("Verifikasi dua langkah aktif. Setiap masuk, Anda akan diminta kodenya."))
        return HttpResponseRedirect(target or reverse("accounts:two_factor"))
    key = base64.b32encode(device.bin_key).decode()
    context = {
        "form": form,
        "key_groups": [key[i : i + 4] for i in range(0, len(key), 4)],
        "config_url": device.config_url,
        "qr": qr_data_uri(device.config_url),
        "next": target,
    }
    return render(request, "accounts/two_factor.html", context)


@require_http_methods(["GET", "POST"])
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    """The second step of a login for a user who has switched two-factor login on."""
    device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    target = next_page(request) or reverse("home")
    if device is None:
        return HttpResponseRedirect(target)
    form = TokenForm(device, request.POST or None)
    if request.method == "POST" and form.is_valid():
        otp_login(request, device)
        request.session.pop(TWO_FACTOR_PENDING, None)
        return HttpResponseRedirect(target)
    return render(request, "accounts/two_factor_verify.html", {"form": form, "next": target})
