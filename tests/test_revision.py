"""What a server process remembers between requests (``reports.revision``): the dashboard, the brief
and its files are built once per revision of the desk's data, and any write the desk shows (an
operator's report, a review, attendance, a follow-up, a region's figures, a seed) is on the very
next load. These tests commit for real, as a server does; outside a test transaction."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from regions.models import Region
from reports import revision
from reports.models import FollowUp, ReadinessReport, Revision
from reports.rollup import summary
from tests.conftest import make_report
from tests.operator_pages import open_form, post_form

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

FUTURE = dt.datetime(2100, 1, 1, tzinfo=dt.UTC)


def value() -> int:
    return Revision.objects.get(pk=1).value


@pytest.fixture
def desk(client, secretariat) -> Client:
    client.force_login(secretariat)
    return client


def test_a_roll_up_is_built_once_per_revision_and_a_write_makes_the_next_one_new(session, region):
    first = summary(session)
    with CaptureQueriesContext(connection) as queries:
        again = summary(session)
    assert again is first
    assert len(queries) == 1  # the revision only

    make_report(
        session, region, status="submitted", first_submitted_at=timezone.now(), security_personnel=1214
    )
    fresh = summary(session)
    assert fresh is not first
    assert fresh.totals.security_personnel == 1214
    assert [r.name for r in fresh.completeness.reported] == [region.name]


def test_a_saved_report_is_on_the_very_next_dashboard_load(desk, operator, session, region):
    session.deadline = FUTURE
    session.save(update_fields=["deadline"])
    dashboard = reverse("reports:dashboard_session", args=[session.pk])
    with CaptureQueriesContext(connection) as built:
        assert "0 dari 10 kabupaten/kota telah melapor" in desk.get(dashboard).content.decode()
    with CaptureQueriesContext(connection) as kept:
        assert "0 dari 10 kabupaten/kota telah melapor" in desk.get(dashboard).content.decode()
    assert len(kept) < len(built)  # the second load is served from what the process kept

    operator_client = Client()
    operator_client.force_login(operator)
    data = open_form(operator_client, session)
    response = post_form(operator_client, session, data, action="submit", readiness="siap")
    assert response.status_code == 302

    page = desk.get(dashboard).content.decode()
    assert "1 dari 10 kabupaten/kota telah melapor" in page
    assert ReadinessReport.objects.get(session=session, region=region).status == "submitted"


def test_the_brief_files_follow_the_data(desk, session, region):
    print_view = reverse("reports:brief_print", args=[session.pk])
    csv = reverse("reports:brief_csv", args=[session.pk])
    assert f"{region} menyatakan" not in desk.get(print_view).content.decode()
    before = desk.get(csv).content

    make_report(
        session,
        region,
        status="submitted",
        first_submitted_at=timezone.now(),
        security_personnel=1214,
        readiness="siap",
    )

    assert f"{region} menyatakan" in desk.get(print_view).content.decode()
    after = desk.get(csv).content
    assert after != before
    assert b"1214" in after


def test_a_follow_up_closed_and_a_region_renamed_show_at_once(desk, session, secretariat):
    follow_up = FollowUp.objects.create(
        session=session,
        title="Kirim tambahan surat suara",
        agency=FollowUp.Agency.KPU,
        due_date=dt.date(2024, 11, 22),
        created_by=secretariat,
    )
    assert [f.pk for f in summary(session).follow_ups_open] == [follow_up.pk]
    follow_up.closed_at, follow_up.closed_by = timezone.now(), secretariat
    follow_up.save()
    assert summary(session).follow_ups_open == []
    assert [f.pk for f in summary(session).follow_ups_closed] == [follow_up.pk]

    bontang = Region.objects.get(kemendagri_code="64.74")
    bontang.name = "Kota Bontang (baru)"
    bontang.save()
    page = desk.get(reverse("reports:dashboard_session", args=[session.pk])).content.decode()
    assert "Kota Bontang (baru)" in page


def test_one_transaction_moves_the_revision_once_and_a_rolled_back_one_not_at_all(session, region):
    start = value()
    with transaction.atomic():
        report = make_report(session, region)
        report.security_personnel = 10
        report.save()
        report.shortages.create(item=session.election.logistics_items.first(), quantity=5)
        assert value() == start  # counted once committed
    assert value() == start + 1

    kept = report.pk
    with pytest.raises(RuntimeError), transaction.atomic():
        report.delete()
        raise RuntimeError
    assert value() == start + 1
    assert ReadinessReport.objects.filter(pk=kept).exists()


def test_inside_a_transaction_nothing_is_remembered(session, region):
    with transaction.atomic():
        first = summary(session)
        make_report(session, region, status="submitted", first_submitted_at=timezone.now())
        inside = summary(session)
        assert inside is not first
        assert inside.completeness.reported_count == 1
    assert summary(session) is not inside


def test_bulk_seeding_moves_the_revision(session):
    start = value()
    call_command("seed_demo", stdout=io.StringIO())
    assert value() > start
    demo = summary(ReadinessReport.objects.filter(session__date=dt.date(2024, 11, 18)).first().session)
    assert demo.completeness.reported_count == 7


def test_a_value_built_at_an_earlier_revision_is_not_kept_over_a_later_one():
    revision.kept.put(5, "page", "at five")
    revision.kept.put(4, "page", "at four, finished late")
    assert revision.kept.get(5, "page") == "at five"
    assert revision.kept.get(4, "page") is None
    revision.kept.put(6, "other", "at six")
    assert revision.kept.get(5, "page") is None


def test_a_restore_moves_the_revision_past_the_replaced_one():
    Revision.objects.filter(pk=1).update(value=3)
    revision.bump(at_least=40)
    assert value() == 41
    revision.bump()
    assert value() == 42
