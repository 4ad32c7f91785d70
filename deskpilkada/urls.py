from django.contrib import admin
from django.urls import include, path

from reports.views.home import healthz, home

admin.site.site_header = "Desk Pilkada — Administrasi"
admin.site.site_title = "Desk Pilkada"

urlpatterns = [
    path("", home, name="home"),
    path("healthz", healthz, name="healthz"),
    path("akun/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("reports.urls")),
]
