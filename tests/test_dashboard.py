"""The province dashboard and drill-down as the secretariat and the Sekda see them, and what the
secretariat changes from them: review, attendance, follow-ups; a forwarded session refuses all."""

import datetime as dt
import re

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from regions.models import Region
from reports.models import (
    WITA,
    Attendance,
    FollowUp,
    LogisticsItem,
    RakorSession,
    ReadinessReport,
    ShortageLine,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(client, demo):
    client.force_login(User.objects.get(username="sekretariat"))
    return client


@pytest.fixture
def sekda(client, demo):
    client.force_login(User.objects.get(username="sekda"))
    return client


def report_of(session, name) -> ReadinessReport:
    return ReadinessReport.objects.get(session=session, region__name=name)


def text(response) -> str:
    """The page's visible text, tags stripped and spaces collapsed."""
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", response.content.decode(), flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_dashboard_shows_the_current_rakor_seven_of_ten_and_names_the_missing(desk, demo):
    response = desk.get(reverse("reports:dashboard"))
    assert response.status_code == 200
    page = text(response)
    assert "Senin, 18 November 2024" in page
    assert "H-9" in page
    assert "7 dari 10 kabupaten/kota telah melapor" in page
    assert (
        "3 kabupaten/kota belum melapor: Kabupaten Kutai Barat , Kabupaten Kutai Timur , Kota Samarinda"
        in page
    )
    assert "laporan terlambat: Kabupaten Mahakam Ulu" in page
    assert "9.534" in page and "3.140 dari data lama" in page and "1.214" in page
    assert "Debat terakhir pasangan calon" in page and "Kampanye rapat umum pasangan calon" in page
    assert "Tindak lanjuti dugaan ASN tidak netral di Kutai Barat" in page  # closed since last week
    assert "Catat kehadiran" in page


def test_dashboard_html_has_no_inline_style_or_script(desk, demo):
    html = desk.get(reverse("reports:dashboard")).content.decode()
    assert " style=" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)
    assert "<svg" in html and "<rect" in html and "<polyline" in html


def test_every_session_of_the_election_can_be_opened_from_the_switcher(desk, demo):
    html = desk.get(demo.get_absolute_url()).content.decode()
    for session in RakorSession.objects.all():
        assert session.get_absolute_url() in html
        assert desk.get(session.get_absolute_url()).status_code == 200


def test_a_past_session_shows_samarindas_shortage_with_its_reason_and_the_lock(desk, demo):
    earlier = RakorSession.objects.get(date=dt.date(2024, 11, 11))
    page = text(desk.get(earlier.get_absolute_url()))
    assert "belum siap: kekurangan surat suara 1.200 lembar; risiko konflik sedang" in page
    assert "Kota Samarinda kekurangan surat suara 1.200 lembar" in page
    assert "sudah diteruskan ke Mendagri" in page
    html = desk.get(earlier.get_absolute_url()).content.decode()
    assert "Catat kehadiran" not in page
    assert reverse("reports:follow_up_create", args=[earlier.pk]) not in html
    assert '<form method="post" action="/dasbor/' not in html


def test_drilldown_highlights_what_changed_since_last_week(desk, demo):
    response = desk.get(report_of(demo, "Bontang").get_absolute_url())
    page = text(response)
    assert "Kota Bontang" in page
    assert "Berubah" in page
    assert "Personel pengamanan: 1.190 menjadi 1.214" in page
    assert "Riwayat laporan" in page and "28 Okt 2024" in page
    assert "Terima laporan" in page and "Kembalikan dengan komentar" in page


def test_drilldown_of_a_missing_region_says_there_is_no_report(desk, demo):
    samarinda = Region.objects.get(name="Samarinda")
    page = text(desk.get(reverse("reports:region_detail", args=[demo.pk, samarinda.pk])))
    assert "Belum ada laporan untuk rakor ini." in page
    assert "Pastikan kekurangan surat suara 1.200 lembar di Samarinda terpenuhi" in page


def test_drilldown_marks_a_section_not_confirmed_for_three_weeks(desk, demo):
    report = report_of(demo, "Paser")
    report.confirmed_sections = {**report.confirmed_sections, "security": "2024-10-28"}
    report.save()
    page = text(desk.get(report.get_absolute_url()))
    assert "terakhir dikonfirmasi 3 minggu lalu" in page


def test_leader_reads_the_dashboard_and_drilldown_without_any_button(sekda, demo):
    html = sekda.get(reverse("reports:dashboard")).content.decode()
    assert "7 dari 10" in html
    assert "Catat kehadiran" not in html
    assert reverse("reports:follow_up_create", args=[demo.pk]) not in html
    assert "/selesai/" not in html
    drilldown = sekda.get(report_of(demo, "Bontang").get_absolute_url()).content.decode()
    assert "Terima laporan" not in drilldown
    assert reverse("reports:review", args=[report_of(demo, "Bontang").pk]) not in drilldown


