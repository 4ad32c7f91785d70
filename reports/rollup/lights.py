"""The readiness traffic light of a region and the findings the desk must act on.

Each state and level carries its colour, icon and word beside it (never colour alone), and every
reason is a plain phrase in Bahasa Indonesia: "belum siap: kekurangan surat suara 1.200 lembar;
risiko konflik tinggi".
"""

from django.db import models
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from deskpilkada.icons import Icon
from regions.models import Region
from reports.models import FollowUp, ReadinessReport, ShortageLine

Readiness = ReadinessReport.Readiness


class Light(models.TextChoices):
    """The readiness traffic light; each colour carries its word and icon (never colour alone)."""

    GREEN = "hijau", gettext_lazy("Siap")
    YELLOW = "kuning", gettext_lazy("Perlu perhatian")
    RED = "merah", gettext_lazy("Bermasalah")
    GREY = "abu", gettext_lazy("Belum melapor")

    @property
    def colour(self) -> str:
        """The Bootstrap colour name of the light."""
        return {"hijau": "success", "kuning": "warning", "merah": "danger", "abu": "secondary"}[self.value]

    @property
    def icon(self) -> str:
        return {
            "hijau": Icon("check-circle-fill"),
            "kuning": Icon("exclamation-triangle-fill"),
            "merah": Icon("x-octagon-fill"),
            "abu": Icon("question-circle-fill"),
        }[self.value]


class ReportState(models.TextChoices):
    """Where a region's report for the session stands, as the dashboard says it."""

    ACCEPTED = "accepted", gettext_lazy("Diterima")
    SUBMITTED = "submitted", gettext_lazy("Menunggu pemeriksaan")
    RETURNED = "returned", gettext_lazy("Dikembalikan")
    DRAFT = "draft", gettext_lazy("Draf, belum dikirim")
    MISSING = "missing", gettext_lazy("Belum ada laporan")

    @property
    def colour(self) -> str:
        return {
            "accepted": "success",
            "submitted": "primary",
            "returned": "warning",
            "draft": "secondary",
            "missing": "secondary",
        }[self.value]

    @property
    def icon(self) -> str:
        return {
            "accepted": Icon("check2-all"),
            "submitted": Icon("inbox-fill"),
            "returned": Icon("arrow-return-left"),
            "draft": Icon("pencil"),
            "missing": Icon("dash-circle"),
        }[self.value]


class AlertKind(models.TextChoices):
    """What an alert is about; ``source`` and ``agency`` prefill the follow-up made from it."""

    SHORTAGE = "kekurangan", gettext_lazy("Kekurangan logistik")
    NOT_READY = "belum_siap", gettext_lazy("Belum siap")
    CONFLICT = "konflik", gettext_lazy("Risiko konflik tinggi")
    SECURITY = "rawan", gettext_lazy("Situasi keamanan rawan")
    ASN = "asn", gettext_lazy("Pelanggaran netralitas ASN")
    UNCHANGED = "sama", gettext_lazy("Laporan tidak berubah")
    MISSING = "belum_lapor", gettext_lazy("Belum melapor")

    @property
    def colour(self) -> str:
        return {"belum_lapor": "secondary", "asn": "warning", "sama": "info"}.get(self.value, "danger")

    @property
    def icon(self) -> str:
        return {
            "kekurangan": Icon("box-seam"),
            "belum_siap": Icon("x-octagon"),
            "konflik": Icon("fire"),
            "rawan": Icon("shield-exclamation"),
            "asn": Icon("person-exclamation"),
            "sama": Icon("files"),
            "belum_lapor": Icon("hourglass-split"),
        }[self.value]

    @property
    def source(self) -> str:
        return {
            "kekurangan": FollowUp.Source.SHORTAGE,
            "asn": FollowUp.Source.VIOLATION,
            "konflik": FollowUp.Source.RISK,
            "rawan": FollowUp.Source.RISK,
        }.get(self.value, FollowUp.Source.OTHER)

    @property
    def agency(self) -> str:
        return {
            "kekurangan": FollowUp.Agency.KPU,
            "asn": FollowUp.Agency.BAWASLU,
            "konflik": FollowUp.Agency.POLRI_TNI,
            "rawan": FollowUp.Agency.POLRI_TNI,
        }.get(self.value, FollowUp.Agency.KESBANGPOL)


def readiness_words() -> tuple[str, ...]:
    return (str(Readiness.NOT_READY.label).lower(), str(Readiness.READY_WITH_NOTES.label).lower())


def number(value: int) -> str:
    """A whole number as Indonesians write it in a sentence: 1.200."""
    return number_format(value, force_grouping=True)


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def explain(reasons: list[str]) -> str:
    """A light's reasons in one sentence, the readiness word leading: "belum siap: a; b"."""
    if not reasons:
        return _("siap")
    head, *rest = reasons
    if head in readiness_words() and rest:
        return f"{head}: {'; '.join(rest)}"
    return "; ".join(reasons)


