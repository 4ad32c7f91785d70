"""`seed_demo` reproduces the 18 November 2024 rakor, and the admin works for every model."""

import datetime as dt
import io

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission, User
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from reports.models import AgendaLine, Attendance, Election, FollowUp, RakorSession, ReadinessReport

pytestmark = pytest.mark.django_db


def report_of(session, name):
    return ReadinessReport.objects.get(session=session, region__name=name)


def test_demo_has_seven_reports_and_misses_exactly_three_regions(demo):
    reported = set(demo.reports.values_list("region__name", flat=True))
    assert len(reported) == 7
    missing = set(
        Attendance.objects.filter(session=demo, status="belum").values_list("region__name", flat=True)
    )
    assert missing == {"Samarinda", "Kutai Barat", "Kutai Timur"}
    assert not reported & missing
    assert Attendance.objects.filter(session=demo, status="hadir").count() == 7


def test_demo_reproduces_each_regions_facts_from_the_article(demo):
    assert report_of(demo, "Bontang").security_personnel == 1214
    mahulu = report_of(demo, "Mahakam Ulu")
    assert mahulu.logistics_items_fulfilled == 14
    assert mahulu.distribution_start == dt.date(2024, 11, 23)
    assert mahulu.distribution_end == dt.date(2024, 11, 25)
    ppu = report_of(demo, "Penajam Paser Utara")
    assert ppu.asn_violations == 0
    assert ppu.agenda.filter(kind=AgendaLine.Kind.RALLY, date=dt.date(2024, 11, 23)).exists()
    assert ppu.logistics_status == "aman"
    kukar = report_of(demo, "Kutai Kartanegara")
    assert kukar.kecamatan_ready == 20
    assert kukar.distribution_start == dt.date(2024, 11, 23)
    balikpapan = report_of(demo, "Balikpapan")
    assert balikpapan.agenda.filter(kind=AgendaLine.Kind.DEBATE, date=dt.date(2024, 11, 22)).exists()
    assert balikpapan.logistics_status == "aman"
    assert "Forkopimda Paser" in report_of(demo, "Paser").coordination_notes
    assert "tanda pengenal" in report_of(demo, "Berau").logistics_notes
    assert all(r.readiness == "siap" for r in demo.reports.all())


def test_demo_has_three_mondays_of_history_the_plenary_next_and_the_weeks_after_voting(demo):
    dates = list(RakorSession.objects.values_list("date", flat=True))
    assert dates == [
        dt.date(2024, 10, 28),
        dt.date(2024, 11, 4),
        dt.date(2024, 11, 11),
        dt.date(2024, 11, 18),
        dt.date(2024, 11, 25),
        dt.date(2024, 12, 2),
        dt.date(2024, 12, 9),
    ]
    assert ReadinessReport.objects.filter(session__date__gt=dt.date(2024, 11, 27)).count() == 20
    assert RakorSession.objects.get(date=dt.date(2024, 11, 25)).kind == RakorSession.Kind.PLENARY
    assert ReadinessReport.objects.filter(session__date__lt=dt.date(2024, 11, 18)).count() == 30
    assert RakorSession.objects.current() == demo


def test_seed_demo_twice_duplicates_nothing(demo):
    counts = (ReadinessReport.objects.count(), AgendaLine.objects.count(), FollowUp.objects.count())
    call_command("seed_demo", stdout=io.StringIO())
    assert (ReadinessReport.objects.count(), AgendaLine.objects.count(), FollowUp.objects.count()) == counts


def test_seed_demo_prints_the_logins(db, capsys):
    call_command("seed_demo")
    out = capsys.readouterr().out
    for username in ("sekretariat", "sekda", "admin", "operator.bontang", "operator.mahulu"):
        assert username in out
    assert "DeskKaltim2024!" in out
    assert "operator.bontang     — Operator Kota Bontang" in out
    assert "operator.kukar       — Operator Kabupaten Kutai Kartanegara" in out


def test_every_admin_changelist_and_change_form_answers_200(demo, admin_client):
    for model, model_admin in admin.site._registry.items():
        info = (model._meta.app_label, model._meta.model_name)
        response = admin_client.get(reverse("admin:{}_{}_changelist".format(*info)))
        assert response.status_code == 200, info
        obj = model._default_manager.first()
        if obj is not None:
            response = admin_client.get(reverse("admin:{}_{}_change".format(*info), args=[obj.pk]))
            assert response.status_code == 200, info
        if model_admin.has_add_permission(response.wsgi_request):
            assert admin_client.get(reverse("admin:{}_{}_add".format(*info))).status_code == 200, info


def test_admin_action_previews_the_weekly_sessions_then_creates_them_once(election, admin_client):
    url = reverse("admin:reports_election_changelist")
    data = {"action": "create_weekly_sessions", "_selected_action": [election.pk]}
    preview = admin_client.post(url, data)
    page = preview.content.decode()
    assert "Pratinjau rakor mingguan" in page
    assert "Senin, 30 September 2024" in page and "Senin, 25 November 2024" in page
    assert "25 November 2024, 08.00 WITA" in page
    assert "<td>H-2</td>" in page
    assert "Senin, 9 Desember 2024" in page and "<td>H+12</td>" in page  # through the recapitulation
    assert "Buat 11 rakor" in page
    assert not RakorSession.objects.filter(election=election).exists()
    admin_client.post(url, {**data, "confirmed": "yes"})
    admin_client.post(url, {**data, "confirmed": "yes"})
    assert RakorSession.objects.filter(election=election).count() == 11
    again = admin_client.post(url, data).content.decode()
    assert "Semua rakor mingguan pemilihan ini sudah ada" in again
    assert "Buat 11 rakor" not in again


def test_the_rakor_weekday_and_deadline_time_are_the_elections_not_the_codes(election, admin_client):
    election.rakor_weekday = Election.Weekday.THURSDAY
    election.deadline_time = dt.time(10, 30)
    election.save()
    RakorSession.objects.create(election=election, date=dt.date(2024, 10, 3))
    url = reverse("admin:reports_election_changelist")
    data = {"action": "create_weekly_sessions", "_selected_action": [election.pk], "confirmed": "yes"}
    admin_client.post(url, data)
    sessions = RakorSession.objects.filter(election=election).order_by("date")
    assert all(session.date.weekday() == 3 for session in sessions)
    assert [session.date for session in sessions][:2] == [dt.date(2024, 9, 26), dt.date(2024, 10, 3)]
    assert sessions.filter(date=dt.date(2024, 10, 3)).count() == 1
    assert timezone.localtime(sessions.last().deadline).time() == dt.time(10, 30)


def test_the_admin_names_the_login_locks_and_two_factor_devices_in_indonesian(admin_client):
    page = admin_client.get(reverse("admin:index")).content.decode()
    assert "Penguncian login" in page and "Perangkat verifikasi dua langkah (TOTP)" in page
    assert "Perangkat TOTP" in page
    for english in ("Axes", "Otp_Totp", "OTP_TOTP", "TOTP devices"):
        assert english not in page, english


def test_the_admin_names_every_permission_in_indonesian(admin_client):
    user = User.objects.get(username="admin")
    page = admin_client.get(reverse("admin:auth_user_change", args=[user.pk])).content.decode()
    assert "Boleh menambah kontak" in page
    assert "Boleh melihat perangkat TOTP" in page
    assert "Can add" not in page and "Can change" not in page
    assert not Permission.objects.filter(name__startswith="Can ").exists()
