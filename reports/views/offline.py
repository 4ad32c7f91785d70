"""The installable web app: its manifest and its service worker (static/js/offline_worker.js),
served from the site's root so the worker may look after the operator's pages under /laporan/.

Both are public: a browser fetches a manifest without cookies, and neither holds anything of a
user, so the browser keeps both and asks again with their ETag (it asks for the worker on every
visit). Which user's copies the worker keeps is named by the page that registers it (offline.js)."""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from deskpilkada.caching import revalidated

WORKER = settings.BASE_DIR / "static" / "js" / "offline_worker.js"


@login_not_required
@require_GET
@revalidated
def manifest(request: HttpRequest) -> JsonResponse:
    data = {
        "name": "Desk Pilkada Kalimantan Timur",
        "short_name": "Desk Pilkada",
        "description": _("Laporan kesiapan mingguan kabupaten/kota untuk rakor Desk Pilkada."),
        "lang": "id",
        "start_url": reverse("reports:report_form"),
        "scope": "/",
        "display": "standalone",
        "background_color": "#f4f6f9",
        "theme_color": "#0b4f8a",
        "icons": [
            {"src": static("img/favicon.svg"), "sizes": "any", "type": "image/svg+xml", "purpose": "any"}
        ],
    }
    return JsonResponse(data, content_type="application/manifest+json")


@login_not_required
@require_GET
@revalidated
def service_worker(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(WORKER.read_bytes(), content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    return response
