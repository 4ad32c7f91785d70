"""Nothing unverified is signed without being seen: a returned report refuses the Sekda's signature,
every other unverified item (not yet reviewed, late, silent, unchanged) must be ticked, what was
ticked is kept with who and when, and the letter names the reports not yet verified."""

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from accounts.access import Role
from reports.brief.checklist import Check
from reports.models import LetterStep, RakorSession, ReadinessReport
from reports.workflow.forwarding import digest
from tests import letters
from tests.conftest import make_user
from tests.operator_pages import confirm_all, open_form, post_form

pytestmark = pytest.mark.django_db

UNREVIEWED = [
    "Kabupaten Paser",
    "Kabupaten Kutai Kartanegara",
    "Kabupaten Berau",
    "Kabupaten Penajam Paser Utara",
    "Kabupaten Mahakam Ulu",
    "Kota Balikpapan",
    "Kota Bontang",
]


@pytest.fixture
def desk(client, secretariat):
    client.force_login(secretariat)
    return client


def url(name: str, session: RakorSession) -> str:
    return reverse(f"reports:{name}", args=[session.pk])


def shown_messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def sekda(demo) -> Client:
    return letters.verified_client(User.objects.get(username="sekda"))


def sign(sekda, session, ticks=None):
    """The Sekda signs the text as it stands, ticking ``ticks`` (default: every item shown), once
    the secretariat has submitted it and the head of Kesbangpol has initialled it."""
    if not session.letter_steps.filter(cleared_at=None).exists():
        letters.submit_and_paraf(session)
    page = sekda.get(url("brief", session)).context
    if ticks is None:
        ticks = [item.kind.value for item in page["checklist"]]
    posted = {"seen": letters.seen(session), "acknowledged": ticks, "token": letters.code_of(sekda)}
    return sekda.post(url("brief_sign_off", session), posted)


def review(desk, report: ReadinessReport, decision: str, comment: str = ""):
    report.refresh_from_db()
    return desk.post(
        reverse("reports:review", args=[report.pk]),
        {"decision": decision, "comment": comment, "version": report.version},
    )


def report_of(session, name: str) -> ReadinessReport:
    return ReadinessReport.objects.get(session=session, region__name=name)


def test_submitting_is_refused_while_a_report_is_returned_and_allowed_once_sent_again(desk, sekda, demo):
    """A report returned for correction blocks the letter from its submission for paraf on, and the
    chain runs to the signature once the operator has sent it again."""
    bontang = report_of(demo, "Bontang")
    review(desk, bontang, "return", "Periksa lagi jumlah personel.")
    assert (
        "Laporan Kota Bontang dikembalikan kepada operator untuk diperbaiki."
        in (desk.get(url("brief", demo)).context["text"])
    )
    html = desk.get(url("brief", demo)).content.decode()
    assert "naskah belum dapat diajukan" in html and "<strong>Kota Bontang</strong>" in html

    response = desk.post(url("brief_submit", demo), {"seen": letters.seen(demo)})
    assert shown_messages(response)[-1] == (
        "Laporan Kota Bontang dikembalikan untuk diperbaiki dan belum dikirim ulang. Naskah dapat "
        "diajukan untuk paraf setelah operator mengirim ulang laporannya."
    )
    assert not LetterStep.objects.filter(session=demo).exists()

    phone = Client()
    phone.force_login(make_user("operator.baru", Role.OPERATOR, bontang.region))
    session = RakorSession.objects.get(pk=demo.pk)
    session.deadline = dt.datetime(2100, 1, 1, tzinfo=dt.UTC)
    session.save(update_fields=["deadline"])
    data = confirm_all(open_form(phone, demo))
    assert post_form(phone, demo, data, action="submit", security_personnel="1.220").status_code == 302
    assert report_of(demo, "Bontang").status == "submitted"

    letters.submit_and_paraf(demo)
    sign(sekda, demo)
    assert RakorSession.objects.get(pk=demo.pk).signed_off_at is not None


