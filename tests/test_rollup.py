"""The roll-up of a session: the numbers every output of the desk renders, on the demo and beyond."""

import datetime as dt

import pytest
from django.utils import timezone

from reports.models import (
    WITA,
    AgendaLine,
    Attendance,
    FollowUp,
    LogisticsItem,
    RakorSession,
    ShortageLine,
)
from reports.rollup.lights import AlertKind, Light, ReportState
from reports.rollup.summary import summary
from tests.conftest import make_report
from tests.factories import build_province

pytestmark = pytest.mark.django_db


def row_of(result, name):
    return next(row for row in result.rows if row.region.name == name)


def names(regions):
    return sorted(region.name for region in regions)


def test_demo_rollup_counts_seven_of_ten_and_names_the_three_missing(demo):
    result = summary(demo)
    assert (result.completeness.reported_count, result.completeness.expected_count) == (7, 10)
    assert names(result.completeness.missing) == ["Kutai Barat", "Kutai Timur", "Samarinda"]
    assert names(result.completeness.late) == ["Mahakam Ulu"]
    assert len(result.completeness.on_time) == 6
    assert result.completeness.percent == 70
    assert row_of(result, "Samarinda").state == ReportState.MISSING
    assert row_of(result, "Bontang").state == ReportState.SUBMITTED


def test_demo_attendance_is_seven_present_and_three_unconfirmed(demo):
    attendance = summary(demo).attendance
    assert len(attendance.present) == 7
    assert names(attendance.unconfirmed) == ["Kutai Barat", "Kutai Timur", "Samarinda"]
    assert attendance.excused == []


def test_a_region_without_an_attendance_row_counts_as_unconfirmed(demo):
    Attendance.objects.filter(session=demo, region__name="Paser").delete()
    attendance = summary(demo).attendance
    assert "Paser" in names(attendance.unconfirmed)
    assert len(attendance.present) == 6


def test_demo_personnel_total_includes_bontangs_1214_and_says_what_is_carried(demo):
    result = summary(demo)
    assert row_of(result, "Bontang").figures["security_personnel"].value == 1214
    reported = [row.report.security_personnel for row in result.rows if row.is_reported]
    assert 1214 in reported and sum(reported) == 6394
    carried = result.totals.carried
    assert (carried.reports, carried.figures["security_personnel"].value) == (3, 460 + 920 + 1760)
    assert result.totals.figures["security_personnel"].value == 6394 + 3140
    assert (result.totals.reports, result.totals.current_reports) == (10, 7)
    assert result.totals.figures["kecamatan_ready"].out_of == 105
    assert result.totals.registered_voters == 2_821_202


def test_demo_agenda_has_balikpapans_debate_on_22_and_ppus_rally_on_23_november(demo):
    result = summary(demo)
    agenda = [(entry.date, entry.region.name, entry.kind) for entry in result.agenda]
    assert (dt.date(2024, 11, 22), "Balikpapan", AgendaLine.Kind.DEBATE) in agenda
    assert (dt.date(2024, 11, 23), "Penajam Paser Utara", AgendaLine.Kind.RALLY) in agenda
    assert agenda == sorted(agenda, key=lambda entry: entry[0])
    assert result.agenda_until == dt.date(2024, 12, 1)


def test_demo_compares_bontang_with_last_week(demo):
    row = row_of(summary(demo), "Bontang")
    figure = row.figures["security_personnel"]
    assert (figure.previous, figure.value, figure.delta) == (1190, 1214, 24)
    assert figure.changed
    assert "security" in row.changed_sections
    change = next(c for c in row.changes if c.section == "security" and "personel" in c.label)
    assert (change.before, change.after) == ("1.190", "1.214")


def test_demo_trend_covers_the_four_sessions_up_to_the_rakor(demo):
    trend = summary(demo).trend
    assert [point.session.date for point in trend] == [
        dt.date(2024, 10, 28),
        dt.date(2024, 11, 4),
        dt.date(2024, 11, 11),
        dt.date(2024, 11, 18),
    ]
    assert [point.reported for point in trend] == [10, 10, 10, 7]
    assert [point.late for point in trend] == [0, 2, 0, 1]
    assert trend[2].not_ready == 1 and trend[2].ready_with_notes == 1


def test_demo_previous_session_shows_samarindas_shortage_and_kutims_risk(demo):
    result = summary(RakorSession.objects.get(date=dt.date(2024, 11, 11)))
    samarinda = row_of(result, "Samarinda")
    assert samarinda.light == Light.RED
    assert samarinda.explanation == "belum siap: kekurangan surat suara 1.200 lembar; risiko konflik sedang"
    kutim = row_of(result, "Kutai Timur")
    assert kutim.light == Light.RED
    assert kutim.explanation == ("siap dengan catatan: risiko konflik tinggi; situasi keamanan waspada")
    kubar = row_of(result, "Kutai Barat")
    assert (kubar.light, kubar.explanation) == (Light.YELLOW, "1 pelanggaran netralitas ASN")
    assert row_of(result, "Paser").light == Light.GREEN
    assert row_of(result, "Paser").explanation == "siap"
    shortage = result.totals.shortages[0]
    assert (shortage.item, shortage.quantity, shortage.unit, shortage.regions) == (
        "Surat suara",
        1200,
        "lembar",
        ("Kota Samarinda",),
    )
    kinds = [(alert.kind, alert.region.name) for alert in result.alerts]
    assert kinds[0] == (AlertKind.SHORTAGE, "Samarinda")
    assert (AlertKind.NOT_READY, "Samarinda") in kinds
    assert (AlertKind.CONFLICT, "Kutai Timur") in kinds
    assert (AlertKind.ASN, "Kutai Barat") in kinds
    assert result.alerts[0].message == "Kota Samarinda kekurangan surat suara 1.200 lembar"


