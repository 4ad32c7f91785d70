"""From a fresh desk (only the migrations, rakor made by the desk, reports typed through the operator
pages) the letter tells every region's week: a first report with all its facts, a change as a change,
an unchanged copy as such, and a silent region with its last known state and the rakor it is from."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from accounts.access import Role
from regions.models import Region
from reports.brief.letter import draft, indonesian
from reports.models import RakorSession, ReadinessReport
from reports.rollup.lights import AlertKind, Light
from reports.rollup.summary import summary
from tests.conftest import make_user
from tests.operator_pages import confirm_all, open_form, post_form

pytestmark = pytest.mark.django_db

FUTURE = dt.datetime(2100, 1, 1, tzinfo=dt.UTC)

# What each operator types into an empty form for the 11 November 2024 rakor.
FIRST_WEEK = {
    "64.74": {  # Bontang, as the news report of 18 November tells it
        "readiness": "siap",
        "logistics_status": "aman",
        "logistics_items_fulfilled": "14",
        "distribution_start": "2024-11-23",
        "distribution_end": "2024-11-25",
        "security_personnel": "1.214",
        "security_situation": "kondusif",
        "asn_violations": "0",
        "kecamatan_ready": "3",
        "first_time_voters": "8.900",
        "conflict_risk": "rendah",
        "agenda-0-kind": "debat",
        "agenda-0-date": "2024-11-22",
        "agenda-0-place": "Bontang",
        "agenda-0-description": "Debat terakhir pasangan calon",
    },
    "64.01": {  # Paser
        "readiness": "siap",
        "logistics_status": "aman",
        "logistics_items_fulfilled": "14",
        "security_personnel": "610",
        "security_situation": "kondusif",
        "asn_violations": "0",
        "kecamatan_ready": "10",
        "conflict_risk": "rendah",
        "coordination_notes": "Koordinasi dan komunikasi terus dilakukan oleh Forkopimda Paser.",
    },
    "64.08": {  # Kutai Timur
        "readiness": "siap_catatan",
        "logistics_status": "aman",
        "logistics_items_fulfilled": "14",
        "security_personnel": "880",
        "security_situation": "waspada",
        "asn_violations": "0",
        "kecamatan_ready": "18",
        "conflict_risk": "tinggi",
        "conflict_notes": "Gesekan pendukung pasangan calon di Sangatta Utara; dimediasi Forkopimda.",
    },
}


@pytest.fixture
def rakor(election):
    """The desk's two Monday rakor, reports due far ahead so that none is late."""
    return [
        RakorSession.objects.create(election=election, date=day, deadline=FUTURE)
        for day in (dt.date(2024, 11, 11), dt.date(2024, 11, 18))
    ]


@pytest.fixture
def phones(db):
    """A logged-in browser per operator, by Kemendagri code."""
    clients = {}
    for code in FIRST_WEEK:
        region = Region.objects.get(kemendagri_code=code)
        client = Client()
        client.force_login(make_user(f"operator.{code}", Role.OPERATOR, region))
        clients[code] = client
    return clients


def send(client, session, **typed) -> None:
    data = open_form(client, session)
    response = post_form(client, session, {**data, **typed}, action="submit")
    assert response.status_code == 302


def letter(session) -> str:
    with indonesian():
        return draft(summary(session))


def paragraph(text: str, start: str) -> str:
    return next(p for p in text.split("\n\n") if p.startswith(start))


@pytest.fixture
def first_week(rakor, phones):
    for code, typed in FIRST_WEEK.items():
        send(phones[code], rakor[0], **typed)
    return rakor[0]