def review(client, report, decision, comment="", version=None):
    return client.post(
        reverse("reports:review", args=[report.pk]),
        {"decision": decision, "comment": comment, "version": version or report.version},
    )


def test_secretariat_accepts_a_submitted_report(desk, demo):
    report = report_of(demo, "Bontang")
    response = review(desk, report, "accept")
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == "accepted"
    assert report.reviewed_by.username == "sekretariat"
    assert report.version == 2
    assert "Laporan Kota Bontang diterima." in text(desk.get(response.url))


def test_secretariat_returns_a_report_with_a_comment_the_operator_then_reads(desk, demo, client):
    report = report_of(demo, "Mahakam Ulu")
    review(desk, report, "return", "Lengkapi jumlah personel pengamanan.")
    report.refresh_from_db()
    assert (report.status, report.reviewer_comment) == ("returned", "Lengkapi jumlah personel pengamanan.")
    page = text(desk.get(report.get_absolute_url()))
    assert "Komentar pemeriksa" in page and "Lengkapi jumlah personel pengamanan." in page
    operator = User.objects.get(username="operator.mahulu")
    assert ReadinessReport.objects.visible_to(operator).get(pk=report.pk).reviewer_comment == (
        "Lengkapi jumlah personel pengamanan."
    )


def test_returning_without_a_comment_is_refused_with_a_reason(desk, demo):
    report = report_of(demo, "Paser")
    response = review(desk, report, "return", "  ")
    report.refresh_from_db()
    assert report.status == "submitted"
    assert "Tulis alasan pengembalian" in text(desk.get(response.url))


def test_a_stale_version_is_refused_and_nothing_changes(desk, demo):
    report = report_of(demo, "Paser")
    ReadinessReport.objects.filter(pk=report.pk).update(version=5)
    response = review(desk, report, "accept", version=1)
    assert ReadinessReport.objects.get(pk=report.pk).status == "submitted"
    assert "setelah Anda membukanya" in text(desk.get(response.url))


def test_garbage_in_the_review_form_is_a_message_not_a_500(desk, demo):
    report = report_of(demo, "Paser")
    response = desk.post(reverse("reports:review", args=[report.pk]), {"decision": "x", "version": "abc"})
    assert response.status_code == 302
    assert ReadinessReport.objects.get(pk=report.pk).status == "submitted"


def test_secretariat_records_attendance_for_every_region(desk, demo):
    url = reverse("reports:attendance", args=[demo.pk])
    page = text(desk.get(url))
    assert "Kota Samarinda" in page and "Simpan kehadiran" in page
    data = {f"status_{r.pk}": "hadir" for r in Region.objects.all()}
    samarinda = Region.objects.get(name="Samarinda")
    data[f"status_{samarinda.pk}"] = "izin"
    data[f"representative_{samarinda.pk}"] = "Kabid Politik Dalam Negeri"
    response = desk.post(url, data)
    assert response.status_code == 302
    record = Attendance.objects.get(session=demo, region=samarinda)
    assert (record.status, record.representative, record.recorded_by.username) == (
        "izin",
        "Kabid Politik Dalam Negeri",
        "sekretariat",
    )
    assert Attendance.objects.filter(session=demo, status="hadir").count() == 9
    assert "9 hadir · 1 izin · 0 belum terkonfirmasi" in text(desk.get(response.url)).replace(
        "hadir ·", "hadir ·"
    )


def test_an_invalid_attendance_status_keeps_the_form_with_an_error(desk, demo):
    url = reverse("reports:attendance", args=[demo.pk])
    data = {f"status_{r.pk}": "hadir" for r in Region.objects.all()}
    data[f"status_{Region.objects.first().pk}"] = "bolos"
    response = desk.post(url, data)
    assert response.status_code == 200
    assert "invalid-feedback" in response.content.decode()
    assert Attendance.objects.filter(session=demo, status="hadir").count() == 7


def test_a_follow_up_from_an_alert_is_prefilled_and_carried_to_later_sessions(desk, demo):
    kutim = Region.objects.get(name="Kutai Timur")
    url = reverse("reports:follow_up_create", args=[demo.pk])
    form = desk.get(url, {"region": kutim.pk, "source": "risiko", "agency": "polri_tni", "title": "Risiko"})
    assert 'value="Risiko"' in form.content.decode()
    response = desk.post(
        url,
        {
            "region": kutim.pk,
            "source": "risiko",
            "title": "Mediasi pendukung paslon di Sangatta",
            "agency": "polri_tni",
            "due_date": "2024-11-22",
        },
    )
    assert response.status_code == 302
    follow_up = FollowUp.objects.get(title="Mediasi pendukung paslon di Sangatta")
    assert (follow_up.session, follow_up.region, follow_up.created_by.username) == (
        demo,
        kutim,
        "sekretariat",
    )
    plenary = RakorSession.objects.get(date=dt.date(2024, 11, 25))
    assert "Mediasi pendukung paslon di Sangatta" in text(desk.get(plenary.get_absolute_url()))


