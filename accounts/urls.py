from django.urls import path

from accounts import views
from accounts.invitations import InvitationView

app_name = "accounts"

urlpatterns = [
    path("dua-langkah/", views.two_factor, name="two_factor"),
    path("dua-langkah/verifikasi/", views.two_factor_verify, name="two_factor_verify"),
    path("undangan/<uidb64>/<token>/", InvitationView.as_view(), name="invitation"),
]
