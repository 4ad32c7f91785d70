"""The traffic light of a region, where its report stands, and the kinds of finding.

Each state and level carries its colour, icon and word beside it (never colour alone), and every
reason is a plain phrase in Bahasa Indonesia: "belum siap: kekurangan surat suara 1.200 lembar;
risiko konflik tinggi". What gives a light its colour, and which findings the desk must act on,
is the table of rules in ``reports.assessment``.
"""

from django.db import models
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from deskpilkada.icons import Icon
from reports.models import ReadinessReport

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
    """What a finding is about: the key of a rule of ``reports.assessment`` (which says how grave
    it is and what the desk says and does about it), and the first part of the key a follow-up
    made from it keeps (``FollowUp.finding``)."""

    INCIDENT_URGENT = "kejadian_darurat", gettext_lazy("Kejadian darurat")
    SHORTAGE = "kekurangan", gettext_lazy("Kekurangan logistik")
    NOT_READY = "belum_siap", gettext_lazy("Belum siap")
    LOGISTICS_LATE = "logistik_terlambat", gettext_lazy("Logistik terlambat")
    CONFLICT = "konflik", gettext_lazy("Risiko konflik tinggi")
    SECURITY = "rawan", gettext_lazy("Situasi keamanan rawan")
    RECAP_BEHIND = "rekap_tertinggal", gettext_lazy("Rekapitulasi tertinggal")
    INCIDENT_ATTENTION = "kejadian_perhatian", gettext_lazy("Kejadian perlu perhatian")
    READY_WITH_NOTES = "siap_catatan", gettext_lazy("Siap dengan catatan")
    UNFILLED = "kesiapan_kosong", gettext_lazy("Kesiapan belum diisi")
    SECURITY_ALERT = "waspada", gettext_lazy("Situasi keamanan waspada")
    CONFLICT_MEDIUM = "konflik_sedang", gettext_lazy("Risiko konflik sedang")
    ASN = "asn", gettext_lazy("Pelanggaran netralitas ASN")
    KECAMATAN_CONTRADICTION = "kecamatan_bertentangan", gettext_lazy("Kesiapan kecamatan bertentangan")
    LOGISTICS_CONTRADICTION = "logistik_bertentangan", gettext_lazy("Status logistik bertentangan")
    TPS_LATE = "tps_terlambat", gettext_lazy("TPS terlambat dibuka")
    TPS_INCIDENTS = "kejadian_tps", gettext_lazy("Kejadian di TPS")
    TURNOUT = "partisipasi", gettext_lazy("Partisipasi di bawah target")
    PLENARY_LATE = "pleno_terlambat", gettext_lazy("Pleno melewati jadwal")
    OBJECTIONS = "keberatan", gettext_lazy("Keberatan saksi")
    DISPUTES = "sengketa", gettext_lazy("Sengketa di MK")
    OVERDUE = "lewat_tenggat", gettext_lazy("Tindak lanjut lewat tenggat")
    UNCHANGED = "sama", gettext_lazy("Laporan tidak berubah")
    MISSING = "belum_lapor", gettext_lazy("Belum melapor")


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
