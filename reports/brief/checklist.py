"""What the secretariat must have seen before signing off the brief: the reports not yet verified.

A report returned for correction and not sent again refuses the sign-off: the letter would quote
what the desk itself sent back. The other items (reports not yet reviewed, late reports, regions
that sent nothing, reports that repeat the previous one) may go to the Minister, but only when
the signer ticks each of them, and so are the findings of high severity of the rule table
(``reports.assessment``); what was ticked is kept on the session beside the sign-off's who
and when (``RakorSession.sign_off_acknowledged``), and the letter names the unverified reports.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from regions.models import Region
from reports.models import ReadinessReport
from reports.rollup.parts import Summary


class Check(models.TextChoices):
    """An item of the sign-off checklist; the signer ticks each one present."""

    UNREVIEWED = "belum_diperiksa", _("Laporan belum diperiksa sekretariat")
    LATE = "terlambat", _("Laporan terlambat")
    SILENT = "belum_melapor", _("Kabupaten/kota belum melapor (data lama dipakai)")
    UNCHANGED = "sama", _("Laporan sama dengan laporan sebelumnya")
    GRAVE = (
        "temuan_tinggi",
        _("Temuan tingkat tinggi yang masih berlaku"),
    )


@dataclass(frozen=True)
class Item:
    kind: Check
    regions: list[Region]

    @property
    def label(self) -> str:
        return str(self.kind.label)


def returned(result: Summary) -> list[Region]:
    """Regions whose report was returned for correction and not sent again."""
    return [
        row.region
        for row in result.rows
        if row.sent is not None and row.sent.status == ReadinessReport.Status.RETURNED
    ]


def checklist(result: Summary) -> list[Item]:
    """The items the signer must acknowledge, each with the regions it concerns (none: absent)."""
    reported = [row for row in result.rows if row.is_reported]
    found = {
        Check.UNREVIEWED: [
            r.region
            for r in reported
            if r.sent is not None and r.sent.status == ReadinessReport.Status.SUBMITTED
        ],
        Check.LATE: list(result.completeness.late),
        Check.SILENT: list(result.completeness.missing),
        Check.UNCHANGED: [r.region for r in reported if r.is_unchanged],
        Check.GRAVE: list({alert.region.pk: alert.region for alert in result.grave_findings}.values()),
    }
    return [Item(kind, regions) for kind, regions in found.items() if regions]


def acknowledged(stored: list[dict], regions: Iterable[Region] | None = None) -> list[tuple[str, list[str]]]:
    """What a signer acknowledged, as kept on the session: each item's label and region names. The
    names are kept as the letter says them ("Kabupaten Paser"); a page names them in its own
    language ("Paser Regency"), and a name no region answers to any more as it was kept. A page
    that holds the ``regions`` already passes them (no query)."""
    labels = dict(Check.choices)
    if not stored:
        return []
    regions = Region.objects.all() if regions is None else regions
    with translation.override("id"):
        kept_as = {str(region): region for region in regions}
    return [
        (
            str(labels.get(entry["kind"], entry["kind"])),
            [str(kept_as.get(name, name)) for name in entry["regions"]],
        )
        for entry in stored
    ]
