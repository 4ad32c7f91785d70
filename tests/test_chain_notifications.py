"""The letter's chain tells whoever acts next: the Kepala Kesbangpol that a letter waits for his
paraf, the Sekda that it waits for her signature, the secretariat that it was signed, sent back or
withdrawn (with the reason), and that a partner agency posted progress on a follow-up; by the bell
and by mail, to nobody else."""

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.access import Role
from notifications.models import Notification
from reports.models import Attendance, FollowUp, LetterSettings, RakorSession
from reports.workflow import desk
from reports.workflow import letter as chain
from tests import letters
from tests.conftest import make_user
from tests.security_data import browser

pytestmark = pytest.mark.django_db

Event = Notification.Event
KUTIM_PATROL = "Patroli bersama di Sangatta Utara untuk mencegah konflik horizontal"  # Polri/TNI


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = "https://desk.example"
    settings.NOTIFY_CHANNELS = ["aplikasi", "email"]


def told(event: str) -> dict[str, list[str]]:
    """Who received ``event``, by channel: {channel: [usernames]}."""
    rows = Notification.objects.filter(event=event).select_related("recipient")
    by_channel: dict[str, list[str]] = {}
    for row in rows.order_by("recipient__username"):
        by_channel.setdefault(row.channel, []).append(row.recipient.username)
    return by_channel


def bell(username: str) -> tuple[int, str]:
    """What the user's pages show: the bell's unread count, and the notices page."""
    client = browser(username)
    count = client.get(reverse("notifications:notices")).context["unread_notices"]
    return count, client.get(reverse("notifications:notices")).content.decode()


def brief_url(session: RakorSession) -> str:
    return reverse("reports:brief", args=[session.pk])


def test_a_submitted_letter_tells_the_kepala_kesbangpol_it_waits_for_his_paraf(demo, committed):
    """Submitting tells each initialling official, by the bell and by mail, and nobody else."""
    committed(letters.submit, demo)

    assert told(Event.PARAF_WAITING) == {"aplikasi": ["kepala.kesbangpol"], "email": ["kepala.kesbangpol"]}
    count, page = bell("kepala.kesbangpol")
    assert count == 1
    assert f"Naskah {demo} menunggu paraf Anda" in page and brief_url(demo) in page
    (sent,) = mail.outbox
    assert sent.to == ["kepala.kesbangpol@desk.kaltimprov.go.id"]
    assert f"https://desk.example{brief_url(demo)}" in sent.body
    assert bell("sekda")[0] == 0 and bell("sekretariat")[0] == 0


def test_the_last_paraf_tells_the_signer_and_an_earlier_one_does_not(demo, committed):
    """With two initialling officials, the Sekda hears only once both have initialled."""
    second = make_user("kabag.hukum", Role.HEAD, first_name="Kabag", last_name="Hukum")
    LetterSettings.load().initialers.add(second)
    letters.submit(demo)
    committed(letters.paraf, demo)
    assert told(Event.SIGNATURE_WAITING) == {}

    committed(chain.paraf, demo, second, seen=letters.seen(demo))
    assert told(Event.SIGNATURE_WAITING) == {"aplikasi": ["sekda"], "email": ["sekda"]}
    count, page = bell("sekda")
    assert count == 1 and f"Naskah {demo} menunggu tanda tangan Anda" in page
    assert "kode dari aplikasi autentikator" in page


def test_a_signed_letter_tells_the_secretariat_it_can_be_forwarded(demo, committed):
    """Signing tells the secretariat, with the letter's number; not the officials who acted."""
    number = committed(letters.sign, demo)

    assert told(Event.LETTER_SIGNED) == {"aplikasi": ["sekretariat"], "email": ["sekretariat"]}
    count, page = bell("sekretariat")
    assert count == 1
    assert f"Naskah {demo} sudah ditandatangani" in page
    assert f"nomor {number.number} dan siap diteruskan ke Mendagri" in page
    assert bell("sekda")[0] == 1  # only the signature waiting, from the paraf
    assert bell("kepala.kesbangpol")[0] == 1  # only the paraf waiting, from the submission


