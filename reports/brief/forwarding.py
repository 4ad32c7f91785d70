"""The life of the brief: edited, signed off, forwarded.

The secretariat edits the drafted letter (the edited text is kept in ``RakorSession.brief_text``;
empty means "drafted from the data"); editing after sign-off clears the sign-off. Signing off pins
the text exactly as the secretariat read it; it is refused while a report is returned for
correction, and needs each item of the checklist (``reports.brief.checklist``) ticked.
Forwarding needs the sign-off, makes the PDF, XLSX and CSV once, keeps them with the final text in
``ForwardedBrief`` and freezes the session: from then on ``workflow.ensure_open`` refuses every
change to its reports, attendance and follow-ups.

Each change locks the session's row, so two secretaries cannot sign off one text and forward
another; refusals are ``workflow.Refused`` with a sentence for the user.
"""

import hashlib
from collections.abc import Collection

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reports.brief import exports
from reports.brief.checklist import checklist, returned
from reports.brief.letter import indonesian, text_of
from reports.brief.words import names
from reports.models import ForwardedBrief, RakorSession
from reports.rollup.summary import summary
from reports.workflow.writes import Locked, Refused, session_lock, when


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _locked(session: RakorSession) -> RakorSession:
    """The session's row, locked for this transaction; refused once it is forwarded."""
    current = RakorSession.objects.select_for_update().select_related("election").get(pk=session.pk)
    lock = session_lock(current)
    if lock is not None:
        raise Locked(
            _(
                "Laporan rakor ini sudah diteruskan ke Mendagri sejak %(since)s; "
                "naskahnya tidak dapat diubah lagi."
            )
            % {"since": when(lock.since)},
            since=lock.since,
        )
    return current


def _clear_sign_off(session: RakorSession) -> list[str]:
    if session.signed_off_at is None:
        return []
    session.signed_off_at, session.signed_off_by, session.sign_off_acknowledged = None, None, []
    return ["signed_off_at", "signed_off_by", "sign_off_acknowledged"]


@transaction.atomic
def save_text(session: RakorSession, text: str, *, base: str) -> RakorSession:
    """Keep the secretariat's text. ``base``: digest of the stored text the editor started from."""
    current = _locked(session)
    if digest(current.brief_text) != base:
        raise Refused(
            _(
                "Naskah ini sudah diubah pengguna lain setelah Anda membukanya. Isian Anda belum disimpan "
                "dan ditampilkan kembali; salin bagian yang perlu, muat ulang halaman, lalu ubah lagi."
            )
        )
    if text == current.brief_text:
        return current
    current.brief_text = text
    current.save(update_fields=["brief_text", *_clear_sign_off(current)])
    return current


@transaction.atomic
def reset_to_draft(session: RakorSession) -> RakorSession:
    """Drop the edited text (and its sign-off): the letter is drafted from the data again."""
    current = _locked(session)
    current.brief_text = ""
    current.save(update_fields=["brief_text", *_clear_sign_off(current)])
    return current


@transaction.atomic
def sign_off(session: RakorSession, user, *, seen: str, acknowledged: Collection[str] = ()) -> RakorSession:
    """Approve the text the secretariat read (``seen``: its digest) and pin it, so that a report
    arriving later cannot change a signed-off letter. Refused while a report is returned and not
    sent again; every item of the checklist present must be in ``acknowledged`` (its values),
    and what was acknowledged is kept with the sign-off."""
    current = _locked(session)
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
def forward(session: RakorSession, user) -> ForwardedBrief:
    """Forward the signed-off brief: freeze the session and keep the files exactly as sent."""
    current = _locked(session)
    if current.signed_off_at is None:
        raise Refused(_("Naskah harus disetujui sebelum diteruskan ke Mendagri."))
    current.forwarded_at, current.forwarded_by = timezone.now(), user
    current.save(update_fields=["forwarded_at", "forwarded_by"])
    with indonesian():
        result = summary(current)
        text = text_of(current, result)
        files = {kind: make(result, text) for kind, make in exports.MAKERS.items()}
    return ForwardedBrief.objects.create(session=current, text=text, **files)
