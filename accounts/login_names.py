"""The username django-axes records for a login attempt: as typed, cut to what its column holds.

Django's login form does not limit the length of the username it passes to ``authenticate``, and
axes stores it in a 255-character column, so a longer name typed at the login page would make
PostgreSQL refuse the row and the page answer 500.
"""

from django.conf import settings
from django.http import HttpRequest

AXES_USERNAME_LENGTH = 255


def attempted_username(request: HttpRequest, credentials: dict | None = None) -> str:
    source = credentials or request.POST
    return str(source.get(settings.AXES_USERNAME_FORM_FIELD) or "")[:AXES_USERNAME_LENGTH]