def test_traffic_light_gives_plain_reasons_with_the_shortage_quantity(session, region):
    report = make_report(
        session,
        region,
        status="submitted",
        first_submitted_at=timezone.now(),
        readiness="belum_siap",
        conflict_risk="tinggi",
        security_situation="rawan",
    )
    ballots = LogisticsItem.objects.get(name="Surat suara")
    ShortageLine.objects.create(report=report, item=ballots, quantity=1200)
    row = row_of(summary(session), "Bontang")
    assert row.light == Light.RED
    assert row.light.colour == "danger" and row.light.label == "Bermasalah"
    assert row.explanation == (
        "belum siap: kekurangan surat suara 1.200 lembar; risiko konflik tinggi; situasi keamanan rawan"
    )
    alerts = {alert.kind for alert in summary(session).alerts if alert.region == region}
    assert alerts == {AlertKind.SHORTAGE, AlertKind.NOT_READY, AlertKind.CONFLICT, AlertKind.SECURITY}


def test_a_draft_counts_as_missing_and_its_values_stay_out_of_the_totals(session, region):
    make_report(session, region, security_personnel=500)
    result = summary(session)
    row = row_of(result, "Bontang")
    assert row.state == ReportState.DRAFT and not row.is_reported
    assert row.light == Light.GREY
    assert result.totals.figures["security_personnel"].value == 0
    assert "Bontang" in names(result.completeness.missing)


def test_a_section_confirmed_three_weeks_ago_is_stale(session, region):
    make_report(
        session,
        region,
        status="submitted",
        first_submitted_at=timezone.now(),
        readiness="siap",
        confirmed_sections={"security": "2024-10-28", "readiness": "2024-11-18", "logistics": "2024-11-05"},
    )
    stale = row_of(summary(session), "Bontang").stale
    assert [(s.key, s.weeks) for s in stale] == [("security", 3)]
    assert stale[0].message == "terakhir dikonfirmasi 3 minggu lalu"


def follow_up(session, title, region=None, closed_at=None):
    return FollowUp.objects.create(
        session=session,
        region=region,
        title=title,
        agency=FollowUp.Agency.KPU,
        due_date=session.date + dt.timedelta(days=3),
        closed_at=closed_at,
    )


def test_open_follow_ups_are_carried_to_every_later_session_until_closed(election):
    first, second, third = (
        RakorSession.objects.create(election=election, date=day)
        for day in (dt.date(2024, 11, 4), dt.date(2024, 11, 11), dt.date(2024, 11, 18))
    )
    item = follow_up(first, "Kirim surat suara tambahan")
    later = follow_up(second, "Patroli bersama")
    assert [f.title for f in summary(first).follow_ups_open] == ["Kirim surat suara tambahan"]
    assert {f.title for f in summary(third).follow_ups_open} == {
        "Kirim surat suara tambahan",
        "Patroli bersama",
    }

    item.closed_at = dt.datetime(2024, 11, 14, 9, 0, tzinfo=WITA)
    item.save()
    third_summary = summary(third)
    assert [f.title for f in third_summary.follow_ups_open] == [later.title]
    assert [f.title for f in third_summary.follow_ups_closed] == ["Kirim surat suara tambahan"]


def test_a_forwarded_session_keeps_what_was_open_when_it_was_forwarded(election, secretariat):
    first, second = (
        RakorSession.objects.create(election=election, date=day)
        for day in (dt.date(2024, 11, 11), dt.date(2024, 11, 18))
    )
    forwarded = dt.datetime(2024, 11, 11, 14, 0, tzinfo=WITA)
    RakorSession.objects.filter(pk=first.pk).update(signed_off_at=forwarded, forwarded_at=forwarded)
    first.refresh_from_db()
    follow_up(first, "Dipantau", closed_at=dt.datetime(2024, 11, 13, 9, 0, tzinfo=WITA))
    assert [f.title for f in summary(first).follow_ups_open] == ["Dipantau"]
    assert summary(second).follow_ups_open == []
    assert [f.title for f in summary(second).follow_ups_closed] == ["Dipantau"]


def test_demo_lists_kubars_follow_up_as_closed_since_last_session(demo):
    result = summary(demo)
    assert [f.region.name for f in result.follow_ups_closed] == ["Kutai Barat"]
    open_titles = [f.title for f in result.follow_ups_open]
    assert len(open_titles) == 3
    assert any("Samarinda" in title for title in open_titles)


@pytest.mark.parametrize(("regions", "sessions"), [(10, 4), (60, 20)])
def test_rollup_costs_twelve_queries_whatever_the_number_of_regions_and_sessions(
    election, regions, sessions, django_assert_num_queries
):
    session = build_province(election, regions, sessions)
    with django_assert_num_queries(12):
        result = summary(session)
        assert result.completeness.reported_count == regions
        assert len(result.trend) == sessions
        assert all(row.explanation for row in result.rows)
        assert result.totals.shortages[0].quantity > 0
