"""The electronic signature of the forwarded letter: PAdES (pyHanko) with the signer's certificate.

Any PKCS#12 file works — in Indonesia such certificates come from the national e-signature
authority (BSrE). The signature is visible: a box in the letter's signature block (its place is
read from WeasyPrint's layout of ``#kotak-tanda-tangan``) with a QR code that opens the letter's
public verification page. Without a certificate the PDF is made unsigned, and the brief's page
says so.
"""

import asyncio
import datetime as dt
import io
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

from cryptography.hazmat.primitives.serialization import pkcs12
from django.contrib.auth.models import User
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from pyhanko import stamp
from pyhanko.pdf_utils import text
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers

from deskpilkada import clock, vault
from reports.brief.words import moment
from reports.models import SignerCertificate

PURPOSE = b"signer certificate"
T = TypeVar("T")
BOX_ID = "kotak-tanda-tangan"
CSS_PX_TO_PT = 0.75


class CertificateError(Exception):
    """The PKCS#12 file or its passphrase cannot be used; ``str()`` says why, for the admin."""


@dataclass(frozen=True)
class Opened:
    key_and_chain: bytes
    passphrase: bytes
    subject: str
    issuer: str
    not_after: dt.datetime


def open_pkcs12(data: bytes, passphrase: str) -> Opened:
    """Read a PKCS#12 file: refused when the passphrase is wrong, the file holds no key or
    certificate, or the certificate has expired."""
    try:
        key, certificate, _chain = pkcs12.load_key_and_certificates(data, passphrase.encode() or None)
    except (ValueError, TypeError) as exc:
        raise CertificateError(
            _("Berkas PKCS#12 tidak dapat dibuka: berkasnya rusak atau kata sandinya salah.")
        ) from exc
    if key is None or certificate is None:
        raise CertificateError(
            _("Berkas PKCS#12 ini tidak memuat kunci privat dan sertifikat penanda tangan.")
        )
    if certificate.not_valid_after_utc < timezone.now():
        raise CertificateError(_("Sertifikat ini sudah kedaluwarsa."))
    return Opened(
        key_and_chain=data,
        passphrase=passphrase.encode(),
        subject=certificate.subject.rfc4514_string(),
        issuer=certificate.issuer.rfc4514_string(),
        not_after=certificate.not_valid_after_utc,
    )


def keep(user: User, opened: Opened) -> SignerCertificate:
    """Store (or replace) the signer's certificate, encrypted."""
    found, _created = SignerCertificate.objects.update_or_create(
        user=user,
        defaults={
            "pkcs12": vault.lock(opened.key_and_chain, PURPOSE),
            "passphrase": vault.lock(opened.passphrase, PURPOSE),
            "subject": opened.subject,
            "issuer": opened.issuer,
            "not_after": opened.not_after,
        },
    )
    return found


def certificate_of(user: User | None) -> SignerCertificate | None:
    """The signer's certificate, if the admin set one that is still valid."""
    if user is None:
        return None
    return SignerCertificate.objects.filter(user=user, not_after__gt=timezone.now()).first()


def signature_box(document: Any) -> tuple[int, tuple[int, int, int, int]]:
    """Where the signature box landed: (page index, PDF box in points from the bottom left)."""
    for index, page in enumerate(document.pages):
        if BOX_ID in page.anchors:
            left, top, right, bottom = page.anchors[BOX_ID]  # CSS px from the top left
            box = (left, page.height - bottom, right, page.height - top)
            x1, y1, x2, y2 = (round(value * CSS_PX_TO_PT) for value in box)
            return index, (x1, y1, x2, y2)
    raise ValueError("the letter has no signature box")


def sign(
    pdf: bytes,
    certificate: SignerCertificate,
    *,
    page: int,
    box: tuple[int, int, int, int],
    url: str,
    number: str,
    place: str,
) -> bytes:
    """``pdf`` with a visible PAdES signature in ``box`` on ``page``, its QR code linking to ``url``."""
    signer = signers.SimpleSigner.load_pkcs12_data(
        vault.unlock(bytes(certificate.pkcs12), PURPOSE),
        other_certs=(),
        passphrase=vault.unlock(bytes(certificate.passphrase), PURPOSE),
    )
    if signer is None:
        raise CertificateError(_("Sertifikat penanda tangan tidak dapat dibuka."))
    meta = signers.PdfSignatureMetadata(
        field_name="TandaTangan",
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=f"Surat Nomor {number}",
        location=place,
    )
    style = stamp.QRStampStyle(
        stamp_text="Ditandatangani secara elektronik oleh\n%(signer)s\n%(when)s\nPeriksa: pindai kode QR",
        border_width=0,
        text_box_style=text.TextBoxStyle(font_size=7),
    )
    pdf_signer = signers.PdfSigner(
        meta,
        signer=signer,
        stamp_style=style,
        new_field_spec=fields.SigFieldSpec(sig_field_name="TandaTangan", on_page=page, box=box),
    )
    output = io.BytesIO()
    # Everything read from the database is read here: the signing may run in another thread.
    appearance = {"url": url, "signer": _signer_name(certificate), "when": _signed_at()}
    outside_event_loop(
        lambda: pdf_signer.sign_pdf(
            IncrementalPdfFileWriter(io.BytesIO(pdf)), output=output, appearance_text_params=appearance
        )
    )
    return output.getvalue()


def outside_event_loop(call: Callable[[], T]) -> T:
    """Run ``call``, which runs an event loop of its own (pyHanko's synchronous API calls
    ``asyncio.run``), in a thread of its own when this thread already runs one (an asynchronous
    worker, or a browser driver in the same process), where ``asyncio.run`` would refuse."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return call()
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(call).result()


def _signed_at() -> str:
    """The stamp's moment as the letter writes dates ("18 November 2024 pukul 09.15 WITA"), by the
    desk's clock, so that a demo letter is stamped within its own week."""
    with translation.override("id"):
        return moment(clock.now())


def _signer_name(certificate: SignerCertificate) -> str:
    profile = getattr(certificate.user, "profile", None)
    return (
        profile.display_name
        if profile
        else certificate.user.get_full_name() or certificate.user.get_username()
    )
