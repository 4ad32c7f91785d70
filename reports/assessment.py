"""What counts as a problem in a region's week, declared once as a table of rules beside the field
registry (``reports.registry``).

Each ``Rule`` is data: its condition (a field and its values, a stage's figure against its
target, an open incident's severity, two figures that contradict each other), its severity, the
light it gives, the reason the light says, the alert's sentence, the letter's "hal yang memerlukan
perhatian" line and the follow-up title it drafts, with the agency that owns it. The light and its
reasons, the alerts, the letter's attention list and closing judgement, the sign-off checklist,
the attachment and the XLSX all read ``judge``; nothing else decides what is a problem.

Severity decides the rest: ``TINGGI`` turns the light red, leads the alerts, is ticked by the
signer and keeps the letter from closing with "aman dan kondusif"; ``SEDANG`` turns it yellow;
``RENDAH`` is told but colours nothing. A rule without an alert sentence only colours the light
(the readiness word "siap dengan catatan"). Two figures that contradict each other are a finding
of low severity beside the figures, for the desk to clear with the operator; the letter leaves
them out (``in_letter``).

The letter and the files are in Bahasa Indonesia: callers judge inside ``indonesian()`` there, so
that the lazy sentences below come out in it.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Protocol

from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from deskpilkada.icons import Icon
from regions.models import Region
from reports.models import FollowUp, RakorSession, ReadinessReport, ShortageLine, StageKind
from reports.registry import FIELDS_BY_NAME, number
from reports.rollup.lights import AlertKind, Light

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from incidents.models import Incident

Report = ReadinessReport
Words = dict[str, Any]


class Severity(models.TextChoices):
    """How grave a finding is; the light, the order of the alerts and the letter's closing follow."""

    HIGH = "tinggi", _("Tinggi")
    MEDIUM = "sedang", _("Sedang")
    LOW = "rendah", _("Rendah")

    @property
    def light(self) -> Light | None:
        """The light a finding of this severity gives its region (none: it colours nothing)."""
        return {"tinggi": Light.RED, "sedang": Light.YELLOW, "rendah": None}[self.value]

    @property
    def rank(self) -> int:
        return ["tinggi", "sedang", "rendah"].index(self.value)

    @property
    def colour(self) -> str:
        return {"tinggi": "danger", "sedang": "warning", "rendah": "info"}[self.value]


@dataclass(frozen=True)
class Subject:
    """What the rules read of one region's week: the report judged (this rakor's, or a silent
    region's last one), its shortage lines, the fields the rakor asks for, and what stands open."""

    region: Region
    session: RakorSession
    report: Report | None
    shortages: Sequence[ShortageLine] = ()
    asked: frozenset[str] = frozenset()
    item_count: int = 0  # the election's logistics items
    incidents: Sequence["Incident"] = ()  # the region's open incidents at the rakor's cut-off
    overdue: Sequence[FollowUp] = ()  # the region's open follow-ups past their due date
    silent: bool = False  # sent nothing this rakor
    repeated: bool = False  # the same report two rakor in a row


class Condition(Protocol):
    def matches(self, subject: Subject) -> list[Words]:
        """One set of words per time the condition holds (a rule may hold for several shortage
        lines or incidents); empty when it does not hold."""
        ...


def _value(subject: Subject, name: str) -> Any:
    """A field of the judged report, or None when the rakor does not ask for it."""
    if subject.report is None or name not in subject.asked:
        return None
    return getattr(subject.report, name)


@dataclass(frozen=True)
class Choice:
    """A choice field holds ``value``."""

    name: str
    value: str

    def matches(self, subject: Subject) -> list[Words]:
        return [{}] if _value(subject, self.name) == self.value else []


@dataclass(frozen=True)
class Unfilled:
    """A field the rakor asks for is left empty."""

    name: str

    def matches(self, subject: Subject) -> list[Words]:
        asked = subject.report is not None and self.name in subject.asked
        return [{}] if asked and _value(subject, self.name) in (None, "") else []


@dataclass(frozen=True)
class Counted:
    """A count is above zero."""

    name: str

    def matches(self, subject: Subject) -> list[Words]:
        value = _value(subject, self.name)
        return [{"count": value}] if value else []


