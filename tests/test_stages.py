"""The election's calendar drives the desk: its stages after voting day, the weekly rakor continuing
through the stages the admin chooses, the report's sections following the stage of the week, and
the dashboard, the totals and the letter speaking that stage's language (H+n)."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from reports.brief.letter import draft, indonesian
from reports.models import Election, ElectionStage, RakorSession, ReadinessReport, StageKind
from reports.registry import SECTIONS, fields_of, sections_of
from reports.rollup.summary import summary
from tests.conftest import make_report
from tests.operator_pages import errors_beside, form_data, open_form, post_form, report_url

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.fixture
def operator_client(client, operator):
    client.force_login(operator)
    return client


@pytest.fixture
def desk(client, secretariat):
    client.force_login(secretariat)
    return client


def stored(session, region) -> ReadinessReport:
    return ReadinessReport.objects.get(session=session, region=region)


def test_the_countdown_is_h_minus_before_voting_day_hari_h_on_it_and_h_plus_after(election):
    days = {D(2024, 11, 18): "H-9", D(2024, 11, 27): "Hari H", D(2024, 12, 2): "H+5"}
    for day, countdown in days.items():
        assert RakorSession(election=election, date=day).countdown == countdown


def test_each_rakor_follows_the_stages_of_the_week_it_reports_on(election):
    def stages(day: dt.date) -> list[StageKind]:
        return Election.objects.get(pk=election.pk).stages_of_week(day)

    assert stages(D(2024, 11, 18)) == [StageKind.CAMPAIGN]
    assert stages(D(2024, 11, 25)) == [StageKind.CAMPAIGN, StageKind.QUIET]
    assert StageKind.VOTING in stages(D(2024, 12, 2))  # the week of 25 November to 1 December
    assert StageKind.QUIET not in stages(D(2024, 12, 2))  # the vote's week no longer asks readiness
    assert stages(D(2024, 12, 9)) == [
        StageKind.RECAP_KECAMATAN,
        StageKind.RECAP_REGENCY,
        StageKind.RECAP_PROVINCE,
    ]
    ElectionStage.objects.create(election=election, kind="sengketa", start=D(2025, 1, 8), end=D(2025, 2, 24))
    assert stages(D(2024, 12, 30)) == [StageKind.RECAP_PROVINCE]  # a pause keeps the last stage begun
    assert stages(D(2025, 1, 13)) == [StageKind.DISPUTE]


def test_a_week_before_voting_asks_for_readiness_and_not_for_the_count(operator_client, session):
    content = operator_client.get(report_url(session)).content.decode()
    for name in ("readiness", "logistics_status", "kecamatan_ready", "kekurangan-TOTAL_FORMS"):
        assert f'name="{name}"' in content
    for name in ("tps_opened_on_time", "voters_voted", "recap_kecamatan_done", "objections_filed"):
        assert f'name="{name}"' not in content
    assert "H-9 pemungutan suara" in content
    assert "Tahapan: masa kampanye" in content


def test_a_week_after_voting_asks_for_the_vote_the_recapitulation_and_security_and_saves_them(
    operator_client, previous_session, voting_week, region
):
    before = make_report(
        previous_session,
        region,
        status="accepted",
        first_submitted_at=dt.datetime(2024, 11, 10, tzinfo=dt.UTC),
        readiness="siap",
        kecamatan_ready=3,
        security_personnel=900,
        confirmed_sections={section.key: "2024-11-11" for section in sections_of(previous_session.stages)},
    )
    response = operator_client.get(report_url(voting_week))
    content = response.content.decode()
    data = form_data(response)
    assert "H+5 setelah pemungutan suara" in content
    assert "rekapitulasi kecamatan" in content
    for name in (
        "readiness",
        "logistics_status",
        "kecamatan_ready",
        "kekurangan-TOTAL_FORMS",
        "agenda-TOTAL_FORMS",
    ):
        assert name not in data
    assert data["security_personnel"] == "900"  # the security section is carried into the count
    data.update(
        tps_opened_on_time=str(region.polling_stations - 1),
        tps_incidents="1",
        voters_voted=str(region.registered_voters // 2),
        recap_kecamatan_done="2",
        regency_plenary_date="30/11/2024",
        objections_filed="0",
        disputes_filed="0",
        security_situation="kondusif",
    )
    for section in sections_of(voting_week.stages):
        data[f"confirm_{section.key}"] = "on"
    assert post_form(operator_client, voting_week, data, action="submit").status_code == 302
    report = stored(voting_week, region)
    assert report.status == "submitted"  # no readiness asked, none demanded
    assert (report.tps_opened_on_time, report.voters_voted, report.recap_kecamatan_done) == (
        region.polling_stations - 1,
        region.registered_voters // 2,
        2,
    )
    assert report.regency_plenary_date == D(2024, 11, 30)
    assert report.readiness == "" and report.kecamatan_ready is None
    assert set(report.confirmed_sections) >= {"voting", "recapitulation", "disputes", "readiness"}
    assert report.confirmed_sections["readiness"] == previous_session.date.isoformat()
    before.refresh_from_db()
    assert (before.readiness, before.kecamatan_ready) == ("siap", 3)


def test_a_count_beyond_the_regions_own_total_is_refused_beside_its_field(
    operator_client, voting_week, region
):
    data = open_form(operator_client, voting_week)
    data.update(tps_opened_on_time=str(region.polling_stations + 1), recap_kecamatan_done="4")
    response = post_form(operator_client, voting_week, data)
    assert errors_beside(response, "tps_opened_on_time") == [
        f"Bontang hanya memiliki {region.polling_stations} TPS."
    ]
    assert errors_beside(response, "recap_kecamatan_done") == ["Bontang hanya memiliki 3 kecamatan."]
    assert not ReadinessReport.objects.filter(session=voting_week).exists()


def test_one_tap_confirm_carries_the_recapitulation_weeks_sections(
    operator_client, voting_week, recapitulation_week, region
):
    make_report(
        voting_week,
        region,
        status="accepted",
        first_submitted_at=dt.datetime(2024, 12, 1, tzinfo=dt.UTC),
        security_situation="kondusif",
        recap_kecamatan_done=3,
        objections_filed=1,
        disputes_notes="Satu keberatan saksi di Bontang Utara.",
    )
    page = operator_client.get(report_url(recapitulation_week)).content.decode()
    assert "Kirim: semua bagian masih sama" in page
    assert "H+12 setelah pemungutan suara" in page
    data = form_data(operator_client.get(report_url(recapitulation_week)))
    assert "tps_opened_on_time" not in data  # the vote's week is over
    assert post_form(operator_client, recapitulation_week, data, action="unchanged").status_code == 302
    report = stored(recapitulation_week, region)
    assert report.status == "submitted"
    assert (report.recap_kecamatan_done, report.objections_filed) == (3, 1)
    assert report.disputes_notes == "Satu keberatan saksi di Bontang Utara."
    assert report.changed_sections == []
    asked = {section.key for section in sections_of(recapitulation_week.stages)}
    assert {key for key, day in report.confirmed_sections.items() if day == "2024-12-09"} == asked


def test_one_tap_confirm_is_not_offered_when_the_stage_asks_for_new_sections(
    operator_client, previous_session, session, voting_week, region
):
    make_report(
        previous_session,
        region,
        status="accepted",
        first_submitted_at=dt.datetime(2024, 11, 10, tzinfo=dt.UTC),
        readiness="siap",
    )
    one_tap = "Kirim: semua bagian masih sama"
    assert one_tap in operator_client.get(report_url(session)).content.decode()
    assert one_tap not in operator_client.get(report_url(voting_week)).content.decode()


def test_the_dashboard_speaks_the_stage_of_the_week(desk, demo):
    before = desk.get(reverse("reports:dashboard_session", args=[demo.pk])).content.decode()
    assert "H-9" in before and "menuju pemungutan suara 27 November 2024" in before
    assert "Kekurangan logistik" in before and "Kecamatan siap" in before
    week = RakorSession.objects.get(date=D(2024, 12, 2))
    after = desk.get(reverse("reports:dashboard_session", args=[week.pk])).content.decode()
    assert '<div class="desk-big">H+5</div>' in after
    assert "setelah pemungutan suara 27 November 2024" in after
    assert "rekapitulasi kecamatan selesai 61 dari 105" in after
    assert "TPS dibuka tepat waktu" in after and "Rekapitulasi kecamatan" in after
    assert "Kecamatan siap" not in after and "Pemilih pemula" not in after
    assert "<dt>Kekurangan logistik</dt>" not in after
    assert "kesiapan umum belum diisi" not in after  # readiness is not asked after voting day
    last = RakorSession.objects.get(date=D(2024, 12, 9))
    page = desk.get(reverse("reports:dashboard_session", args=[last.pk])).content.decode()
    assert "H+12" in page and "rekapitulasi kecamatan selesai 105 dari 105" in page
    assert "TPS dibuka tepat waktu" not in page


def test_the_totals_add_up_the_stages_counts(demo):
    result = summary(RakorSession.objects.get(date=D(2024, 12, 2)))
    recap = result.totals.figures["recap_kecamatan_done"]
    assert (recap.value, recap.out_of) == (61, 105)
    assert result.totals.figures["voters_voted"].out_of == result.totals.registered_voters
    assert "kecamatan_ready" not in result.totals.figures


def test_the_letter_speaks_the_stage_of_the_week(demo):
    with indonesian():
        after = draft(summary(RakorSession.objects.get(date=D(2024, 12, 2))))
        before = draft(summary(demo))
    assert "H+5 setelah pemungutan suara Pilkada Serentak 2024 pada 27 November 2024" in after
    assert "rekapitulasi kecamatan selesai 61 dari 105 kecamatan" in after
    assert "Sepuluh kabupaten dan kota telah menyampaikan laporan." in after
    assert "laporan kesiapan" not in after and "Peningkatan pemilih pemula" not in after
    assert "keberatan saksi" in after  # the standing concerns of the recapitulation
    assert "H-9 menjelang pemungutan suara" in before and "laporan kesiapan" in before


def test_the_letter_on_voting_day_says_so(election, region):
    day = RakorSession.objects.create(election=election, date=D(2024, 11, 27))
    with indonesian():
        letter = draft(summary(day))
    assert "bertepatan dengan hari pemungutan suara Pilkada Serentak 2024" in letter


def admin_form(admin_client, election) -> tuple[str, dict[str, str]]:
    url = reverse("admin:reports_election_change", args=[election.pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    return url, form_data(response, "election_form")


def stage_prefix(data: dict[str, str], kind: str) -> str:
    return next(
        key.removesuffix("-kind") for key, value in data.items() if key.endswith("-kind") and value == kind
    )


def test_the_admin_edits_the_stages_on_the_election_and_the_rakor_follows(admin_client, election):
    url, data = admin_form(admin_client, election)
    prefix = stage_prefix(data, "rekap_provinsi")
    data[f"{prefix}-end"] = "2024-12-16"
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert election.stages.get(kind="rekap_provinsi").end == D(2024, 12, 16)
    election.refresh_from_db()
    assert election.rakor_days(D(2024, 12, 1)) == [D(2024, 12, 2), D(2024, 12, 9), D(2024, 12, 16)]
    data[f"{prefix}-weekly_rakor"] = ""
    for kind in ("rekap_kecamatan", "rekap_kabkota", "penghitungan"):
        data[f"{stage_prefix(data, kind)}-weekly_rakor"] = ""
    data = {key: value for key, value in data.items() if value != ""}
    assert admin_client.post(url, data).status_code == 302
    election.refresh_from_db()
    assert election.rakor_days(D(2024, 11, 20)) == [D(2024, 11, 25)]  # up to voting day only


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"start": "2024-11-20"},
            "Tahapan ini dimulai paling cepat pada hari pemungutan suara (27 November 2024).",
        ),
        ({"end": "2026-01-01"}, "Tahapan ini selesai paling lambat 28 November 2025."),
        ({"end": "2024-12-20"}, "Rakor mingguan hanya dapat berlanjut sampai akhir tahapan yang dipantau"),
        ({"start": "2024-12-05", "end": "2024-12-01"}, "Tahapan tidak boleh selesai sebelum dimulai."),
    ],
)
def test_the_admin_refuses_a_stage_out_of_its_bounds(admin_client, election, changes, message):
    url, data = admin_form(admin_client, election)
    prefix = stage_prefix(data, "rekap_provinsi")
    data.update({f"{prefix}-{name}": value for name, value in changes.items()})
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert election.stages.get(kind="rekap_provinsi").end == D(2024, 12, 9)


def test_the_database_refuses_a_stage_ending_before_it_starts_or_held_in_the_elections_fields(election):
    with pytest.raises(IntegrityError), transaction.atomic():
        ElectionStage.objects.create(
            election=election, kind="penetapan", start=D(2024, 12, 20), end=D(2024, 12, 1)
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        ElectionStage.objects.create(
            election=election, kind="kampanye", start=D(2024, 12, 1), end=D(2024, 12, 2)
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        ElectionStage.objects.create(
            election=election, kind="rekap_provinsi", start=D(2024, 12, 1), end=D(2024, 12, 2)
        )


def test_the_stages_sections_cover_every_section_and_the_vote_is_asked_only_after_voting_day(election):
    asked = {section.key for kind in StageKind for section in sections_of([kind])}
    assert asked == {section.key for section in SECTIONS}  # every section belongs to some stage
    before = fields_of(sections_of([StageKind.CAMPAIGN, StageKind.QUIET]))
    assert "readiness" in before and "tps_opened_on_time" not in before
    assert "readiness" not in fields_of(sections_of([StageKind.RECAP_KECAMATAN]))
