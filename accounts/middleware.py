"""Request-wide guards of a login: the idle and absolute session limits, a user who has switched
on two-factor login reaches no page until the session is verified, and, while
``OTP_REQUIRED_FOR_DESK`` (on in production), every account but a region's operator
(``access.needs_two_factor``) without a confirmed TOTP device is sent to set one up before anything
else, and back to the page it asked for afterwards."""

import datetime as dt
import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.access import needs_two_factor
from accounts.sessions import SESSION_STARTED, TWO_FACTOR_PENDING

ALWAYS_REACHABLE = ("accounts:two_factor_verify", "logout", "set_language")
RENEW_EVERY_SECONDS = 60

GetResponse = Callable[[HttpRequest], HttpResponse]


class AbsoluteSessionTimeoutMiddleware:
    """Ends a login ``SESSION_ABSOLUTE_SECONDS`` after it began, however active the user was
    (the idle limit is ``SESSION_COOKIE_AGE``, renewed on every request)."""

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            started = request.session.setdefault(SESSION_STARTED, int(time.time()))
            if time.time() - started > settings.SESSION_ABSOLUTE_SECONDS:
                # Only this session ends: logout() would also end the user's other devices.
                request.session.flush()
                request.user = AnonymousUser()
                messages.info(request, _("Sesi Anda sudah berakhir. Silakan masuk kembali."))
                return redirect_to_login(request.get_full_path())
        return self.get_response(request)


class IdleSessionRenewalMiddleware:
    """Renews a login's idle limit (``SESSION_COOKIE_AGE``) once it has run down by a minute, instead
    of writing the session on every request: a session ends between the idle limit less a minute
    and the idle limit after the last request. Needs the expiry the session engine read
    (accounts.sessions); without it, the session is renewed on every request."""

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            expires = getattr(request.session, "expire_date", None)
            every = min(RENEW_EVERY_SECONDS, settings.SESSION_COOKIE_AGE // 2)
            left = settings.SESSION_COOKIE_AGE - every
            if expires is None or expires < timezone.now() + dt.timedelta(seconds=left):
                request.session.modified = True
        return self.get_response(request)


class TwoFactorMiddleware:
    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        gate = two_factor_gate(request)
        if gate == "accounts:two_factor":
            messages.warning(request, _("Akun Anda wajib memakai verifikasi dua langkah. Aktifkan dulu."))
        if gate is not None:
            return redirect(f"{reverse(gate)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)


def two_factor_gate(request: HttpRequest) -> str | None:
    """Where a session not yet verified with a TOTP code must go first (the URL name), or None.

    A login that asked for its code (the account has a device) goes to the verification. While
    two-factor login is required for the desk, an account that needs it (``needs_two_factor``) goes
    to the verification when it has a confirmed device, and to set one up otherwise. Verifying,
    logging out and the language stay reachable."""
    user = request.user
    if not user.is_authenticated or user.is_verified():  # type: ignore[attr-defined]  # added by django-otp
        return None
    if request.path in {reverse(name) for name in ALWAYS_REACHABLE}:
        return None
    if request.session.get(TWO_FACTOR_PENDING):
        return "accounts:two_factor_verify"
    if not settings.OTP_REQUIRED_FOR_DESK or not needs_two_factor(user):
        return None
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        return "accounts:two_factor_verify"
    return None if request.path == reverse("accounts:two_factor") else "accounts:two_factor"
