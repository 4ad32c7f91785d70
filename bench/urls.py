"""The benchmark's URLconf: every URL of the product, and ``/bench/yardstick``, a plain view that
reads one row through the same middleware (login, session, CSP, language, …). Each page's times
are reported as multiples of the yardstick's, served by the same gunicorn in the same run, so the
figures say how much a page costs beyond what any logged-in Django request costs on this machine.
"""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path
from django.views.decorators.http import require_safe

from reports.models import RakorSession


@require_safe
def yardstick(request: HttpRequest) -> HttpResponse:
    """The date of the latest rakor: one row, one query, no template."""
    latest = RakorSession.objects.order_by("-date").values_list("date", flat=True).first()
    return HttpResponse(f"{latest}", content_type="text/plain; charset=utf-8")


urlpatterns = [
    path("bench/yardstick", yardstick, name="yardstick"),
    path("", include("deskpilkada.urls")),
]

handler403 = "reports.views.errors.permission_denied"
handler500 = "reports.views.errors.server_error"