@dataclass(frozen=True)
class ShortOf:
    """A count is below the region's total it is part of: "12 TPS" not opened on time."""

    name: str

    def matches(self, subject: Subject) -> list[Words]:
        value, total = _value(subject, self.name), _total(subject, self.name)
        if value is None or not total or value >= total:
            return []
        return [{"missing": number(total - value), "done": number(value), "total": number(total)}]


@dataclass(frozen=True)
class Full:
    """A count reaches the region's total it is part of (every kecamatan ready)."""

    name: str

    def matches(self, subject: Subject) -> list[Words]:
        value, total = _value(subject, self.name), _total(subject, self.name)
        if not value or not total or value < total:
            return []
        return [{"ready": number(value), "total": number(total)}]


def _total(subject: Subject, name: str) -> int:
    """The region's total a count is out of (``ReportField.out_of``)."""
    out_of = FIELDS_BY_NAME[name].out_of
    return getattr(subject.region, out_of) if out_of else 0


@dataclass(frozen=True)
class BelowTarget:
    """A count out of the region's total is below the election's target share (turnout against
    the participation target)."""

    name: str

    def matches(self, subject: Subject) -> list[Words]:
        value, total = _value(subject, self.name), _total(subject, self.name)
        if not value or not total:
            return []
        share = (Decimal(100) * value / total).quantize(Decimal("0.1"))
        target = subject.session.election.participation_target
        if share >= target:
            return []
        return [{"share": _percent(share), "target": _percent(target)}]


def _percent(value: Decimal) -> str:
    return f"{value.normalize():f}".replace(".", ",") + "%"


def _stage_end(subject: Subject, stage: StageKind) -> dt.date | None:
    ends = [period.end for period in subject.session.election.timeline if period.kind == stage]
    return max(ends) if ends else None


@dataclass(frozen=True)
class Unfinished:
    """A count out of the region's total is still short of it after its stage ended: the
    recapitulation of the kecamatan behind schedule."""

    name: str
    stage: StageKind

    def matches(self, subject: Subject) -> list[Words]:
        value, total = _value(subject, self.name), _total(subject, self.name)
        end = _stage_end(subject, self.stage)
        if value is None or not total or value >= total or end is None or end >= subject.session.date:
            return []
        return [{"done": number(value), "total": number(total), "end": date_format(end, "j F Y")}]


@dataclass(frozen=True)
class AfterStage:
    """A date falls after the end of its stage: a plenary set later than the schedule allows."""

    name: str
    stage: StageKind

    def matches(self, subject: Subject) -> list[Words]:
        day, end = _value(subject, self.name), _stage_end(subject, self.stage)
        if day is None or end is None or day <= end:
            return []
        return [{"date": date_format(day, "j F Y"), "end": date_format(end, "j F Y")}]


@dataclass(frozen=True)
class Shortages:
    """A shortage line, one finding per line."""

    def matches(self, subject: Subject) -> list[Words]:
        if subject.report is None or "logistics_status" not in subject.asked:
            return []
        return [
            {
                "item": _lower_first(line.item.display_name),
                "quantity": number(line.quantity),
                "unit": line.item.display_unit,
                "gap": _("masih kekurangan %(item)s %(quantity)s %(unit)s")
                % {
                    "item": _lower_first(line.item.display_name),
                    "quantity": number(line.quantity),
                    "unit": line.item.display_unit,
                },
            }
            for line in subject.shortages
        ]


@dataclass(frozen=True)
class FewerItems:
    """Fewer logistics items fulfilled than the election has, once their distribution (the date
    field ``started``) has begun: items still arriving before it are on schedule."""

    name: str
    started: str

    def matches(self, subject: Subject) -> list[Words]:
        value, start = _value(subject, self.name), _value(subject, self.started)
        if value is None or not subject.item_count or value >= subject.item_count:
            return []
        if start is None or start > subject.session.date:
            return []
        words = {"done": number(value), "total": number(subject.item_count)}
        return [{**words, "gap": _("baru %(done)s dari %(total)s item terpenuhi") % words}]


@dataclass(frozen=True)
class Either:
    """Any of ``conditions`` holds (the words of the first that does)."""

    conditions: tuple[Condition, ...]

    def matches(self, subject: Subject) -> list[Words]:
        for condition in self.conditions:
            found = condition.matches(subject)
            if found:
                return found[:1]
        return []


