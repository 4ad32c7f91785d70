"""On the dashboard a silent region keeps its last known state, saying how old it is: tiles, table,
alerts and totals; the personnel trend draws no fall for regions that did not report."""

import re

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from regions.models import Region
from reports.models import ReadinessReport
from reports.registry import CARRIED_FIELDS

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(client, demo):
    client.force_login(User.objects.get(username="sekretariat"))
    return client


def text(html: str) -> str:
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def tile(html: str, name: str) -> str:
    """The visible text of a region's tile."""
    tag = rf'<a class="desk-tile[^"]*"[^>]*>\s*<span class="desk-tile-name">{name}</span>'
    found = re.search(rf"{tag}(.*?)</a>", html, re.S)
    assert found, name
    return text(found.group(0)).strip()


def test_a_silent_region_with_a_high_risk_keeps_its_red_tile_with_the_date(desk, demo):
    html = desk.get(reverse("reports:dashboard")).content.decode()
    kutim = re.search(r'<a class="desk-tile[^"]*"[^>]*>\s*<span class="desk-tile-name">Kutai Timur', html)
    assert 'class="desk-tile text-bg-danger"' in kutim.group(0)
    assert tile(html, "Kutai Timur") == ("Kutai Timur Bermasalah Belum ada laporan data rakor 11 November")
    assert tile(html, "Kutai Barat") == "Kutai Barat Perlu perhatian Belum ada laporan data rakor 11 November"
    assert tile(html, "Bontang") == "Bontang Siap Menunggu pemeriksaan"  # its incident came after the rakor


def test_the_table_alerts_and_totals_show_what_is_carried_and_from_when(desk, demo):
    page = text(desk.get(reverse("reports:dashboard")).content.decode())
    assert "siap dengan catatan: risiko konflik tinggi; situasi keamanan waspada" in page
    assert "920 data rakor 11 November" in page
    assert "Kabupaten Kutai Timur: risiko konflik tinggi (data rakor 11 November)" in page
    assert "Kota Samarinda kekurangan surat suara 1.200 lembar (data rakor 11 November)" in page
    assert "dari 7 laporan rakor ini dan data lama 3 kabupaten/kota yang belum melapor" in page
    assert (
        "Data lama: Kabupaten Kutai Barat (data rakor 11 November), "
        "Kabupaten Kutai Timur (data rakor 11 November)" in page
    )
    assert "Personel pengamanan 9.534 (3.140 dari data lama) (sebelumnya 9.510 menurut 10 laporan)" in page
    assert "Pelanggaran netralitas ASN (minggu ini) 0 (sebelumnya 1 menurut 10 laporan)" in page
    assert "Surat suara 1.200 lembar (Kota Samarinda · data lama)" in page


def test_the_personnel_trend_draws_no_fall_for_regions_that_did_not_report(desk, demo):
    response = desk.get(reverse("reports:dashboard"))
    chart = response.context["personnel_chart"]
    heights = [y for _x, y in chart.dots]
    assert heights == sorted(heights, reverse=True)  # SVG y grows downwards: the line only rises
    assert (
        "Tren menjumlahkan 7 kabupaten/kota yang melapor di setiap rakor, agar setiap minggu dibandingkan "
        "dengan daerah yang sama; jumlah se-provinsi mencakup 10."
    ) in text(response.content.decode())


def test_the_drilldown_of_a_silent_region_links_its_last_report(desk, demo):
    kutim = Region.objects.get(name="Kutai Timur")
    page = desk.get(reverse("reports:region_detail", args=[demo.pk, kutim.pk])).content.decode()
    last = ReadinessReport.objects.get(region=kutim, session__date="2024-11-11")
    assert last.get_absolute_url() in page
    assert "Menurut laporan rakor 11 November 2024: siap dengan catatan: risiko konflik tinggi" in text(page)


def test_an_unchanged_copy_is_badged_on_the_dashboard_and_for_the_reviewer(desk, demo):
    bontang = ReadinessReport.objects.get(session=demo, region__name="Bontang")
    previous = ReadinessReport.objects.get(session__date="2024-11-11", region__name="Bontang")
    ReadinessReport.objects.filter(pk=bontang.pk).update(
        **{name: getattr(previous, name) for name in CARRIED_FIELDS}, changed_sections=[]
    )
    html = desk.get(reverse("reports:dashboard")).content.decode()
    assert "sama dengan laporan sebelumnya" in tile(html, "Bontang")
    detail = text(desk.get(bontang.get_absolute_url()).content.decode())
    assert "Sama dengan laporan sebelumnya: operator mengonfirmasi setiap bagian tanpa perubahan" in detail
