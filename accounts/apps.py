from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Akun dan sesi")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from accounts import invitations, signals  # noqa: F401 - connects the login/logout receivers
        from accounts.third_party import name_permissions_in_indonesian

        post_migrate.connect(name_permissions_in_indonesian, dispatch_uid="accounts.permission_names")