@dataclass(frozen=True)
class Both:
    """Every one of ``conditions`` holds: two figures that contradict each other."""

    conditions: tuple[Condition, ...]

    def matches(self, subject: Subject) -> list[Words]:
        words: Words = {}
        for condition in self.conditions:
            found = condition.matches(subject)
            if not found:
                return []
            words.update(found[0])
        return [words]


@dataclass(frozen=True)
class OpenIncident:
    """An incident of ``severity`` stands open in the region, however old: one finding each."""

    severity: str

    def matches(self, subject: Subject) -> list[Words]:
        return [
            {
                "kind": incident.get_kind_display().lower(),
                "kecamatan": incident.kecamatan.name,
                "date": date_format(incident.occurred_local, "j F Y"),
                "incident": incident,
            }
            for incident in subject.incidents
            if incident.severity == self.severity
        ]


@dataclass(frozen=True)
class Overdue:
    """Open follow-ups of the region past their due date."""

    def matches(self, subject: Subject) -> list[Words]:
        return [{"count": len(subject.overdue)}] if subject.overdue else []


@dataclass(frozen=True)
class Flag:
    """A fact of the region's week that is no figure: it sent nothing, or repeated itself."""

    name: str

    def matches(self, subject: Subject) -> list[Words]:
        return [{}] if getattr(subject, self.name) else []


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


@dataclass(frozen=True)
class Rule:
    """One kind of finding, with everything the desk says and does about it. Sentences take
    ``%(region)s`` and the condition's words; ``reason`` is the light's phrase, ``alert`` the
    dashboard's and the letter's sentence (none: the rule only colours the light), ``attention``
    the letter's line when it differs from the alert, ``action`` the follow-up it drafts."""

    kind: AlertKind
    severity: Severity
    condition: Condition
    reason: "StrOrPromise"
    alert: "StrOrPromise" = ""
    action: "StrOrPromise" = ""
    attention: "StrOrPromise" = ""
    in_letter: bool = True  # false for what the desk checks with the operator (two figures that disagree)
    section: str = ""  # the report's section it reads, if any (its notes are quoted first)
    agency: str = FollowUp.Agency.KESBANGPOL
    source: str = FollowUp.Source.OTHER
    icon: Icon = Icon("exclamation-circle")

    @property
    def colour(self) -> str:
        return self.severity.colour


Agency, Source = FollowUp.Agency, FollowUp.Source
Readiness, Logistics = Report.Readiness, Report.LogisticsStatus
Security, Risk = Report.SecuritySituation, Report.ConflictRisk

