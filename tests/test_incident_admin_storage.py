"""Incidents and kecamatan in the admin, permission-checked like the rest; and where attachments
are stored: a private folder by default, an S3-compatible bucket when configured."""

import pytest
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.urls import reverse

from deskpilkada.settings import incident_storage
from incidents.models import Attachment
from tests.conftest import make_user
from tests.incident_factories import make_incident

pytestmark = pytest.mark.django_db


def test_the_admin_needs_the_model_permission_for_incidents_and_kecamatan(client, operator, region):
    incident = make_incident(region, operator)
    staff = make_user("it.staff", is_staff=True)
    client.force_login(staff)
    pages = [
        reverse("admin:incidents_incident_changelist"),
        reverse("admin:incidents_incident_change", args=[incident.pk]),
        reverse("admin:regions_kecamatan_changelist"),
    ]
    assert [client.get(url).status_code for url in pages] == [403, 403, 403]
    staff.user_permissions.add(*Permission.objects.filter(codename__in=["view_incident", "view_kecamatan"]))
    assert [client.get(url).status_code for url in pages] == [200, 200, 200]


def test_the_admin_opens_an_attachment_through_the_guarded_view(
    admin_client, operator, region, incident_files
):

    incident = make_incident(region, operator)
    attachment = Attachment(
        incident=incident,
        kind="pdf",
        name="ba.pdf",
        content_type="application/pdf",
        size=9,
        uploaded_by=operator,
    )
    attachment.file.save("ba.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    page = admin_client.get(reverse("admin:incidents_incident_change", args=[incident.pk])).content.decode()
    assert attachment.get_absolute_url() in page
    assert "/media/" not in page


def test_attachments_go_to_a_private_folder_outside_the_public_media_by_default(monkeypatch, settings):
    monkeypatch.delenv("INCIDENT_S3_BUCKET", raising=False)
    config = incident_storage()
    assert config["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert config["OPTIONS"]["location"] == settings.BASE_DIR / "private" / "incidents"
    assert not str(config["OPTIONS"]["location"]).startswith(str(settings.MEDIA_ROOT))


def test_an_s3_compatible_bucket_is_used_when_configured(monkeypatch):
    from storages.backends.s3 import S3Storage

    monkeypatch.setenv("INCIDENT_S3_BUCKET", "desk-kejadian")
    monkeypatch.setenv("INCIDENT_S3_ENDPOINT_URL", "https://s3.kaltimprov.go.id")
    config = incident_storage()
    assert config["BACKEND"] == "storages.backends.s3.S3Storage"
    storage = S3Storage(**config["OPTIONS"])
    assert (storage.bucket_name, storage.default_acl, storage.querystring_auth) == (
        "desk-kejadian",
        "private",
        True,
    )
    assert storage.endpoint_url == "https://s3.kaltimprov.go.id"
