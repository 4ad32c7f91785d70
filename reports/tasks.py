"""Background work of the desk, run by Celery (see ``deskpilkada/celery.py``).

Each task is handed ids, never objects, and the id of the user it acts for; it reads the user
again and checks that they may still do what they asked before acting, since time (and a role)
may have passed between the click and the worker picking the task up.
"""

import hashlib
import logging

from celery import shared_task
from django.contrib.auth import get_user_model

from reports.brief import exports
from reports.brief.letter import indonesian
from reports.models import ForwardedBrief, LetterNumber
from reports.rollup.summary import summary
from reports.workflow.letter import may_forward

logger = logging.getLogger("deskpilkada.tasks")


def acting_user(user_pk: int, may) -> object | None:
    """The user a task acts for, if they are still active and ``may(user)``; else None (logged)."""
    user = get_user_model().objects.filter(pk=user_pk, is_active=True).first()
    if user is None or not may(user):
        logger.warning("task refused: user=%s may not act", user_pk)
        return None
    return user


@shared_task
def make_forwarded_files(forwarded_pk: int, user_pk: int) -> None:
    """Make the PDF (electronically signed when the signer has a certificate), XLSX and CSV of a
    forwarded brief once, from its kept text (the national PDF takes a quarter of a minute, longer
    than a request should wait), and record the PDF's SHA-256 with its number for verification."""
    kept = ForwardedBrief.objects.select_related("session__election").get(pk=forwarded_pk)
    if acting_user(user_pk, lambda user: may_forward(user)) is None or bytes(kept.pdf):
        return
    with indonesian():
        result = summary(kept.session)
        pdf, is_pades = exports.forwarded_pdf(result, kept.text)
        files = {"pdf": pdf, "xlsx": exports.xlsx(result), "csv": exports.csv_bytes(result)}
    ForwardedBrief.objects.filter(pk=kept.pk).update(**files)
    LetterNumber.objects.filter(brief=kept).update(
        pdf_sha256=hashlib.sha256(pdf).hexdigest(), is_pades=is_pades
    )
