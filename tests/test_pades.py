"""The forwarded letter's electronic signature: the admin sets the signer's PKCS#12 file and
passphrase (kept encrypted, never shown back), the forwarded PDF carries a visible PAdES signature
that pyHanko validates against the issuing CA, with a QR code to the verification page; without a
certificate the PDF is unsigned and the page says so plainly."""

import hashlib
import io

import pytest
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives.serialization import Encoding
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from pypdf import PdfReader

from reports.brief.document import verify_url
from reports.brief.pades import outside_event_loop
from reports.models import ForwardedBrief, LetterNumber, SignerCertificate
from tests import letters, pki
from tests.conftest import make_user
from tests.security_data import client_for

pytestmark = pytest.mark.django_db

PASSPHRASE = "kata-sandi-p12-uji"


@pytest.fixture
def admin_client(client, demo):
    client.force_login(make_user("admin.pki", is_staff=True, is_superuser=True))
    return client


def upload(admin_client, bundle: bytes, passphrase: str):
    return admin_client.post(
        reverse("admin:reports_signercertificate_add"),
        {
            "user": User.objects.get(username="sekda").pk,
            "file": SimpleUploadedFile("sekda.p12", bundle, "application/x-pkcs12"),
            "secret": passphrase,
        },
    )


def links(pdf: bytes) -> list[str]:
    found = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for annotation in page.get("/Annots", []):
            action = annotation.get_object().get("/A")
            if action is not None and "/URI" in action:
                found.append(str(action["/URI"]))
    return found


def forward(demo) -> bytes:
    letters.sign(demo)
    client_for("secretariat").post(reverse("reports:brief_forward", args=[demo.pk]), {"confirm": "on"})
    return bytes(ForwardedBrief.objects.get(session=demo).pdf)


def test_the_admin_sets_a_certificate_that_is_kept_encrypted_and_never_shown_back(admin_client):
    bundle, _ca = pki.make("Sri Wahyuni", PASSPHRASE.encode())
    assert upload(admin_client, bundle, PASSPHRASE).status_code == 302
    kept = SignerCertificate.objects.get(user__username="sekda")
    assert "CN=Sri Wahyuni" in kept.subject
    assert bytes(kept.pkcs12) != bundle and PASSPHRASE.encode() not in bytes(kept.passphrase)
    page = admin_client.get(
        reverse("admin:reports_signercertificate_change", args=[kept.pk])
    ).content.decode()
    assert PASSPHRASE not in page and "CN=Sri Wahyuni" in page


def test_a_wrong_passphrase_is_refused_beside_the_field(admin_client):
    bundle, _ca = pki.make("Sri Wahyuni", PASSPHRASE.encode())
    response = upload(admin_client, bundle, "salah")
    assert response.status_code == 200
    assert "kata sandinya salah" in response.content.decode()
    assert not SignerCertificate.objects.exists()


def test_the_forwarded_pdf_carries_a_pades_signature_that_pyhanko_validates(admin_client, demo):
    bundle, ca = pki.make("Sri Wahyuni", PASSPHRASE.encode())
    upload(admin_client, bundle, PASSPHRASE)
    page = client_for("secretariat").get(reverse("reports:brief", args=[demo.pk])).content.decode()
    assert "akan ditandatangani secara elektronik" in page

    pdf = forward(demo)
    signatures = PdfFileReader(io.BytesIO(pdf)).embedded_signatures
    assert len(signatures) == 1
    trust = ValidationContext(trust_roots=[asn1_x509.Certificate.load(ca.public_bytes(Encoding.DER))])
    status = outside_event_loop(lambda: validate_pdf_signature(signatures[0], trust))
    assert status.intact and status.valid and status.trusted, status.pretty_print_details()
    assert status.signing_cert.subject.human_friendly.startswith("Common Name: Sri Wahyuni")

    number = LetterNumber.objects.get(session=demo)
    assert number.is_pades and number.pdf_sha256 == hashlib.sha256(pdf).hexdigest()
    assert verify_url(number) in links(pdf)  # the QR code and its link
    verification = client_for("anonymous").get(number.get_absolute_url()).content.decode()
    assert "Ya (PAdES)" in verification and number.pdf_sha256 in verification


def test_without_a_certificate_the_pdf_is_unsigned_and_the_page_says_so(demo):
    desk = client_for("secretariat")
    page = desk.get(reverse("reports:brief", args=[demo.pk])).content.decode()
    assert "Belum ada sertifikat tanda tangan elektronik untuk penanda tangan" in page
    pdf = forward(demo)
    assert PdfFileReader(io.BytesIO(pdf)).embedded_signatures == []
    number = LetterNumber.objects.get(session=demo)
    assert not number.is_pades and number.pdf_sha256 == hashlib.sha256(pdf).hexdigest()
    page = desk.get(reverse("reports:brief", args=[demo.pk])).content.decode()
    assert "PDF yang diteruskan tidak bertanda tangan elektronik" in page
