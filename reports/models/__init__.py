"""Elections, their Monday rakor sessions, the regions' readiness reports and what follows them."""

from reports.models.calendar import (
    WITA,
    Election,
    ElectionStage,
    LogisticsItem,
    Period,
    RakorSession,
    SessionQuerySet,
    StageKind,
    default_deadline,
)
from reports.models.desk import Attendance, FollowUp, ForwardedBrief, ForwardedBriefQuerySet
from reports.models.letter import (
    Delivery,
    LetterCopy,
    LetterCounter,
    LetterNumber,
    LetterSettings,
    LetterSnapshot,
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
    "ElectionStage",
    "FollowUp",
    "ForwardedBrief",
    "ForwardedBriefQuerySet",
    "LetterCopy",
    "LetterCounter",
    "LetterNumber",
    "LetterSettings",
    "LetterSnapshot",
    "LetterStep",
    "LogisticsItem",
    "Period",
    "RakorSession",
    "ReadinessReport",
    "ReportQuerySet",
    "SessionQuerySet",
    "ShortageLine",
    "SignerCertificate",
    "StageKind",
    "default_deadline",
]
