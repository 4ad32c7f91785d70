"""The life of the brief: edited, then (through the paraf chain of ``workflow.letter``) initialled
and signed, then forwarded.

The secretariat edits the drafted letter (the edited text is kept in ``RakorSession.brief_text``;
empty means "drafted from the data"); an edit clears the paraf chain and withdraws the number of a
signature. Forwarding needs the signature, keeps the final text in ``ForwardedBrief`` (a background
task makes its signed PDF, XLSX and CSV once, then mails them) and freezes the session: from then
on ``workflow.ensure_open`` refuses every change to its reports, attendance and follow-ups.

Each change locks the session's row, so a text cannot be signed while another is saved; refusals
are ``workflow.Refused`` with a sentence for the user.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reports.models import ForwardedBrief, LetterNumber, RakorSession
from reports.workflow import letter as chain
from reports.workflow.letter import digest
from reports.workflow.writes import Locked, Refused, session_lock, when

__all__ = ["digest", "forward", "reset_to_draft", "save_text"]


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


def _clear_chain(session: RakorSession, user) -> tuple[list[str], list]:
    """An edit clears the paraf chain (see ``workflow.letter.clear``): the fields to save and the
    cleared steps."""
    cleared = chain.clear(session, user)
    return (["signed_off_at", "signed_off_by"] if cleared else []), cleared


@transaction.atomic
def save_text(session: RakorSession, user, text: str, *, base: str) -> tuple[RakorSession, list]:
    """Keep the secretariat's text. ``base``: digest of the stored text the editor started from.
    Returns the session and the steps of the paraf chain that the edit cleared."""
    current = _locked(session)
    if digest(current.brief_text) != base:
        raise Refused(
            _(
                "Naskah ini sudah diubah pengguna lain setelah Anda membukanya. Isian Anda belum disimpan "
                "dan ditampilkan kembali; salin bagian yang perlu, muat ulang halaman, lalu ubah lagi."
            )
        )
    if text == current.brief_text:
        return current, []
    current.brief_text = text
    fields, cleared = _clear_chain(current, user)
    current.save(update_fields=["brief_text", *fields])
    return current, cleared


@transaction.atomic
def reset_to_draft(session: RakorSession, user) -> tuple[RakorSession, list]:
    """Drop the edited text (and the paraf chain): the letter is drafted from the data again."""
    current = _locked(session)
    current.brief_text = ""
    fields, cleared = _clear_chain(current, user)
    current.save(update_fields=["brief_text", *fields])
    return current, cleared


@transaction.atomic
def forward(session: RakorSession, user) -> ForwardedBrief:
    """Forward the signed letter: freeze the session and keep its text exactly as sent."""
    current = _locked(session)
    if not chain.may_forward(user):
        raise Refused(_("Naskah ini diteruskan oleh yang ditetapkan admin, bukan oleh Anda."))
    number = chain.in_force(current)
    if current.signed_off_at is None or number is None:
        raise Refused(_("Naskah harus ditandatangani sebelum diteruskan ke Mendagri."))
    current.forwarded_at, current.forwarded_by = timezone.now(), user
    current.save(update_fields=["forwarded_at", "forwarded_by"])
    LetterNumber.objects.filter(pk=number.pk).update(forwarded_at=current.forwarded_at)
    # The files are made once by ``tasks.make_forwarded_files``, which the caller starts after commit.
    return ForwardedBrief.objects.create(session=current, text=current.brief_text, pdf=b"", xlsx=b"", csv=b"")
