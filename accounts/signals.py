"""Logging out ends the user's sessions everywhere; logging in starts the absolute session clock and,
with a TOTP device, asks for a code."""

import time
from typing import Any

from django.contrib.auth.models import User
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver
from django.http import HttpRequest
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.sessions import SESSION_STARTED, TWO_FACTOR_PENDING, end_sessions_of


@receiver(user_logged_out)
def end_other_sessions(sender: type, request: HttpRequest, user: User | None, **kwargs: Any) -> None:
    if user is not None:
        end_sessions_of(user)


@receiver(user_logged_in)
def start_session_clock(sender: type, request: HttpRequest, user: User, **kwargs: Any) -> None:
    """The absolute limit counts from the login (stamped here, so the first page writes nothing)."""
    request.session[SESSION_STARTED] = int(time.time())


@receiver(user_logged_in)
def ask_for_second_factor(sender: type, request: HttpRequest, user: User, **kwargs: Any) -> None:
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        request.session[TWO_FACTOR_PENDING] = True
