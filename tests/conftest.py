"""Users per role, the demo, and factory functions shared by every test module.

The demo is seeded once per test process with ``seed_demo`` and what it changed kept, table by table;
each test that asks for it gets those changes replayed in a few bulk writes, a fraction of seeding."""

import datetime as dt
import io
from dataclasses import dataclass
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from django.apps import apps
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.db import models, transaction
from django.test.utils import override_settings
from django.utils import translation

from accounts.access import Role
from regions.models import Membership, Region
from reports.models import Election, RakorSession, ReadinessReport
from tests.production import free_port

PASSWORD = "Rahasia-Desk-2024"


FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
DEMO_DATE = dt.date(2024, 11, 18)


def transactional(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    committed = bool(marker and marker.kwargs.get("transaction"))
    return committed or bool({"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ())))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Slow tests first, so that on several processes (pytest-xdist) they do not finish last on
    one worker while the others wait; but tests that commit stay last, as pytest-django orders
    them, because they end by emptying the database and the next such test reloads what the
    migrations put there (serialized rollback)."""
    items.sort(key=lambda item: (transactional(item), not item.get_closest_marker("slow")))


@pytest.fixture(scope="session", autouse=True)
def incident_files(tmp_path_factory):
    """Incident attachments of the whole test run (the demo's photo included) go to a temporary
    folder, never to the checkout's private folder. The file fields resolved their storage when the
    models loaded, so they get the temporary one directly."""
    from django.core.files.storage import FileSystemStorage

    from incidents.models import Attachment

    fields = [Attachment._meta.get_field(name) for name in ("file", "original")]
    kept = [field.storage for field in fields]
    storage = FileSystemStorage(location=tmp_path_factory.mktemp("incidents"), base_url=None)
    for field in fields:
        field.storage = storage
    yield storage
    for field, before in zip(fields, kept, strict=True):
        field.storage = before


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in Bahasa Indonesia: a request in English leaves its thread in English (the
    language middleware activates the chosen language per request), which later tests would inherit."""
    yield
    translation.deactivate()


def make_user(username: str, role: Role | None = None, region: Region | None = None, **extra) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD, **extra)
    if role is not None:
        user.groups.add(Group.objects.get(name=role.value))
    if region is not None:
        Membership.objects.create(user=user, region=region)
    return user


def make_report(session: RakorSession, region: Region, **fields) -> ReadinessReport:
    return ReadinessReport.objects.create(session=session, region=region, **fields)


@pytest.fixture
def election(db) -> Election:
    return Election.objects.get(name="Pilkada Serentak 2024")


@pytest.fixture
def session(election) -> RakorSession:
    return RakorSession.objects.create(election=election, date=dt.date(2024, 11, 18))


@pytest.fixture
def voting_week(election) -> RakorSession:
    """The first rakor after voting day (H+5): the vote, the count and the recapitulation's start."""
    return RakorSession.objects.create(election=election, date=dt.date(2024, 12, 2))


@pytest.fixture
def recapitulation_week(election) -> RakorSession:
    """The rakor of 9 December 2024 (H+12): the recapitulation at every level, no vote any more."""
    return RakorSession.objects.create(election=election, date=dt.date(2024, 12, 9))


@pytest.fixture
def previous_session(election) -> RakorSession:
    return RakorSession.objects.create(election=election, date=dt.date(2024, 11, 11))


@pytest.fixture
def region(db) -> Region:
    return Region.objects.get(kemendagri_code="64.74")  # Bontang


@pytest.fixture
def other_region(db) -> Region:
    return Region.objects.get(kemendagri_code="64.01")  # Paser


@pytest.fixture
def operator(region) -> User:
    return make_user("operator.bontang", Role.OPERATOR, region)


@pytest.fixture
def other_operator(other_region) -> User:
    return make_user("operator.paser", Role.OPERATOR, other_region)


@pytest.fixture
def secretariat(db) -> User:
    return make_user("sekretariat", Role.SECRETARIAT)


@pytest.fixture
def leader(db) -> User:
    return make_user("sekda", Role.LEADER)


def stored_models() -> list[type[models.Model]]:
    """Every table Django writes, many-to-many links and history included."""
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    ]


def columns(row: models.Model) -> tuple:
    return tuple(getattr(row, field.attname) for field in row._meta.concrete_fields)


@dataclass
class TableChanges:
    """What ``seed_demo`` did to one table: the rows it added, the rows it changed (as they ended)
    and the primary keys of the rows it removed."""

    model: type[models.Model]
    added: list[models.Model]
    changed: list[models.Model]
    removed: list[Any]

    def replay(self) -> None:
        manager = self.model._base_manager
        if self.removed:
            manager.filter(pk__in=self.removed).delete()
        manager.bulk_create(self.added)
        if self.changed:
            names = [field.name for field in self.model._meta.concrete_fields if not field.primary_key]
            manager.bulk_update(self.changed, names)


@pytest.fixture(scope="session")
def demo_changes(django_db_setup, django_db_blocker) -> list[TableChanges]:
    """What ``seed_demo`` does to the migrated database, table by table: seeded once in this
    process inside a transaction that is rolled back."""
    changes = []
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS), transaction.atomic():
        before = {
            model: {row.pk: columns(row) for row in model._base_manager.all()} for model in stored_models()
        }
        call_command("seed_demo", stdout=io.StringIO())
        for model, rows in before.items():
            after = list(model._base_manager.order_by("pk"))
            added = [row for row in after if row.pk not in rows]
            changed = [row for row in after if row.pk in rows and columns(row) != rows[row.pk]]
            removed = list(rows.keys() - {row.pk for row in after})
            if added or changed or removed:
                changes.append(TableChanges(model, added, changed, removed))
        transaction.set_rollback(True)
    return changes


@pytest.fixture
def demo(db, demo_changes) -> RakorSession:
    """The 18 November 2024 rakor and its three weeks of history, as `make demo` loads them. When
    the test made users of its own first (the ``secretariat`` fixture, say), ``seed_demo`` runs and
    takes them over, as it does on a database that has them."""
    if User.objects.exists():
        call_command("seed_demo", stdout=io.StringIO())
    else:
        with transaction.atomic():
            for table in demo_changes:
                table.replay()
    return RakorSession.objects.get(date=DEMO_DATE)


@pytest.fixture
def head(db) -> User:
    return make_user("kepala.kesbangpol.uji", Role.HEAD)


class Mailbox:
    """An SMTP handler that keeps what it receives and refuses the addresses in ``refuse``."""

    def __init__(self) -> None:
        self.received: list[tuple[list[str], bytes]] = []
        self.refuse: set[str] = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options) -> str:  # noqa: N802
        if address in self.refuse:
            return "550 5.1.1 Kotak surat tidak ditemukan"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802 - aiosmtpd's hook names
        self.received.append((list(envelope.rcpt_tos), envelope.content))
        return "250 Message accepted"


@pytest.fixture
def mailbox(settings):
    """A real SMTP server on loopback, and Django's mail pointed at it."""
    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    yield box
    controller.stop()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Call, then run what the call left for its transaction's commit (notifications are sent then)."""

    def call_and_commit(call, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return call(*args, **kwargs)

    return call_and_commit
