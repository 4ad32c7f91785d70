"""The sections of a readiness report: what the operator confirms or changes each week."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Section:
    key: str
    label: str
    fields: tuple[str, ...]
    lines: str = ""  # the related name of the section's inline lines, if any


SECTIONS = (
    Section("readiness", _("Kesiapan umum"), ("readiness",)),
    Section(
        "logistics",
        _("Logistik"),
        (
            "logistics_status",
            "logistics_items_fulfilled",
            "distribution_start",
            "distribution_end",
            "logistics_notes",
        ),
        lines="shortages",
    ),
    Section("security", _("Keamanan"), ("security_personnel", "security_situation", "security_notes")),
    Section("asn", _("Netralitas ASN"), ("asn_violations", "asn_notes")),
    Section("agenda", _("Agenda"), (), lines="agenda"),
    Section("kecamatan", _("Kesiapan kecamatan"), ("kecamatan_ready",)),
    Section("voters", _("Pemilih"), ("first_time_voters", "ektp_notes")),
    Section("conflict", _("Risiko konflik"), ("conflict_risk", "conflict_notes")),
    Section("coordination", _("Koordinasi dan catatan"), ("coordination_notes", "notes")),
)

SECTIONS_BY_KEY = {section.key: section for section in SECTIONS}

# Every plain field a report carries forward from one week to the next.
CARRIED_FIELDS = tuple(field for section in SECTIONS for field in section.fields)
