"""Silent regions keep their last known state, with its date; unchanged copies are marked; totals
say what is carried; the personnel trend compares the same regions every week."""

import datetime as dt

import pytest
from django.utils import timezone

from regions.models import Region
from reports.models import RakorSession, ReadinessReport
from reports.rollup.lights import AlertKind, Light, ReportState
from reports.rollup.summary import summary
from tests.conftest import make_report

pytestmark = pytest.mark.django_db


def row_of(result, name):
    return next(row for row in result.rows if row.region.name == name)


def test_a_silent_region_with_a_high_risk_stays_red_with_the_date_of_its_last_report(demo):
    result = summary(demo)
    kutim = row_of(result, "Kutai Timur")
    assert (kutim.state, kutim.light, kutim.carried_from) == (
        ReportState.MISSING,
        Light.RED,
        dt.date(2024, 11, 11),
    )
    assert kutim.explanation == "siap dengan catatan: risiko konflik tinggi; situasi keamanan waspada"
    assert kutim.figures["security_personnel"].carried and kutim.figures["security_personnel"].value == 920
    messages = [(alert.kind, alert.message, alert.carried_from) for alert in result.alerts]
    assert (AlertKind.MISSING, "Kabupaten Kutai Timur belum mengirim laporan", None) in messages
    assert (
        AlertKind.CONFLICT,
        "Kabupaten Kutai Timur: risiko konflik tinggi (data rakor 11 November)",
        dt.date(2024, 11, 11),
    ) in messages
    samarinda = row_of(result, "Samarinda")
    assert (samarinda.light, samarinda.known_shortages[0].quantity) == (Light.RED, 1200)


def test_a_silent_regions_asn_case_of_last_week_is_not_this_weeks_but_its_alert_says_it(demo):
    """A weekly count adds up only this rakor's reports; the silent region's case is told, dated."""
    result = summary(demo)
    totals = result.totals
    assert totals.figures["asn_violations"].value == 0  # Kutai Barat's case is of 11 November; silent since
    assert totals.carried.figures["asn_violations"].reports == 0
    assert totals.carried.figures["security_personnel"].value == 3140  # a figure to date still carries
    assert row_of(result, "Kutai Barat").figures["asn_violations"].value is None
    assert (
        AlertKind.ASN,
        "Kabupaten Kutai Barat: 1 pelanggaran netralitas ASN (data rakor 11 November)",
        dt.date(2024, 11, 11),
    ) in [(alert.kind, alert.message, alert.carried_from) for alert in result.alerts]
    assert [shortage.carried for shortage in totals.shortages] == [("Kota Samarinda",)]


def test_a_region_silent_for_two_rakor_carries_its_report_from_two_rakor_ago(demo):
    plenary = RakorSession.objects.get(date=dt.date(2024, 11, 25))
    result = summary(plenary)
    assert result.completeness.reported_count == 0
    assert row_of(result, "Samarinda").carried_from == dt.date(2024, 11, 11)
    assert row_of(result, "Bontang").carried_from == dt.date(2024, 11, 18)
    assert row_of(result, "Bontang").figures["security_personnel"].value == 1214
    assert (result.totals.reports, result.totals.current_reports, result.totals.carried.reports) == (
        10,
        0,
        10,
    )


def test_a_silent_region_whose_last_report_was_all_well_shows_grey_but_keeps_its_numbers(demo):
    row = row_of(summary(RakorSession.objects.get(date=dt.date(2024, 11, 25))), "Paser")
    assert (row.light, row.reasons) == (Light.GREY, ["belum melapor"])
    assert row.figures["security_personnel"].value == 650


def test_the_personnel_trend_adds_up_the_same_regions_every_week(demo):
    result = summary(demo)
    assert result.steady_regions == 7
    steady = Region.objects.exclude(name__in=["Kutai Barat", "Kutai Timur", "Samarinda"])
    expected = [
        sum(
            ReadinessReport.objects.get(session=point.session, region=region).security_personnel
            for region in steady
        )
        for point in result.trend
    ]
    assert [point.security_personnel for point in result.trend] == expected
    assert expected == sorted(expected)  # the three silent regions draw no fall on 18 November


def unchanged(session, region, **fields):
    return make_report(
        session,
        region,
        status="submitted",
        first_submitted_at=timezone.now(),
        readiness="siap",
        security_personnel=500,
        changed_sections=[],
        **fields,
    )


def test_an_unchanged_copy_is_marked_and_two_in_a_row_raise_an_alert(election, region):
    first, second, third = (
        RakorSession.objects.create(election=election, date=day)
        for day in (dt.date(2024, 11, 4), dt.date(2024, 11, 11), dt.date(2024, 11, 18))
    )
    for session in (first, second, third):
        unchanged(session, region)
    assert not row_of(summary(first), "Bontang").is_unchanged
    once = row_of(summary(second), "Bontang")
    assert once.is_unchanged and not once.is_repeated
    assert AlertKind.UNCHANGED not in [alert.kind for alert in summary(second).alerts]
    result = summary(third)
    assert row_of(result, "Bontang").is_repeated
    assert [alert.message for alert in result.alerts if alert.kind == AlertKind.UNCHANGED] == [
        "Kota Bontang: laporan sama dengan laporan sebelumnya dua rakor berturut-turut"
    ]


def test_a_report_with_a_changed_value_or_section_is_not_a_copy(election, region):
    first, second = (
        RakorSession.objects.create(election=election, date=day)
        for day in (dt.date(2024, 11, 11), dt.date(2024, 11, 18))
    )
    unchanged(first, region)
    report = unchanged(second, region)
    ReadinessReport.objects.filter(pk=report.pk).update(security_personnel=501)
    assert not row_of(summary(second), "Bontang").is_unchanged
    ReadinessReport.objects.filter(pk=report.pk).update(security_personnel=500, changed_sections=["agenda"])
    assert not row_of(summary(second), "Bontang").is_unchanged


def test_a_zero_is_not_the_same_as_a_blank(election, region):
    first, second = (
        RakorSession.objects.create(election=election, date=day)
        for day in (dt.date(2024, 11, 11), dt.date(2024, 11, 18))
    )
    unchanged(first, region, asn_violations=None, notes="")
    unchanged(second, region, asn_violations=0, notes="")
    assert not row_of(summary(second), "Bontang").is_unchanged
