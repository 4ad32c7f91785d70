"""One assessment: every judgement of a region's week (its light, the alerts, the letter's attention
list and closing judgement, the sign-off checklist) comes from the rule table of
``reports.assessment``; emergencies, post-voting figures and figures that contradict each other
are findings, and a rakor's pages show no incident that happened after its cut-off."""

import dataclasses
import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from incidents.models import IncidentUpdate
from reports import assessment
from reports.assessment import Severity
from reports.brief.checklist import Check, checklist
from reports.brief.letter import draft, indonesian
from reports.models import WITA, LogisticsItem, ShortageLine
from reports.rollup.lights import AlertKind, Light
from reports.rollup.summary import summary
from tests.conftest import make_report
from tests.incident_factories import make_incident

pytestmark = pytest.mark.django_db

SAFE = "berjalan aman dan kondusif"


def sent(session, region, **fields):
    """A report sent for ``session``: submitted, with its fields."""
    return make_report(session, region, status="submitted", first_submitted_at=timezone.now(), **fields)


def letter(session) -> str:
    with indonesian():
        return draft(summary(session))


def kinds(result, region) -> list[str]:
    return [alert.kind for alert in result.alerts if alert.region == region]


def test_changing_one_rules_severity_changes_the_light_the_alerts_the_letter_and_the_checklist(
    session, region, other_region, monkeypatch
):
    """ASN violations are of medium severity: a yellow light, an alert after the grave ones, not in
    the letter's closing nor among what the signer ticks (only Paser's high conflict risk is).
    Raised to high in the table, all four follow."""
    sent(session, region, readiness="siap", asn_violations=2)
    sent(session, other_region, readiness="siap", conflict_risk="tinggi")

    result = summary(session)
    assert result.row_for(region).light == Light.YELLOW
    assert [alert.kind for alert in result.alerts][:2] == [AlertKind.CONFLICT, AlertKind.ASN]
    assert [item.regions for item in checklist(result) if item.kind == Check.GRAVE] == [[other_region]]
    with indonesian():
        assert "Hal yang mendesak di Kabupaten Paser terus kami pantau" in draft(result)

    raised = tuple(
        dataclasses.replace(rule, severity=Severity.HIGH) if rule.kind == AlertKind.ASN else rule
        for rule in assessment.RULES
    )
    monkeypatch.setattr(assessment, "RULES", raised)
    result = summary(session)
    assert result.row_for(region).light == Light.RED
    assert result.row_for(region).explanation == "2 pelanggaran netralitas ASN"
    assert [alert.severity for alert in result.alerts if alert.kind == AlertKind.ASN] == [Severity.HIGH]
    grave = [set(item.regions) for item in checklist(result) if item.kind == Check.GRAVE]
    assert grave == [{region, other_region}]
    with indonesian():
        text = draft(result)
    assert "Hal yang mendesak di Kabupaten Paser dan Kota Bontang terus kami pantau" in text
    assert "Kota Bontang: 2 pelanggaran netralitas ASN" in text


def test_without_a_grave_finding_the_letter_closes_safe_and_the_checklist_asks_nothing_more(session, region):
    """A week with nothing grave: green, no alert of high severity, "aman dan kondusif"."""
    sent(session, region, readiness="siap", security_situation="kondusif", conflict_risk="rendah")
    result = summary(session)
    assert result.row_for(region).light == Light.GREEN
    assert result.grave_findings == []
    assert Check.GRAVE not in [item.kind for item in checklist(result)]
    assert SAFE in letter(session)


def test_a_darurat_incident_leads_the_alerts_turns_its_tile_red_and_keeps_the_letter_from_saying_safe(
    client, secretariat, session, region, other_region
):
    """Bontang reported itself ready; an emergency reported there days earlier, still being
    handled, leads the alerts, turns its light red, is named in the letter's attention list and
    in its incidents, and the letter no longer closes with "aman dan kondusif"."""
    sent(session, region, readiness="siap", security_situation="kondusif")
    sent(session, other_region, readiness="belum_siap")
    make_incident(
        region,
        secretariat,
        severity="perhatian",
        kind="politik_uang",
        occurred_at=dt.datetime(2024, 11, 16, 9, 0, tzinfo=WITA),
    )
    make_incident(
        region,
        secretariat,
        severity="darurat",
        status="ditangani",
        occurred_at=dt.datetime(2024, 11, 13, 21, 0, tzinfo=WITA),
    )

    client.force_login(secretariat)
    response = client.get(reverse("reports:dashboard_session", args=[session.pk]))
    result = response.context["summary"]
    first = result.alerts[0]
    assert (first.kind, first.region, first.severity) == (AlertKind.INCIDENT_URGENT, region, Severity.HIGH)
    assert result.row_for(region).light == Light.RED
    assert "kejadian darurat: konflik/gangguan kamtibmas" in result.row_for(region).explanation
    html = response.content.decode()
    assert html.index(first.message) < html.index("Kabupaten Paser menyatakan belum siap")
    panel = [incident.severity for incident in response.context["open_incidents"].newest]
    assert panel == ["darurat", "perhatian"]  # gravest first, though older

    text = letter(session)
    assert "Hal yang memerlukan perhatian: Kota Bontang: kejadian darurat konflik/gangguan kamtibmas" in text
    assert SAFE not in text
    assert "Hal yang mendesak di Kota Bontang dan Kabupaten Paser terus kami pantau" in text


