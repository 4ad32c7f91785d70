"""A write racing the forwarding of its rakor, with real threads on PostgreSQL: a follow-up, an
attendance row and a new report either land before the rakor is frozen (and then withdraw the signed
letter, whose snapshot does not hold them, so the forwarding is refused) or are refused with the
frozen rakor's message. None ever lands after, and no file is sent without a write that landed.

The interleavings are forced: the forwarding is held inside its locked transaction until the writer
is seen waiting for the lock, or the writer is held inside its transaction until the forwarding is
seen waiting; a third run releases both at the same instant."""

import csv
import datetime as dt
import io
import threading
import time
from collections.abc import Callable

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.utils.text import capfirst
from openpyxl import load_workbook

from accounts.access import Role
from regions.models import Region
from reports import tasks
from reports.brief.checklist import Check
from reports.models import Attendance, FollowUp, ForwardedBrief, LetterSettings, RakorSession, ReadinessReport
from reports.workflow import desk, forwarding, writes
from reports.workflow import letter as chain
from tests import letters
from tests.conftest import make_report, make_user

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql", reason="needs PostgreSQL"
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TITLE = "Kirim tambahan surat suara ke Paser"
REPRESENTATIVE = "Kepala Kesbangpol Paser"
PERSONNEL = 777
WAIT = 20  # seconds before a stuck thread fails the test instead of hanging it


def in_thread(job: Callable[[], object]) -> tuple[threading.Thread, list]:
    """Start ``job`` in its own thread (its own database connection); the list gets its outcome."""
    outcome: list = []

    def run() -> None:
        try:
            outcome.append(job())
        except Exception as error:  # noqa: BLE001 - the outcome is what the test inspects
            outcome.append(error)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, outcome


def wait_until_blocked(thread: threading.Thread) -> None:
    """Return once another connection to the test database waits for a row lock (or ``thread``
    has finished without waiting, which the test's assertions then catch)."""
    deadline = time.monotonic() + WAIT
    while thread.is_alive() and time.monotonic() < deadline:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                return
        time.sleep(0.02)


@pytest.fixture
def rakor(session, region, other_region):
    """A signed rakor, one report in (Bontang), Paser not yet heard from."""
    make_report(
        session,
        region,
        status=ReadinessReport.Status.SUBMITTED,
        first_submitted_at=dt.datetime(2024, 11, 18, 7, tzinfo=dt.UTC),
        readiness=ReadinessReport.Readiness.READY,
        security_personnel=1214,
    )
    secretariat = make_user("sekretariat.desk", Role.SECRETARIAT)
    head, sekda = make_user("kepala.desk", Role.HEAD), make_user("sekda.desk", Role.LEADER)
    letter = LetterSettings.load()
    letter.signer = sekda
    letter.save()
    letter.initialers.set([head])
    chain.submit(session, secretariat, seen=letters.seen(session))
    chain.paraf(session, head, seen=letters.seen(session))
    chain.sign(session, sekda, seen=letters.seen(session), verified=True, acknowledged=Check.values)
    return {
        "session": RakorSession.objects.get(pk=session.pk),
        "paser": other_region,
        "secretariat": secretariat,
        "operator": make_user("operator.paser", Role.OPERATOR, other_region),
    }


def write(kind: str, rakor: dict) -> Callable[[], object]:
    session, paser, secretariat = rakor["session"], rakor["paser"], rakor["secretariat"]
    if kind == "follow_up":
        follow_up = FollowUp(title=TITLE, agency=FollowUp.Agency.KPU, due_date=dt.date(2024, 11, 22))
        return lambda: desk.add_follow_up(session, follow_up, secretariat)
    if kind == "attendance":
        values = {paser.pk: (Attendance.Status.PRESENT, REPRESENTATIVE)}
        return lambda: desk.record_attendance(session, values, secretariat)
    report = ReadinessReport(
        session=session, region=paser, readiness=ReadinessReport.Readiness.READY, security_personnel=PERSONNEL
    )
    return lambda: writes.save_report(report, rakor["operator"], expected_version=0, submit=True)


def landed(kind: str, session: RakorSession, paser: Region) -> bool:
    if kind == "follow_up":
        return FollowUp.objects.filter(title=TITLE).exists()
    if kind == "attendance":
        return Attendance.objects.filter(
            session=session, region=paser, representative=REPRESENTATIVE
        ).exists()
    return ReadinessReport.objects.filter(session=session, region=paser).exists()


def in_files(kind: str, sent: ForwardedBrief, paser: Region) -> bool:
    """Whether the forwarded XLSX (follow-ups) or CSV (the region's row) holds the write."""
    if kind == "follow_up":
        sheet = load_workbook(io.BytesIO(bytes(sent.xlsx)))["Peringatan dan tindak lanjut"]
        return any(TITLE in str(cell.value) for row in sheet.iter_rows() for cell in row)
    table = list(csv.DictReader(io.StringIO(bytes(sent.csv).decode("utf-8-sig")), delimiter=";"))
    row = next(row for row in table if row["Kode Kemendagri"] == paser.kemendagri_code)
    if kind == "attendance":
        return row["Kehadiran"] == "Hadir"
    return row[capfirst(ReadinessReport._meta.get_field("security_personnel").verbose_name)] == str(PERSONNEL)


