"""The secretariat edits the brief, the chain initials and signs it, the secretariat forwards it;
forwarding keeps the files as sent and freezes the session, and every page that then refuses a
change says why."""

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.access import Role
from regions.models import Region
from reports.brief.checklist import Check
from reports.models import (
    Attendance,
    FollowUp,
    ForwardedBrief,
    LetterNumber,
    LetterStep,
    RakorSession,
    ReadinessReport,
)
from reports.workflow.forwarding import digest
from tests import letters
from tests.conftest import make_report, make_user
from tests.factories import build_province

pytestmark = pytest.mark.django_db

FROZEN = "sudah diteruskan ke Mendagri sejak"


def url(name: str, session: RakorSession) -> str:
    return reverse(f"reports:{name}", args=[session.pk])


def page_text(client, session) -> str:
    return client.get(url("brief", session)).context["text"]


def shown_messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def forward(client, session):
    return client.post(url("brief_forward", session), {"confirm": "on"})


@pytest.fixture
def desk(client, secretariat):
    client.force_login(secretariat)
    return client


def test_the_page_shows_the_draft_until_the_secretariat_saves_its_own_text(desk, demo):
    response = desk.get(url("brief", demo))
    assert "Naskah disusun dari data" in response.content.decode()
    assert (
        "Kota Bontang melaporkan personel pengamanan naik dari 1.190 menjadi 1.214 orang"
        in response.content.decode()
    )

    stored = RakorSession.objects.get(pk=demo.pk).brief_text
    edited = "Dengan hormat,\r\n\r\nNaskah yang diubah sekretariat.\r\n"
    response = desk.post(url("brief", demo), {"text": edited, "base": digest(stored)})
    assert response.status_code == 302
    assert (
        RakorSession.objects.get(pk=demo.pk).brief_text == "Dengan hormat,\n\nNaskah yang diubah sekretariat."
    )
    page = desk.get(url("brief", demo)).content.decode()
    assert "Naskah diubah sekretariat" in page
    assert "Naskah yang diubah sekretariat." in page

    response = desk.post(url("brief_reset", demo))
    assert RakorSession.objects.get(pk=demo.pk).brief_text == ""
    assert "1.214 orang" in page_text(desk, demo)


def test_an_edit_based_on_an_older_text_is_refused_and_the_input_kept(desk, demo):
    RakorSession.objects.filter(pk=demo.pk).update(brief_text="Teks rekan kerja.")
    response = desk.post(url("brief", demo), {"text": "Teks saya yang panjang.", "base": digest("")})
    assert response.status_code == 409
    assert "sudah diubah pengguna lain" in response.content.decode()
    assert "Teks saya yang panjang." in response.content.decode()
    assert RakorSession.objects.get(pk=demo.pk).brief_text == "Teks rekan kerja."


def test_an_empty_text_is_refused_next_to_the_field(desk, demo):
    response = desk.post(url("brief", demo), {"text": "  \r\n ", "base": digest("")})
    assert response.status_code == 400
    assert "Naskah tidak boleh kosong" in response.content.decode()
    assert RakorSession.objects.get(pk=demo.pk).brief_text == ""


def test_signing_records_who_and_when_and_pins_the_text_that_was_read(demo):
    read = letters.current_text(demo)
    letters.submit_and_paraf(demo)
    sekda = User.objects.get(username="sekda")
    response = letters.verified_client(sekda).post(
        url("brief_sign_off", demo),
        {"seen": letters.seen(demo), "acknowledged": Check.values, "token": letters.fresh_code(sekda)},
    )
    assert response.status_code == 302
    session = RakorSession.objects.get(pk=demo.pk)
    assert session.signed_off_by == sekda
    assert timezone.now() - session.signed_off_at < dt.timedelta(minutes=1)
    assert session.brief_text == read

    # A report arriving after signing does not change the signed letter.
    samarinda = Region.objects.get(name="Samarinda")
    make_report(demo, samarinda, status="submitted", first_submitted_at=timezone.now(), readiness="siap")
    assert letters.current_text(demo) == read


def test_submitting_refuses_a_text_that_changed_since_it_was_read(desk, demo):
    read = page_text(desk, demo)
    report = ReadinessReport.objects.get(session=demo, region__name="Bontang")
    report.security_personnel = 1_300
    report.save()
    response = desk.post(url("brief_submit", demo), {"seen": digest(read)})
    assert "Naskah berubah sejak Anda membukanya" in shown_messages(response)[-1]
    assert not LetterStep.objects.exists()
    assert RakorSession.objects.get(pk=demo.pk).brief_text == ""


def test_editing_after_signing_clears_the_chain_and_withdraws_the_number(desk, demo):
    number = letters.sign(demo)
    session = RakorSession.objects.get(pk=demo.pk)
    response = desk.post(
        url("brief", demo), {"text": session.brief_text + "\n\nTambahan.", "base": digest(session.brief_text)}
    )
    assert "tanda tangan Dr. Hj. Sri Wahyuni, M.Pd. beserta nomornya" in shown_messages(response)[-1]
    session = RakorSession.objects.get(pk=demo.pk)
    assert session.brief_text.endswith("Tambahan.")
    assert session.signed_off_at is None and session.signed_off_by is None
    assert LetterNumber.objects.get(pk=number.pk).withdrawn_at is not None
    assert not LetterStep.objects.filter(cleared_at=None).exists()


def test_forwarding_needs_the_signature_and_the_confirmation(desk, demo):
    response = forward(desk, demo)
    assert "harus ditandatangani sebelum diteruskan" in shown_messages(response)[-1]
    letters.sign(demo)
    response = desk.post(url("brief_forward", demo), {})
    assert "Centang pernyataan ini" in shown_messages(response)[-1]
    assert RakorSession.objects.get(pk=demo.pk).forwarded_at is None
    assert not ForwardedBrief.objects.exists()


