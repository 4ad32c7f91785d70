"""The demo's users per role and text that marks each region's data, for the security tests."""

from django.contrib.auth.models import User
from django.test import Client

from regions.models import Region
from reports.models import AgendaLine, LogisticsItem, RakorSession, ReadinessReport, ShortageLine

ROLES = ("anonymous", "operator", "other_operator", "secretariat", "leader", "admin")
USERNAMES = {
    "operator": "operator.bontang",
    "other_operator": "operator.paser",
    "secretariat": "sekretariat",
    "leader": "sekda",
    "admin": "admin",
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
