"""The installable web app: its manifest and its service worker (static/js/offline_queue.js and
static/js/offline_worker.js as one script), served from the site's root so the worker may look
after the operator's pages under /laporan/.

Both are public: a browser fetches a manifest without cookies, and neither holds anything of a
user, so the browser keeps both and asks again with their ETag (it asks for the worker on every
visit). Which user's copies the worker keeps, and whose queued reports it may send, is named by the
page that registers it (offline.js) with ``user_key``."""

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from deskpilkada.caching import revalidated
from notifications.events import queued_report_refused
from reports.models import RakorSession

# The queue's helpers first: the worker reads the queue the page writes (one file for both).
WORKER = [settings.BASE_DIR / "static" / "js" / name for name in ("offline_queue.js", "offline_worker.js")]


# Posted by a report sent from the device's queue (draft_autosave.js, incident_form.js), and with it
# the second marker by the page that posts a refused one again to show its reasons beside the fields.
QUEUED = "queued"
TOLD = "told"
# The header that tells the worker the server refused a queued report (a newer version is no refusal).
REFUSED_HEADER = "X-Desk-Queue"


def user_key(user: AbstractBaseUser | AnonymousUser) -> str:
    """The name under which the device keeps a user's copies and queued reports: a keyed hash of
    the user's id, so it says nothing about who the user is. A queued report carries it, and the
    server refuses one queued by another user (see reports.views.operator)."""
    return salted_hmac("deskpilkada.offline", str(user.pk)).hexdigest()[:24]


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
    script = b"\n".join(path.read_bytes() for path in WORKER)
    response = HttpResponse(script, content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    return response


def queued_refused(request: HttpRequest, reasons: list[str], session: RakorSession | None = None) -> bool:
    """Whether this post is a report from the device's queue that the server refuses. The first
    time (the worker's post) the operator is told by the bell and their other channels, since they
    may no longer be looking at the page that queued it."""
    if not request.POST.get(QUEUED):
        return False
    if not request.POST.get(TOLD) and request.user.is_authenticated:
        queued_report_refused(request.user, reasons, request.path, session)
    return True


def mark_refused(response: HttpResponse, context: Mapping[str, Any]) -> HttpResponse:
    """The answer to a refused queued report, marked for the worker to tell every open page."""
    if context.get("queued_refusal"):
        response[REFUSED_HEADER] = "refused"
    return response
