"""The Content-Security-Policy, relaxed for the admin's URLs only."""

from csp.middleware import CSPMiddleware, PolicyParts
from django.http import HttpRequest, HttpResponseBase
from django.urls import reverse

# Django's admin writes style="" attributes in some of its templates and widgets; only its URLs get
# them. Scripts stay 'self' everywhere.
ADMIN_CSP_UPDATE = {"style-src": ["'unsafe-inline'"]}


class DeskCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with ``ADMIN_CSP_UPDATE`` added on the admin's URLs only."""

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.update is None and request.path.startswith(reverse("admin:index")):
            parts.update = ADMIN_CSP_UPDATE
        return parts
