"""Background work: with no broker the tasks run at once (as in `make demo` and the tests), and a
task acts only for a user who may still do what was asked."""

import pytest
from django.conf import settings

from accounts.access import Role
from reports import tasks
from reports.models import ForwardedBrief, RakorSession
from tests.conftest import make_user
from tests.security_data import demo_user

pytestmark = pytest.mark.django_db


def test_without_a_broker_tasks_run_at_once_in_the_process():
    assert settings.CELERY_BROKER_URL == ""
    assert tasks.make_forwarded_files.app.conf.task_always_eager


def kept_without_files(session: RakorSession) -> ForwardedBrief:
    return ForwardedBrief.objects.create(session=session, text="Dengan hormat,", pdf=b"", xlsx=b"", csv=b"")


def test_the_files_task_makes_the_files_for_the_secretariat(demo):
    kept = kept_without_files(demo)
    tasks.make_forwarded_files.delay(kept.pk, demo_user("secretariat").pk)
    kept.refresh_from_db()
    assert bytes(kept.pdf).startswith(b"%PDF-") and bytes(kept.xlsx).startswith(b"PK")


@pytest.mark.parametrize("who", ["operator", "leader", "inactive"])
def test_the_files_task_does_nothing_for_someone_who_may_not_forward(demo, region, who):
    user = make_user(
        f"peminta.{who}",
        Role.SECRETARIAT if who == "inactive" else Role.OPERATOR if who == "operator" else Role.LEADER,
        region if who == "operator" else None,
        is_active=who != "inactive",
    )
    kept = kept_without_files(demo)
    tasks.make_forwarded_files.delay(kept.pk, user.pk)
    kept.refresh_from_db()
    assert bytes(kept.pdf) == b"" and bytes(kept.xlsx) == b""
