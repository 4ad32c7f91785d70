"""Indonesian names for the third-party apps the admin shows (login locks, two-factor devices), and
for the permissions Django names in English ("Can add …").

Each app is installed through its subclass here (``INSTALLED_APPS`` names these classes), which
keeps its label, models and migrations and changes only the names people read. django-otp's TOTP
device has no Indonesian catalogue, so its model's names are set when the app is ready.
"""

from typing import Any

from axes.apps import AppConfig as AxesAppConfig
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.apps import DefaultConfig as TOTPAppConfig

# Django's default permissions, by the start of their codename.
ACTIONS = {"add": "menambah", "change": "mengubah", "delete": "menghapus", "view": "melihat"}


class AxesConfig(AxesAppConfig):
    verbose_name = _("Penguncian login")


class OTPConfig(AppConfig):
    name = "django_otp"
    default_auto_field = "django.db.models.AutoField"
    verbose_name = _("Verifikasi dua langkah")


class TOTPConfig(TOTPAppConfig):
    verbose_name = _("Perangkat verifikasi dua langkah (TOTP)")

    def ready(self) -> None:
        super().ready()
        device = self.get_model("TOTPDevice")
        device._meta.verbose_name = _("perangkat TOTP")
        device._meta.verbose_name_plural = _("perangkat TOTP")


def permission_name(codename: str, model_name: str) -> str | None:
    """The Indonesian name of a default permission ("Boleh menambah kontak"), or None for any other."""
    action = codename.split("_", 1)[0]
    return f"Boleh {ACTIONS[action]} {model_name}" if action in ACTIONS else None


def name_permissions_in_indonesian(**kwargs: Any) -> None:
    """After every migrate: the default permissions Django named "Can add …" read in Indonesian.
    (Imported here: this module is loaded while the app registry is still being filled.)"""
    from django.contrib.auth.models import Permission

    for permission in Permission.objects.filter(name__startswith="Can ").select_related("content_type"):
        model = permission.content_type.model_class()
        if model is None:
            continue
        name = permission_name(permission.codename, model._meta.verbose_name_raw)
        if name is not None:
            permission.name = name[: Permission._meta.get_field("name").max_length]
            permission.save(update_fields=["name"])
