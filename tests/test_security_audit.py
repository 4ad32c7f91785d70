"""The audit trail: every change to reports, lines, sessions, attendance, follow-ups and memberships
is kept with who, when, which fields and from where; the secretariat reads it as "riwayat
perubahan"; nothing deletes it; writes that bypass signals do not exist; refusals are logged."""

import datetime as dt
import logging
import re
from pathlib import Path

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from simple_history.models import HistoricalRecords

from regions.models import Membership
from reports.models import AgendaLine, Attendance, FollowUp, LogisticsItem, ReadinessReport, ShortageLine
from reports.workflow import writes
from reports.workflow.audit import report_history
from tests.conftest import make_report, make_user

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def request_by(db):
    """Run code as HistoryRequestMiddleware does during a request by ``user`` from ``ip``."""

    def start(user, ip="203.0.113.7"):
        request = RequestFactory().post("/", REMOTE_ADDR=ip)
        request.user = user
        HistoricalRecords.context.request = request

    yield start
    if hasattr(HistoricalRecords.context, "request"):
        del HistoricalRecords.context.request


def test_a_change_through_a_page_records_who_and_from_where(client, secretariat, session, region):
    admin_user = make_user("admin.it", is_staff=True, is_superuser=True)
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:reports_followup_add"),
        {
            "session": session.pk,
            "region": region.pk,
            "source": "kekurangan",
            "title": "Kirim tambahan surat suara",
            "agency": "kpu",
            "due_date": "2024-11-22",
        },
        REMOTE_ADDR="198.51.100.4",
    )
    assert response.status_code == 302
    record = FollowUp.history.get()
    assert (record.history_type, record.history_user, record.history_ip) == ("+", admin_user, "198.51.100.4")
    assert record.title == "Kirim tambahan surat suara"


def test_every_tracked_kind_of_change_keeps_actor_address_and_fields(
    request_by, secretariat, operator, session, region, other_region
):
    request_by(secretariat)
    item = LogisticsItem.objects.filter(election=session.election).first()
    report = make_report(session, region, security_personnel=1214)
    line = ShortageLine.objects.create(report=report, item=item, quantity=1200)
    agenda = AgendaLine.objects.create(report=report, kind="debat", date=dt.date(2024, 11, 20))
    attendance = Attendance.objects.create(session=session, region=region, status="hadir")
    follow_up = FollowUp.objects.create(
        session=session, title="Patroli", agency="polri_tni", due_date=dt.date(2024, 11, 25)
    )
    session.minutes = "Rakor dibuka Sekda."
    session.save()
    Membership.objects.filter(user=operator).get().delete()
    for obj in (report, line, agenda, attendance, follow_up, session):
        latest = obj.history.latest()
        assert (latest.history_user, latest.history_ip) == (secretariat, "203.0.113.7"), obj
    membership_history = Membership.history.filter(user_id=operator.pk).latest()
    assert membership_history.history_type == "-"
    assert membership_history.history_user == secretariat
    changed = session.history.latest().diff_against(session.history.earliest())
    assert changed.changed_fields == ["minutes"]


def test_riwayat_perubahan_shows_who_changed_which_fields_from_where(
    request_by, secretariat, operator, session, region
):
    item = LogisticsItem.objects.filter(election=session.election).first()
    request_by(operator, "203.0.113.9")
    report = make_report(session, region, security_personnel=1214, notes="Kondusif")
    ShortageLine.objects.create(report=report, item=item, quantity=1200, note="kertas suara")
    writes.mark_submitted(report, operator)
    report.save()
    request_by(secretariat, "203.0.113.10")
    writes.review(report, secretariat, accept=False, comment="Lengkapi agenda", expected_version=1)

    changes = report_history(report, with_addresses=True)
    assert [change.subject for change in changes] == [
        "Laporan",
        "Laporan",
        "Kekurangan: " + item.name,
        "Laporan",
    ]
    review = changes[0]
    assert (review.who, review.ip, review.kind) == ("sekretariat", "203.0.113.10", "diubah")
    fields = {f.label: (f.old, f.new) for f in review.fields}
    assert fields["status"] == ("Terkirim", "Dikembalikan")
    assert fields["komentar pemeriksa"] == ("—", "Lengkapi agenda")
    assert fields["diperiksa oleh"] == ("—", "sekretariat")
    created = changes[-1]
    assert created.kind == "dibuat"
    assert ("personel pengamanan", "—", "1.214") in [(f.label, f.old, f.new) for f in created.fields]


