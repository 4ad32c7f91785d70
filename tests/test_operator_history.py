"""The region's history: its past reports with state, late flag and the reviewer's comments, and
each of them read-only, with what changed and when each section was last confirmed."""

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from reports.models import ReadinessReport

pytestmark = pytest.mark.django_db


@pytest.fixture
def bontang_client(client, demo):
    client.force_login(User.objects.get(username="operator.bontang"))
    return client


def test_history_lists_every_report_of_the_region_newest_first(bontang_client, demo):
    ReadinessReport.objects.filter(region__name="Bontang", session__date=dt.date(2024, 11, 4)).update(
        is_late=True, reviewer_comment="Lampirkan data personel per kecamatan."
    )
    content = bontang_client.get(reverse("reports:report_history")).content.decode()
    dates = ["18 November 2024", "11 November 2024", "4 November 2024", "28 Oktober 2024"]
    positions = [content.index(f"Rakor mingguan {date}") for date in dates]
    assert positions == sorted(positions)
    assert "Terkirim" in content and "Diterima" in content
    assert "Lampirkan data personel per kecamatan." in content
    assert content.count('badge text-bg-danger">Terlambat') == 1
    assert "Samarinda" not in content


def test_a_past_report_is_shown_read_only_with_its_changes(bontang_client, demo):
    report = ReadinessReport.objects.get(region__name="Bontang", session=demo)
    content = bontang_client.get(reverse("reports:report_view", args=[report.pk])).content.decode()
    assert "1.214" in content
    assert "Berubah sejak minggu lalu" in content
    assert "Terakhir dikonfirmasi untuk rakor 18 November 2024." in content
    assert "Kampanye rapat umum" in content
    assert 'id="report-form"' not in content


def test_a_forwarded_past_report_says_it_is_frozen(bontang_client, demo):
    report = ReadinessReport.objects.get(region__name="Bontang", session__date=dt.date(2024, 11, 11))
    content = bontang_client.get(reverse("reports:report_view", args=[report.pk])).content.decode()
    assert "sudah diteruskan ke Mendagri sejak 11 November 2024, 14.00 WITA" in content
    assert "Ubah laporan ini" not in content


def test_another_regions_report_is_not_found(bontang_client, demo):
    report = ReadinessReport.objects.get(region__name="Samarinda", session__date=dt.date(2024, 11, 11))
    assert bontang_client.get(reverse("reports:report_view", args=[report.pk])).status_code == 404


def test_the_demo_operator_revises_the_submitted_article_report(bontang_client, demo):
    page = bontang_client.get(reverse("reports:report_form"))
    content = page.content.decode()
    assert "Rakor mingguan 18 November 2024" in content
    assert "Kirim perubahan" in content and 'value="draft"' not in content
