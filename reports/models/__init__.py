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
    "Election",
    "FollowUp",
    "ForwardedBrief",
    "ForwardedBriefQuerySet",
    "LogisticsItem",
    "RakorSession",
    "ReadinessReport",
    "ReportQuerySet",
    "SessionQuerySet",
    "ShortageLine",
    "default_deadline",
]