def test_forwarding_records_who_and_when_and_keeps_the_text_and_files_once(desk, demo, secretariat):
    number = letters.sign(demo)
    signed_text = RakorSession.objects.get(pk=demo.pk).brief_text
    response = forward(desk, demo)
    assert "Laporan diteruskan ke Mendagri" in shown_messages(response)[-1]
    session = RakorSession.objects.get(pk=demo.pk)
    assert session.forwarded_by == secretariat and session.forwarded_at is not None
    kept = ForwardedBrief.objects.get(session=session)
    assert kept.text == signed_text
    assert bytes(kept.pdf).startswith(b"%PDF-")
    assert bytes(kept.xlsx).startswith(b"PK")
    assert bytes(kept.csv).startswith("\ufeff".encode())
    assert LetterNumber.objects.get(pk=number.pk).forwarded_at == session.forwarded_at

    response = forward(desk, demo)
    assert FROZEN in shown_messages(response)[-1]
    assert ForwardedBrief.objects.count() == 1


def test_after_forwarding_the_text_can_no_longer_be_edited_reset_or_submitted_again(desk, demo):
    letters.sign(demo)
    forward(desk, demo)
    kept = RakorSession.objects.get(pk=demo.pk).brief_text
    page = desk.get(url("brief", demo)).content.decode()
    assert FROZEN in page
    assert (
        'name="text"' not in page and "Ajukan untuk paraf" not in page and "Teruskan ke Mendagri" not in page
    )

    response = desk.post(url("brief", demo), {"text": "Diubah diam-diam.", "base": digest(kept)})
    assert response.status_code == 409
    assert FROZEN in response.content.decode()
    assert "naskahnya tidak dapat diubah lagi" in response.content.decode()
    for name, data in (("brief_reset", {}), ("brief_submit", {"seen": digest(kept)})):
        assert "naskahnya tidak dapat diubah lagi" in shown_messages(desk.post(url(name, demo), data))[-1]
    assert RakorSession.objects.get(pk=demo.pk).brief_text == kept


def test_a_forwarded_session_refuses_report_attendance_and_follow_up_changes_and_says_why(desk, demo):
    letters.sign(demo)
    forward(desk, demo)
    bontang = ReadinessReport.objects.get(session=demo, region__name="Bontang")
    follow_up = FollowUp.objects.filter(closed_at__isnull=True).first()

    phone = Client()
    operator = make_user("operator.baru", Role.OPERATOR, bontang.region)
    phone.force_login(operator)
    response = phone.post(reverse("reports:session_report", args=[demo.pk]), {"action": "submit"})
    assert response.status_code == 409
    assert FROZEN in response.content.decode()

    refusals = [
        desk.post(url("attendance", demo), {f"status_{bontang.region.pk}": "izin"}),
        desk.get(url("follow_up_create", demo)),
        desk.post(
            url("follow_up_create", demo), {"title": "Baru", "agency": "kpu", "due_date": "2024-11-30"}
        ),
        desk.post(reverse("reports:follow_up_close", args=[demo.pk, follow_up.pk]), {"closing_note": "x"}),
        desk.post(
            reverse("reports:review", args=[bontang.pk]), {"decision": "accept", "version": bontang.version}
        ),
    ]
    for response in refusals:
        assert any(FROZEN in message for message in shown_messages(response)), response

    assert ReadinessReport.objects.get(pk=bontang.pk).status == "submitted"
    assert Attendance.objects.get(session=demo, region=bontang.region).status == "hadir"
    assert FollowUp.objects.get(pk=follow_up.pk).closed_at is None
    assert not FollowUp.objects.filter(title="Baru").exists()


def test_the_dashboard_and_the_nav_link_to_the_brief(desk, demo):
    page = desk.get(demo.get_absolute_url()).content.decode()
    assert url("brief", demo) in page
    assert reverse("reports:brief_current") in page
    assert desk.get(reverse("reports:brief_current"))["Location"] == url("brief", demo)


def test_user_text_is_escaped_on_the_page_and_in_the_print_view(desk, demo):
    report = ReadinessReport.objects.get(session=demo, region__name="Paser")
    report.notes = "<script>alert('x')</script> & <b>tebal</b>"
    report.save()
    page = desk.get(url("brief", demo)).content.decode()
    printed = desk.get(url("brief_print", demo)).content.decode()
    for html in (page, printed):
        assert "<script>alert" not in html
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &lt;b&gt;tebal&lt;/b&gt;" in html


# The roll-up's twelve, the rakor with its signer and forwarder, the login session (read and saved in a
# savepoint: three), the user and their groups, the letter settings with their signer and the copy
# list; the page adds the paraf chain (its steps, the initialling officials).
BRIEF_QUERIES = 23
PRINT_QUERIES = 20


@pytest.mark.parametrize(("regions", "sessions"), [(10, 4), (60, 20)])
def test_the_brief_page_and_print_view_cost_the_same_queries_at_any_scale(
    desk, election, regions, sessions, django_assert_max_num_queries
):
    session = build_province(election, regions, sessions)
    with django_assert_max_num_queries(BRIEF_QUERIES):
        assert desk.get(url("brief", session)).status_code == 200
    with django_assert_max_num_queries(PRINT_QUERIES):
        assert desk.get(url("brief_print", session)).status_code == 200


def test_the_demo_brief_stays_within_the_same_budget(desk, demo, django_assert_max_num_queries):
    with django_assert_max_num_queries(BRIEF_QUERIES):
        assert desk.get(url("brief", demo)).status_code == 200
