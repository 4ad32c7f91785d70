"""Request-wide guards: the idle and absolute session limits, and the admin's relaxed
Content-Security-Policy."""

import datetime as dt
import time

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

SESSION_STARTED = "session_started_at"
RENEW_EVERY_SECONDS = 60

# Django's admin writes style="" attributes in some of its templates and widgets; only its URLs get
# them. Scripts stay 'self' everywhere.
ADMIN_CSP_UPDATE = {"style-src": ["'unsafe-inline'"]}


class AbsoluteSessionTimeoutMiddleware:
    """Ends a login ``SESSION_ABSOLUTE_SECONDS`` after it began, however active the user was
    (the idle limit is ``SESSION_COOKIE_AGE``, renewed on every request)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
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

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            expires = getattr(request.session, "expire_date", None)
            every = min(RENEW_EVERY_SECONDS, settings.SESSION_COOKIE_AGE // 2)
            left = settings.SESSION_COOKIE_AGE - every
            if expires is None or expires < timezone.now() + dt.timedelta(seconds=left):
                request.session.modified = True
        return self.get_response(request)


class DeskCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with ``ADMIN_CSP_UPDATE`` added on the admin's URLs only."""

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.update is None and request.path.startswith(reverse("admin:index")):
            parts.update = ADMIN_CSP_UPDATE
        return parts
