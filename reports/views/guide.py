"""Panduan: a short help page for each role, open to every signed-in user."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from accounts.access import Role, role_of

GUIDES = {
    "operator": Role.OPERATOR.label,
    "sekretariat": Role.SECRETARIAT.label,
    "pimpinan": Role.LEADER.label,
    "mitra": Role.PARTNER.label,
    "admin": _("Admin TI"),
}
GUIDE_OF_ROLE: dict[Role | None, str] = {
    Role.OPERATOR: "operator",
    Role.SECRETARIAT: "sekretariat",
    Role.LEADER: "pimpinan",
    Role.PARTNER: "mitra",
}


@require_safe
def guide(request: HttpRequest, role: str = "") -> HttpResponse:
    """The guide of ``role``, or of the user's own role when none is named."""
    if not role:
        own = role_of(request.user)
        role = GUIDE_OF_ROLE.get(own, "admin" if request.user.is_staff and own is None else "operator")
    if role not in GUIDES:
        raise Http404
    return render(request, f"reports/guide/{role}.html", {"guides": GUIDES, "guide": role})