# The rules, in the order their alerts are told within a severity.
RULES: tuple[Rule, ...] = (
    Rule(
        AlertKind.INCIDENT_URGENT,
        Severity.HIGH,
        OpenIncident("darurat"),
        _("kejadian darurat: %(kind)s di Kecamatan %(kecamatan)s"),
        _(
            "%(region)s: kejadian darurat %(kind)s di Kecamatan %(kecamatan)s (%(date)s) belum selesai "
            "ditangani"
        ),
        _("Pastikan penanganan kejadian darurat %(kind)s di Kecamatan %(kecamatan)s, %(region)s tuntas"),
        agency=Agency.POLRI_TNI,
        source=Source.RISK,
        icon=Icon("exclamation-octagon"),
    ),
    Rule(
        AlertKind.SHORTAGE,
        Severity.HIGH,
        Shortages(),
        _("kekurangan %(item)s %(quantity)s %(unit)s"),
        _("%(region)s kekurangan %(item)s %(quantity)s %(unit)s"),
        _("Pastikan kekurangan %(item)s %(quantity)s %(unit)s di %(region)s terpenuhi"),
        section="logistics",
        agency=Agency.KPU,
        source=Source.SHORTAGE,
        icon=Icon("box-seam"),
    ),
    Rule(
        AlertKind.NOT_READY,
        Severity.HIGH,
        Choice("readiness", Readiness.NOT_READY),
        _("belum siap"),
        _("%(region)s menyatakan belum siap"),
        _("Pastikan %(region)s siap sebelum hari pemungutan suara"),
        section="readiness",
        icon=Icon("x-octagon"),
    ),
    Rule(
        AlertKind.LOGISTICS_LATE,
        Severity.HIGH,
        Choice("logistics_status", Logistics.LATE),
        _("logistik terlambat"),
        _("%(region)s: distribusi logistik terlambat"),
        _("Pastikan distribusi logistik di %(region)s kembali sesuai jadwal"),
        section="logistics",
        agency=Agency.KPU,
        source=Source.SHORTAGE,
        icon=Icon("box-seam"),
    ),
    Rule(
        AlertKind.CONFLICT,
        Severity.HIGH,
        Choice("conflict_risk", Risk.HIGH),
        _("risiko konflik tinggi"),
        _("%(region)s: risiko konflik tinggi"),
        _("Pastikan langkah pencegahan konflik di %(region)s berjalan"),
        section="conflict",
        agency=Agency.POLRI_TNI,
        source=Source.RISK,
        icon=Icon("fire"),
    ),
    Rule(
        AlertKind.SECURITY,
        Severity.HIGH,
        Choice("security_situation", Security.VOLATILE),
        _("situasi keamanan rawan"),
        _("%(region)s: situasi keamanan rawan"),
        _("Pastikan situasi keamanan di %(region)s kembali kondusif"),
        section="security",
        agency=Agency.POLRI_TNI,
        source=Source.RISK,
        icon=Icon("shield-exclamation"),
    ),
    Rule(
        AlertKind.RECAP_BEHIND,
        Severity.HIGH,
        Unfinished("recap_kecamatan_done", StageKind.RECAP_KECAMATAN),
        _("rekapitulasi kecamatan baru %(done)s dari %(total)s, padahal tahapannya berakhir %(end)s"),
        _(
            "%(region)s: rekapitulasi kecamatan baru selesai %(done)s dari %(total)s kecamatan, "
            "padahal tahapannya berakhir %(end)s"
        ),
        _("Pastikan rekapitulasi kecamatan di %(region)s segera tuntas"),
        section="recapitulation",
        agency=Agency.KPU,
        icon=Icon("hourglass-split"),
    ),
    Rule(
        AlertKind.INCIDENT_ATTENTION,
        Severity.MEDIUM,
        OpenIncident("perhatian"),
        _("kejadian perlu perhatian: %(kind)s di Kecamatan %(kecamatan)s"),
        _("%(region)s: %(kind)s di Kecamatan %(kecamatan)s (%(date)s) perlu perhatian dan belum selesai"),
        _("Pastikan penanganan %(kind)s di Kecamatan %(kecamatan)s, %(region)s tuntas"),
        agency=Agency.POLRI_TNI,
        source=Source.RISK,
        icon=Icon("megaphone"),
    ),
    Rule(
        AlertKind.READY_WITH_NOTES,
        Severity.MEDIUM,
        Choice("readiness", Readiness.READY_WITH_NOTES),
        _("siap dengan catatan"),
        section="readiness",
        icon=Icon("exclamation-triangle"),
    ),
    Rule(
        AlertKind.UNFILLED,
        Severity.MEDIUM,
        Unfilled("readiness"),
        _("kesiapan umum belum diisi"),
        section="readiness",
        icon=Icon("question-circle-fill"),
    ),
    Rule(
        AlertKind.SECURITY_ALERT,
        Severity.MEDIUM,
        Choice("security_situation", Security.ALERT),
        _("situasi keamanan waspada"),
        _("%(region)s: situasi keamanan waspada"),
        _("Pastikan kewaspadaan keamanan di %(region)s terjaga"),
        section="security",
        agency=Agency.POLRI_TNI,
        source=Source.RISK,
        icon=Icon("shield-exclamation"),
    ),
    Rule(
        AlertKind.CONFLICT_MEDIUM,
        Severity.MEDIUM,
        Choice("conflict_risk", Risk.MEDIUM),
        _("risiko konflik sedang"),
        section="conflict",
        agency=Agency.POLRI_TNI,
        source=Source.RISK,
        icon=Icon("fire"),
    ),
    Rule(
        AlertKind.ASN,
        Severity.MEDIUM,
        Counted("asn_violations"),
        ngettext_lazy(
            "%(count)s pelanggaran netralitas ASN", "%(count)s pelanggaran netralitas ASN", "count"
        ),
        ngettext_lazy(
            "%(region)s: %(count)s pelanggaran netralitas ASN",
            "%(region)s: %(count)s pelanggaran netralitas ASN",
            "count",
        ),
        ngettext_lazy(
            "Pastikan %(count)s pelanggaran netralitas ASN di %(region)s ditindak",
            "Pastikan %(count)s pelanggaran netralitas ASN di %(region)s ditindak",
            "count",
        ),
        section="asn",
        agency=Agency.BAWASLU,
        source=Source.VIOLATION,
        icon=Icon("person-exclamation"),
    ),
    Rule(
        AlertKind.KECAMATAN_CONTRADICTION,
        Severity.LOW,
        Both((Choice("readiness", Readiness.NOT_READY), Full("kecamatan_ready"))),
        _("seluruh kecamatan siap, bertentangan dengan belum siap"),
        _(
            "%(region)s: seluruh %(ready)s kecamatan dilaporkan siap, tetapi daerah menyatakan belum "
            "siap; pastikan mana yang benar"
        ),
        _("Pastikan laporan kesiapan %(region)s konsisten"),
        in_letter=False,
        section="kecamatan",
        icon=Icon("file-diff"),
    ),
    Rule(
        AlertKind.LOGISTICS_CONTRADICTION,
        Severity.LOW,
        Both(
            (
                Choice("logistics_status", Logistics.SAFE),
                Either((Shortages(), FewerItems("logistics_items_fulfilled", started="distribution_start"))),
            )
        ),
        _("logistik dinyatakan aman, padahal %(gap)s"),
        _("%(region)s: logistik dinyatakan aman, padahal %(gap)s"),
        _("Pastikan status logistik %(region)s sesuai kenyataan"),
        in_letter=False,
        section="logistics",
        agency=Agency.KPU,
        source=Source.SHORTAGE,
        icon=Icon("file-diff"),
    ),
    Rule(
        AlertKind.TPS_LATE,
        Severity.MEDIUM,
        ShortOf("tps_opened_on_time"),
        _("%(missing)s TPS tidak dibuka tepat waktu"),
        _("%(region)s: %(missing)s dari %(total)s TPS tidak dibuka tepat waktu"),
        _("Pastikan penyebab %(missing)s TPS terlambat dibuka di %(region)s dievaluasi"),
        section="voting",
        agency=Agency.KPU,
        icon=Icon("clock"),
    ),
    Rule(
        AlertKind.TPS_INCIDENTS,
        Severity.MEDIUM,
        Counted("tps_incidents"),
        ngettext_lazy("%(count)s kejadian di TPS", "%(count)s kejadian di TPS", "count"),
        ngettext_lazy(
            "%(region)s: %(count)s kejadian di TPS", "%(region)s: %(count)s kejadian di TPS", "count"
        ),
        ngettext_lazy(
            "Pastikan %(count)s kejadian di TPS %(region)s ditangani",
            "Pastikan %(count)s kejadian di TPS %(region)s ditangani",
            "count",
        ),
        section="voting",
        agency=Agency.BAWASLU,
        icon=Icon("megaphone"),
    ),
    Rule(
        AlertKind.TURNOUT,
        Severity.MEDIUM,
        BelowTarget("voters_voted"),
        _("partisipasi %(share)s, di bawah target %(target)s"),
        _("%(region)s: partisipasi pemilih %(share)s, di bawah target %(target)s"),
        _("Pastikan penyebab rendahnya partisipasi pemilih di %(region)s dipetakan"),
        section="voting",
        agency=Agency.KPU,
        icon=Icon("graph-up"),
    ),
    Rule(
        AlertKind.PLENARY_LATE,
        Severity.MEDIUM,
        AfterStage("regency_plenary_date", StageKind.RECAP_REGENCY),
        _("pleno kabupaten/kota dijadwalkan %(date)s, setelah tahapannya berakhir %(end)s"),
        _("%(region)s: pleno rekapitulasi dijadwalkan %(date)s, setelah tahapannya berakhir %(end)s"),
        _("Pastikan pleno rekapitulasi %(region)s sesuai jadwal tahapan"),
        section="recapitulation",
        agency=Agency.KPU,
        icon=Icon("calendar-x"),
    ),
    Rule(
        AlertKind.OBJECTIONS,
        Severity.MEDIUM,
        Counted("objections_filed"),
        ngettext_lazy("%(count)s keberatan saksi", "%(count)s keberatan saksi", "count"),
        ngettext_lazy(
            "%(region)s: %(count)s keberatan diajukan dalam rekapitulasi",
            "%(region)s: %(count)s keberatan diajukan dalam rekapitulasi",
            "count",
        ),
        ngettext_lazy(
            "Pastikan %(count)s keberatan di %(region)s ditangani dalam pleno",
            "Pastikan %(count)s keberatan di %(region)s ditangani dalam pleno",
            "count",
        ),
        section="disputes",
        agency=Agency.BAWASLU,
        icon=Icon("exclamation-circle"),
    ),
    Rule(
        AlertKind.DISPUTES,
        Severity.MEDIUM,
        Counted("disputes_filed"),
        ngettext_lazy(
            "%(count)s perkara di Mahkamah Konstitusi", "%(count)s perkara di Mahkamah Konstitusi", "count"
        ),
        ngettext_lazy(
            "%(region)s: %(count)s perkara perselisihan hasil diajukan ke Mahkamah Konstitusi",
            "%(region)s: %(count)s perkara perselisihan hasil diajukan ke Mahkamah Konstitusi",
            "count",
        ),
        _("Pastikan situasi di %(region)s tetap kondusif selama sengketa di Mahkamah Konstitusi"),
        section="disputes",
        agency=Agency.POLRI_TNI,
        source=Source.RISK,
        icon=Icon("exclamation-circle"),
    ),
    Rule(
        AlertKind.OVERDUE,
        Severity.MEDIUM,
        Overdue(),
        ngettext_lazy(
            "%(count)s tindak lanjut lewat tenggat", "%(count)s tindak lanjut lewat tenggat", "count"
        ),
        ngettext_lazy(
            "%(region)s: %(count)s tindak lanjut lewat tenggat",
            "%(region)s: %(count)s tindak lanjut lewat tenggat",
            "count",
        ),
        _("Pastikan tindak lanjut %(region)s yang lewat tenggat diselesaikan"),
        icon=Icon("alarm"),
    ),
    Rule(
        AlertKind.UNCHANGED,
        Severity.LOW,
        Flag("repeated"),
        _("laporan sama dua rakor berturut-turut"),
        _("%(region)s: laporan sama dengan laporan sebelumnya dua rakor berturut-turut"),
        _("Pastikan laporan %(region)s memuat keadaan terkini"),
        icon=Icon("files"),
    ),
    Rule(
        AlertKind.MISSING,
        Severity.LOW,
        Flag("silent"),
        _("belum melapor"),
        _("%(region)s belum mengirim laporan"),
        icon=Icon("hourglass-split"),
    ),
)

