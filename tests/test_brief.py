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


def test_each_region_that_reported_has_its_paragraph_with_the_articles_facts(demo):
    text = drafted(demo)
    assert paragraph(text, "Kabupaten Mahakam Ulu") == (
        "Kabupaten Mahakam Ulu menyatakan logistik 14 item dipastikan terpenuhi dan akan didistribusikan "
        "ke kecamatan dan desa pada 23–25 November 2024."
    )
    assert "personel pengamanan sebanyak 1.214 orang akan dikerahkan untuk menjamin kampanye akbar" in (
        paragraph(text, "Kota Bontang")
    )
    kukar = paragraph(text, "Kabupaten Kutai Kartanegara")
    assert "seluruh 20 kecamatan siap melaksanakan dan menyukseskan Pilkada Serentak 2024" in kukar
    assert "didistribusikan ke kecamatan dan desa pada 23 November 2024" in kukar
    assert "Pengawasan pengamanan berjalan lancar." in kukar
    ppu = paragraph(text, "Kabupaten Penajam Paser Utara")
    assert "tidak ada pelanggaran netralitas ASN di wilayahnya" in ppu
    assert "Kampanye rapat umum pasangan calon akan digelar pada 23 November 2024" in ppu
    assert "debat terakhir pasangan calon akan dilaksanakan pada 22 November 2024" in paragraph(
        text, "Kota Balikpapan"
    )
    assert "Koordinasi dan komunikasi terus dilakukan oleh Forkopimda Paser." in paragraph(
        text, "Kabupaten Paser"
    )
    assert "tanda pengenal dibagikan menjelang pemungutan suara" in paragraph(text, "Kabupaten Berau")
    for missing in (
        "Kota Samarinda menyatakan",
        "Kabupaten Kutai Barat menyatakan",
        "Kabupaten Kutai Timur menyatakan",
    ):
        assert missing not in text


def test_an_operators_note_that_only_repeats_the_figures_is_not_quoted(demo):
    mahulu = paragraph(drafted(demo), "Kabupaten Mahakam Ulu")
    assert "Logistik 14 item dipastikan terpenuhi; didistribusi" not in mahulu


def test_the_letter_says_what_changed_since_the_previous_rakor(demo):
    changes = paragraph(drafted(demo), "Dibandingkan rakor 11 November 2024")
    assert "jumlah kabupaten/kota yang melapor turun dari sepuluh menjadi tujuh" in changes
    assert "personel pengamanan di Kota Bontang naik dari 1.190 menjadi 1.214" in changes
    assert "Kabupaten Kutai Timur siap dengan catatan dan Kota Samarinda belum siap" in changes
    assert "Kekurangan surat suara 1.200 lembar yang dilaporkan Kota Samarinda" in changes
    assert (
        "Tindak lanjuti dugaan ASN tidak netral di Kutai Barat (Bawaslu, selesai 15 November 2024)" in changes
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
    assert "Tercatat 119.600 pemilih pemula di tujuh kabupaten/kota yang melapor" in concerns
    assert "Rakor paripurna berikutnya pada hari Senin, 25 November 2024" in text


def test_alerts_of_the_reports_are_named_and_a_shortage_is_told_in_the_regions_paragraph(demo):
    report = ReadinessReport.objects.get(session=demo, region__name="Bontang")
    ballots = LogisticsItem.objects.get(election=demo.election, name="Surat suara")
    ShortageLine.objects.create(report=report, item=ballots, quantity=300, note="TPS 12 Bontang Lestari")
    report.readiness = "belum_siap"
    report.conflict_risk = "tinggi"
    report.save()
    text = drafted(demo)
    assert "Kota Bontang menyatakan belum siap." in text
    assert "Masih terdapat kekurangan surat suara 300 lembar (TPS 12 Bontang Lestari)." in text
    assert "Hal yang memerlukan perhatian: Kota Bontang kekurangan surat suara 300 lembar" in text
    assert "risiko konflik tinggi dilaporkan di Kota Bontang" in text
    assert "masih dilaporkan kekurangan surat suara 300 lembar (Kota Bontang)" in text
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
