from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from accounts.admin_site import DeskAdminSite
from accounts.invitations import PasswordChangeView
from reports.views.home import healthz, home
from reports.views.offline import manifest, service_worker

admin.site.__class__ = DeskAdminSite
admin.site.site_header = "Desk Pilkada — Administrasi"
admin.site.site_title = "Desk Pilkada"

urlpatterns = [
    path("", home, name="home"),
    path("healthz", healthz, name="healthz"),
    path("manifest.webmanifest", manifest, name="manifest"),
    path("offline-worker.js", service_worker, name="service_worker"),
    # Only these of django.contrib.auth.urls: no self-service password reset by e-mail (IT staff
    # reset passwords), so the login page is the only way in.
    path("akun/login/", auth_views.LoginView.as_view(), name="login"),
    path("akun/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("akun/password_change/", PasswordChangeView.as_view(), name="password_change"),
    path(
        "akun/password_change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("akun/", include("accounts.urls")),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("admin/", admin.site.urls),
    path("", include("reports.urls")),
    path("", include("notifications.urls")),
    path("", include("incidents.urls")),
]

handler403 = "reports.views.errors.permission_denied"
handler500 = "reports.views.errors.server_error"
