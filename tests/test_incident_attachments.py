"""Incident attachments: checked by content, photos shrunk and stripped of their metadata, served
only to those who may see the incident, never from a public URL."""

import io
import struct
import time
import zlib

import pikepdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import ExifTags, Image

from incidents.models import Attachment, Incident
from tests.incident_factories import make_incident, pdf_bytes, photo_bytes

pytestmark = pytest.mark.django_db

PDF = pdf_bytes()
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
    assert len(pikepdf.open(io.BytesIO(response.getvalue())).pages) == 1
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


def active_pdf() -> bytes:
    """A one-page PDF that runs JavaScript on opening, launches a program from a link, submits a
    form from a link and carries an embedded file, in its name tree and as an annotation."""
    with pikepdf.new() as pdf:
        pdf.add_blank_page()
        script = pdf.make_indirect(
            pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert('x')"))
        )
        pdf.Root.OpenAction = script
        embedded = pikepdf.AttachedFileSpec(pdf, b"MZ program", filename="hadiah.exe")
        pdf.attachments["hadiah.exe"] = embedded
        page = pdf.pages[0]
        page.obj.AA = pikepdf.Dictionary(
            O=pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("1"))
        )
        page.obj.Annots = pdf.make_indirect(
            pikepdf.Array(
                [
                    pikepdf.Dictionary(
                        Type=pikepdf.Name.Annot,
                        Subtype=pikepdf.Name.Link,
                        Rect=[0, 0, 100, 100],
                        A=pikepdf.Dictionary(S=pikepdf.Name.Launch, F=pikepdf.String("cmd.exe")),
                    ),
                    pikepdf.Dictionary(
                        Type=pikepdf.Name.Annot,
                        Subtype=pikepdf.Name.Link,
                        Rect=[0, 100, 100, 200],
                        A=pikepdf.Dictionary(
                            S=pikepdf.Name.URI, URI=pikepdf.String("https://jdih.kaltimprov.go.id/")
                        ),
                    ),
                    pikepdf.Dictionary(
                        Type=pikepdf.Name.Annot,
                        Subtype=pikepdf.Name.Link,
                        Rect=[0, 200, 100, 300],
                        A=pikepdf.Dictionary(
                            S=pikepdf.Name.SubmitForm, F=pikepdf.String("http://contoh.test/")
                        ),
                    ),
                    pikepdf.Dictionary(
                        Type=pikepdf.Name.Annot,
                        Subtype=pikepdf.Name.FileAttachment,
                        Rect=[0, 300, 100, 400],
                        FS=pikepdf.AttachedFileSpec(pdf, b"MZ lagi", filename="lagi.exe").obj,
                    ),
                ]
            )
        )
        buffer = io.BytesIO()
        pdf.save(buffer)
    return buffer.getvalue()


def test_a_pdf_reported_with_javascript_and_an_embedded_file_is_stored_without_them(client, operator, region):
    """A PDF sent with an incident is stored and served without its scripts, launch, form submission
    and embedded files, with its page and its web link kept."""
    original = active_pdf()
    assert b"JavaScript" in original and b"EmbeddedFiles" in original
    client.force_login(operator)
    data = {
        "kecamatan": region.kecamatan.first().pk,
        "occurred_at": "2024-11-21T14:30",
        "kind": "bencana",
        "severity": "biasa",
        "description": "Berita acara banjir di TPS.",
        "attachments": [SimpleUploadedFile("ba.pdf", original, content_type="application/pdf")],
    }
    assert client.post(reverse("incidents:create"), data).status_code == 302
    attachment = Attachment.objects.get()
    served = client.get(attachment.get_absolute_url()).getvalue()
    with attachment.file.open("rb") as handle:
        assert handle.read() == served != original
    with pikepdf.open(io.BytesIO(served)) as pdf:
        assert len(pdf.pages) == 1
        assert "/OpenAction" not in pdf.Root
        assert not pdf.attachments
        page = pdf.pages[0]
        assert "/AA" not in page.obj
        links = [annotation.get("/A") for annotation in page.obj.Annots]
        assert [str(action.S) for action in links if action is not None] == ["/URI"]
        assert [str(annotation.Subtype) for annotation in page.obj.Annots] == ["/Link", "/Link", "/Link"]
        expanded = io.BytesIO()  # every object written out plainly, none hidden in a compressed stream
        pdf.save(expanded, qdf=True, object_stream_mode=pikepdf.ObjectStreamMode.disable)
    for word in (
        b"/JavaScript",
        b"/JS",
        b"/Launch",
        b"/EmbeddedFile",
        b"/SubmitForm",
        b"MZ program",
        b"MZ lagi",
    ):
        assert word not in expanded.getvalue()


