"""Incident attachments: checked by content, photos shrunk and stripped of their metadata, served
only to those who may see the incident, never from a public URL."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import ExifTags, Image

from incidents.models import Attachment, Incident
from tests.incident_factories import make_incident, photo_bytes

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200


def upload(client, incident: Incident, name: str, data: bytes, content_type: str = "image/jpeg"):
    return client.post(
        reverse("incidents:attach", args=[incident.pk]),
        {"attachments": SimpleUploadedFile(name, data, content_type=content_type)},
    )


@pytest.fixture
def incident(operator, region) -> Incident:
    return make_incident(region, operator)


def test_a_renamed_executable_is_refused(client, operator, incident):
    client.force_login(operator)
    response = upload(client, incident, "foto_kejadian.jpg", EXECUTABLE)
    assert response.status_code == 200
    assert response.context["attachment_form"].errors["attachments"] == [
        "foto_kejadian.jpg bukan foto JPEG, PNG atau WebP maupun PDF; berkas ini tidak diterima."
    ]
    assert not Attachment.objects.exists()


def test_a_large_photo_is_shrunk_and_loses_its_location(client, operator, incident):
    original = photo_bytes((4000, 3000), gps=True)
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(ExifTags.IFD.GPSInfo)
    client.force_login(operator)
    assert upload(client, incident, "IMG_2024.jpeg", original).status_code == 302
    attachment = Attachment.objects.get()
    with attachment.file.open("rb") as handle:
        kept = handle.read()
    image = Image.open(io.BytesIO(kept))
    assert (image.format, image.size) == ("JPEG", (1600, 1200))
    assert not image.getexif()
    assert b"KameraPonsel" not in kept and b"Exif" not in kept
    assert (attachment.kind, attachment.name, attachment.content_type) == (
        "foto",
        "IMG_2024.jpg",
        "image/jpeg",
    )
    assert not attachment.original


def test_the_original_photo_is_kept_only_when_the_admin_chooses(client, operator, incident, settings):
    settings.INCIDENT_KEEP_ORIGINAL_PHOTOS = True
    original = photo_bytes((800, 600), "PNG")
    client.force_login(operator)
    upload(client, incident, "tps.png", original, "image/png")
    attachment = Attachment.objects.get()
    with attachment.original.open("rb") as handle:
        assert handle.read() == original


def test_a_pdf_is_recognised_by_its_content_whatever_its_name(client, operator, incident):
    client.force_login(operator)
    upload(client, incident, "berita_acara.jpg", PDF)
    attachment = Attachment.objects.get()
    assert (attachment.kind, attachment.name, attachment.content_type) == (
        "pdf",
        "berita_acara.pdf",
        "application/pdf",
    )


def test_an_oversized_file_is_refused(client, operator, incident, settings):
    settings.INCIDENT_MAX_UPLOAD_MB = 1
    client.force_login(operator)
    response = upload(client, incident, "besar.pdf", PDF + b"0" * (1024 * 1024), "application/pdf")
    assert "terlalu besar" in response.context["attachment_form"].errors["attachments"][0]
    assert not Attachment.objects.exists()


def test_attachments_are_served_only_to_those_who_see_the_incident(
    client, operator, other_operator, secretariat, incident
):
    client.force_login(operator)
    upload(client, incident, "foto.webp", photo_bytes(image_format="WEBP"), "image/webp")
    upload(client, incident, "ba.pdf", PDF, "application/pdf")
    photo, pdf = Attachment.objects.order_by("pk")
    response = client.get(photo.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("inline")
    client.force_login(secretariat)
    response = client.get(pdf.get_absolute_url())
    assert response["Content-Disposition"] == 'attachment; filename="ba.pdf"'
    assert response.getvalue() == PDF
    client.force_login(other_operator)
    assert client.get(photo.get_absolute_url()).status_code == 404
    assert client.get(reverse("incidents:attachment", args=[incident.pk + 1, photo.pk])).status_code == 404


def test_a_photo_chosen_when_reporting_is_attached(client, operator, region):
    client.force_login(operator)
    data = {
        "kecamatan": region.kecamatan.first().pk,
        "occurred_at": "2024-11-21T14:30",
        "kind": "bencana",
        "severity": "biasa",
        "description": "Banjir setinggi lutut di sekitar TPS.",
        "attachments": [
            SimpleUploadedFile("banjir.jpg", photo_bytes(gps=True), content_type="image/jpeg"),
            SimpleUploadedFile("ba.pdf", PDF, content_type="application/pdf"),
        ],
    }
    client.post(reverse("incidents:create"), data)
    assert sorted(Incident.objects.get().attachments.values_list("kind", flat=True)) == ["foto", "pdf"]


def test_no_public_url_leads_to_an_attachment(client, operator, incident, incident_files):
    client.force_login(operator)
    upload(client, incident, "foto.jpg", photo_bytes())
    stored = Attachment.objects.get().file.name
    client.logout()
    assert client.get(f"/media/{stored}").status_code in (302, 404)
    assert client.get(Attachment.objects.get().get_absolute_url()).status_code == 302  # to the login page
