"""No page of the desk stays in a browser's or a proxy's cache.

Every response the application writes is sent ``Cache-Control: private, no-store``, so the
dashboard of a shared office computer is not shown again from the cache after logout (the back
button asks the server, which answers with the login page). That includes the login page: it holds
a CSRF token, and Django's login view marks it so anyway. The desk serves nothing public worth
caching.

Static files never reach this middleware: WhiteNoise, placed before it, answers them with its own
long-lived headers (a year and ``immutable`` for the hashed names ``collectstatic`` writes).
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control


class NoStoreMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        patch_cache_control(response, private=True, no_store=True)
        return response
