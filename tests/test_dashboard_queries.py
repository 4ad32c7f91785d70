"""The desk's pages cost the same number of queries for Kaltim (10 regions × 4 rakor) as for a
national desk (60 regions × 20 rakor)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reports.models import Election, LogisticsItem, ReadinessReport
from tests.factories import build_province

pytestmark = pytest.mark.django_db

# Measured: the roll-up's twelve (the election's stages, the week's incidents and those open at the
# rakor's cut-off among them), plus
# the rakor row, the login session (read, and its save in a savepoint: three), the user and their
# groups (no region membership: only operators have one, and the page asks only for theirs); the
# drill-down adds the
# region's history (reports, shortages), the report's agenda lines and its sender, and the
# "riwayat perubahan" (the report's, its lines' and the names in them: a fixed number more). Both
# pages count the bell's unread notices and read the operators' numbers (on the dashboard only for
# the regions still missing); the drill-down also its last notifications, and the province's regions
# and the reports waiting for review (its previous/next links: two).
DASHBOARD_QUERIES = 18
DRILLDOWN_QUERIES = 29


def pages(session):
    report = ReadinessReport.objects.filter(session=session).order_by("region__kemendagri_code").first()
    return {
        "dashboard": (reverse("reports:dashboard_session", args=[session.pk]), DASHBOARD_QUERIES),
        "drilldown": (report.get_absolute_url(), DRILLDOWN_QUERIES),
    }


def count(client, url) -> int:
    """Queries of one load, after a first load that renews the login session if building the
    data took more than the renewal interval (that write belongs to the session, not the page)."""
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(("regions", "sessions"), [(10, 4), (60, 20)])
def test_dashboard_and_drilldown_stay_within_their_query_budget(
    client, secretariat, election, regions, sessions, django_assert_max_num_queries
):
    session = build_province(election, regions, sessions)
    client.force_login(secretariat)
    for url, budget in pages(session).values():
        client.get(url)
        with django_assert_max_num_queries(budget):
            response = client.get(url)
        assert response.status_code == 200


def test_the_query_count_does_not_grow_with_regions_or_sessions(client, secretariat, election):
    client.force_login(secretariat)
    small = build_province(election, 10, 4)
    small_counts = {name: count(client, url) for name, (url, _budget) in pages(small).items()}
    national = Election.objects.create(
        name="Pilkada nasional",
        voting_day=election.voting_day,
        campaign_start=election.campaign_start,
        campaign_end=election.campaign_end,
        quiet_start=election.quiet_start,
        quiet_end=election.quiet_end,
        calendar_start=election.calendar_start,
        calendar_end=election.calendar_end,
        participation_target=election.participation_target,
    )
    LogisticsItem.objects.create(election=national, name="Surat suara", unit="lembar")
    large = build_province(national, 60, 20)
    large_counts = {name: count(client, url) for name, (url, _budget) in pages(large).items()}
    assert small_counts == large_counts
