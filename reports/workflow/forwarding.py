"""The life of the brief: edited, initialled and signed (the paraf chain of ``workflow.letter``),
forwarded, and reopened for a correction.

The secretariat edits the drafted letter (the edited text is kept in ``RakorSession.brief_text``;
empty means "drafted from the data"); an edit clears the paraf chain and withdraws the number of a
signature. Forwarding needs the signature and data unchanged since the letter was pinned for paraf
(``LetterSnapshot``), keeps the final text in ``ForwardedBrief`` and freezes the session: from then
on every change to its reports, attendance, follow-ups and letter is refused, and a background
task (``tasks.make_forwarded_files``) makes the signed PDF once from the pinned letter, keeps the
XLSX and CSV pinned with it, then mails them.

Reopening ("buka kembali") is the one way back: the secretariat gives a reason, the brief as sent
stays with its files, marked superseded, and the rakor is open again until a corrected brief, whose
letter says it is a correction, is signed off and forwarded.

Each change holds the rakor's lock (``workflow.writes.lock_session``), the one every write to the
rakor takes, so a text cannot be signed while another is saved, and no write lands after the
freeze; refusals are ``workflow.Refused`` with a sentence for the user.
"""

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from deskpilkada import clock
from reports.brief.letter import draft, indonesian, last_superseded
from reports.models import ForwardedBrief, LetterSnapshot, RakorSession
from reports.models.letter import in_force
from reports.rollup.summary import summary
from reports.workflow import letter as chain
from reports.workflow.letter import digest
from reports.workflow.writes import Refused, lock_session, locked_row

__all__ = ["digest", "forward", "reopen", "reset_to_draft", "save_text"]


def _clear_chain(session: RakorSession, user: User) -> tuple[list[str], list]:
    """An edit clears the paraf chain (see ``workflow.letter.clear``): the fields to save and the
    cleared steps."""
    cleared = chain.clear(session, user)
    return (["signed_off_at", "signed_off_by", "sign_off_acknowledged"] if cleared else []), cleared


@transaction.atomic
def save_text(session: RakorSession, user: User, text: str, *, base: str) -> tuple[RakorSession, list]:
    """Keep the secretariat's text. ``base``: digest of the stored text the editor started from.
    The draft saved unchanged is not an edit: the letter then keeps following the data. Returns
    the session and the steps of the paraf chain that the edit cleared."""
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
        return current, []
    current.brief_text = text
    fields, cleared = _clear_chain(current, user)
    current.save(update_fields=["brief_text", *fields])
    return current, cleared


@transaction.atomic
def reset_to_draft(session: RakorSession, user: User) -> tuple[RakorSession, list]:
    """Drop the edited text (and the paraf chain): the letter is drafted from the data again."""
    current = lock_session(session)
    current.brief_text = ""
    fields, cleared = _clear_chain(current, user)
    current.save(update_fields=["brief_text", *fields])
    return current, cleared


@chain.keeping_withdrawal
def forward(session: RakorSession, user: User) -> ForwardedBrief:
    """Forward the signed letter: freeze the session and keep its text exactly as sent. The files
    are made once by ``tasks.make_forwarded_files`` from the letter pinned at submission
    (``LetterSnapshot``), which the caller starts after the commit. Refused, the chain withdrawn,
    when the data moved since submission; the rakor is frozen once forwarded, so nothing moves
    after."""
    current = lock_session(session)
    if not chain.may_forward(user):
        raise Refused(_("Naskah ini diteruskan oleh yang ditetapkan admin, bukan oleh Anda."))
    number = in_force(current)
    if current.signed_off_at is None or number is None:
        raise Refused(_("Naskah harus ditandatangani sebelum diteruskan ke Mendagri."))
    chain.unchanged(current, user)
    current.forwarded_at, current.forwarded_by = clock.now(), user
    current.save(update_fields=["forwarded_at", "forwarded_by"])
    kept = ForwardedBrief.objects.create(
        session=current, text=current.brief_text, forwarded_by=user, pdf=b"", xlsx=b"", csv=b""
    )
    for pinned in LetterSnapshot.objects.filter(step__session=current, step__cleared_at__isnull=True):
        pinned.brief = kept
        pinned.save(update_fields=["brief"])
    number.forwarded_at, number.brief = current.forwarded_at, kept
    number.save(update_fields=["forwarded_at", "brief"])
    return kept


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
    sent.superseded_at, sent.superseded_by, sent.reopen_reason = clock.now(), user, reason
    sent.save(update_fields=["superseded_at", "superseded_by", "reopen_reason"])
    chain.clear(current, user)
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
