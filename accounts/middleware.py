"""A user who has switched on two-factor login reaches no page until the session is verified."""

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from accounts.signals import TWO_FACTOR_PENDING

ALWAYS_REACHABLE = ("accounts:two_factor_verify", "logout", "set_language")


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.session.get(TWO_FACTOR_PENDING)
            and request.user.is_authenticated
            and not request.user.is_verified()
            and request.path not in {reverse(name) for name in ALWAYS_REACHABLE}
        ):
            verify = reverse("accounts:two_factor_verify")
            return redirect(f"{verify}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