def test_riwayat_perubahan_names_the_rakor_the_region_and_the_people_instead_of_ids(
    request_by, secretariat, operator, session, region
):
    request_by(operator)
    report = make_report(session, region, security_personnel=1214)
    writes.mark_submitted(report, operator)
    report.save()
    request_by(secretariat)
    writes.review(report, secretariat, accept=True, comment="", expected_version=1)
    secretariat.first_name, secretariat.last_name = "Rina", "Sekretariat"
    secretariat.save()

    changes = report_history(report)
    created = {f.label: f.new for f in changes[-1].fields}
    assert created["rakor"] == "18 November 2024"
    assert created["kabupaten/kota"] == "Kota Bontang"
    reviewed = {f.label: f.new for f in changes[0].fields}
    assert reviewed["diperiksa oleh"] == "Rina Sekretariat"
    assert changes[0].who == "Rina Sekretariat"
    with translation.override("en"):
        created = {f.label: f.new for f in report_history(report)[-1].fields}
    assert created["regency/city"] == "Bontang City"


def test_riwayat_perubahan_leaves_out_the_client_address_unless_asked(request_by, operator, session, region):
    request_by(operator, "203.0.113.9")
    report = make_report(session, region)
    assert [change.ip for change in report_history(report)] == [None]
    assert [change.ip for change in report_history(report, with_addresses=True)] == ["203.0.113.9"]


def test_riwayat_perubahan_costs_the_same_queries_however_long_the_history(
    request_by, operator, session, region, django_assert_max_num_queries
):
    request_by(operator)
    item = LogisticsItem.objects.filter(election=session.election).first()
    report = make_report(session, region)
    for number in range(1, 30):
        report.security_personnel = number
        report.save()
        ShortageLine.objects.create(report=report, item=item, quantity=number)
    with django_assert_max_num_queries(5):
        changes = report_history(report)
    assert len(changes) == 1 + 29 + 29


def test_riwayat_perubahan_escapes_what_users_typed(request_by, operator, session, region):
    request_by(operator)
    report = make_report(session, region, notes="<script>alert(1)</script>")
    html = render_to_string("partials/change_history.html", {"changes": report_history(report)})
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Riwayat perubahan" in html


def test_no_history_model_is_registered_in_the_admin_so_none_can_be_deleted():
    for model in admin.site._registry:
        assert not model.__name__.startswith("Historical"), model


def test_the_admin_shows_a_reports_history_to_staff(client, operator, session, region):
    report = make_report(session, region)
    client.force_login(make_user("admin.it", is_staff=True, is_superuser=True))
    response = client.get(reverse("admin:reports_readinessreport_history", args=[report.pk]))
    assert response.status_code == 200


BULK_WRITE = re.compile(r"\.(bulk_create|bulk_update)\(|\)\.update\(|objects\.update\(")
# Writes allowed to bypass signals, each for a reason.
BULK_ALLOWED = {
    "reports/management/commands/seed_scale.py": "synthetic benchmark data, never a real desk",
    "notifications/views.py": "marking one's notices read: Notification keeps no history",
}


def test_no_code_writes_tracked_models_past_the_history_signals():
    offenders = []
    for path in sorted(ROOT.glob("*/**/*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if (
            relative.split("/")[0] in {".venv", "node_modules", "tests", "bench"}
            or "/migrations/" in relative
        ):
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if BULK_WRITE.search(line) and relative not in BULK_ALLOWED:
                offenders.append(f"{relative}:{number}: {line.strip()}")
    assert offenders == []


def test_the_demo_records_history_for_its_lines_too(demo):
    assert ShortageLine.history.count() >= ShortageLine.objects.count() > 0
    assert AgendaLine.history.count() >= AgendaLine.objects.count() > 0


def test_a_refused_access_is_logged_with_user_object_address_and_time(client, operator, caplog):
    client.force_login(operator)
    with caplog.at_level(logging.WARNING, logger="deskpilkada.access"):
        response = client.get(reverse("accounts:two_factor"), REMOTE_ADDR="203.0.113.20")
    assert response.status_code == 403
    assert "Akses ditolak" in response.content.decode()
    [record] = [r for r in caplog.records if r.name == "deskpilkada.access"]
    message = record.getMessage()
    assert "user=operator.bontang" in message
    assert "ip=203.0.113.20" in message
    assert record.created  # the time of the attempt


def test_a_403_raised_outside_the_access_module_is_logged_too(client, caplog, db):
    staff = make_user("staf.terbatas", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_readinessreport"))
    client.force_login(staff)
    with caplog.at_level(logging.WARNING, logger="deskpilkada.access"):
        response = client.get(reverse("admin:reports_readinessreport_add"), REMOTE_ADDR="203.0.113.21")
    assert response.status_code == 403
    [record] = [r for r in caplog.records if r.name == "deskpilkada.access"]
    assert "user=staf.terbatas" in record.getMessage()
    assert "ip=203.0.113.21" in record.getMessage()


def test_history_survives_the_deletion_of_a_report(request_by, secretariat, session, region):
    request_by(secretariat)
    report = make_report(session, region)
    report_id = report.pk
    report.delete()
    assert ReadinessReport.history.filter(id=report_id).count() == 2
