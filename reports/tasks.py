"""Background work of the desk, run by Celery (see ``deskpilkada/celery.py``).

Each task is handed ids, never objects, and the id of the user it acts for; it reads the user
again and checks that they may still do what they asked before acting, since time (and a role)
may have passed between the click and the worker picking the task up.
"""

import hashlib
import logging
import smtplib
from collections.abc import Callable

from celery import shared_task
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core import mail
from django.template.loader import render_to_string
from django.utils import formats, timezone

from accounts.access import is_secretariat
from reports.brief import exports
from reports.brief.letter import indonesian
from reports.models import Delivery, ForwardedBrief, LetterNumber, LetterSettings, LetterSnapshot
from reports.rollup.summary import summary
from reports.workflow import letter as chain
from reports.workflow.letter import may_forward

logger = logging.getLogger("deskpilkada.tasks")


def acting_user(user_pk: int, may: Callable[[User], bool]) -> User | None:
    """The user a task acts for, if they are still active and ``may(user)``; else None (logged)."""
    user = get_user_model().objects.filter(pk=user_pk, is_active=True).first()
    if user is None or not may(user):
        logger.warning("task refused: user=%s may not act", user_pk)
        return None
    return user


@shared_task
def make_forwarded_files(forwarded_pk: int, user_pk: int) -> None:
    """Make the PDF (electronically signed when the signer has a certificate) of a forwarded brief
    once, from the letter pinned at submission (``LetterSnapshot``: its text, its attachment, the
    number), and keep the XLSX and CSV pinned with it (the national PDF takes a quarter of a minute,
    longer than a request should wait); record the PDF's SHA-256 with its number for verification,
    then have the letter mailed to its recipients. A brief forwarded before letters were pinned has
    its files made from its kept text and the frozen rakor."""
    kept = ForwardedBrief.objects.select_related("session__election").get(pk=forwarded_pk)
    if acting_user(user_pk, may_forward) is None or bytes(kept.pdf):
        return
    found = LetterSnapshot.objects.select_related("step__session__election").filter(brief=kept).first()
    with indonesian():
        if found is not None:
            pdf, is_pades = exports.forwarded_pdf(found)
            xlsx, csv = bytes(found.xlsx), bytes(found.csv)
        else:
            result = summary(kept.session)
            pdf, is_pades = exports.pdf(result, kept.text), False
            xlsx, csv = exports.xlsx(result), exports.csv_bytes(result)
    kept.pdf, kept.xlsx, kept.csv = pdf, xlsx, csv
    kept.save(update_fields=["pdf", "xlsx", "csv"])
    letter = LetterNumber.objects.filter(brief=kept).first()
    if letter is not None:
        letter.pdf_sha256, letter.is_pades = hashlib.sha256(pdf).hexdigest(), is_pades
        letter.save(update_fields=["pdf_sha256", "is_pades"])
        chain.record_recipients(letter)
        deliver_letter.delay(letter.pk, user_pk)


@shared_task
def deliver_letter(letter_pk: int, user_pk: int, only: list[int] | None = None) -> None:
    """Mail the signed PDF and the XLSX to each recipient still waiting (or to the deliveries
    ``only``), one message per recipient, and record for each whether it was sent or why not."""
    if acting_user(user_pk, may_send) is None:
        return
    letter = LetterNumber.objects.select_related("brief", "session").get(pk=letter_pk)
    waiting = letter.deliveries.filter(status=Delivery.Status.PENDING)
    if only is not None:
        waiting = waiting.filter(pk__in=only)
    settings_row = LetterSettings.load()
    with indonesian(), mail.get_connection() as connection:
        for delivery in waiting:
            message = _message(letter, settings_row, delivery.address)
            message.connection = connection
            try:
                message.send()
            except (smtplib.SMTPException, OSError) as error:
                delivery.status, delivery.error = Delivery.Status.FAILED, str(error)[:1000]
            else:
                delivery.status, delivery.error, delivery.sent_at = Delivery.Status.SENT, "", timezone.now()
            delivery.attempts += 1
            delivery.save(update_fields=["status", "error", "sent_at", "attempts", "updated_at"])


def may_send(user: User) -> bool:
    """Who may have the letter mailed (again): whoever may forward it, and the secretariat."""
    return may_forward(user) or is_secretariat(user)


def _message(letter: LetterNumber, settings_row: LetterSettings, address: str) -> mail.EmailMessage:
    kept = letter.brief
    if kept is None:
        raise ValueError(f"letter {letter.number} has no forwarded files to send")
    body = render_to_string(
        "reports/brief/mail.txt", {"letter": letter, "settings": settings_row, "session": letter.session}
    )
    dated = formats.date_format(letter.session.date, "j F Y")
    message = mail.EmailMessage(
        subject=f"{settings_row.subject} {dated} — Nomor {letter.number}",
        body=body,
        to=[address],
    )
    message.attach(exports.filename(letter.session, "pdf"), bytes(kept.pdf), exports.CONTENT_TYPES["pdf"])
    message.attach(exports.filename(letter.session, "xlsx"), bytes(kept.xlsx), exports.CONTENT_TYPES["xlsx"])
    return message
