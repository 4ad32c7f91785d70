from django.urls import path

from notifications import views

app_name = "notifications"

urlpatterns = [
    path("pemberitahuan/", views.notices, name="notices"),
    path("akun/kontak/", views.my_contact, name="my_contact"),
    path("pemberitahuan/wilayah/<int:region_pk>/", views.log, name="region_log"),
    path("dasbor/rakor/<int:pk>/ingatkan/", views.remind_all, name="remind_all"),
    path("dasbor/rakor/<int:pk>/ingatkan/<int:region_pk>/", views.remind_region, name="remind_region"),
    path("tindak-lanjut/", views.agency_follow_ups, name="agency_follow_ups"),
    path("tindak-lanjut/<int:pk>/", views.follow_up, name="follow_up"),
]
