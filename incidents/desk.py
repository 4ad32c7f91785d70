"""What the province desk reads of the incidents: the open ones per region for the dashboard, and
the rakor week's significant ones for the roll-up (the letter and the XLSX read them there).
Each is a fixed number of queries whatever the number of incidents and regions."""

from dataclasses import dataclass, field

from django.db.models import Count

from incidents.models import Incident
from regions.models import Region
from reports.models import RakorSession

NEWEST_SHOWN = 8


@dataclass
class OpenIncidents:
    """Open incidents (baru or ditangani) now: how many per region and the newest few."""

    per_region: dict[int, int] = field(default_factory=dict)
    newest: list[Incident] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.per_region.values())


def open_incidents() -> OpenIncidents:
    """Two queries: the counts per region, and the newest open incidents."""
    incidents = Incident.objects.open()
    counts = incidents.order_by().values_list("region_id").annotate(number=Count("pk"))
    return OpenIncidents(
        per_region=dict(counts),
        newest=list(incidents.listed()[:NEWEST_SHOWN]),
    )


def significant_of_week(session: RakorSession, region: Region | None = None) -> list[Incident]:
    """The significant incidents of the week before ``session``, in the order they happened (one
    query)."""
    incidents = Incident.objects.significant_in_week_of(session).filter(election_id=session.election_id)
    if region is not None:
        incidents = incidents.filter(region=region)
    return list(incidents.select_related("region", "kecamatan").order_by("occurred_at", "pk"))