def test_every_item_of_the_checklist_must_be_ticked_and_is_kept_with_who_and_when(desk, sekda, demo):
    checklist = desk.get(url("brief", demo)).context["checklist"]
    assert [(item.kind, [str(region) for region in item.regions]) for item in checklist] == [
        (Check.UNREVIEWED, UNREVIEWED),
        (Check.LATE, ["Kabupaten Mahakam Ulu"]),
        (Check.SILENT, ["Kabupaten Kutai Barat", "Kabupaten Kutai Timur", "Kota Samarinda"]),
        # their last reports' shortage and high conflict risk: grave findings the signer ticks too
        (Check.GRAVE, ["Kota Samarinda", "Kabupaten Kutai Timur"]),
    ]
    letters.submit_and_paraf(demo)
    assert 'value="belum_melapor"' in sekda.get(url("brief", demo)).content.decode()

    response = sign(sekda, demo, ticks=["belum_diperiksa"])
    assert shown_messages(response)[-1] == (
        "Centang setiap hal dalam daftar periksa sebelum menandatangani: Laporan terlambat; "
        "Kabupaten/kota belum melapor (data lama dipakai); Temuan tingkat tinggi yang masih berlaku."
    )
    assert RakorSession.objects.get(pk=demo.pk).signed_off_at is None

    sign(sekda, demo)
    session = RakorSession.objects.get(pk=demo.pk)
    assert session.signed_off_by.username == "sekda" and session.signed_off_at is not None
    assert session.sign_off_acknowledged == [
        {"kind": "belum_diperiksa", "regions": UNREVIEWED},
        {"kind": "terlambat", "regions": ["Kabupaten Mahakam Ulu"]},
        {
            "kind": "belum_melapor",
            "regions": ["Kabupaten Kutai Barat", "Kabupaten Kutai Timur", "Kota Samarinda"],
        },
        {"kind": "temuan_tinggi", "regions": ["Kota Samarinda", "Kabupaten Kutai Timur"]},
    ]
    page = " ".join(desk.get(url("brief", demo)).content.decode().split())
    assert "saat menandatangani" in page
    assert "<strong>Laporan terlambat</strong>: Kabupaten Mahakam Ulu" in page


def test_an_edit_after_signing_clears_what_was_acknowledged(desk, sekda, demo):
    sign(sekda, demo)
    session = RakorSession.objects.get(pk=demo.pk)
    assert session.sign_off_acknowledged != []
    desk.post(
        url("brief", demo), {"text": session.brief_text + "\n\nTambahan.", "base": digest(session.brief_text)}
    )
    session = RakorSession.objects.get(pk=demo.pk)
    assert (session.signed_off_at, session.sign_off_acknowledged) == (None, [])
    assert session.brief_text.endswith("Tambahan.")


def test_the_letter_names_the_reports_not_yet_verified_and_keeps_them_when_signed(desk, sekda, demo):
    text = desk.get(url("brief", demo)).context["text"]
    assert "Seluruh laporan tersebut belum diverifikasi sekretariat Desk Pilkada." in text
    for name in ("Paser", "Kutai Kartanegara", "Berau", "Penajam Paser Utara", "Balikpapan"):
        review(desk, report_of(demo, name), "accept")
    page = desk.get(url("brief", demo)).context
    assert (
        "Laporan Kabupaten Mahakam Ulu dan Kota Bontang belum diverifikasi sekretariat Desk Pilkada."
        in (page["text"])
    )
    assert [str(region) for region in page["checklist"][0].regions] == [
        "Kabupaten Mahakam Ulu",
        "Kota Bontang",
    ]

    sign(sekda, demo)
    session = RakorSession.objects.get(pk=demo.pk)
    assert session.signed_off_at is not None
    assert (
        "Laporan Kabupaten Mahakam Ulu dan Kota Bontang belum diverifikasi sekretariat Desk Pilkada."
        in session.brief_text
    )


def test_with_every_report_accepted_the_checklist_asks_only_for_the_rest(desk, demo):
    for report in ReadinessReport.objects.filter(session=demo):
        review(desk, report, "accept")
    page = desk.get(url("brief", demo)).context
    assert [item.kind for item in page["checklist"]] == [Check.LATE, Check.SILENT, Check.GRAVE]
    assert "belum diverifikasi" not in page["text"]


def test_with_most_reports_verified_or_not_the_letter_names_the_fewer(desk, demo):
    review(desk, report_of(demo, "Paser"), "accept")
    text = desk.get(url("brief", demo)).context["text"]
    assert "Seluruh laporan tersebut, kecuali laporan Kabupaten Paser, belum diverifikasi sekretariat" in text
    review(desk, report_of(demo, "Berau"), "return", "Lengkapi catatan logistik.")
    text = desk.get(url("brief", demo)).context["text"]
    assert "kecuali" not in text
    assert "Laporan Kabupaten Berau dikembalikan kepada operator untuk diperbaiki." in text
