"""The pages of a rakor after voting day read right: the trend draws a series only in the weeks that
asked for it, no total is compared with a week that did not ask for it, the letter compares the
reports with the last rakor that received any, the tiles speak the stage's words, the trend says
when it adds fewer regions than the totals, and an overdue follow-up of an ended stage says so."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from regions.models import Region
from reports.brief.letter import draft, indonesian
from reports.models import FollowUp, RakorSession
from reports.rollup.summary import summary
from tests.conftest import make_report

pytestmark = pytest.mark.django_db

D = dt.date
SENT = {"status": "accepted", "first_submitted_at": dt.datetime(2024, 11, 1, tzinfo=dt.UTC)}


@pytest.fixture
def desk(client, secretariat):
    client.force_login(secretariat)
    return client


@pytest.fixture
def samarinda(db) -> Region:
    return Region.objects.get(kemendagri_code="64.72")


def rakor(election, day: dt.date) -> RakorSession:
    return RakorSession.objects.create(election=election, date=day)


def readiness_report(session, region, personnel: int, **fields):
    return make_report(session, region, readiness="siap", security_personnel=personnel, **SENT, **fields)


def count_report(session, region, personnel: int, done: int, **fields):
    return make_report(
        session,
        region,
        security_personnel=personnel,
        recap_kecamatan_done=done,
        voters_voted=region.registered_voters * 4 // 5,  # above the 79 % target: no finding
        **SENT,
        **fields,
    )


@pytest.fixture
def weeks(election, region, other_region, samarinda) -> dict[dt.date, RakorSession]:
    """Three regions report on 11 November, two on 18 November (Samarinda is silent), none to the
    plenary of voting week (25 November), three again on 2 December."""
    sessions = {day: rakor(election, day) for day in (D(2024, 11, 11), D(2024, 11, 18), D(2024, 11, 25))}
    for each, personnel in ((region, 100), (other_region, 200), (samarinda, 300)):
        readiness_report(sessions[D(2024, 11, 11)], each, personnel, kecamatan_ready=2)
    for each, personnel in ((region, 110), (other_region, 210)):
        readiness_report(sessions[D(2024, 11, 18)], each, personnel, kecamatan_ready=3)
    sessions[D(2024, 12, 2)] = rakor(election, D(2024, 12, 2))
    for each, personnel in ((region, 120), (other_region, 220), (samarinda, 320)):
        count_report(sessions[D(2024, 12, 2)], each, personnel, done=1)
    return sessions


def text(html: str) -> str:
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def part(html: str, start: str, end: str) -> str:
    """The visible text between two markers of the page's markup."""
    found = re.search(f"{re.escape(start)}(.*?){re.escape(end)}", html, re.S)
    assert found, start
    return text(found.group(1))


def dashboard(desk, session: RakorSession) -> str:
    response = desk.get(reverse("reports:dashboard_session", args=[session.pk]))
    assert response.status_code == 200
    return response.content.decode()


def tile(html: str, name: str) -> str:
    found = re.search(rf'<span class="desk-tile-name">{name}</span>(.*?)</a>', html, re.S)
    assert found, name
    return text(found.group(1))


def totals_line(html: str, label: str) -> str:
    """The text of one total of the "Jumlah se-provinsi" card: its figure and comparisons."""
    return part(html, f"<dt>{label}</dt><dd>", "</dd>")


def letter(session: RakorSession) -> str:
    with indonesian():
        return draft(summary(session))


def test_the_personnel_trend_after_voting_skips_the_week_nobody_reported_to_and_is_never_empty(desk, weeks):
    """The personnel line has points in the weeks that received reports (not the voting week's
    plenary), adding up the regions that reported at each of them."""
    html = dashboard(desk, weeks[D(2024, 12, 2)])
    trend = part(html, 'id="trend-personnel"', "</svg>")
    assert "Jumlah dari 0" not in html
    assert "Tren menjumlahkan 2 kabupaten/kota yang melapor di setiap rakor" in trend
    assert "25 Nov" not in trend
    assert [label for label in ("300", "320", "340") if label in trend] == ["300", "320", "340"]
    result = summary(weeks[D(2024, 12, 2)])
    assert [point.security_personnel for point in result.trend] == [300, 320, None, 340]


def test_the_trend_has_no_readiness_figure_for_a_week_after_voting_day(desk, weeks):
    """The readiness counts stop at voting day: the week of 2 December shows dashes, not zeros."""
    html = dashboard(desk, weeks[D(2024, 12, 2)])
    table = part(html, "<summary", "</table>")
    assert "2 Des 2024 3/10 0 — — — 340" in table
    assert "18 Nov 2024 2/10 0 2 0 0 320" in table


def test_a_trend_of_weeks_after_voting_only_has_no_readiness_column_and_no_empty_chart(
    desk, election, region, other_region
):
    """With only weeks after voting day, the trend shows no readiness column; and when no region
    reported at every rakor, it says so in a sentence instead of drawing an empty chart."""
    first, second = rakor(election, D(2024, 12, 2)), rakor(election, D(2024, 12, 9))
    count_report(first, region, 120, done=1)
    count_report(second, other_region, 220, done=10)
    html = dashboard(desk, second)
    assert "Siap dg catatan" not in html
    personnel = part(html, 'id="trend-personnel"', "</div>")
    assert "<svg" not in personnel
    assert "Jumlah dari 0" not in personnel
    assert "Belum ada kabupaten/kota yang melaporkan personel pengamanan di setiap rakor" in personnel


