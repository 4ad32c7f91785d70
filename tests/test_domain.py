"""The Kaltim domain as stored: regions, the election, and the rules the database enforces."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from regions.models import Region
from reports.models import (
    AgendaLine,
    Attendance,
    Election,
    RakorSession,
    ReadinessReport,
    ShortageLine,
)
from reports.registry import Kind, of_kind
from tests.conftest import make_report

pytestmark = pytest.mark.django_db


def test_the_ten_kaltim_regions_are_loaded_with_both_codes_and_counts():
    regions = {r.kemendagri_code: r for r in Region.objects.all()}
    assert len(regions) == 10
    kukar = regions["64.02"]
    assert (kukar.name, kukar.bps_code, kukar.kind, kukar.capital) == (
        "Kutai Kartanegara",
        "6403",
        "kabupaten",
        "Tenggarong",
    )
    assert (kukar.kecamatan_count, kukar.kelurahan_count, kukar.desa_count) == (20, 44, 193)
    assert regions["64.07"].bps_code == "6402"  # Kutai Barat: the codes differ
    assert regions["64.74"].capital == ""
    assert sum(r.kecamatan_count for r in regions.values()) == 105
    assert sum(r.kelurahan_count + r.desa_count for r in regions.values()) == 1038
    assert sum(r.registered_voters for r in regions.values()) == 2_821_202
    assert sum(r.polling_stations for r in regions.values()) == 6_274
    assert str(regions["64.74"]) == "Kota Bontang"


def test_pilkada_2024_has_its_calendar_target_and_fourteen_items(election):
    assert election.voting_day == dt.date(2024, 11, 27)
    assert (election.campaign_start, election.campaign_end) == (dt.date(2024, 9, 25), dt.date(2024, 11, 23))
    assert (election.quiet_start, election.quiet_end) == (dt.date(2024, 11, 24), dt.date(2024, 11, 26))
    assert election.participation_target == 79
    assert election.logistics_items.count() == 14
    assert election.logistics_items.filter(name="Surat suara").exists()


def test_session_deadline_defaults_to_monday_eight_wita_and_h_minus_is_derived(session):
    assert session.deadline.isoformat() == "2024-11-18T08:00:00+08:00"
    assert session.days_to_voting == 9


def test_weekly_sessions_are_mondays_through_the_recapitulation_and_never_duplicated(election):
    created = election.create_weekly_sessions()
    dates = sorted(s.date for s in created)
    assert dates[0] == dt.date(2024, 9, 30)
    assert dates[-1] == dt.date(2024, 12, 9)  # the province's recapitulation ends on 9 December
    assert all(day.weekday() == 0 for day in dates)
    assert len(dates) == 11
    assert election.create_weekly_sessions() == []
    assert RakorSession.objects.filter(election=election).count() == 11


def test_weekly_sessions_stop_at_voting_day_when_no_later_stage_keeps_the_rakor(election):
    election.stages.update(weekly_rakor=False)
    dates = sorted(s.date for s in election.create_weekly_sessions())
    assert dates[-1] == dt.date(2024, 11, 25)
    assert len(dates) == 9


def test_create_sessions_command_is_idempotent(election, capsys):
    from django.core.management import call_command

    call_command("create_sessions", "Pilkada Serentak 2024")
    call_command("create_sessions", "Pilkada Serentak 2024")
    assert RakorSession.objects.filter(election=election).count() == 11
    assert "0 rakor baru" in capsys.readouterr().out


def test_create_sessions_preview_lists_the_sessions_and_creates_none(election, capsys):
    from django.core.management import call_command

    call_command("create_sessions", "Pilkada Serentak 2024", "--pratinjau")
    out = capsys.readouterr().out
    assert "akan dibuat: Rakor mingguan 25 November 2024, batas waktu 25 November 2024, 08.00 WITA" in out
    assert "akan dibuat: Rakor mingguan 9 Desember 2024, batas waktu 9 Desember 2024, 08.00 WITA" in out
    assert "11 rakor akan dibuat" in out
    assert not RakorSession.objects.filter(election=election).exists()


def test_one_report_per_session_and_region(session, region):
    make_report(session, region)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_report(session, region)


@pytest.mark.parametrize(
    "fields",
    [
        {"security_personnel": -1},
        {"asn_violations": -3},
        {"security_personnel": 10**7},
        {"first_time_voters": 10**8},
        {"distribution_start": dt.date(2024, 11, 25), "distribution_end": dt.date(2024, 11, 23)},
        {"version": 0},
        {"status": "submitted"},
    ],
)
def test_the_database_refuses_impossible_report_values(session, region, fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_report(session, region, **fields)
    assert not ReadinessReport.objects.exists()


def test_shortage_quantity_must_be_positive(session, region, election):
    report = make_report(session, region)
    item = election.logistics_items.get(name="Surat suara")
    with pytest.raises(IntegrityError), transaction.atomic():
        ShortageLine.objects.create(report=report, item=item, quantity=0)


def test_attendance_is_recorded_once_per_session_and_region(session, region):
    Attendance.objects.create(session=session, region=region, status="hadir")
    with pytest.raises(IntegrityError), transaction.atomic():
        Attendance.objects.create(session=session, region=region, status="izin")


def test_election_calendar_must_be_in_order(election):
    with pytest.raises(IntegrityError), transaction.atomic():
        Election.objects.create(
            name="Salah urut",
            voting_day=dt.date(2024, 11, 27),
            campaign_start=dt.date(2024, 11, 23),
            campaign_end=dt.date(2024, 9, 25),
            quiet_start=dt.date(2024, 11, 24),
            quiet_end=dt.date(2024, 11, 26),
            calendar_start=dt.date(2024, 9, 25),
            calendar_end=dt.date(2024, 12, 16),
            participation_target=79,
        )


def test_session_cannot_be_forwarded_before_sign_off(session):
    session.forwarded_at = session.deadline
    with pytest.raises(IntegrityError), transaction.atomic():
        session.save()


def test_kecamatan_ready_cannot_exceed_the_regions_kecamatan(session, region):
    report = ReadinessReport(session=session, region=region, kecamatan_ready=4)
    with pytest.raises(ValidationError) as error:
        report.full_clean()
    assert "Bontang hanya memiliki 3 kecamatan." in error.value.message_dict["kecamatan_ready"]


def test_items_fulfilled_cannot_exceed_the_elections_items(session, region):
    report = ReadinessReport(session=session, region=region, logistics_items_fulfilled=15)
    with pytest.raises(ValidationError) as error:
        report.full_clean()
    message = "Pemilihan ini hanya memiliki 14 item logistik."
    assert message in error.value.message_dict["logistics_items_fulfilled"]


def test_agenda_line_belongs_to_a_report(session, region):
    report = make_report(session, region)
    AgendaLine.objects.create(report=report, kind="debat", date=dt.date(2024, 11, 22))
    assert report.agenda.get().get_kind_display() == "Debat publik"


WINDOW = "Tanggal harus di antara 25 September 2024 dan 16 Desember 2024."


def test_the_2024_election_keeps_its_calendar_window_from_campaign_to_recapitulation(election):
    assert (election.calendar_start, election.calendar_end) == (dt.date(2024, 9, 25), dt.date(2024, 12, 16))


def test_an_elections_window_must_cover_the_campaign_and_voting_day(election):
    election.calendar_end = dt.date(2024, 11, 26)
    with pytest.raises(IntegrityError), transaction.atomic():
        election.save()


@pytest.mark.parametrize("name", [field.name for field in of_kind(Kind.DATE)])
@pytest.mark.parametrize(
    "day", [dt.date(1, 1, 1), dt.date(2024, 9, 24), dt.date(2024, 12, 17), dt.date(9999, 12, 31)]
)
def test_full_clean_refuses_a_report_date_outside_the_elections_window(session, region, name, day):
    report = ReadinessReport(session=session, region=region, **{name: day})
    with pytest.raises(ValidationError) as error:
        report.full_clean()
    assert error.value.message_dict[name] == [WINDOW]


@pytest.mark.parametrize("day", [dt.date(1, 1, 1), dt.date(9999, 12, 31)])
def test_full_clean_refuses_an_agenda_line_outside_the_elections_window(session, region, day):
    line = AgendaLine(report=make_report(session, region), kind=AgendaLine.Kind.OTHER, date=day)
    with pytest.raises(ValidationError) as error:
        line.full_clean()
    assert error.value.message_dict["date"] == [WINDOW]


def test_the_windows_first_and_last_days_are_accepted(session, region):
    report = make_report(session, region)
    for day in (dt.date(2024, 9, 25), dt.date(2024, 12, 16)):
        ReadinessReport(session=session, region=region, distribution_start=day).full_clean(
            validate_unique=False, validate_constraints=False
        )
        AgendaLine(report=report, kind=AgendaLine.Kind.OTHER, date=day).full_clean()


@pytest.mark.parametrize("name", [field.name for field in of_kind(Kind.TEXT)])
def test_full_clean_refuses_a_1_mb_note(session, region, name):
    report = ReadinessReport(session=session, region=region, **{name: "x" * 1_000_000})
    with pytest.raises(ValidationError) as error:
        report.full_clean()
    assert error.value.message_dict[name] == ["Terlalu panjang; paling banyak 1.000 karakter."]


@pytest.mark.parametrize("field", of_kind(Kind.COUNT), ids=lambda field: field.name)
def test_full_clean_refuses_a_count_above_its_registry_limit(session, region, field):
    report = ReadinessReport(session=session, region=region, **{field.name: field.maximum + 1})
    with pytest.raises(ValidationError) as error:
        report.full_clean()
    assert (
        f"Terlalu besar; paling banyak {field.maximum:,}.".replace(",", ".")
        in error.value.message_dict[field.name]
    )


@pytest.mark.parametrize("field", of_kind(Kind.COUNT), ids=lambda field: field.name)
def test_the_database_refuses_a_count_above_its_registry_limit(session, region, field):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_report(session, region, **{field.name: field.maximum + 1})


def test_full_clean_refuses_line_texts_past_their_length(session, region, election):
    report = make_report(session, region)
    item = election.logistics_items.get(name="Surat suara")
    with pytest.raises(ValidationError) as error:
        ShortageLine(report=report, item=item, quantity=1, note="x" * 1_000_000).full_clean()
    assert "note" in error.value.message_dict
    line = AgendaLine(report=report, kind="lainnya", date=dt.date(2024, 11, 20), place="x" * 201)
    with pytest.raises(ValidationError) as error:
        line.full_clean()
    assert "place" in error.value.message_dict
