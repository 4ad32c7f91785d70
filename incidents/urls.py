from django.urls import path

from incidents import views

app_name = "incidents"

urlpatterns = [
    path("kejadian/", views.incident_list, name="list"),
    path("kejadian/baru/", views.incident_create, name="create"),
    path("kejadian/<int:pk>/", views.incident_detail, name="detail"),
    path("kejadian/<int:pk>/perkembangan/", views.incident_update, name="update"),
    path("kejadian/<int:pk>/lampiran/", views.incident_attach, name="attach"),
    path("kejadian/<int:pk>/tindak-lanjut/", views.incident_link, name="link"),
    path("kejadian/<int:pk>/lampiran/<int:attachment_pk>/", views.attachment, name="attachment"),
]
