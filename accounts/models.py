"""Sessions that know their user, so that logging out can end all of that user's sessions at once.

Django's documented way to extend the database session engine: the same table columns plus an
indexed ``user_id`` copied from the session data whenever the session is saved (also after
``cycle_key`` on login and password change), so "every session of this user" is one indexed query.
"""

from typing import TYPE_CHECKING

from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from accounts.sessions import SessionStore


class UserSession(AbstractBaseSession):
    user_id = models.BigIntegerField(_("pengguna"), null=True, db_index=True)

    class Meta:
        db_table = "accounts_user_session"
        verbose_name = _("sesi pengguna")
        verbose_name_plural = _("sesi pengguna")

    @classmethod
    def get_session_store_class(cls) -> type["SessionStore"]:
        from accounts.sessions import SessionStore

        return SessionStore
