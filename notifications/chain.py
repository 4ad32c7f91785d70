"""The letter's chain tells whoever acts next (always in Bahasa Indonesia, the desk's language).

Submitted for paraf, each initialling official hears that the letter waits for their paraf; once
the last paraf is in, the signer hears it waits for the signature; once signed, the secretariat
(and the signer when the admin made them the one who forwards) hears it can be forwarded. A letter
sent back, or a chain withdrawn because the data changed, reaches the secretariat with the reason,
and so does a region's or a partner agency's progress on a follow-up.

``reports.workflow`` calls these after its transaction commits (``transaction.on_commit``), so no
mail is sent while the rakor's lock is held and nothing is told of a step that was rolled back.
"""

from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from notifications.events import secretariat_members
from notifications.models import FollowUpUpdate, Notification
from notifications.sending import notify
from reports.models import LetterSettings, RakorSession


def _active(users: Iterable[User]) -> list[User]:
    return [user for user in users if user.is_active]


def _tell(
    recipients: Iterable[User],
    session: RakorSession,
    event: str,
    subject: str,
    message: str,
    sent_by: User | None,
) -> list[Notification]:
    """One notice per recipient (each once), linking to the letter's page."""
    link = reverse("reports:brief", args=[session.pk])
    unique = {user.pk: user for user in recipients}
    return notify(
        unique.values(),
        event=event,
        subject=subject,
        message=f"{message} {settings.SITE_URL}{link}",
        link=link,
        session=session,
        sent_by=sent_by,
    )


def _letter_of(session: RakorSession) -> dict[str, str]:
    return {"session": str(session)}


def paraf_waiting(session: RakorSession, sent_by: User) -> list[Notification]:
    """Tell each initialling official that the submitted letter waits for their paraf."""
    officials = _active(LetterSettings.load().initialers.select_related("contact"))
    with translation.override(settings.LANGUAGE_CODE):
        words = _letter_of(session)
        subject = _("Naskah %(session)s menunggu paraf Anda") % words
        message = (
            _(
                "Sekretariat mengajukan naskah laporan %(session)s untuk diparaf. "
                "Baca lalu paraf di Desk Pilkada:"
            )
            % words
        )
    return _tell(officials, session, Notification.Event.PARAF_WAITING, subject, message, sent_by)


def signature_waiting(session: RakorSession, sent_by: User) -> list[Notification]:
    """Tell the signer that every paraf is in and the letter waits for the signature."""
    signer = LetterSettings.load().signer
    with translation.override(settings.LANGUAGE_CODE):
        words = _letter_of(session)
        subject = _("Naskah %(session)s menunggu tanda tangan Anda") % words
        message = (
            _(
                "Naskah laporan %(session)s sudah diparaf seluruhnya dan menunggu tanda tangan Anda. "
                "Siapkan kode dari aplikasi autentikator, lalu tandatangani di Desk Pilkada:"
            )
            % words
        )
    recipients = _active([signer]) if signer is not None else []
    return _tell(recipients, session, Notification.Event.SIGNATURE_WAITING, subject, message, sent_by)


def forwarders() -> list[User]:
    """The secretariat, and the signer when the admin made the signer the one who forwards."""
    letter = LetterSettings.load()
    people = list(secretariat_members())
    if letter.forwarder == LetterSettings.Forwarder.SIGNER and letter.signer is not None:
        people += _active([letter.signer])
    return people


def signed(session: RakorSession, number: str, sent_by: User) -> list[Notification]:
    """Tell the secretariat (and whoever forwards) that the letter is signed and can be forwarded."""
    with translation.override(settings.LANGUAGE_CODE):
        words = {**_letter_of(session), "number": number}
        subject = _("Naskah %(session)s sudah ditandatangani") % words
        message = (
            _(
                "Naskah laporan %(session)s sudah ditandatangani dengan nomor %(number)s dan siap diteruskan "
                "ke Mendagri:"
            )
            % words
        )
    return _tell(forwarders(), session, Notification.Event.LETTER_SIGNED, subject, message, sent_by)


def sent_back(session: RakorSession, name: str, reason: str, sent_by: User) -> list[Notification]:
    """Tell the secretariat that an official (``name``) sent the letter back, and why."""
    with translation.override(settings.LANGUAGE_CODE):
        words = {**_letter_of(session), "name": name, "reason": reason}
        subject = _("Naskah %(session)s dikembalikan ke sekretariat") % words
        message = (
            _(
                "Naskah laporan %(session)s dikembalikan ke sekretariat oleh %(name)s. "
                "Alasannya: “%(reason)s”. Perbaiki lalu ajukan ulang untuk paraf:"
            )
            % words
        )
    return _tell(
        secretariat_members(), session, Notification.Event.LETTER_SENT_BACK, subject, message, sent_by
    )


def withdrawn(session: RakorSession, reason: str, sent_by: User) -> list[Notification]:
    """Tell the secretariat that the chain was withdrawn because the data changed, saying what changed."""
    with translation.override(settings.LANGUAGE_CODE):
        words = {**_letter_of(session), "reason": reason}
        subject = _("Rantai naskah %(session)s dibatalkan karena data berubah") % words
        message = _("%(reason)s Periksa naskahnya:") % words
    return _tell(
        secretariat_members(), session, Notification.Event.CHAIN_WITHDRAWN, subject, message, sent_by
    )


def follow_up_progress(update: FollowUpUpdate) -> list[Notification]:
    """Tell the secretariat what a region or a partner agency reported on a follow-up."""
    follow_up = update.follow_up
    link = reverse("notifications:follow_up", args=[follow_up.pk])
    with translation.override(settings.LANGUAGE_CODE):
        words = {
            "who": update.written_by,
            "title": follow_up.title,
            "status": update.get_status_display(),
            "text": update.text[:500],
            "url": settings.SITE_URL + link,
        }
        subject = _("Kabar tindak lanjut dari %(who)s: %(title)s") % words
        message = _("%(who)s melaporkan perkembangan “%(title)s” (%(status)s): %(text)s %(url)s") % words
    return notify(
        secretariat_members(),
        event=Notification.Event.FOLLOW_UP_PROGRESS,
        subject=subject,
        message=message,
        link=link,
        region=update.region,
        session=follow_up.session,
        sent_by=update.author,
    )
