"""No page of the desk stays in a browser's or a proxy's cache.

Every response the application writes is sent ``Cache-Control: private, no-store``, so the
dashboard of a shared office computer is not shown again from the cache after logout (the back
button asks the server, which answers with the login page). That includes the login page: it holds
a CSRF token, and Django's login view marks it so anyway. The desk serves nothing public worth
caching.

Static files never reach this middleware: WhiteNoise, placed before it, answers them with its own
long-lived headers (a year and ``immutable`` for the hashed names ``collectstatic`` writes). The
few public responses that hold nothing of a user and that a browser asks for on every visit (the
service worker, the web app manifest) are ``revalidated`` instead: kept, and asked for again with
their ETag, so an unchanged one costs a 304 of a few hundred bytes on a weak signal.
"""

import functools
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag


class NoStoreMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not getattr(response, "revalidated", False):
            patch_cache_control(response, private=True, no_store=True)
        return response


def revalidated(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The view's response sent ``Cache-Control: no-cache`` with an ETag, and a 304 when the
    browser's copy is still the one; only for a response that is the same for everyone."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        set_response_etag(response)
        patch_cache_control(response, no_cache=True)
        answer = get_conditional_response(request, etag=response["ETag"], response=response) or response
        answer.revalidated = True  # type: ignore[attr-defined]
        return answer

    return wrapped