def test_a_due_date_before_the_rakor_is_refused_next_to_the_field(desk, demo):
    response = desk.post(
        reverse("reports:follow_up_create", args=[demo.pk]),
        {"source": "lainnya", "title": "Cek gudang", "agency": "kpu", "due_date": "2024-11-01"},
    )
    assert response.status_code == 200
    assert "Tenggat tidak boleh sebelum tanggal rakor" in text(response)
    assert 'value="Cek gudang"' in response.content.decode()
    assert not FollowUp.objects.filter(title="Cek gudang").exists()


def test_closing_a_follow_up_moves_it_to_closed_since_last_session_in_the_next_rakor(desk, demo):
    follow_up = FollowUp.objects.get(title__startswith="Patroli bersama")
    response = desk.post(
        reverse("reports:follow_up_close", args=[demo.pk, follow_up.pk]), {"closing_note": "Patroli berjalan"}
    )
    assert response.status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.closed_at is not None and follow_up.closing_note == "Patroli berjalan"
    FollowUp.objects.filter(pk=follow_up.pk).update(closed_at=dt.datetime(2024, 11, 20, 9, 0, tzinfo=WITA))
    plenary = RakorSession.objects.get(date=dt.date(2024, 11, 25))
    page = text(desk.get(plenary.get_absolute_url()))
    closed = page[page.index("Selesai sejak rakor sebelumnya") :]
    assert "Patroli bersama di Sangatta Utara" in closed


def test_a_forwarded_session_refuses_every_change_and_says_why(desk, demo):
    earlier = RakorSession.objects.get(date=dt.date(2024, 11, 11))
    report = report_of(earlier, "Paser")
    ReadinessReport.objects.filter(pk=report.pk).update(status="submitted")
    response = review(desk, report, "accept")
    assert ReadinessReport.objects.get(pk=report.pk).status == "submitted"
    assert "sudah diteruskan ke Mendagri" in text(desk.get(response.url))

    data = {f"status_{r.pk}": "izin" for r in Region.objects.all()}
    response = desk.post(reverse("reports:attendance", args=[earlier.pk]), data)
    assert not Attendance.objects.filter(session=earlier, status="izin").exists()
    assert "sudah diteruskan ke Mendagri" in text(desk.get(response.url))

    before = FollowUp.objects.count()
    response = desk.post(
        reverse("reports:follow_up_create", args=[earlier.pk]),
        {"source": "lainnya", "title": "Terlambat", "agency": "kpu", "due_date": "2024-11-30"},
    )
    assert FollowUp.objects.count() == before

    open_item = FollowUp.objects.get(title__startswith="Pastikan kekurangan")
    desk.post(reverse("reports:follow_up_close", args=[earlier.pk, open_item.pk]))
    open_item.refresh_from_db()
    assert open_item.closed_at is None


def test_a_shortage_reported_this_week_turns_the_tile_red_with_its_quantity(desk, demo):
    report = report_of(demo, "Berau")
    ReadinessReport.objects.filter(pk=report.pk).update(readiness="belum_siap", conflict_risk="tinggi")
    ShortageLine.objects.create(
        report=report, item=LogisticsItem.objects.get(name="Surat suara"), quantity=1200
    )
    page = text(desk.get(reverse("reports:dashboard")))
    assert "belum siap: kekurangan surat suara 1.200 lembar; risiko konflik tinggi" in page
    assert "Surat suara 2.400 lembar (Kabupaten Berau, Kota Samarinda · data lama)" in page
    assert "Bermasalah" in page


def test_no_session_yet_shows_a_plain_message(client, secretariat):
    RakorSession.objects.all().delete()
    client.force_login(secretariat)
    response = client.get(reverse("reports:dashboard"))
    assert response.status_code == 200
    assert "Belum ada rakor" in text(response)


def test_a_late_report_is_marked_late_on_the_dashboard(desk, demo):
    report = report_of(demo, "Paser")
    ReadinessReport.objects.filter(pk=report.pk).update(is_late=True, first_submitted_at=timezone.now())
    page = text(desk.get(reverse("reports:dashboard")))
    assert "laporan terlambat: Kabupaten Paser, Kabupaten Mahakam Ulu" in page