def forward_and_make_files(rakor: dict) -> ForwardedBrief:
    """Forwarding as the page does it: the rakor frozen and its text kept, then the files made by
    the background task (here at once, in the same thread)."""
    kept = forwarding.forward(rakor["session"], rakor["secretariat"])
    tasks.make_forwarded_files(kept.pk, rakor["secretariat"].pk)
    return kept


def forward_holding_the_lock(
    rakor: dict, monkeypatch
) -> tuple[Callable[[], object], threading.Event, threading.Event]:
    """A forwarding that, once inside its locked transaction, says so and waits to be released."""
    making, release = threading.Event(), threading.Event()
    in_force = forwarding.in_force

    def held(session):
        making.set()
        release.wait(WAIT)
        return in_force(session)

    monkeypatch.setattr(forwarding, "in_force", held)
    return lambda: forward_and_make_files(rakor), making, release


KINDS = ["follow_up", "attendance", "report"]


@pytest.mark.parametrize("kind", KINDS)
def test_a_write_arriving_while_the_rakor_is_being_frozen_waits_and_is_refused(rakor, kind, monkeypatch):
    forward, making, release = forward_holding_the_lock(rakor, monkeypatch)
    forwarder, forwarded = in_thread(forward)
    assert making.wait(WAIT)
    writer, written = in_thread(write(kind, rakor))
    wait_until_blocked(writer)
    assert writer.is_alive(), f"the write finished while the rakor was being frozen: {written}"
    release.set()
    forwarder.join(WAIT)
    writer.join(WAIT)

    [sent] = forwarded
    assert isinstance(sent, ForwardedBrief), sent
    [refusal] = written
    assert isinstance(refusal, writes.Locked), refusal
    assert "sudah diteruskan ke Mendagri sejak" in str(refusal)
    assert not landed(kind, rakor["session"], rakor["paser"])
    assert not in_files(kind, ForwardedBrief.objects.get(pk=sent.pk), rakor["paser"])


@pytest.mark.parametrize("kind", KINDS)
def test_a_write_under_way_when_forwarding_starts_withdraws_the_signed_letter(rakor, kind):
    """The letter was signed on data the write changes: the write lands, the chain is withdrawn and
    the forwarding is refused, so no file is sent without it (the letter is one snapshot)."""
    wrote, proceed = threading.Event(), threading.Event()

    def write_and_hold():
        with transaction.atomic():
            outcome = write(kind, rakor)()
            wrote.set()
            proceed.wait(WAIT)
            return outcome

    writer, written = in_thread(write_and_hold)
    assert wrote.wait(WAIT), written
    forwarder, forwarded = in_thread(lambda: forward_and_make_files(rakor))
    wait_until_blocked(forwarder)
    assert forwarder.is_alive(), f"forwarding did not wait for the write under way: {forwarded}"
    proceed.set()
    writer.join(WAIT)
    forwarder.join(WAIT)

    assert not isinstance(written[0], Exception), written
    [refusal] = forwarded
    assert isinstance(refusal, writes.Refused), refusal
    assert landed(kind, rakor["session"], rakor["paser"])
    assert not ForwardedBrief.objects.filter(session=rakor["session"]).exists()
    assert RakorSession.objects.get(pk=rakor["session"].pk).signed_off_at is None


@pytest.mark.parametrize("kind", KINDS)
def test_a_write_and_the_forwarding_released_at_once_never_leave_the_write_outside_the_files(rakor, kind):
    start = threading.Barrier(2)

    def together(job):
        def run():
            start.wait(WAIT)
            return job()

        return run

    writer, written = in_thread(together(write(kind, rakor)))
    forwarder, forwarded = in_thread(together(lambda: forward_and_make_files(rakor)))
    writer.join(WAIT)
    forwarder.join(WAIT)

    [sent] = forwarded
    [outcome] = written
    if isinstance(outcome, writes.Locked):  # the forwarding went first
        assert isinstance(sent, ForwardedBrief), sent
        assert not landed(kind, rakor["session"], rakor["paser"])
        assert not in_files(kind, ForwardedBrief.objects.get(pk=sent.pk), rakor["paser"])
    else:  # the write went first: the signed letter no longer holds the data, forwarding is refused
        assert not isinstance(outcome, Exception), outcome
        assert isinstance(sent, writes.Refused), sent
        assert landed(kind, rakor["session"], rakor["paser"])
        assert not ForwardedBrief.objects.filter(session=rakor["session"]).exists()
