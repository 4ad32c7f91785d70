"""Delivery of the forwarded letter by mail: the signed PDF and the XLSX go to the addressee and the
copy list the admin keeps, in the background, through a real SMTP server on loopback started here;
each recipient's delivery is recorded — sent, or failed with the error — and a failed one is sent
again from the brief's page without signing again."""

from email import message_from_bytes, policy

import pytest
from django.urls import reverse

from reports.models import Delivery, LetterCopy, LetterNumber, LetterSettings, LetterStep
from tests import letters
from tests.security_data import client_for

pytestmark = pytest.mark.django_db

REFUSED = "kpu@kpu-kaltim.example"


def test_the_forwarded_letter_is_mailed_to_each_recipient_and_a_refused_one_is_retried(demo, mailbox):
    mailbox.refuse = {REFUSED}
    number = letters.sign(demo)
    desk = client_for("secretariat")
    desk.post(reverse("reports:brief_forward", args=[demo.pk]), {"confirm": "on"})

    letter = LetterSettings.load()
    expected = [letter.addressee_email, *[copy.email for copy in LetterCopy.objects.order_by("position")]]
    deliveries = {d.address: d for d in Delivery.objects.filter(letter=number)}
    assert sorted(deliveries) == sorted(expected)
    assert deliveries[REFUSED].status == Delivery.Status.FAILED
    assert "550" in deliveries[REFUSED].error and "Kotak surat tidak ditemukan" in deliveries[REFUSED].error
    sent = [address for address, d in deliveries.items() if d.status == Delivery.Status.SENT]
    assert sorted(sent) == sorted(set(expected) - {REFUSED})
    assert sorted(rcpt for rcpts, _ in mailbox.received for rcpt in rcpts) == sorted(sent)

    mail = message_from_bytes(mailbox.received[0][1], policy=policy.default)
    assert number.number in mail["Subject"]
    attached = {
        part.get_filename(): part.get_payload(decode=True) for part in mail.walk() if part.get_filename()
    }
    kept = number.session.forwarded_briefs.get()
    assert attached == {
        "laporan-desk-pilkada-2024-11-18.pdf": bytes(kept.pdf),
        "laporan-desk-pilkada-2024-11-18.xlsx": bytes(kept.xlsx),
    }

    page = desk.get(reverse("reports:brief", args=[demo.pk])).content.decode()
    assert "Gagal" in page and "Kotak surat tidak ditemukan" in page and "Kirim ulang" in page
    assert (
        "Kirim ulang"
        not in client_for("leader").get(reverse("reports:brief", args=[demo.pk])).content.decode()
    )

    mailbox.refuse = set()
    signatures = LetterStep.objects.filter(kind=LetterStep.Kind.SIGNED).count()
    response = desk.post(reverse("reports:delivery_retry", args=[deliveries[REFUSED].pk]))
    assert response.status_code == 302
    retried = Delivery.objects.get(pk=deliveries[REFUSED].pk)
    assert (retried.status, retried.error, retried.attempts) == (Delivery.Status.SENT, "", 2)
    assert [rcpts for rcpts, _ in mailbox.received][-1] == [REFUSED]
    assert LetterStep.objects.filter(kind=LetterStep.Kind.SIGNED).count() == signatures
    assert LetterNumber.objects.count() == 1

    # A delivery that was sent is not sent again.
    response = desk.post(reverse("reports:delivery_retry", args=[retried.pk]))
    assert len(mailbox.received) == len(expected)


@pytest.mark.parametrize("role", ["operator", "leader", "head"])
def test_only_the_secretariat_retries_a_delivery(demo, mailbox, role):
    mailbox.refuse = {REFUSED}
    letters.sign(demo)
    client_for("secretariat").post(reverse("reports:brief_forward", args=[demo.pk]), {"confirm": "on"})
    failed = Delivery.objects.get(address=REFUSED)
    mailbox.refuse = set()
    assert client_for(role).post(reverse("reports:delivery_retry", args=[failed.pk])).status_code == 403
    assert Delivery.objects.get(pk=failed.pk).status == Delivery.Status.FAILED