def traffic_light(
    report: ReadinessReport | None, shortages: list[ShortageLine], asks_readiness: bool = True
) -> tuple[Light, list[str]]:
    """The traffic light and its reasons in plain Bahasa Indonesia. After voting day the rakor no
    longer asks for readiness (``asks_readiness``), so its absence is no reason."""
    if report is None:
        return Light.GREY, [_("belum melapor")]
    red, yellow = [], []
    if report.readiness == Readiness.NOT_READY:
        red.append(str(Readiness.NOT_READY.label).lower())
    elif report.readiness == Readiness.READY_WITH_NOTES:
        yellow.append(str(Readiness.READY_WITH_NOTES.label).lower())
    elif not report.readiness and asks_readiness:
        yellow.append(_("kesiapan umum belum diisi"))
    red.extend(
        _("kekurangan %(item)s %(quantity)s %(unit)s")
        % {"item": lower_first(line.item.name), "quantity": number(line.quantity), "unit": line.item.unit}
        for line in shortages
    )
    if report.logistics_status == ReadinessReport.LogisticsStatus.LATE:
        red.append(_("logistik terlambat"))
    if report.conflict_risk == ReadinessReport.ConflictRisk.HIGH:
        red.append(_("risiko konflik tinggi"))
    elif report.conflict_risk == ReadinessReport.ConflictRisk.MEDIUM:
        yellow.append(_("risiko konflik sedang"))
    if report.security_situation == ReadinessReport.SecuritySituation.VOLATILE:
        red.append(_("situasi keamanan rawan"))
    elif report.security_situation == ReadinessReport.SecuritySituation.ALERT:
        yellow.append(_("situasi keamanan waspada"))
    if report.asn_violations:
        yellow.append(
            ngettext(
                "%(count)s pelanggaran netralitas ASN",
                "%(count)s pelanggaran netralitas ASN",
                report.asn_violations,
            )
            % {"count": number(report.asn_violations)}
        )
    if red:
        # The readiness word leads whatever the colour, so the sentence reads as the region said it.
        words = [w for w in yellow if w in readiness_words()]
        return Light.RED, words + red + [w for w in yellow if w not in words]
    if yellow:
        return Light.YELLOW, yellow
    return Light.GREEN, []


Finding = tuple[AlertKind, str, str]


def findings(region: Region, report: ReadinessReport, shortages: list[ShortageLine]) -> list[Finding]:
    """What in a sent report the desk must act on: each finding's kind, its sentence, and the action
    ("Pastikan …") drafted as the title of the follow-up raised from it."""
    found = []
    for line in shortages:
        words = {
            "region": region,
            "item": lower_first(line.item.name),
            "quantity": number(line.quantity),
            "unit": line.item.unit,
        }
        found.append(
            (
                AlertKind.SHORTAGE,
                _("%(region)s kekurangan %(item)s %(quantity)s %(unit)s") % words,
                _("Pastikan kekurangan %(item)s %(quantity)s %(unit)s di %(region)s terpenuhi") % words,
            )
        )
    where = {"region": region}
    if report.readiness == Readiness.NOT_READY:
        found.append(
            (
                AlertKind.NOT_READY,
                _("%(region)s menyatakan belum siap") % where,
                _("Pastikan %(region)s siap sebelum hari pemungutan suara") % where,
            )
        )
    if report.conflict_risk == ReadinessReport.ConflictRisk.HIGH:
        found.append(
            (
                AlertKind.CONFLICT,
                _("%(region)s: risiko konflik tinggi") % where,
                _("Pastikan langkah pencegahan konflik di %(region)s berjalan") % where,
            )
        )
    if report.security_situation == ReadinessReport.SecuritySituation.VOLATILE:
        found.append(
            (
                AlertKind.SECURITY,
                _("%(region)s: situasi keamanan rawan") % where,
                _("Pastikan situasi keamanan di %(region)s kembali kondusif") % where,
            )
        )
    if report.asn_violations:
        count = {"region": region, "count": number(report.asn_violations)}
        found.append(
            (
                AlertKind.ASN,
                ngettext(
                    "%(region)s: %(count)s pelanggaran netralitas ASN",
                    "%(region)s: %(count)s pelanggaran netralitas ASN",
                    report.asn_violations,
                )
                % count,
                ngettext(
                    "Pastikan %(count)s pelanggaran netralitas ASN di %(region)s ditindak",
                    "Pastikan %(count)s pelanggaran netralitas ASN di %(region)s ditindak",
                    report.asn_violations,
                )
                % count,
            )
        )
    return found
