"""Login throttling beyond one username at one address (django-axes' handler, ``AXES_HANDLER``).

Axes locks a username at one address after ``AXES_FAILURE_LIMIT`` failures. This handler adds two
locks, counted over the same cool-off window from axes' own failure records:

- one address trying many usernames (password spraying): after failures for
  ``LOGIN_USERNAMES_PER_ADDRESS`` different usernames, that address may not try others;
- many addresses trying one account: after failures from ``LOGIN_ADDRESSES_PER_ACCOUNT`` different
  addresses, that account may not be tried from other addresses.

Neither lock refuses a username at an address where it has signed in successfully within
``LOGIN_KNOWN_ADDRESS_DAYS``: operators behind one shared office or proxy address are not locked
out by someone else's attempts from there, nor is an operator's usual address when their account
is attacked from elsewhere. (That exemption never lifts axes' own lock of the username at that
address.) The client's address is ``deskpilkada.clientip.client_ip``: behind a reverse proxy, set
``CLIENT_IP_HEADER`` and ``PROXY_COUNT``, or every client shares the proxy's address.
"""

import datetime as dt
from typing import Any

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone


def known_address(username: str, address: str | None) -> bool:
    """Whether ``username`` signed in successfully from ``address`` lately."""
    since = timezone.now() - dt.timedelta(days=settings.LOGIN_KNOWN_ADDRESS_DAYS)
    return AccessLog.objects.filter(username=username, ip_address=address, attempt_time__gte=since).exists()


def failures_since(request: HttpRequest) -> QuerySet:
    return AccessAttempt.objects.filter(attempt_time__gte=get_cool_off_threshold(request))


def address_sprays(request: HttpRequest, username: str, address: str | None) -> bool:
    """This address has failed for too many other usernames."""
    tried = failures_since(request).filter(ip_address=address).exclude(username=username)
    return tried.values("username").distinct().count() >= settings.LOGIN_USERNAMES_PER_ADDRESS


def account_besieged(request: HttpRequest, username: str, address: str | None) -> bool:
    """This account has failed from too many other addresses."""
    tried = failures_since(request).filter(username=username).exclude(ip_address=address)
    return tried.values("ip_address").distinct().count() >= settings.LOGIN_ADDRESSES_PER_ACCOUNT


def locked_beyond_the_pair(request: HttpRequest, credentials: dict | None) -> bool:
    username = get_client_username(request, credentials)
    address = request.axes_ip_address  # type: ignore[attr-defined]  # set by django-axes
    if not username or known_address(username, address):
        return False
    return address_sprays(request, username, address) or account_besieged(request, username, address)


class DeskAxesHandler(AxesDatabaseHandler):
    def is_locked(self, request: HttpRequest, credentials: dict | None = None) -> bool:
        return super().is_locked(request, credentials) or locked_beyond_the_pair(request, credentials)

    def user_login_failed(
        self, sender: Any, credentials: dict, request: HttpRequest | None = None, **kwargs: Any
    ) -> None:
        """Axes marks a request locked only when the username's count at this address reaches the
        limit; a login refused by the other locks gets the same lock page."""
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is None or getattr(request, "axes_locked_out", False):
            return
        if locked_beyond_the_pair(request, credentials):
            request.axes_locked_out = True  # type: ignore[attr-defined]  # read by django-axes
            request.axes_credentials = credentials  # type: ignore[attr-defined]
