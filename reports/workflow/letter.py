"""The paraf chain of the letter: the secretariat submits the draft, each initialling official set in
``LetterSettings`` initials it (paraf), then the signer signs it with two-factor verification, and
the register issues its number.

Each step pins the text the person read (``seen`` is the digest of what their page showed) and is
recorded with who and when (``LetterStep``). An edit clears every step that stands, withdraws the
number if one was issued (it is never reused), and the page shows what changed against the text
that had been initialled.

Submitting pins the letter as one moment (``LetterSnapshot``): the text, the attachment, the XLSX
and the CSV, made from one roll-up, with the rows they show. Paraf, signature and forwarding act on
it. A write that changes those rows afterwards (a report sent, returned or accepted, the
attendance, an incident, a follow-up) withdraws the chain as an edit does, recording what changed
(``withdraw_if_changed``); paraf, signature and forwarding check again and refuse with the same
sentence. The initialling officials and the signer may also send the letter back with a reason.

Every change holds the rakor's lock (``workflow.writes.lock_session``), the one every write to the
rakor takes, so a step and an edit cannot cross and nothing changes once the rakor is forwarded;
refusals are ``Refused`` with a sentence for the user.
"""

import datetime as dt
import functools
import hashlib
from collections.abc import Callable, Collection
from typing import ParamSpec, TypeVar

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import is_secretariat
from deskpilkada import clock
from notifications import chain as notices
from reports.brief import snapshot as pinned
from reports.brief.checklist import checklist, returned
from reports.brief.letter import indonesian, text_of
from reports.brief.words import names
from reports.models import (
    Delivery,
    Election,
    LetterCounter,
    LetterNumber,
    LetterSettings,
    LetterSnapshot,
    LetterStep,
    RakorSession,
)
from reports.models.letter import name_of
from reports.rollup.parts import Summary
from reports.rollup.summary import summary
from reports.workflow.writes import Refused, lock_session, locked_row

Kind = LetterStep.Kind
P = ParamSpec("P")
T = TypeVar("T")
MAX_REASON = 1000


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def standing(session: RakorSession) -> list[LetterStep]:
    """The steps that stand, in order."""
    return list(session.letter_steps.filter(cleared_at__isnull=True).select_related("user__profile"))


def clear(session: RakorSession, user: User, reason: str = "") -> list[LetterStep]:
    """Inside the caller's locked transaction: an edit clears every standing step and withdraws the
    number of a signature; ``reason`` says why when it was not an edit of the text. Returns the
    cleared steps, for the message that says so."""
    cleared = standing(session)
    if not cleared:
        return []
    now = clock.now()
    for step in cleared:
        step.cleared_at, step.cleared_by, step.cleared_reason = now, user, reason
        step.save(update_fields=["cleared_at", "cleared_by", "cleared_reason"])
    for number in LetterNumber.objects.filter(
        session=session, withdrawn_at__isnull=True, forwarded_at__isnull=True
    ):
        number.withdrawn_at = now
        number.save(update_fields=["withdrawn_at"])
    session.signed_off_at, session.signed_off_by, session.sign_off_acknowledged = None, None, []
    return cleared


def _withdraw(session: RakorSession, user: User, reason: str, *, drafted: bool) -> None:
    """Clear the chain for ``reason`` and save the session; a text that was drafted from the data
    (not edited) follows the data again."""
    clear(session, user, reason)
    fields = ["signed_off_at", "signed_off_by", "sign_off_acknowledged"]
    if drafted:
        session.brief_text = ""
        fields.append("brief_text")
    session.save(update_fields=fields)


def standing_snapshot(session: RakorSession) -> LetterSnapshot | None:
    """The letter as pinned by the submission that stands, if any."""
    return (
        LetterSnapshot.objects.select_related("step__session__election")
        .filter(step__session=session, step__cleared_at__isnull=True)
        .first()
    )


def withdraw_if_changed(session: RakorSession, user: User) -> str:
    """Inside the caller's locked transaction, after a write to ``session``'s data: when a chain
    stands and the rows of the letter's files differ from those pinned at submission, clear the
    chain, recording what changed. Returns that sentence, or "" when nothing was withdrawn. Costs
    one query while no chain stands."""
    found = standing_snapshot(session)
    if found is None:
        return ""
    with indonesian():
        changed = pinned.changes(found.rows, pinned.rows(summary(session)))
    if not changed:
        return ""
    reason = _(
        "Rantai naskah dibatalkan karena data berubah setelah diajukan: %(changes)s. "
        "Sekretariat perlu mengajukan ulang."
    ) % {"changes": "; ".join(changed)}
    _withdraw(session, user, reason, drafted=found.drafted)
    transaction.on_commit(lambda: notices.withdrawn(session, reason, user), robust=True)
    return reason