def test_an_encrypted_pdf_is_refused_in_words(client, operator, incident):
    """A PDF locked with a password is refused beside the field, and nothing is stored."""
    with pikepdf.new() as pdf:
        pdf.add_blank_page()
        buffer = io.BytesIO()
        pdf.save(buffer, encryption=pikepdf.Encryption(user="rahasia", owner="rahasia"))
    client.force_login(operator)
    response = upload(client, incident, "ba_terkunci.pdf", buffer.getvalue(), "application/pdf")
    assert response.context["attachment_form"].errors["attachments"] == [
        "Berkas PDF ba_terkunci.pdf tidak dapat dibaca atau terkunci kata sandi; simpan ulang tanpa kata "
        "sandi lalu unggah lagi."
    ]
    assert not Attachment.objects.exists()


def test_a_broken_pdf_is_refused_in_words(client, operator, incident):
    """A file that starts as a PDF but is none is refused with the same words, not stored as it came."""
    client.force_login(operator)
    response = upload(client, incident, "rusak.pdf", b"%PDF-1.4\nbukan pdf sama sekali", "application/pdf")
    assert (
        "tidak dapat dibaca atau terkunci kata sandi"
        in response.context["attachment_form"].errors["attachments"][0]
    )
    assert not Attachment.objects.exists()


def huge_png(width: int, height: int) -> bytes:
    """A valid black 1-bit PNG written chunk by chunk, so no picture of that size is ever held."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    packer = zlib.compressobj(9)
    row = b"\0" * (1 + (width + 7) // 8)
    pixels = b"".join(packer.compress(row * 1000) for _ in range(height // 1000)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def test_a_picture_too_large_to_open_safely_is_refused_with_its_size(client, operator, incident):
    """A 30000×30000 PNG (900 megapixels, 110 KB compressed) is refused naming its size and limit."""
    png = huge_png(30000, 30000)
    assert len(png) < 150_000
    client.force_login(operator)
    response = upload(client, incident, "peta.png", png, "image/png")
    assert response.context["attachment_form"].errors["attachments"] == [
        "Foto peta.png terlalu besar untuk dibuka dengan aman (30.000 × 30.000 piksel, paling besar "
        "150 megapiksel); kecilkan ukurannya, misalnya simpan ulang dengan resolusi lebih kecil, lalu "
        "unggah lagi."
    ]
    assert not Attachment.objects.exists()


def test_a_108_megapixel_phone_photo_is_accepted_and_shrunk(client, operator, incident):
    """A 12000×9000 JPEG, as a 108-megapixel phone camera takes, is stored at 1600 px."""
    buffer = io.BytesIO()
    Image.new("RGB", (12000, 9000), (90, 140, 60)).save(buffer, "JPEG", quality=5)
    client.force_login(operator)
    started = time.monotonic()
    assert upload(client, incident, "IMG_108MP.jpg", buffer.getvalue()).status_code == 302
    assert time.monotonic() - started < 10
    with Attachment.objects.get().file.open("rb") as handle:
        assert Image.open(handle).size == (1600, 1200)
