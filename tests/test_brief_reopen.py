"""A correction after forwarding: the secretariat reopens the rakor with a reason ("buka kembali"),
which is recorded; the brief as sent stays downloadable byte for byte; the corrected brief is
forwarded as a new version whose letter says it is a correction. And the page says the text was
changed only when it differs from the drafted one."""

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import formats, timezone

from reports.models import ForwardedBrief, RakorSession
from reports.workflow import writes
from reports.workflow.forwarding import digest
from tests import letters
from tests.security_data import ROLES, client_for, demo_user, region_report

REASON = "Angka personel pengamanan Bontang salah ketik."
CORRECTION = "Laporan ini merupakan ralat/perbaikan atas laporan hasil rakor 18 November 2024"


def url(name: str, *args) -> str:
    return reverse(f"reports:{name}", args=args)


def sign_off_and_forward(desk, session: RakorSession) -> ForwardedBrief:
    letters.sign(session)
    desk.post(url("brief_forward", session.pk), {"confirm": "on"})
    return ForwardedBrief.objects.current().get(session=session)


def downloads(client, sent: ForwardedBrief) -> dict[str, bytes]:
    files = {}
    for kind in ("pdf", "xlsx", "csv"):
        response = client.get(url(f"brief_sent_{kind}", sent.pk))
        assert response.status_code == 200
        files[kind] = response.content
    return files


def shown_messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def desk(demo):
    return client_for("secretariat")


@pytest.fixture
def forwarded(desk, demo) -> ForwardedBrief:
    return sign_off_and_forward(desk, demo)


def test_the_secretariat_reopens_a_forwarded_rakor_with_a_reason_and_the_reopen_is_recorded(
    desk, demo, forwarded
):
    response = desk.post(url("brief_reopen", demo.pk), {"reason": REASON}, REMOTE_ADDR="203.0.113.44")
    assert response.status_code == 302
    assert "Rakor dibuka kembali untuk perbaikan" in shown_messages(response)[-1]

    session = RakorSession.objects.get(pk=demo.pk)
    assert (session.forwarded_at, session.signed_off_at, session.brief_text) == (None, None, "")
    sent = ForwardedBrief.objects.get(pk=forwarded.pk)
    secretariat = demo_user("secretariat")
    assert (sent.superseded_by, sent.reopen_reason) == (secretariat, REASON)
    assert timezone.now() - sent.superseded_at < dt.timedelta(minutes=1)
    record = sent.history.latest()
    assert (record.history_type, record.history_user, record.history_ip) == ("~", secretariat, "203.0.113.44")
    assert (record.reopen_reason, record.superseded_at) == (REASON, sent.superseded_at)

    page = desk.get(url("brief", demo.pk)).content.decode()
    assert "Riwayat penerusan" in page and "Digantikan" in page and REASON in page
    assert url("brief_sent_pdf", sent.pk) in page
    assert "sudah diteruskan ke Mendagri sejak" not in page
    assert 'name="text"' in page  # the letter can be corrected again


def test_a_reopen_without_a_reason_is_refused_beside_the_field_and_nothing_changes(desk, demo, forwarded):
    response = desk.post(url("brief_reopen", demo.pk), {"reason": "   "})
    assert response.status_code == 400
    assert 'class="form-control is-invalid"' in response.content.decode()
    assert "Tuliskan alasan membuka kembali rakor ini." in response.content.decode()
    assert RakorSession.objects.get(pk=demo.pk).is_forwarded
    assert ForwardedBrief.objects.get(pk=forwarded.pk).superseded_at is None


def test_a_rakor_not_yet_forwarded_is_not_reopened(desk, demo):
    response = desk.post(url("brief_reopen", demo.pk), {"reason": REASON})
    assert "belum diteruskan ke Mendagri" in shown_messages(response)[-1]
    assert not ForwardedBrief.objects.exists()


@pytest.mark.parametrize("role", [role for role in ROLES if role not in ("secretariat", "admin")])
def test_only_the_secretariat_reopens_a_forwarded_rakor(demo, forwarded, role):
    response = client_for(role).post(url("brief_reopen", demo.pk), {"reason": REASON})
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"].startswith(reverse("login"))
    assert RakorSession.objects.get(pk=demo.pk).is_forwarded
    assert ForwardedBrief.objects.get(pk=forwarded.pk).superseded_at is None
    page = client_for("leader").get(url("brief", demo.pk)).content.decode()
    assert url("brief_reopen", demo.pk) not in page


def test_a_corrected_brief_is_a_new_version_that_says_so_and_the_old_files_stay_as_sent(
    desk, demo, forwarded
):
    leader = client_for("leader")
    sent_before = downloads(leader, forwarded)
    assert sent_before == {kind: bytes(getattr(forwarded, kind)) for kind in sent_before}
    desk.post(url("brief_reopen", demo.pk), {"reason": REASON})
    bontang = region_report(demo, "64.74")
    bontang.security_personnel = 1_250
    bontang.save()

    draft = desk.get(url("brief", demo.pk)).context["text"]
    sent_at = timezone.localtime(forwarded.created_at)
    opening = (
        f"{CORRECTION} yang telah kami sampaikan pada {formats.date_format(sent_at, 'j F Y')} pukul "
        f"{sent_at:%H.%M} WITA, dan menggantikan laporan tersebut."
    )
    assert draft.split("\n\n")[1] == opening
    corrected = sign_off_and_forward(desk, demo)

    assert corrected.pk != forwarded.pk
    assert ForwardedBrief.objects.filter(session=demo).count() == 2
    assert corrected.text.split("\n\n")[1] == opening
    assert CORRECTION not in ForwardedBrief.objects.get(pk=forwarded.pk).text
    assert "1.250 orang" in corrected.text and "1.250 orang" not in forwarded.text
    assert downloads(leader, forwarded) == sent_before
    assert leader.get(url("brief_pdf", demo.pk)).content == bytes(corrected.pdf)
    page = leader.get(url("brief", demo.pk)).content.decode()
    assert "Versi 1" in page and "Versi 2" in page and "Berlaku" in page and "Digantikan" in page


def test_the_page_says_the_text_was_changed_only_when_it_differs_from_the_draft(desk, demo):
    badges = {
        "disusun": "Naskah disusun dari data",
        "diubah": "Naskah diubah sekretariat",
    }

    def badge() -> str:
        page = desk.get(url("brief", demo.pk)).content.decode()
        [shown] = [key for key, words in badges.items() if words in page]
        return shown

    text = desk.get(url("brief", demo.pk)).context["text"]
    desk.post(url("brief", demo.pk), {"text": text, "base": digest("")})
    assert badge() == "disusun"
    assert RakorSession.objects.get(pk=demo.pk).brief_text == ""  # still follows the data
    letters.sign(demo)
    assert RakorSession.objects.get(pk=demo.pk).signed_off_at is not None
    assert badge() == "disusun"
    bontang = region_report(demo, "64.74")
    bontang.security_personnel += 1
    writes.save_report(bontang, demo_user("secretariat"), expected_version=bontang.version, submit=True)
    # A report changed after the signature withdraws the chain, naming it; nobody edited the text,
    # which follows the data again.
    assert badge() == "disusun"
    assert "laporan Kota Bontang" in desk.get(url("brief", demo.pk)).context["withdrawn_reason"]

    stored = RakorSession.objects.get(pk=demo.pk).brief_text
    desk.post(url("brief", demo.pk), {"text": stored + "\n\nTambahan sekretariat.", "base": digest(stored)})
    assert badge() == "diubah"
