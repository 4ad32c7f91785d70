"""Races between reviewers, with real threads on PostgreSQL: two secretariat members reviewing the
same submitted report at the same moment give one review, and the other is told why."""

import pytest
from django.conf import settings

from accounts.access import Role
from reports.models import ReadinessReport
from reports.workflow import writes
from tests.conftest import make_report, make_user
from tests.threads import run_together

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql", reason="needs PostgreSQL"
    ),
]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_reviewers_at_once_give_one_review_and_the_other_is_told(session, region, operator):
    first = make_user("sekretariat.satu", Role.SECRETARIAT)
    second = make_user("sekretariat.dua", Role.SECRETARIAT)
    report = make_report(session, region)
    writes.mark_submitted(report, operator)
    report.save()

    outcomes = run_together(
        lambda: writes.review(report, first, accept=True, comment="", expected_version=1),
        lambda: writes.review(report, second, accept=False, comment="Lengkapi", expected_version=1),
    )

    reviewed = [o for o in outcomes if isinstance(o, ReadinessReport)]
    refused = [o for o in outcomes if isinstance(o, writes.Stale)]
    assert (len(reviewed), len(refused)) == (1, 1), outcomes
    stored = ReadinessReport.objects.get(pk=report.pk)
    assert stored.version == 2
    assert stored.reviewed_by == reviewed[0].reviewed_by
    assert stored.status == reviewed[0].status
    assert "sudah diubah" in str(refused[0])
    assert report.history.filter(version=2).count() == 1
