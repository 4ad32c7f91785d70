"""The letter to the Minister drafted from the roll-up: it says what the 18 November 2024 rakor said,
in Bahasa Indonesia and in the register of the news report, from the data and nothing else."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation

from reports.brief.letter import draft, indonesian
from reports.brief.words import count, names, percent, period
from reports.models import FollowUp, LogisticsItem, RakorSession, ReadinessReport, ShortageLine
from reports.rollup.summary import summary

pytestmark = pytest.mark.django_db


def drafted(session: RakorSession) -> str:
    with indonesian():
        return draft(summary(session))


def paragraph(text: str, start: str) -> str:
    """The paragraph of the letter that starts with ``start``."""
    return next(p for p in text.split("\n\n") if p.startswith(start))


def test_the_opening_says_who_attended_who_reported_and_names_the_three_unconfirmed(demo):
    text = drafted(demo)
    opening = paragraph(text, "Rakor diikuti")
    assert "Rakor diikuti tujuh dari sepuluh kabupaten dan kota se-Kalimantan Timur" in opening
    assert (
        "tiga daerah lainnya, yaitu Kabupaten Kutai Barat, Kabupaten Kutai Timur dan Kota Samarinda, "
        "belum terkonfirmasi" in opening
    )
    assert (
        "Tujuh kabupaten dan kota telah menyampaikan laporan kesiapan, dan seluruhnya menyatakan siap"
        in opening
    )
    assert "Laporan Kabupaten Mahakam Ulu diterima setelah batas waktu" in opening
    assert "Senin, 18 November 2024, H-9 menjelang pemungutan suara Pilkada Serentak 2024" in text


def test_each_region_that_reported_is_told_with_the_articles_facts(demo):
    text = drafted(demo)
    shared = paragraph(text, "Seluruh kecamatan siap")
    assert (
        "Seluruh kecamatan siap melaksanakan Pilkada Serentak 2024: 10 di Paser, 20 di Kutai Kartanegara"
        in shared
    )
    assert "Personel pengamanan yang disiagakan: 650 orang di Paser, 1.690 di Kutai Kartanegara" in shared
    assert (
        "Di seluruh tujuh kabupaten/kota yang melapor, situasi keamanan kondusif; tidak ada pelanggaran "
        "netralitas ASN; item logistik terpenuhi naik dari 12 menjadi 14 item (lengkap) dan dalam kondisi "
        "aman"
    ) in shared
    assert paragraph(text, "Kabupaten Mahakam Ulu") == (
        "Kabupaten Mahakam Ulu melaporkan logistik akan didistribusikan ke kecamatan dan desa pada "
        "23–25 November 2024."
    )
    assert paragraph(text, "Kota Bontang") == (
        "Kota Bontang melaporkan personel pengamanan naik dari 1.190 menjadi 1.214 orang, yang akan "
        "dikerahkan untuk menjamin kampanye rapat umum pada 23 November 2024."
    )
    kukar = paragraph(text, "Kabupaten Kutai Kartanegara")
    assert "didistribusikan ke kecamatan dan desa pada 23 November 2024" in kukar
    assert "Pengawasan pengamanan berjalan lancar." in kukar
    assert paragraph(text, "Kabupaten Penajam Paser Utara") == (
        "Kabupaten Penajam Paser Utara melaporkan personel pengamanan sebanyak 490 orang akan dikerahkan "
        "untuk menjamin kampanye rapat umum pada 23 November 2024."
    )
    assert "debat terakhir pasangan calon akan dilaksanakan pada 22 November 2024" in paragraph(
        text, "Kota Balikpapan"
    )
    assert paragraph(text, "Kabupaten Paser") == (
        "Kabupaten Paser menyampaikan: Koordinasi dan komunikasi terus dilakukan oleh Forkopimda Paser. "
        "Pilkada di wilayah Paser tidak ada kendala."
    )
    assert "tanda pengenal dibagikan menjelang pemungutan suara" in paragraph(text, "Kabupaten Berau")
    for word in ("paslon", "akbar", "dipastikan", "horisontal"):
        assert word not in text.lower()


def test_an_operators_note_that_only_repeats_the_figures_is_not_quoted(demo):
    mahulu = paragraph(drafted(demo), "Kabupaten Mahakam Ulu")
    assert "Logistik 14 item telah terpenuhi; didistribusikan" not in mahulu


def test_the_letter_says_what_changed_since_the_previous_rakor(demo):
    text = drafted(demo)
    changes = paragraph(text, "Dibandingkan rakor 11 November 2024")
    assert "jumlah kabupaten/kota yang melapor turun dari sepuluh menjadi tujuh" in changes
    assert (
        "Tindak lanjuti dugaan ASN tidak netral di Kutai Barat (Bawaslu, selesai 15 November 2024)" in changes
    )
    assert "personel pengamanan naik dari 1.190 menjadi 1.214 orang" in paragraph(text, "Kota Bontang")


def test_the_silent_regions_are_told_with_their_last_known_state_and_its_date(demo):
    text = drafted(demo)
    assert (
        "tiga daerah lainnya, yaitu Kabupaten Kutai Barat, Kabupaten Kutai Timur dan Kota Samarinda, "
        "belum terkonfirmasi dan belum menyampaikan laporan" in text
    )
    assert paragraph(text, "Keadaan terakhir daerah yang belum melapor") == (
        "Keadaan terakhir daerah yang belum melapor, menurut data rakor 11 November 2024: Kabupaten Kutai "
        "Barat mencatat 1 pelanggaran netralitas ASN; Kabupaten Kutai Timur menyatakan siap dengan catatan, "
        "dengan risiko konflik tinggi dan situasi keamanan waspada; Kota Samarinda menyatakan belum siap, "
        "dengan kekurangan surat suara 1.200 lembar dan risiko konflik sedang."
    )


def test_open_follow_ups_are_listed_with_their_owner_and_due_date(demo):
    follow_ups = paragraph(drafted(demo), "Tindak lanjut yang masih berjalan")
    assert (
        "1. Pastikan kekurangan surat suara 1.200 lembar di Samarinda terpenuhi — Kota Samarinda; "
        "penanggung jawab KPU; tenggat 20 November 2024." in follow_ups
    )
    assert "seluruh kabupaten/kota; penanggung jawab Kesbangpol" in follow_ups
    assert "Kabupaten Kutai Timur; penanggung jawab Polri/TNI; tenggat 26 November 2024" in follow_ups


def test_the_sekdas_standing_concerns_close_the_letter(demo):
    text = drafted(demo)
    concerns = paragraph(text, "Dalam rakor tersebut kami menegaskan")
    assert "tidak terjadi konflik horizontal" in concerns
    for word in ("paslon", "dipastikan", "horisontal", "kampanye akbar", "Kampanye akbar"):
        assert word not in concerns
    assert "Target partisipasi pemilih sebesar 79 persen" in concerns
    assert "tidak ada lagi kendala kekurangan surat suara" in concerns
    assert (
        "Tercatat 189.600 pemilih pemula di sepuluh kabupaten/kota, 70.000 di antaranya dari data rakor "
        "sebelumnya" in concerns
    )
    assert "Rakor paripurna berikutnya pada hari Senin, 25 November 2024" in text


def test_alerts_of_the_reports_are_named_and_a_shortage_is_told_in_the_regions_paragraph(demo):
    report = ReadinessReport.objects.get(session=demo, region__name="Bontang")
    ballots = LogisticsItem.objects.get(election=demo.election, name="Surat suara")
    ShortageLine.objects.create(report=report, item=ballots, quantity=300, note="TPS 12 Bontang Lestari")
    report.readiness = "belum_siap"
    report.conflict_risk = "tinggi"
    report.save()
    text = drafted(demo)
    assert "enam menyatakan siap dan satu belum siap (Kota Bontang)" in text
    assert "masih terdapat kekurangan surat suara 300 lembar (TPS 12 Bontang Lestari)" in paragraph(
        text, "Kota Bontang"
    )
    assert "Hal yang memerlukan perhatian: Kota Bontang kekurangan surat suara 300 lembar" in text
    assert "Kota Bontang: risiko konflik tinggi" in text
    assert "Beberapa hal masih memerlukan perhatian" in text


def test_the_letter_is_in_bahasa_indonesia_whatever_the_interface_language(demo):
    with translation.override("en"), indonesian():
        text = draft(summary(demo))
    assert "Hadir" not in text  # nothing leaks from labels
    assert "Rakor diikuti tujuh dari sepuluh" in text
    assert "siap dengan catatan" in text


def test_a_first_rakor_without_reports_drafts_a_short_honest_letter(session):
    text = drafted(session)
    assert "Belum ada kabupaten/kota yang tercatat hadir dalam rakor ini" in text
    assert "sementara sepuluh daerah, yaitu Kabupaten Paser," in text
    assert "Belum ada kabupaten/kota yang menyampaikan laporan kesiapan." in text
    assert "Rakor ini adalah rakor pertama Pilkada Serentak 2024" in text
    assert "Tidak ada tindak lanjut yang masih terbuka." in text


def test_a_follow_up_past_its_due_date_says_so(session, region):
    FollowUp.objects.create(
        session=session, region=region, title="Cek gudang", agency="kpu", due_date=dt.date(2024, 11, 1)
    )
    assert (
        "Cek gudang — Kota Bontang; penanggung jawab KPU; tenggat 1 November 2024 (lewat tenggat)."
        in drafted(session)
    )


@pytest.mark.parametrize(
    ("start", "end", "said"),
    [
        (dt.date(2024, 11, 23), None, "23 November 2024"),
        (dt.date(2024, 11, 23), dt.date(2024, 11, 25), "23–25 November 2024"),
        (dt.date(2024, 11, 30), dt.date(2024, 12, 2), "30 November – 2 Desember 2024"),
        (dt.date(2024, 12, 30), dt.date(2025, 1, 2), "30 Desember 2024 – 2 Januari 2025"),
    ],
)
def test_periods_are_written_as_indonesians_write_them(start, end, said):
    with indonesian():
        assert period(start, end) == said


def test_counts_names_and_percentages_read_as_a_sentence():
    with indonesian():
        assert (count(7), count(10), count(1214)) == ("tujuh", "sepuluh", "1.214")
        assert names(["A"]) == "A"
        assert names(["A", "B", "C"]) == "A, B dan C"
        assert percent(Decimal("79.00")) == "79 persen"
        assert percent(Decimal("77.50")) == "77,5 persen"