RULE_OF: dict[str, Rule] = {rule.kind.value: rule for rule in RULES}


@dataclass(frozen=True)
class Finding:
    """A rule that holds for a region, with the words its sentences take."""

    rule: Rule
    region: Region
    words: Words = field(default_factory=dict)

    @property
    def severity(self) -> Severity:
        return self.rule.severity

    def _say(self, text: "StrOrPromise") -> str:
        """``text`` with its words; a plural sentence picks its form by the words' ``count``."""
        return str(text % {"region": self.region, **self.words}) if text else ""

    @property
    def reason(self) -> str:
        return self._say(self.rule.reason)

    @property
    def message(self) -> str:
        return self._say(self.rule.alert)

    @property
    def attention(self) -> str:
        return self._say(self.rule.attention or self.rule.alert)

    @property
    def action(self) -> str:
        return self._say(self.rule.action)

    @property
    def is_alert(self) -> bool:
        return bool(self.rule.alert)


def judge(subject: Subject, rules: Sequence[Rule] | None = None) -> list[Finding]:
    """Every finding of the region's week, gravest first, in the table's order within a severity.
    ``rules``: the table (``RULES`` unless a caller, such as a test, hands another)."""
    table = RULES if rules is None else rules
    found = [
        Finding(rule, subject.region, words) for rule in table for words in rule.condition.matches(subject)
    ]
    return sorted(found, key=lambda finding: finding.severity.rank)


def light_of(findings: Sequence[Finding]) -> Light:
    """The light of a reporting region: the gravest colour its findings give, green without one."""
    lights = [finding.severity.light for finding in findings if finding.severity.light is not None]
    if Light.RED in lights:
        return Light.RED
    return Light.YELLOW if lights else Light.GREEN


def reasons_of(findings: Sequence[Finding]) -> list[str]:
    """The light's reasons: the readiness word first (the sentence reads as the region said it),
    then each finding that colours the light, gravest first."""
    coloured = [finding for finding in findings if finding.severity.light is not None]
    first = [finding.reason for finding in coloured if finding.rule.section == "readiness"]
    return first + [finding.reason for finding in coloured if finding.rule.section != "readiness"]
