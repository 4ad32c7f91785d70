"""What the province desk reads of the incidents for one rakor: those open at its cut-off, per
region and gravest first (the dashboard's panel, its tiles and the findings of the rule table),
and the week's significant ones (the letter and the XLSX). Each is one query whatever the number
of incidents and regions; neither shows an incident that happened after the rakor's cut-off."""

from dataclasses import dataclass, field

from django.db.models import Case, IntegerField, Max, Q, Value, When

from incidents.models import OPEN, Incident, Severity, Status
from regions.models import Region
from reports.models import RakorSession

NEWEST_SHOWN = 8


@dataclass
class OpenIncidents:
    """Incidents open (baru or ditangani) at a rakor's cut-off: how many per region, and the first
    few, gravest first and then newest."""

    per_region: dict[int, int] = field(default_factory=dict)
    newest: list[Incident] = field(default_factory=list)
    significant: dict[int, list[Incident]] = field(default_factory=dict)  # by region, gravest first

    @property
    def total(self) -> int:
        return sum(self.per_region.values())


GRAVEST_FIRST = Case(
    When(severity=Severity.URGENT, then=Value(0)),
    When(severity=Severity.ATTENTION, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


def open_at(session: RakorSession, region: Region | None = None) -> OpenIncidents:
    """The incidents of the rakor's election that happened before its cut-off and were still open
    then: open now, or closed (an update to "selesai") only after it. One query."""
    cut_off = session.cut_off
    incidents = (
        Incident.objects.filter(election_id=session.election_id, occurred_at__lt=cut_off)
        .annotate(
            closed_at=Max("updates__created_at", filter=Q(updates__status_after=Status.DONE)),
            gravity=GRAVEST_FIRST,
        )
        .filter(Q(status__in=OPEN) | Q(closed_at__gte=cut_off))
        .select_related("region", "kecamatan")
        .order_by("gravity", "-occurred_at", "-pk")
    )
    if region is not None:
        incidents = incidents.filter(region=region)
    found = OpenIncidents()
    for incident in incidents:
        found.per_region[incident.region_id] = found.per_region.get(incident.region_id, 0) + 1
        if len(found.newest) < NEWEST_SHOWN:
            found.newest.append(incident)
        if incident.severity != Severity.ROUTINE:
            found.significant.setdefault(incident.region_id, []).append(incident)
    return found


def significant_of_week(session: RakorSession, region: Region | None = None) -> list[Incident]:
    """The significant incidents of the week before ``session``, in the order they happened (one
    query)."""
    incidents = Incident.objects.significant_in_week_of(session).filter(election_id=session.election_id)
    if region is not None:
        incidents = incidents.filter(region=region)
    return list(incidents.select_related("region", "kecamatan").order_by("occurred_at", "pk"))
