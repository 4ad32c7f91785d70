"""Elections, their Monday rakor sessions, the regions' readiness reports and what follows them."""

from reports.models.calendar import (
    WITA,
    Election,
    LogisticsItem,
    RakorSession,
    SessionQuerySet,
    default_deadline,
)
from reports.models.desk import Attendance, FollowUp, ForwardedBrief, ForwardedBriefQuerySet
from reports.models.letter import (
    Delivery,
    LetterCopy,
    LetterCounter,
    LetterNumber,
    LetterSettings,
    LetterStep,
    SignerCertificate,
)
from reports.models.report import (
    AgendaLine,
    ReadinessReport,
    ReportQuerySet,
    ShortageLine,
)

__all__ = [
    "WITA",
    "AgendaLine",
    "Attendance",
    "Delivery",
    "Election",
    "FollowUp",
    "ForwardedBrief",
    "ForwardedBriefQuerySet",
    "LetterCopy",
    "LetterCounter",
    "LetterNumber",
    "LetterSettings",
    "LetterStep",
    "LogisticsItem",
    "RakorSession",
    "ReadinessReport",
    "ReportQuerySet",
    "SessionQuerySet",
    "ShortageLine",
    "SignerCertificate",
    "default_deadline",
]