def test_an_open_incident_is_a_finding_however_old_until_it_is_closed(session, region, secretariat):
    """An incident of "perlu perhatian" from weeks before stays a finding while open; closed before
    the rakor, it is none."""
    sent(session, region, readiness="siap")
    incident = make_incident(
        region, secretariat, severity="perhatian", occurred_at=dt.datetime(2024, 10, 20, 8, 0, tzinfo=WITA)
    )
    assert AlertKind.INCIDENT_ATTENTION in kinds(summary(session), region)
    assert summary(session).row_for(region).light == Light.YELLOW

    IncidentUpdate.objects.create(
        incident=incident,
        author=secretariat,
        text="Selesai.",
        status_before="baru",
        status_after="selesai",
        created_at=dt.datetime(2024, 11, 17, 12, 0, tzinfo=WITA),
    )
    incident.status = "selesai"
    incident.save()
    assert AlertKind.INCIDENT_ATTENTION not in kinds(summary(session), region)
    assert summary(session).row_for(region).light == Light.GREEN


def test_a_rakors_pages_show_no_incident_after_its_cut_off(client, secretariat, session, region):
    """An emergency of the Wednesday after the 18 November rakor is not on that rakor's dashboard,
    tiles or findings."""
    sent(session, region, readiness="siap")
    make_incident(
        region, secretariat, severity="darurat", occurred_at=dt.datetime(2024, 11, 20, 8, 0, tzinfo=WITA)
    )
    client.force_login(secretariat)
    response = client.get(reverse("reports:dashboard_session", args=[session.pk]))
    assert response.context["open_incidents"].total == 0
    assert response.context["summary"].row_for(region).light == Light.GREEN
    assert "kejadian terbuka" not in response.content.decode().split("Peringatan")[0]


def test_a_post_voting_week_with_objections_a_dispute_and_low_turnout_raises_findings(
    recapitulation_week, voting_week, region
):
    """After voting day the rules judge the vote, the recapitulation and the disputes: turnout
    against the target, late TPS, objections, a case at the Constitutional Court, a recapitulation
    behind its stage's end."""
    sent(
        voting_week,
        region,
        tps_opened_on_time=region.polling_stations - 3,
        voters_voted=region.registered_voters // 2,
        security_situation="waspada",
    )
    result = summary(voting_week)
    found = kinds(result, region)
    assert {AlertKind.TURNOUT, AlertKind.TPS_LATE, AlertKind.SECURITY_ALERT} <= set(found)
    turnout = next(alert for alert in result.alerts if alert.kind == AlertKind.TURNOUT)
    assert turnout.message == "Kota Bontang: partisipasi pemilih 50%, di bawah target 79%"
    assert result.row_for(region).light == Light.YELLOW
    assert "Kota Bontang: 3 dari" in letter(voting_week)

    sent(
        recapitulation_week,
        region,
        recap_kecamatan_done=1,
        objections_filed=2,
        disputes_filed=1,
        regency_plenary_date=dt.date(2024, 12, 12),
    )
    result = summary(recapitulation_week)
    assert {
        AlertKind.OBJECTIONS,
        AlertKind.DISPUTES,
        AlertKind.RECAP_BEHIND,
        AlertKind.PLENARY_LATE,
    } <= set(kinds(result, region))
    behind = next(alert for alert in result.alerts if alert.kind == AlertKind.RECAP_BEHIND)
    assert behind.message == (
        f"Kota Bontang: rekapitulasi kecamatan baru selesai 1 dari {region.kecamatan_count} kecamatan, "
        "padahal tahapannya berakhir 3 Desember 2024"
    )
    assert result.row_for(region).light == Light.RED
    text = letter(recapitulation_week)
    assert "Kota Bontang: 1 perkara perselisihan hasil diajukan ke Mahkamah Konstitusi" in text
    assert SAFE not in text


def test_figures_that_contradict_each_other_raise_a_finding_beside_them(
    session, region, other_region, election
):
    """Every kecamatan ready while the region says it is not; logistics "aman" with a shortage line,
    or with items missing once distribution began: each is a finding for the desk to clear, told
    on the dashboard and left out of the letter."""
    sent(session, region, readiness="belum_siap", kecamatan_ready=region.kecamatan_count)
    short = sent(session, other_region, readiness="siap", logistics_status="aman")
    ShortageLine.objects.create(
        report=short, item=LogisticsItem.objects.filter(election=election).first(), quantity=5
    )
    result = summary(session)
    assert AlertKind.KECAMATAN_CONTRADICTION in kinds(result, region)
    assert AlertKind.LOGISTICS_CONTRADICTION in kinds(result, other_region)
    contradiction = next(a for a in result.alerts if a.kind == AlertKind.LOGISTICS_CONTRADICTION)
    assert "logistik dinyatakan aman, padahal masih kekurangan" in contradiction.message
    assert "bertentangan" not in letter(session) and "dinyatakan aman, padahal" not in letter(session)


def test_logistics_safe_with_items_missing_is_a_finding_only_once_distribution_began(session, region):
    """Twelve of fourteen items before distribution starts is on schedule; after it started, the
    "aman" status contradicts the count."""
    report = sent(
        session,
        region,
        logistics_status="aman",
        logistics_items_fulfilled=12,
        distribution_start=dt.date(2024, 11, 20),
    )
    assert AlertKind.LOGISTICS_CONTRADICTION not in kinds(summary(session), region)
    report.distribution_start = dt.date(2024, 11, 15)
    report.save()
    found = [a for a in summary(session).alerts if a.kind == AlertKind.LOGISTICS_CONTRADICTION]
    assert [a.message for a in found] == [
        "Kota Bontang: logistik dinyatakan aman, padahal baru 12 dari 14 item terpenuhi"
    ]
