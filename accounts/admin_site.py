"""The Django admin, which in production opens only to a session verified with a TOTP code."""

from django.conf import settings
from django.contrib.admin import AdminSite
from django.contrib.admin.forms import AdminAuthenticationForm
from django.http import HttpRequest
from django_otp.admin import OTPAdminAuthenticationForm, OTPAdminSite


class DeskAdminSite(OTPAdminSite):
    """``OTPAdminSite`` while ``settings.OTP_REQUIRED_FOR_ADMIN`` (on in production), else the
    plain admin. Installed by swapping the class of ``admin.site``, as django-otp documents, so the
    registry and the ``admin`` URL namespace stay as they are."""

    @property
    def login_form(self) -> type[AdminAuthenticationForm]:
        return OTPAdminAuthenticationForm if settings.OTP_REQUIRED_FOR_ADMIN else AdminAuthenticationForm

    @property
    def login_template(self) -> str | None:
        return OTPAdminSite.login_template if settings.OTP_REQUIRED_FOR_ADMIN else None

    def has_permission(self, request: HttpRequest) -> bool:
        if settings.OTP_REQUIRED_FOR_ADMIN:
            return super().has_permission(request)
        return AdminSite.has_permission(self, request)