def test_no_total_is_compared_with_reports_of_a_week_that_did_not_ask_for_it(
    desk, election, weeks, region, other_region
):
    """On 2 December the recapitulation has no "before" (the weeks before did not ask for it) while
    personnel has; on 9 December the recapitulation is compared with the two regions whose last
    report asked for it, not with Samarinda's older report of a campaign week."""
    html = dashboard(desk, weeks[D(2024, 12, 2)])
    assert totals_line(html, "Personel pengamanan") == "660 (sebelumnya 620 menurut 3 laporan)"
    assert totals_line(html, "Rekapitulasi kecamatan selesai") == "3 dari 105"

    # Samarinda's last report is then that of 11 November, a week that never asked for the count.
    weeks[D(2024, 12, 2)].reports.filter(region__kemendagri_code="64.72").delete()
    ninth = rakor(election, D(2024, 12, 9))
    count_report(ninth, region, 120, done=3)
    count_report(ninth, other_region, 220, done=10)
    html = dashboard(desk, ninth)
    assert totals_line(html, "Rekapitulasi kecamatan selesai") == (
        "13 dari 105 (sebelumnya 2 dari 105 menurut 2 laporan)"
    )
    assert "dari data lama" not in totals_line(html, "Rekapitulasi kecamatan selesai")


def test_the_letter_compares_the_reports_with_the_last_rakor_that_received_any(weeks):
    """The voting week's plenary received no report, so the letter of 2 December compares with
    18 November and never says "naik dari nol"."""
    text_ = letter(weeks[D(2024, 12, 2)])
    assert (
        "Dibandingkan rakor 18 November 2024 (rakor terakhir yang menerima laporan kabupaten/kota), "
        "jumlah kabupaten/kota yang melapor naik dari dua menjadi tiga."
    ) in text_
    assert "dari nol" not in text_


def test_the_letter_says_nothing_of_the_count_when_no_earlier_rakor_received_a_report(election, region):
    """After a rakor that received nothing, and none before it, there is nothing to compare with."""
    rakor(election, D(2024, 11, 25))
    second = rakor(election, D(2024, 12, 2))
    count_report(second, region, 120, done=1)
    text_ = letter(second)
    assert "Dibandingkan rakor" not in text_
    assert "jumlah kabupaten/kota yang melapor" not in text_


def test_tiles_after_voting_day_say_no_finding_instead_of_ready(desk, weeks):
    """After voting day a green tile says "Tidak ada temuan" under the heading "Keadaan
    kabupaten/kota"; before it, the same light still says "Siap" under "Peta kesiapan"."""
    after = dashboard(desk, weeks[D(2024, 12, 2)])
    assert [tile(after, name) for name in ("Paser", "Samarinda", "Bontang")] == [
        "Tidak ada temuan Diterima"
    ] * 3
    assert "Keadaan kabupaten/kota" in after
    assert "Peta kesiapan" not in after

    before = dashboard(desk, weeks[D(2024, 11, 18)])
    assert tile(before, "Bontang") == "Siap Diterima"
    assert "Peta kesiapan kabupaten/kota" in before


def test_the_trend_says_when_it_adds_fewer_regions_than_the_totals(desk, weeks):
    """On 18 November Samarinda is silent: the totals carry its 11 November figure (three regions)
    while the trend adds up the two that reported at every rakor, and the page says so."""
    html = dashboard(desk, weeks[D(2024, 11, 18)])
    assert totals_line(html, "Personel pengamanan").startswith("620 (300 dari data lama)")
    assert [point.security_personnel for point in summary(weeks[D(2024, 11, 18)]).trend] == [300, 320]
    assert (
        "Tren menjumlahkan 2 kabupaten/kota yang melapor di setiap rakor, agar setiap minggu dibandingkan "
        "dengan daerah yang sama; jumlah se-provinsi mencakup 3."
    ) in text(html)


def test_an_overdue_follow_up_of_an_ended_stage_says_so_in_the_letter_and_on_the_dashboard(
    desk, weeks, region
):
    """A follow-up raised in the campaign and still open after voting day is "lewat tenggat;
    tahapan masa kampanye telah berakhir"; before the campaign ends it is only "lewat tenggat"."""
    FollowUp.objects.create(
        session=weeks[D(2024, 11, 11)],
        region=region,
        title="Cek gudang",
        agency="kpu",
        due_date=D(2024, 11, 15),
    )
    after = weeks[D(2024, 12, 2)]
    assert (
        "Cek gudang — Kota Bontang; penanggung jawab KPU; tenggat 15 November 2024 "
        "(lewat tenggat; tahapan masa kampanye telah berakhir)."
    ) in letter(after)
    follow_ups = part(dashboard(desk, after), 'id="follow-ups-title"', "</section>")
    assert "tenggat 15 Nov 2024 lewat tenggat tahapan masa kampanye telah berakhir" in follow_ups

    before = weeks[D(2024, 11, 18)]
    assert "tenggat 15 November 2024 (lewat tenggat)." in letter(before)
    assert "telah berakhir" not in part(dashboard(desk, before), 'id="follow-ups-title"', "</section>")


def test_a_region_after_voting_day_shows_changes_only_in_what_its_last_report_was_asked(desk, weeks, region):
    """Bontang's 2 December report differs from its report of 18 November (the rakor it names) in
    personnel, not in the vote's count, which that campaign week never asked for."""
    row = summary(weeks[D(2024, 12, 2)]).row_for(region)
    assert [(change.section, change.before, change.after) for change in row.changes] == [
        ("security", "110", "120")
    ]
    page = text(desk.get(reverse("reports:report_detail", args=[row.sent.pk])).content.decode())
    assert "menandai bagian yang berbeda dari laporan rakor 18 November 2024" in page
    assert "Rekapitulasi kecamatan selesai: — → 1" not in page