def test_a_regions_first_report_is_told_with_all_its_facts(first_week):
    text = letter(first_week)
    assert (
        "Personel pengamanan yang disiagakan: 610 orang di Paser, 880 di Kutai Timur dan 1.214 di Bontang"
        in text
    )
    bontang = paragraph(text, "Kota Bontang")
    assert "logistik akan didistribusikan ke kecamatan dan desa pada 23–25 November 2024" in bontang
    assert "debat terakhir pasangan calon akan dilaksanakan pada 22 November 2024" in bontang
    assert (
        "Seluruh kecamatan siap melaksanakan Pilkada Serentak 2024: 10 di Paser, 18 di Kutai Timur dan 3 di "
        "Bontang." in text
    )
    assert (
        "Di seluruh tiga kabupaten/kota yang melapor, tidak ada pelanggaran netralitas ASN; logistik 14 item "
        "telah terpenuhi dan dalam kondisi aman." in text
    )
    assert (
        "Di Paser dan Bontang, situasi keamanan kondusif; risiko konflik horizontal dinilai rendah." in text
    )
    kutim = paragraph(text, "Kabupaten Kutai Timur")
    assert "situasi keamanan waspada; risiko konflik horizontal dinilai tinggi" in kutim
    assert "Gesekan pendukung pasangan calon di Sangatta Utara; dimediasi Forkopimda." in kutim
    assert paragraph(text, "Kabupaten Paser") == (
        "Kabupaten Paser menyampaikan: Koordinasi dan komunikasi terus dilakukan oleh Forkopimda Paser."
    )
    assert "menyatakan siap" in text and "Bontang menyatakan siap." not in text


@pytest.fixture
def second_week(first_week, rakor, phones):
    """Bontang raises its personnel, Paser confirms every section unchanged, Kutai Timur is silent."""
    send(phones["64.74"], rakor[1], **confirm_all({}), security_personnel="1.250")
    send(phones["64.01"], rakor[1], **confirm_all({}))
    return rakor[1]


def test_a_change_is_told_as_a_change(second_week):
    bontang = paragraph(letter(second_week), "Kota Bontang")
    assert "personel pengamanan naik dari 1.214 menjadi 1.250 orang" in bontang


def test_an_unchanged_copy_is_told_as_such_and_marked_for_the_reviewer(second_week, client, secretariat):
    text = letter(second_week)
    assert paragraph(text, "Laporan Kabupaten Paser").startswith(
        "Laporan Kabupaten Paser sama dengan laporan sebelumnya (rakor 11 November 2024); tidak ada bagian "
        "yang diubah."
    )
    assert "Laporan Kota Bontang sama" not in text
    paser = ReadinessReport.objects.get(session=second_week, region__kemendagri_code="64.01")
    client.force_login(secretariat)
    page = client.get(reverse("reports:report_detail", args=[paser.pk])).content.decode()
    assert "Sama dengan laporan sebelumnya" in page
    printed = client.get(reverse("reports:brief_print", args=[second_week.pk])).content.decode()
    assert "sama dengan laporan sebelumnya" in printed


def test_a_silent_region_keeps_its_high_risk_with_the_date_it_comes_from(second_week):
    text = letter(second_week)
    assert "Kabupaten Kutai Timur" in paragraph(text, "Belum ada kabupaten/kota yang tercatat hadir")
    assert paragraph(text, "Keadaan terakhir").startswith(
        "Keadaan terakhir daerah yang belum melapor, menurut data rakor 11 November 2024: Kabupaten Kutai "
        "Timur menyatakan siap dengan catatan, dengan risiko konflik tinggi dan situasi keamanan waspada. "
        "Kabupaten Kutai Kartanegara, Kabupaten Berau, "
    )
    result = summary(second_week)
    kutim = next(row for row in result.rows if row.region.kemendagri_code == "64.08")
    assert (kutim.is_reported, kutim.light, kutim.carried_from) == (False, Light.RED, dt.date(2024, 11, 11))
    assert (AlertKind.CONFLICT, "Kabupaten Kutai Timur: risiko konflik tinggi (data rakor 11 November)") in [
        (alert.kind, alert.message) for alert in result.alerts
    ]


def test_the_totals_keep_the_silent_region_and_say_how_much_is_carried(second_week):
    totals = summary(second_week).totals
    assert totals.figures["security_personnel"].value == 1_250 + 610 + 880
    carried = totals.carried
    assert (totals.current_reports, carried.reports) == (2, 1)
    assert carried.figures["security_personnel"].value == 880
    assert [(region.name, date) for region, date in totals.carried_from] == [
        ("Kutai Timur", dt.date(2024, 11, 11))
    ]


def test_a_count_without_words_of_its_own_is_told_when_it_changed(first_week, rakor, phones):
    send(phones["64.74"], rakor[1], **confirm_all({}), first_time_voters="9.100")
    assert "pemilih pemula naik dari 8.900 menjadi 9.100 orang" in paragraph(letter(rakor[1]), "Kota Bontang")
