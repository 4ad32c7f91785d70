"""Data built in bulk for the tests that need more than the demo: a province of any size."""

import datetime as dt

from django.utils import timezone

from regions.models import Region
from reports.models import (
    AgendaLine,
    Attendance,
    Election,
    FollowUp,
    LogisticsItem,
    RakorSession,
    ReadinessReport,
    ShortageLine,
)


def drop_sessions_after(session: RakorSession) -> None:
    """Delete the rakor after ``session`` and their reports: the demo's 18 November rakor then is the
    open, latest one, as it was that week."""
    later = RakorSession.objects.filter(election=session.election, date__gt=session.date)
    ReadinessReport.objects.filter(session__in=later).delete()
    later.delete()


def build_province(election: Election, regions: int, sessions: int) -> RakorSession:
    """``regions`` extra regions and ``sessions`` sessions, every region reporting each week."""
    Region.objects.bulk_create(
        Region(
            kemendagri_code=f"{90 + n // 100:02d}.{n % 100:02d}",
            bps_code=f"{9000 + n}",
            name=f"Wilayah {n}",
            kind="kabupaten",
            kecamatan_count=5,
            kelurahan_count=1,
            desa_count=10,
            registered_voters=1000,
            polling_stations=10,
        )
        for n in range(regions - Region.objects.count())
    )
    start = dt.date(2024, 11, 18) - dt.timedelta(weeks=sessions - 1)
    created = RakorSession.objects.bulk_create(
        RakorSession(election=election, date=start + dt.timedelta(weeks=w), deadline=timezone.now())
        for w in range(sessions)
    )
    all_regions = list(Region.objects.all())
    item = LogisticsItem.objects.filter(election=election).first()
    reports = ReadinessReport.objects.bulk_create(
        ReadinessReport(
            session=s,
            region=r,
            status="submitted",
            first_submitted_at=timezone.now(),
            readiness="belum_siap" if r.pk % 3 == 0 else "siap",
            security_personnel=100,
            asn_violations=r.pk % 2,
            conflict_risk="tinggi" if r.pk % 5 == 0 else "rendah",
            confirmed_sections={"security": "2024-01-01"},
        )
        for s in created
        for r in all_regions
    )
    ShortageLine.objects.bulk_create(ShortageLine(report=rep, item=item, quantity=10) for rep in reports[::4])
    AgendaLine.objects.bulk_create(
        AgendaLine(report=rep, kind="debat", date=rep.session.date + dt.timedelta(days=2)) for rep in reports
    )
    Attendance.objects.bulk_create(
        Attendance(session=s, region=r, status="hadir") for s in created for r in all_regions
    )
    FollowUp.objects.bulk_create(
        FollowUp(session=s, region=r, title="x", agency="kpu", due_date=s.date)
        for s in created
        for r in all_regions[:3]
    )
    return created[-1]