def withdraw_where_changed(election: Election, user: User) -> None:
    """After a write that concerns every rakor of ``election`` (an incident, a follow-up seen in
    every later rakor): check each rakor not forwarded whose chain stands, under its lock."""
    sessions = (
        RakorSession.objects.filter(
            election=election,
            forwarded_at__isnull=True,
            letter_steps__kind=Kind.SUBMITTED,
            letter_steps__cleared_at__isnull=True,
        )
        .distinct()
        .order_by("pk")
    )
    for session in sessions:
        withdraw_if_changed(lock_session(session), user)


class Withdrawn(Refused):
    """A step refused because the data changed since submission; the chain is withdrawn and the
    withdrawal is kept although the step is refused (``keeping_withdrawal``)."""


def unchanged(session: RakorSession, user: User) -> None:
    """The safety net of every step after submission: refused (``Withdrawn``) once the data moved."""
    reason = withdraw_if_changed(session, user)
    if reason:
        raise Withdrawn(reason)


def keeping_withdrawal(action: Callable[P, T]) -> Callable[P, T]:
    """Run ``action`` in one transaction; when it is refused because the data changed, the
    withdrawal it recorded commits, then the refusal reaches the caller."""

    @functools.wraps(action)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> T:
        with transaction.atomic():
            try:
                return action(*args, **kwargs)
            except Withdrawn as refusal:
                withdrawn = refusal
        raise withdrawn

    return wrapped


def cleared_message(cleared: list[LetterStep]) -> str:
    """ "Naskah berubah: paraf Drs. Ahmad Fauzi dan pengajuan dibatalkan; …" for the steps an edit cleared."""
    said = {
        Kind.SUBMITTED: _("pengajuan untuk paraf"),
        Kind.PARAF: _("paraf %(name)s"),
        Kind.SIGNED: _("tanda tangan %(name)s beserta nomornya"),
    }
    parts = [str(said[Kind(step.kind)]) % {"name": name_of(step.user)} for step in reversed(cleared)]
    return _(
        "Karena naskah berubah, %(steps)s dibatalkan. Ajukan lagi untuk paraf setelah selesai mengubah."
    ) % {"steps": ", ".join(parts)}


def _check_seen(current: RakorSession, seen: str, result: Summary | None = None) -> str:
    """The text the user read, refused if it changed since their page showed it (``result``: the
    roll-up of ``current`` when the caller has it; the draft is made from it)."""
    with indonesian():
        text = current.brief_text or text_of(current, result or summary(current))
    if digest(text) != seen:
        raise Refused(
            _(
                "Naskah berubah sejak Anda membukanya (ada laporan baru atau suntingan lain). "
                "Baca naskah terbaru di bawah, lalu ulangi."
            )
        )
    return text


@transaction.atomic
def submit(session: RakorSession, user: User, *, seen: str) -> LetterStep:
    """The secretariat submits the text it read for paraf, pinning it with the data it was drafted
    from (``LetterSnapshot``). Refused while a report is returned for correction."""
    if not is_secretariat(user):
        raise Refused(_("Hanya sekretariat yang mengajukan naskah untuk paraf."))
    current = lock_session(session)
    if any(step.kind == Kind.SUBMITTED for step in standing(current)):
        raise Refused(_("Naskah ini sudah diajukan untuk paraf."))
    with indonesian():
        result = summary(current)
        sent_back = returned(result)
        if sent_back:
            raise Refused(
                _(
                    "Laporan %(regions)s dikembalikan untuk diperbaiki dan belum dikirim ulang. Naskah dapat "
                    "diajukan untuk paraf setelah operator mengirim ulang laporannya."
                )
                % {"regions": names(sent_back)}
            )
        text = _check_seen(current, seen, result)
        parts = pinned.parts(result, text)
    drafted = not current.brief_text
    current.brief_text = text
    current.save(update_fields=["brief_text"])
    step = LetterStep.objects.create(session=current, kind=Kind.SUBMITTED, user=user, text=text)
    LetterSnapshot.objects.create(step=step, drafted=drafted, **parts)
    transaction.on_commit(lambda: notices.paraf_waiting(current, user), robust=True)
    return step


