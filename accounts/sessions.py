"""The session engine (``SESSION_ENGINE = "accounts.sessions"``): database sessions with a user id."""

from typing import Any, cast

from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import User
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore

from accounts.models import UserSession

# Keys in a login's session: when it began, and that it still waits for its TOTP code.
SESSION_STARTED = "session_started_at"
TWO_FACTOR_PENDING = "two_factor_pending"


class SessionStore(DatabaseSessionStore):
    @classmethod
    def get_model_class(cls) -> type[UserSession]:
        return UserSession

    def _get_session_from_db(self) -> UserSession | None:
        """The session row; its expiry is kept for IdleSessionRenewalMiddleware."""
        row = super()._get_session_from_db()  # type: ignore[misc]  # private to Django: not in django-stubs
        self.expire_date = row.expire_date if row is not None else None
        return row

    def create_model_instance(self, data: dict[str, Any]) -> UserSession:
        instance = cast(UserSession, super().create_model_instance(data))  # the model of get_model_class
        try:
            instance.user_id = int(data[SESSION_KEY])
        except (KeyError, TypeError, ValueError):
            instance.user_id = None
        return instance


def end_sessions_of(user: User) -> int:
    """Delete every session of ``user`` (one query); returns how many ended."""
    deleted, _ = UserSession.objects.filter(user_id=user.pk).delete()
    return deleted
