from django.urls import path
from django.views.generic import TemplateView

app_name = "reports"

urlpatterns = [
    path("tanpa-peran/", TemplateView.as_view(template_name="reports/no_role.html"), name="no_role"),
]