@keeping_withdrawal
def paraf(session: RakorSession, user: User, *, seen: str) -> LetterStep:
    """An initialling official initials the submitted text."""
    current = lock_session(session)
    letter = LetterSettings.load()
    if not letter.initialers.filter(pk=user.pk).exists():
        raise Refused(_("Anda tidak termasuk pejabat paraf naskah ini."))
    steps = standing(current)
    if not any(step.kind == Kind.SUBMITTED for step in steps):
        raise Refused(_("Naskah belum diajukan sekretariat untuk paraf."))
    if any(step.kind == Kind.SIGNED for step in steps):
        raise Refused(_("Naskah ini sudah ditandatangani."))
    if any(step.kind == Kind.PARAF and step.user_id == user.pk for step in steps):
        raise Refused(_("Anda sudah memaraf naskah ini."))
    unchanged(current, user)
    text = _check_seen(current, seen)
    step = LetterStep.objects.create(session=current, kind=Kind.PARAF, user=user, text=text)
    if not missing_paraf(letter, [*steps, step]):
        transaction.on_commit(lambda: notices.signature_waiting(current, user), robust=True)
    return step


def may_send_back(letter: LetterSettings, user: User) -> bool:
    """The initialling officials and the signer may send a submitted letter back."""
    return user.pk == letter.signer_id or letter.initialers.filter(pk=user.pk).exists()


@transaction.atomic
def send_back(session: RakorSession, user: User, *, reason: str) -> list[LetterStep]:
    """An initialling official or the signer sends the submitted letter back to the secretariat
    ("Kembalikan ke sekretariat"): the chain is cleared, with who and why recorded."""
    current = lock_session(session)
    if not may_send_back(LetterSettings.load(), user):
        raise Refused(_("Hanya pejabat paraf dan penanda tangan yang dapat mengembalikan naskah."))
    reason = reason.strip()
    if not reason:
        raise Refused(_("Tuliskan alasan mengembalikan naskah ke sekretariat."))
    found = standing_snapshot(current)
    if found is None:
        raise Refused(_("Naskah ini belum diajukan untuk paraf; tidak ada yang dapat dikembalikan."))
    cleared = standing(current)
    name, reason = name_of(user), reason[:MAX_REASON]
    with indonesian():
        said = _("Naskah dikembalikan ke sekretariat oleh %(name)s: %(reason)s") % {
            "name": name,
            "reason": reason,
        }
    _withdraw(current, user, said, drafted=found.drafted)
    transaction.on_commit(lambda: notices.sent_back(current, name, reason, user), robust=True)
    return cleared


def missing_paraf(letter: LetterSettings, steps: list[LetterStep]) -> list:
    initialled = {step.user_id for step in steps if step.kind == Kind.PARAF}
    return [official for official in letter.initialers.all() if official.pk not in initialled]


@keeping_withdrawal
def sign(
    session: RakorSession, user: User, *, seen: str, verified: bool, acknowledged: Collection[str] = ()
) -> LetterNumber:
    """The signer signs the initialled text: the register issues its number. ``verified``: the
    signer's login was confirmed with a two-factor code. Refused while a report is returned for
    correction and not sent again; each item of the checklist (``reports.brief.checklist``) present
    must be in ``acknowledged``, and what was acknowledged is kept with the signature."""
    current = lock_session(session)
    letter = LetterSettings.load()
    if letter.signer_id is None or letter.signer_id != user.pk:
        raise Refused(_("Hanya penanda tangan yang ditetapkan admin yang dapat menandatangani naskah ini."))
    if not verified:
        raise Refused(
            _(
                "Penandatanganan memerlukan verifikasi dua langkah. Aktifkan dan masukkan kode dari "
                "aplikasi autentikator Anda, lalu tandatangani lagi."
            )
        )
    steps = standing(current)
    if any(step.kind == Kind.SIGNED for step in steps):
        raise Refused(_("Naskah ini sudah ditandatangani."))
    if not any(step.kind == Kind.SUBMITTED for step in steps):
        raise Refused(_("Naskah belum diajukan sekretariat untuk paraf."))
    if not letter.initialers.exists():
        raise Refused(_("Admin belum menetapkan pejabat paraf naskah ini."))
    waiting = missing_paraf(letter, steps)
    if waiting:
        raise Refused(
            _("Naskah belum diparaf %(names)s.")
            % {"names": ", ".join(name_of(official) for official in waiting)}
        )
    unchanged(current, user)
    with indonesian():
        result = summary(current)
    text = _check_seen(current, seen, result)
    current.sign_off_acknowledged = _acknowledged(result, acknowledged)
    now = clock.now()
    LetterStep.objects.create(session=current, kind=Kind.SIGNED, user=user, text=text, at=now)
    current.signed_off_at, current.signed_off_by = now, user
    current.save(update_fields=["signed_off_at", "signed_off_by", "sign_off_acknowledged"])
    number = issue_number(current, user, letter, now)
    transaction.on_commit(lambda: notices.signed(current, number.number, user), robust=True)
    return number


