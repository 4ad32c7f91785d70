"""The life of the brief: edited, signed off, forwarded, and reopened for a correction.

The secretariat edits the drafted letter (the edited text is kept in ``RakorSession.brief_text``;
empty means "drafted from the data"); editing after sign-off clears the sign-off. Signing off pins
the text exactly as the secretariat read it; it is refused while a report is returned for
correction, and needs each item of the checklist (``reports.brief.checklist``) ticked, what was
ticked being kept with the sign-off. Forwarding needs the sign-off, makes the PDF, XLSX and CSV
once, keeps them with the final text in ``ForwardedBrief`` and freezes the session: from then on
every change to its reports, attendance, follow-ups and letter is refused.

Reopening ("buka kembali") is the one way back: the secretariat gives a reason, the brief as sent
stays with its files, marked superseded, and the rakor is open again until a corrected brief, whose
letter says it is a correction, is signed off and forwarded.

Each change holds the rakor's lock (``workflow.writes.lock_session``), the one every write to the
rakor takes, so two secretaries cannot sign off one text and forward another, and no write lands
after the files are made; refusals are ``workflow.Refused`` with a sentence for the user.
"""

import hashlib
from collections.abc import Collection

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reports.brief import exports
from reports.brief.checklist import checklist, returned
from reports.brief.letter import draft, indonesian, last_superseded, text_of
from reports.brief.words import names
from reports.models import ForwardedBrief, RakorSession
from reports.rollup.summary import summary
from reports.workflow.writes import Refused, lock_session, locked_row


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _clear_sign_off(session: RakorSession) -> list[str]:
    if session.signed_off_at is None:
        return []
    session.signed_off_at, session.signed_off_by, session.sign_off_acknowledged = None, None, []
    return ["signed_off_at", "signed_off_by", "sign_off_acknowledged"]


@transaction.atomic
def save_text(session: RakorSession, text: str, *, base: str) -> RakorSession:
    """Keep the secretariat's text. ``base``: digest of the stored text the editor started from.
    The draft saved unchanged is not an edit: the letter then keeps following the data."""
    current = lock_session(session)
    if digest(current.brief_text) != base:
        raise Refused(
            _(
                "Naskah ini sudah diubah pengguna lain setelah Anda membukanya. Isian Anda belum disimpan "
                "dan ditampilkan kembali; salin bagian yang perlu, muat ulang halaman, lalu ubah lagi."
            )
        )
    with indonesian():
        if text == draft(summary(current), corrects=last_superseded(current)):
            text = ""
    if text == current.brief_text:
        return current
    current.brief_text = text
    current.save(update_fields=["brief_text", *_clear_sign_off(current)])
    return current


@transaction.atomic
def reset_to_draft(session: RakorSession) -> RakorSession:
    """Drop the edited text (and its sign-off): the letter is drafted from the data again."""
    current = lock_session(session)
    current.brief_text = ""
    current.save(update_fields=["brief_text", *_clear_sign_off(current)])
    return current


@transaction.atomic
def sign_off(
    session: RakorSession, user: User, *, seen: str, acknowledged: Collection[str] = ()
) -> RakorSession:
    """Approve the text the secretariat read (``seen``: its digest) and pin it, so that a report
    arriving later cannot change a signed-off letter. Refused while a report is returned and not
    sent again; every item of the checklist present must be in ``acknowledged`` (its values),
    and what was acknowledged is kept with the sign-off."""
    current = lock_session(session)
    if current.signed_off_at is not None:
        raise Refused(_("Naskah ini sudah disetujui."))
    with indonesian():
        result = summary(current)
        text = text_of(current, result)
        sent_back = returned(result)
        items = checklist(result)
        kept = [{"kind": item.kind.value, "regions": [str(r) for r in item.regions]} for item in items]
    if sent_back:
        raise Refused(
            _(
                "Laporan %(regions)s dikembalikan untuk diperbaiki dan belum dikirim ulang. Naskah dapat "
                "disetujui setelah operator mengirim ulang laporannya."
            )
            % {"regions": names(sent_back)}
        )
    if digest(text) != seen:
        raise Refused(
            _(
                "Naskah berubah sejak Anda membukanya (ada laporan baru atau suntingan lain). "
                "Baca naskah terbaru di bawah, lalu setujui lagi."
            )
        )
    unticked = [item for item in items if item.kind.value not in acknowledged]
    if unticked:
        raise Refused(
            _("Centang setiap hal dalam daftar periksa sebelum menyetujui: %(items)s.")
            % {"items": "; ".join(item.label for item in unticked)}
        )
    current.brief_text = text
    current.signed_off_at, current.signed_off_by = timezone.now(), user
    current.sign_off_acknowledged = kept
    current.save(update_fields=["brief_text", "signed_off_at", "signed_off_by", "sign_off_acknowledged"])
    return current


@transaction.atomic
def forward(session: RakorSession, user: User) -> ForwardedBrief:
    """Forward the signed-off brief: freeze the session and keep the files exactly as sent. The
    rakor's lock is held while the files are made, so they hold every write that landed before
    and no write lands after."""
    current = lock_session(session)
    if current.signed_off_at is None:
        raise Refused(_("Naskah harus disetujui sebelum diteruskan ke Mendagri."))
    current.forwarded_at, current.forwarded_by = timezone.now(), user
    current.save(update_fields=["forwarded_at", "forwarded_by"])
    with indonesian():
        result = summary(current)
        text = text_of(current, result)
        files = {kind: make(result, text) for kind, make in exports.MAKERS.items()}
    return ForwardedBrief.objects.create(session=current, text=text, forwarded_by=user, **files)


@transaction.atomic
def reopen(session: RakorSession, user: User, *, reason: str) -> ForwardedBrief:
    """Open a forwarded rakor again for a correction ("buka kembali"). The brief as sent keeps its
    text and files and is marked superseded with who, when and why (its history row records the
    same with the address); the sign-off is cleared and the letter is drafted again from the data,
    opening as a correction of the brief sent. Returns the superseded brief."""
    current = locked_row(session)
    if current.forwarded_at is None:
        raise Refused(_("Rakor ini belum diteruskan ke Mendagri; tidak ada yang perlu dibuka kembali."))
    reason = reason.strip()
    if not reason:
        raise Refused(_("Tuliskan alasan membuka kembali rakor ini."))
    sent = ForwardedBrief.objects.current().defer("pdf", "xlsx", "csv", "text").get(session=current)
    sent.superseded_at, sent.superseded_by, sent.reopen_reason = timezone.now(), user, reason
    sent.save(update_fields=["superseded_at", "superseded_by", "reopen_reason"])
    current.forwarded_at = current.forwarded_by = current.signed_off_at = current.signed_off_by = None
    current.brief_text, current.sign_off_acknowledged = "", []
    current.save(
        update_fields=[
            "forwarded_at",
            "forwarded_by",
            "signed_off_at",
            "signed_off_by",
            "brief_text",
            "sign_off_acknowledged",
        ]
    )
    return sent
