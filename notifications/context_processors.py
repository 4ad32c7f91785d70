"""The bell's unread count on every page, in one query, only for a signed-in user."""

from django.http import HttpRequest

from notifications.models import Notification


def unread_notices(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notices": Notification.objects.unread_count(user)}