def _acknowledged(result: Summary, acknowledged: Collection[str]) -> list[dict]:
    """What the signer saw of the reports not yet verified, to keep with the signature; refused
    while a report is returned, or while an item of the checklist is not ticked."""
    with indonesian():
        sent_back, items = returned(result), checklist(result)
        kept = [{"kind": item.kind.value, "regions": [str(r) for r in item.regions]} for item in items]
    if sent_back:
        raise Refused(
            _(
                "Laporan %(regions)s dikembalikan untuk diperbaiki dan belum dikirim ulang. Naskah dapat "
                "ditandatangani setelah operator mengirim ulang laporannya."
            )
            % {"regions": names(sent_back)}
        )
    unticked = [item for item in items if item.kind.value not in acknowledged]
    if unticked:
        raise Refused(
            _("Centang setiap hal dalam daftar periksa sebelum menandatangani: %(items)s.")
            % {"items": "; ".join(item.label for item in unticked)}
        )
    return kept


def issue_number(session: RakorSession, user: User, letter: LetterSettings, now: dt.datetime) -> LetterNumber:
    """The next number of the year, under a lock on the year's counter row (two signings at once
    take consecutive numbers). A letter of a session that was forwarded before refers to the
    number it corrects."""
    year = timezone.localtime(now).year
    counter, _created = LetterCounter.objects.select_for_update().get_or_create(year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    corrects = (
        LetterNumber.objects.in_force()
        .filter(session=session, forwarded_at__isnull=False)
        .order_by("-forwarded_at")
        .first()
    )
    return LetterNumber.objects.create(
        year=year,
        sequence=counter.last,
        number=letter.format_number(counter.last, year),
        session=session,
        signed_by=user,
        issued_at=now,
        corrects=corrects,
    )


def may_forward(user: User, letter: LetterSettings | None = None) -> bool:
    """Who forwards a signed letter: the signer or the secretariat, as the admin set."""
    letter = letter or LetterSettings.load()
    if letter.forwarder == LetterSettings.Forwarder.SIGNER:
        return letter.signer_id is not None and user.pk == letter.signer_id
    return is_secretariat(user)


def waiting_for(user: User) -> list[tuple[RakorSession, str]]:
    """The letters that wait for this user's paraf or signature, with what each waits for
    (``Kind.PARAF`` or ``Kind.SIGNED``), oldest rakor first."""
    letter = LetterSettings.load()
    initialers = {official.pk for official in letter.initialers.all()}
    if user.pk != letter.signer_id and user.pk not in initialers:
        return []
    sessions = (
        RakorSession.objects.filter(
            forwarded_at__isnull=True,
            letter_steps__kind=Kind.SUBMITTED,
            letter_steps__cleared_at__isnull=True,
        )
        .select_related("election")
        .prefetch_related("letter_steps")
        .distinct()
        .order_by("date")
    )
    waiting: list[tuple[RakorSession, str]] = []
    for session in sessions:
        steps = [step for step in session.letter_steps.all() if step.cleared_at is None]
        initialled = {step.user_id for step in steps if step.kind == Kind.PARAF}
        if any(step.kind == Kind.SIGNED for step in steps):
            continue
        if user.pk in initialers and user.pk not in initialled:
            waiting.append((session, Kind.PARAF))
        elif user.pk == letter.signer_id and initialers and initialers <= initialled:
            waiting.append((session, Kind.SIGNED))
    return waiting


def record_recipients(letter: LetterNumber) -> None:
    """One delivery waiting per recipient the admin keeps (the addressee, then the copy list)."""
    for name, address, is_copy in LetterSettings.load().recipients():
        Delivery.objects.get_or_create(
            letter=letter, address=address, defaults={"name": name, "is_copy": is_copy}
        )


@transaction.atomic
def retry_delivery(delivery: Delivery) -> Delivery:
    """A failed delivery waits to be sent again, without signing again. Under the rakor's lock
    (the row only: a forwarded rakor is frozen, and its letter is still mailed)."""
    current = Delivery.objects.select_related("letter").get(pk=delivery.pk)
    locked_row(current.letter.session)
    current = Delivery.objects.select_for_update().get(pk=delivery.pk)
    if current.status != Delivery.Status.FAILED:
        raise Refused(_("Hanya pengiriman yang gagal yang dapat dikirim ulang."))
    current.status = Delivery.Status.PENDING
    current.save(update_fields=["status", "updated_at"])
    return current
