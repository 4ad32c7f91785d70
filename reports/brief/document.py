"""What the letter document shows besides its body: the kop, the number, the signer, the copy list,
the verification QR and the attachment's wording for the Minister.

The screen view, the print view and the PDF render the same partials from ``letter_context``, so
the three show one document. Before the signer signs, the number is "DRAF" and the signature block
names the signer set by the admin; once signed, it names who signed, from their profile.
"""

import base64
import mimetypes

from django.conf import settings
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from deskpilkada.qr import qr_data_uri
from reports.models import LetterNumber, LetterSettings, RakorSession
from reports.models.letter import in_force, name_of
from reports.rollup.parts import RegionRow, Summary


def verify_url(number: LetterNumber) -> str:
    """The address printed in the QR code: the public verification page of this letter."""
    return settings.SITE_URL + reverse("reports:verify", args=[number.token])


def emblem_data_uri(letter: LetterSettings) -> str:
    """The uploaded emblem inline, so the print view and the PDF need no media server; "" when
    none is set or the file is gone (the kop is then text only)."""
    if not letter.emblem:
        return ""
    try:
        with letter.emblem.open("rb") as image:
            data = image.read()
    except OSError:
        return ""
    kind = mimetypes.guess_type(letter.emblem.name or "")[0] or "image/png"
    return f"data:{kind};base64,{base64.b64encode(data).decode()}"


def minister_status(row: RegionRow) -> str:
    """A region's report as the Minister needs it: verified or not, late, or silent — never the
    desk's own workflow states."""
    if row.sent is None:
        return "Tidak melapor"
    said = "Terverifikasi" if row.sent.status == row.sent.Status.ACCEPTED else "Belum diverifikasi"
    return f"{said}, terlambat" if row.is_late else said


def signer_of(letter: LetterSettings, number: LetterNumber | None) -> User | None:
    """Who signs: who signed this number, or before signing the signer the admin set."""
    return number.signed_by if number is not None else letter.signer


def letter_context(result: Summary, *, stamped: bool = False, letter: LetterSettings | None = None) -> dict:
    """``stamped``: the PDF will carry a visible electronic signature (with its QR code) in the
    signature box, so the box is left empty here."""
    return {
        **document_context(result.session, stamped=stamped, letter=letter),
        "rows": [(row, minister_status(row), result.attachment_cells(row)) for row in result.rows],
    }


def document_context(
    session: RakorSession, *, stamped: bool = False, letter: LetterSettings | None = None
) -> dict:
    """What the letter shows besides its body and attachment: kop, number, signer, copy list, QR.
    A pinned letter (``LetterSnapshot``) renders with this alone, its attachment already made."""
    letter = letter or LetterSettings.load()
    number = in_force(session)
    signer = signer_of(letter, number)
    profile = getattr(signer, "profile", None) if signer is not None else None
    dated = number.issued_at if number is not None else None
    return {
        "letter": letter,
        "copies": list(letter.copies.all()),
        "emblem": emblem_data_uri(letter),
        "number": number,
        "signer": signer,
        "signer_profile": profile,
        "signer_name": name_of(signer) if signer is not None else "",
        "letter_date": timezone.localtime(dated).date() if dated else None,
        "qr": qr_data_uri(verify_url(number)) if number is not None and not stamped else "",
        "verify_url": verify_url(number) if number is not None else "",
        "stamped": stamped,
    }
