"""Who may see and change what: the one place that decides access.

Roles are Django groups. An operator belongs to one region through ``regions.Membership`` and sees
only that region; the secretariat, leaders and the head of Kesbangpol see every region; only the
secretariat changes anything beyond a region's own report (the letter's paraf and signature are
the officials' own, see ``reports.brief.chain``). A partner agency's account (Mitra: KPU, Bawaslu,
Polri/TNI, Pemda, Kesbangpol) belongs to one agency through ``notifications.AgencyMembership`` and
sees only the follow-ups assigned to that agency. Views call these helpers and never re-implement
the rule.
"""

import functools
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.utils.translation import gettext_lazy as _

from deskpilkada.clientip import client_ip

if TYPE_CHECKING:
    from regions.models import Region

logger = logging.getLogger("deskpilkada.access")
# Where role_of keeps its answer on the user object of one request.
ROLE_ATTRIBUTE = "_desk_role"


class Role(models.TextChoices):
    OPERATOR = "Operator kabupaten/kota", _("Operator kabupaten/kota")
    SECRETARIAT = "Sekretariat provinsi", _("Sekretariat provinsi")
    LEADER = "Pimpinan", _("Pimpinan")
    HEAD = "Kepala Kesbangpol", _("Kepala Kesbangpol")
    PARTNER = "Mitra instansi", _("Mitra instansi")


def role_of(user: User | AnonymousUser) -> Role | None:
    """The user's role, read once per request object. Superusers count as secretariat."""
    if not user.is_authenticated:
        return None
    if not hasattr(user, ROLE_ATTRIBUTE):
        names = {group.name for group in user.groups.all()}
        ranked = (
            Role.SECRETARIAT,
            Role.LEADER,
            Role.HEAD,
            Role.OPERATOR,
            Role.PARTNER,
        )
        role = next((r for r in ranked if r.value in names), None)
        if role is None and user.is_superuser:
            role = Role.SECRETARIAT
        setattr(user, ROLE_ATTRIBUTE, role)
    return getattr(user, ROLE_ATTRIBUTE)


def region_of(user: User | AnonymousUser) -> "Region | None":
    """The region an operator reports for, or None."""
    if not user.is_authenticated:
        return None
    membership = getattr(user, "membership", None)
    return membership.region if membership is not None else None


class SignedInRequest(HttpRequest):
    """The request of a page only a signed-in user reaches (``LoginRequiredMiddleware``,
    ``role_required``): its user is a ``User``, never anonymous."""

    user: User


def agency_of(user: User | AnonymousUser) -> str | None:
    """The partner agency (a ``FollowUp.Agency`` value) a Mitra account speaks for, or None."""
    if not user.is_authenticated:
        return None
    membership = getattr(user, "agency_membership", None)
    return membership.agency if membership is not None else None


# The province desk: every region, every session. The head of Kesbangpol reads as leaders do and
# initials the letter.
DESK_ROLES = (Role.SECRETARIAT, Role.LEADER, Role.HEAD)


def sees_all_regions(user: User | AnonymousUser) -> bool:
    return role_of(user) in DESK_ROLES


def is_secretariat(user: User | AnonymousUser) -> bool:
    return role_of(user) == Role.SECRETARIAT


def needs_two_factor(user: User | AnonymousUser) -> bool:
    """Every account that reads beyond one region's own report: the secretariat, the head of
    Kesbangpol, the leaders, the partner agencies and the admins. A region's operator is left out:
    they read only their own region, often on a shared phone."""
    if not user.is_authenticated:
        return False
    return user.is_staff or role_of(user) in (*DESK_ROLES, Role.PARTNER)


def sees_client_addresses(user: User | AnonymousUser) -> bool:
    """Client addresses in the audit trail are personal data kept for the IT admins (staff and
    superusers); the secretariat and leaders read who changed what and when, not from where."""
    return user.is_authenticated and (user.is_staff or user.is_superuser)


class Denied(PermissionDenied):
    """A refusal already logged by ``deny``."""

    logged = True


def deny(request: HttpRequest, reason: str, obj: object = None) -> PermissionDenied:
    """Log a refused access (who, what, from where; the log line carries when) and return the
    exception to raise, marked so that the 403 handler does not log it twice."""
    user = getattr(request, "user", None)
    logger.warning(
        "access denied: user=%s path=%s object=%s ip=%s reason=%s",
        user.get_username() if user is not None and user.is_authenticated else "anonymous",
        request.path,
        obj,
        client_ip(request),
        reason,
    )
    return Denied(reason)


View = Callable[..., HttpResponseBase]  # a page, or a file streamed (FileResponse)


def role_required(*roles: Role) -> Callable[[View], View]:
    """Refuse (403) any user whose role is not one of ``roles``."""

    def decorator(view: View) -> View:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if role_of(request.user) not in roles:
                raise deny(request, f"role {role_of(request.user)} not in {roles}")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
