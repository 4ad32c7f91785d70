"""The front door: ``/`` sends each user to their home (the letters waiting for their paraf or
signature first), and ``/healthz`` for the load balancer."""

from django.contrib.auth.decorators import login_not_required
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from accounts.access import DESK_ROLES, Role, SignedInRequest, role_of
from reports.models import LetterStep
from reports.workflow import letter as chain


def home(request: SignedInRequest) -> HttpResponse:
    """The Sekda and the initialling officials first see the letters that wait for them."""
    role = role_of(request.user)
    if role == Role.OPERATOR:
        return redirect("reports:report_form")
    if role in DESK_ROLES:
        waiting = chain.waiting_for(request.user)
        if waiting:
            return render(request, "reports/waiting.html", {"waiting": waiting, "Kind": LetterStep.Kind})
        return redirect("reports:dashboard")
    if role == Role.PARTNER:
        return redirect("notifications:agency_follow_ups")
    if request.user.is_staff:
        return redirect("admin:index")
    return redirect("reports:no_role")


@login_not_required
@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """Answers 200 when the database answers on a fresh connection, 503 otherwise. The fresh
    connection is its own, so a kept-alive connection that still looks fine proves nothing here
    and the thread's connection is left alone."""
    fresh = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        with fresh.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # noqa: BLE001 - any database failure means "not healthy"
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    finally:
        fresh.close()
    return JsonResponse({"status": "ok"})
