"""What every page needs to know about the user and the desk."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from accounts.access import DESK_ROLES, Role, region_of, role_of


def desk(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None:
        return {"desk": settings.DESK}
    role = role_of(user)
    return {
        "desk": settings.DESK,
        "user_role": role,
        "user_region": region_of(user) if role == Role.OPERATOR else None,  # only operators have one
        "is_operator": role == Role.OPERATOR,
        "is_secretariat": role == Role.SECRETARIAT,
        "is_leader": role == Role.LEADER,
        "is_desk": role in DESK_ROLES,
        "is_partner": role == Role.PARTNER,
    }
