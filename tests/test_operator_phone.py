"""The operator's form on a phone: an unchanged week confirmed at once (last week's values shown,
each section still open to change), one summary of the errors linking to each field, and dates
typed the Indonesian way (dd/mm/yyyy) whatever the browser's language."""

import datetime as dt
import re

import pytest

from reports.models import ReadinessReport
from reports.registry import sections_of
from tests.conftest import make_report
from tests.operator_pages import errors_beside, open_form, post_form, report_url

pytestmark = pytest.mark.django_db

LAST_WEEK = "2024-11-11"
BEFORE_VOTING = sections_of(["kampanye"])  # what the rakor of 11 and 18 November ask for


def shown_alerts(page: str) -> list[str]:
    """The red banners a reader sees (the offline notice waits hidden)."""
    return [tag for tag in re.findall(r'<div class="alert alert-danger[^>]*>', page) if " hidden" not in tag]


@pytest.fixture
def last_week(previous_session, region) -> ReadinessReport:
    return make_report(
        previous_session,
        region,
        status="accepted",
        first_submitted_at=dt.datetime(2024, 11, 10, 20, 0, tzinfo=dt.UTC),
        readiness="siap",
        security_personnel=1214,
        security_situation="kondusif",
        first_time_voters=8900,
        conflict_risk="rendah",
        confirmed_sections={s.key: LAST_WEEK for s in BEFORE_VOTING},
    )


@pytest.fixture
def operator_client(client, operator, session):
    client.force_login(operator)
    return client


def test_the_form_shows_last_weeks_values_beside_the_confirm_everything_control(
    operator_client, session, last_week
):
    page = operator_client.get(report_url(session)).content.decode()
    assert "Semua bagian masih sama seperti minggu lalu" in page
    assert "Lihat isian rakor 11 November 2024 yang akan dikonfirmasi" in page
    assert "1.214" in page.split('id="semua-sama"')[1].split("</section>")[0]


def test_one_tap_submits_an_unchanged_week_with_every_section_confirmed_and_unchanged(
    operator_client, session, last_week
):
    data = open_form(operator_client, session)
    response = post_form(operator_client, session, data, action="unchanged")
    assert response.status_code == 302
    report = ReadinessReport.objects.get(session=session, region=last_week.region)
    assert report.status == ReadinessReport.Status.SUBMITTED
    assert report.confirmed_sections == {s.key: session.date.isoformat() for s in BEFORE_VOTING}
    assert report.changed_sections == []


def test_the_confirm_everything_box_keeps_a_changed_section_recorded_as_changed(
    operator_client, session, last_week
):
    data = open_form(operator_client, session)
    response = post_form(
        operator_client, session, data, action="submit", confirm_all="on", security_personnel="1.300"
    )
    assert response.status_code == 302
    report = ReadinessReport.objects.get(session=session, region=last_week.region)
    assert report.security_personnel == 1300
    assert report.changed_sections == ["security"]
    assert set(report.confirmed_sections) == {s.key for s in BEFORE_VOTING}


def test_a_first_report_has_no_confirm_everything_control(operator_client, session):
    page = operator_client.get(report_url(session)).content.decode()
    assert "Semua bagian masih sama seperti minggu lalu" not in page


def test_a_refused_submit_shows_one_summary_linking_to_each_field_in_error(
    operator_client, session, last_week
):
    data = open_form(operator_client, session)
    data.update(security_personnel="banyak", readiness="")
    response = post_form(operator_client, session, data, action="submit")
    page = response.content.decode()
    assert len(shown_alerts(page)) == 1
    summary = page.split('id="ringkasan-kesalahan"')[1].split("</div>")[0]
    assert 'href="#id_security_personnel"' in summary
    assert 'href="#id_readiness_0"' in summary
    assert 'id="id_security_personnel"' in page and 'id="id_readiness_0"' in page
    assert "Isi dengan bilangan bulat, misalnya 1.214." in summary
    assert "Pilih kesiapan umum sebelum mengirim laporan." in summary
    assert summary.index("id_readiness_0") < summary.index("id_security_personnel")  # the form's order


def test_dates_are_shown_and_read_as_dd_mm_yyyy_and_iso_is_still_accepted(
    operator_client, session, last_week
):
    data = open_form(operator_client, session)
    page = operator_client.get(report_url(session)).content.decode()
    assert 'type="date"' not in page
    assert 'placeholder="hh/bb/tttt"' in page
    post_form(operator_client, session, data, distribution_start="25/11/2024", distribution_end="2024-11-26")
    report = ReadinessReport.objects.get(session=session, region=last_week.region)
    assert (report.distribution_start, report.distribution_end) == (
        dt.date(2024, 11, 25),
        dt.date(2024, 11, 26),
    )
    assert open_form(operator_client, session)["distribution_start"] == "25/11/2024"


def test_a_date_typed_the_american_way_is_refused_with_the_indonesian_message(
    operator_client, session, last_week
):
    data = open_form(operator_client, session)
    response = post_form(operator_client, session, data, distribution_start="11/25/2024")
    assert errors_beside(response, "distribution_start") == [
        "Isi tanggal yang benar dengan format hh/bb/tttt, misalnya 23/11/2024."
    ]


def test_the_form_heading_writes_the_rakor_date_in_words(operator_client, session):
    page = operator_client.get(report_url(session)).content.decode()
    assert "Laporan kesiapan · Rakor mingguan 18 November 2024" in page
    assert "18-11-2024" not in page


def test_the_manifest_names_the_app_and_opens_on_the_report_form(client):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = response.json()
    assert (manifest["short_name"], manifest["start_url"], manifest["display"]) == (
        "Desk Pilkada",
        "/laporan/",
        "standalone",
    )
    assert manifest["icons"][0]["src"] == "/static/img/favicon.svg"


def test_the_service_worker_is_served_from_the_root_for_the_whole_site(client):
    response = client.get("/offline-worker.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert b"desk-offline-" in response.content
    # The queue's helpers come first, for the worker sends what the page queued, on Background Sync.
    assert response.content.index(b"var DeskQueue") < response.content.index(b'addEventListener("sync"')


def test_the_service_worker_and_the_manifest_are_revalidated_not_fetched_again_on_every_visit(client):
    for url in ("/offline-worker.js", "/manifest.webmanifest"):
        response = client.get(url)
        assert response["Cache-Control"] == "no-cache"  # kept, and asked for again on each use
        unchanged = client.get(url, headers={"If-None-Match": response["ETag"]})
        assert (unchanged.status_code, unchanged.content) == (304, b"")
        assert unchanged["Cache-Control"] == "no-cache"
        changed = client.get(url, headers={"If-None-Match": '"an-older-version"'})
        assert (changed.status_code, changed.content) == (200, response.content)


def test_an_operators_page_names_the_worker_and_a_per_user_cache_key(
    operator_client, session, other_operator
):
    page = operator_client.get(report_url(session)).content.decode()
    key = re.search(r'data-offline-user="([0-9a-f]{24})"', page).group(1)
    assert 'data-offline-worker="/offline-worker.js"' in page
    assert 'rel="manifest" href="/manifest.webmanifest"' in page
    operator_client.force_login(other_operator)
    other = operator_client.get(report_url(session)).content.decode()
    assert f'data-offline-user="{key}"' not in other
