"""The demo's users per role and text that marks each region's data, for the security tests."""

from django.contrib.auth.models import User
from django.forms.models import model_to_dict
from django.test import Client

from regions.models import Region
from reports import tasks
from reports.models import (
    AgendaLine,
    Attendance,
    FollowUp,
    LogisticsItem,
    RakorSession,
    ReadinessReport,
    ShortageLine,
)
from reports.workflow import forwarding
from tests import letters

ROLES = (
    "anonymous",
    "operator",
    "other_operator",
    "secretariat",
    "leader",
    "head",
    "admin",
    "mitra",
)
USERNAMES = {
    "operator": "operator.bontang",
    "other_operator": "operator.paser",
    "secretariat": "sekretariat",
    "leader": "sekda",
    "head": "kepala.kesbangpol",
    "admin": "admin",
    "mitra": "mitra.kesbangpol",
}
MARKERS = {"64.74": "PENANDA-BONTANG-7Q", "64.01": "PENANDA-PASER-3K"}


def demo_user(role: str) -> User | None:
    return User.objects.get(username=USERNAMES[role]) if role in USERNAMES else None


def client_for(role: str) -> Client:
    client = Client()
    user = demo_user(role)
    if user is not None:
        client.force_login(user)
    return client


def browser(username: str) -> Client:
    """A browser signed in as any user of the demo."""
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


TABLES = (ReadinessReport, ShortageLine, AgendaLine, Attendance, FollowUp, RakorSession)


def rows() -> dict:
    """Every row of the desk's tables, to compare before and after a request."""
    return {model.__name__: [model_to_dict(o) for o in model.objects.order_by("pk")] for model in TABLES}


def region_report(session: RakorSession, code: str) -> ReadinessReport:
    return ReadinessReport.objects.get(session=session, region__kemendagri_code=code)


def mark_regions(session: RakorSession) -> None:
    """Bontang's and Paser's reports of ``session`` carry their region's marker in every free text."""
    item = LogisticsItem.objects.filter(election=session.election).first()
    for code, marker in MARKERS.items():
        report, _ = ReadinessReport.objects.get_or_create(
            session=session, region=Region.objects.get(kemendagri_code=code)
        )
        report.notes = report.security_notes = f"Catatan {marker}"
        report.save()
        report.shortages.all().delete()
        ShortageLine.objects.create(report=report, item=item, quantity=5, note=f"Kurang {marker}")
        AgendaLine.objects.create(
            report=report, kind=AgendaLine.Kind.choices[0][0], date=session.date, place=f"Aula {marker}"
        )


def forward(session: RakorSession) -> RakorSession:
    """Take the rakor's letter as it stands through the paraf chain and forward it as the
    secretariat, its files made as the background task makes them; the rakor as stored."""
    secretariat = demo_user("secretariat")
    letters.sign(session)
    kept = forwarding.forward(session, secretariat)
    tasks.make_forwarded_files(kept.pk, secretariat.pk)
    return RakorSession.objects.get(pk=session.pk)
