"""Error pages: 403s are logged like every refused access; a database outage answers 503, not 500.

A database error can be raised in a middleware (the session or the user is loaded lazily) as well
as in a view, and Django turns exceptions into responses around each middleware; the 500 handler is
the one place every such error reaches, so it tells an outage from a bug there. The 400, 500 and 503
pages render without a request context, so they need neither the database nor a session.
"""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.views import defaults

from accounts.access import deny

logger = logging.getLogger("deskpilkada.errors")

RETRY_AFTER_SECONDS = 30


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    if not getattr(exception, "logged", False):
        deny(request, str(exception) or exception.__class__.__name__)
    return defaults.permission_denied(request, exception)


def database_unavailable() -> HttpResponse:
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        logger.error("database unavailable: path=%s", request.path)
        return database_unavailable()
    return HttpResponse(render_to_string("500.html"), status=500)