def test_a_signed_letter_tells_the_signer_too_when_the_signer_forwards(demo, committed):
    """When the admin made the Sekda the one who forwards, she is told with the secretariat."""
    LetterSettings.objects.update(forwarder=LetterSettings.Forwarder.SIGNER)
    committed(letters.sign, demo)
    assert told(Event.LETTER_SIGNED)["aplikasi"] == ["sekda", "sekretariat"]


def test_a_letter_sent_back_tells_the_secretariat_who_and_why(demo, committed):
    """The Kepala Kesbangpol's reason for sending the letter back reaches the secretariat's bell."""
    letters.submit(demo)
    head = User.objects.get(username="kepala.kesbangpol")
    committed(chain.send_back, demo, head, reason="Angka personel Bontang perlu dicek ulang")

    assert told(Event.LETTER_SENT_BACK) == {"aplikasi": ["sekretariat"], "email": ["sekretariat"]}
    count, page = bell("sekretariat")
    assert count == 1
    assert "dikembalikan ke sekretariat oleh Drs. Ahmad Fauzi, M.Si." in page
    assert "Alasannya: “Angka personel Bontang perlu dicek ulang”" in page


def test_a_chain_withdrawn_by_a_data_change_tells_the_secretariat_what_changed(demo, committed):
    """Attendance changed after submission withdraws the chain; the secretariat hears what changed."""
    letters.submit_and_paraf(demo)
    secretariat = User.objects.get(username="sekretariat")
    unconfirmed = Attendance.objects.filter(session=demo, status=Attendance.Status.UNCONFIRMED).first()
    assert unconfirmed is not None
    values = {unconfirmed.region_id: (Attendance.Status.PRESENT.value, "Kepala Bakesbangpol")}
    committed(desk.record_attendance, demo, values, secretariat)

    assert told(Event.CHAIN_WITHDRAWN) == {"aplikasi": ["sekretariat"], "email": ["sekretariat"]}
    row = Notification.objects.get(event=Event.CHAIN_WITHDRAWN, channel="aplikasi")
    assert row.message.startswith("Rantai naskah dibatalkan karena data berubah setelah diajukan: ")
    assert unconfirmed.region.name in row.message
    _count, page = bell("sekretariat")
    assert f"Rantai naskah {demo} dibatalkan karena data berubah" in page


def test_a_refused_step_tells_nobody(demo, committed):
    """A paraf refused (not an initialling official) leaves no notice behind."""
    letters.submit(demo)
    sekda = User.objects.get(username="sekda")
    with pytest.raises(chain.Refused):
        committed(chain.paraf, demo, sekda, seen=letters.seen(demo))
    assert told(Event.SIGNATURE_WAITING) == {}


def test_a_partners_progress_on_a_follow_up_tells_the_secretariat(demo, django_capture_on_commit_callbacks):
    """Polri/TNI's word on its follow-up reaches the secretariat's bell, and not the operators'."""
    follow_up = FollowUp.objects.get(title=KUTIM_PATROL)
    url = reverse("notifications:follow_up", args=[follow_up.pk])
    with django_capture_on_commit_callbacks(execute=True):
        progress = {"status": "terkendala", "text": "Personel baru tiba 20 November."}
        browser("mitra.polri_tni").post(url, progress)

    assert told(Event.FOLLOW_UP_PROGRESS) == {"aplikasi": ["sekretariat"], "email": ["sekretariat"]}
    count, page = bell("sekretariat")
    assert count == 1
    assert f"Kabar tindak lanjut dari Polri/TNI: {KUTIM_PATROL}" in page
    assert "(Terkendala): Personel baru tiba 20 November." in page
    assert bell("operator.kutim")[0] == 0 and bell("mitra.polri_tni")[0] == 0


def test_the_bell_in_the_menu_counts_the_letters_notices(demo, committed):
    """The bell on the Kepala Kesbangpol's pages shows one unread notice after the submission."""
    committed(letters.submit, demo)
    client = Client()
    client.force_login(User.objects.get(username="kepala.kesbangpol"))
    page = client.get(brief_url(demo)).content.decode()
    assert "Pemberitahuan: 1 belum dibaca" in page
