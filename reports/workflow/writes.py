"""The life of a readiness report: draft → submitted → returned ⇄ submitted → accepted, and the
one lock every write to a rakor takes.

Every change to a rakor — a report and its lines, a review, the attendance, a follow-up, the letter,
forwarding and reopening — first locks the session's row (``lock_session``) inside its transaction
and is refused there once the rakor is forwarded. Forwarding takes the same lock while it makes the
files, so no write can land between the files and the freeze. The lost-update check (a version
number compared inside the same transaction) holds whichever page made the change. Refusals carry a
sentence for the user saying which rule refused and since when. A write that changes the data of a
letter in its paraf chain withdraws the chain (``letter.withdraw_if_changed``).
"""

import datetime as dt
from collections.abc import Iterable

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.forms.models import BaseInlineFormSet
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from deskpilkada import clock
from notifications import events
from reports.models import RakorSession, ReadinessReport

Status = ReadinessReport.Status


class Refused(Exception):
    """A change the rules refuse; ``str()`` is the message for the user."""


class Locked(Refused):
    """The session is frozen."""

    def __init__(self, message: str, since: dt.datetime):
        super().__init__(message)
        self.since = since


class Stale(Refused):
    """Someone else saved the report since this user loaded it."""

    def __init__(self, message: str, current: ReadinessReport):
        super().__init__(message)
        self.current = current


def when(moment: dt.datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "j F Y, H.i") + " WITA"


def session_lock(session: RakorSession) -> Locked | None:
    """Why the session refuses changes, or None while it is open."""
    if session.forwarded_at is not None:
        return Locked(
            _(
                "Rakor %(date)s sudah diteruskan ke Mendagri sejak %(since)s; laporan, kehadiran, "
                "tindak lanjut dan naskahnya tidak dapat diubah lagi kecuali sekretariat membukanya kembali."
            )
            % {"date": formats.date_format(session.date, "j F Y"), "since": when(session.forwarded_at)},
            since=session.forwarded_at,
        )
    return None


def ensure_open(session: RakorSession) -> None:
    lock = session_lock(session)
    if lock is not None:
        raise lock


def locked_row(session: RakorSession) -> RakorSession:
    """Inside a transaction: the session's row as stored, locked until the transaction ends
    (``SELECT … FOR UPDATE``; a writer waits here while another write or a forwarding runs)."""
    return RakorSession.objects.select_for_update().select_related("election").get(pk=session.pk)


def lock_session(session: RakorSession) -> RakorSession:
    """The door of every write to a rakor: lock its row for this transaction, then refuse
    (``Locked``) if it is forwarded. Returns the row as stored once the lock is held."""
    current = locked_row(session)
    ensure_open(current)
    return current


def lock_for_update(report: ReadinessReport, expected_version: int) -> ReadinessReport:
    """Inside a transaction: lock the session's row, then the report's, and refuse if the report
    moved past ``expected_version`` since the user loaded it. Returns the row as stored."""
    session = lock_session(report.session)
    current = ReadinessReport.objects.select_for_update().get(pk=report.pk)
    current.session = session
    if current.version != expected_version:
        raise stale(current)
    return current


def stale(current: ReadinessReport) -> Stale:
    who = current.submitted_by or current.reviewed_by
    return Stale(
        _(
            "Laporan ini sudah diubah %(who)s pada %(when)s (versi %(version)s) setelah Anda membukanya. "
            "Isian Anda belum disimpan dan ditampilkan kembali di bawah; periksa perubahan itu, "
            "lalu simpan lagi."
        )
        % {
            "who": who.get_full_name() or who.get_username() if who else _("pengguna lain"),
            "when": when(current.updated_at),
            "version": current.version,
        },
        current=current,
    )


def mark_submitted(report: ReadinessReport, user: User, now: dt.datetime | None = None) -> None:
    """Set the submission fields; the report is late if its *first* submission missed the deadline."""
    now = now or clock.now()
    if report.status == Status.ACCEPTED and report.first_submitted_at is None:
        raise Refused(_("Laporan yang sudah diterima tidak dapat dikirim ulang."))
    if report.first_submitted_at is None:
        report.first_submitted_at = now
        report.is_late = now > report.session.deadline
    report.status = Status.SUBMITTED
    report.submitted_at = now
    report.submitted_by = user


@transaction.atomic
def save_report(
    report: ReadinessReport,
    user: User,
    *,
    expected_version: int,
    submit: bool,
    lines: Iterable[BaseInlineFormSet] = (),
) -> ReadinessReport:
    """The operator saves their region's report as it stands (``lines``: formsets saved with it),
    as a draft or submitted. Refused when the session is frozen, when someone saved the report
    after ``expected_version`` was loaded, or when a sent report would silently go back to draft."""
    if report.pk is None:
        report.session = lock_session(report.session)
        report.version = 1
    else:
        report.version = lock_for_update(report, expected_version).version + 1
    if submit:
        mark_submitted(report, user)
    elif report.status in (Status.SUBMITTED, Status.ACCEPTED):
        raise Refused(_("Laporan ini sudah dikirim; kirim perubahan Anda agar diperiksa kembali."))
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError as exc:  # another browser created this region's report meanwhile
        raise stale(
            ReadinessReport.objects.select_related("submitted_by", "reviewed_by").get(
                session=report.session, region=report.region
            )
        ) from exc
    for formset in lines:
        formset.save()
    _letter_follows(report.session, user)
    return report


REVIEWABLE = (Status.SUBMITTED,)


@transaction.atomic
def review(
    report: ReadinessReport, user: User, *, accept: bool, comment: str, expected_version: int
) -> ReadinessReport:
    """The secretariat accepts a submitted report, or returns it to the operator with a comment."""
    current = lock_for_update(report, expected_version)
    if current.status not in REVIEWABLE:
        raise Refused(
            _("Hanya laporan berstatus “Terkirim” yang dapat diperiksa; laporan ini berstatus “%(status)s”.")
            % {"status": current.get_status_display()}
        )
    if not accept and not comment.strip():
        raise Refused(_("Tulis alasan pengembalian agar operator tahu apa yang harus diperbaiki."))
    current.status = Status.ACCEPTED if accept else Status.RETURNED
    current.reviewer_comment = comment.strip()
    current.reviewed_by = user
    current.reviewed_at = clock.now()
    current.version += 1
    current.save(
        update_fields=["status", "reviewer_comment", "reviewed_by", "reviewed_at", "version", "updated_at"]
    )
    _letter_follows(current.session, user)
    # The operator hears of it once the decision is stored; a failed notice never undoes the review.
    transaction.on_commit(lambda: events.report_reviewed(current), robust=True)
    return current


def _letter_follows(session: RakorSession, user: User) -> None:
    """A report sent, saved, returned or accepted while the letter stands in its paraf chain
    withdraws the chain when the letter's data changed (``letter.withdraw_if_changed``)."""
    # Imported here: the letter's chain is itself built on this module's lock and refusals.
    from reports.workflow.letter import withdraw_if_changed

    withdraw_if_changed(session, user)
