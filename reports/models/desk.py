"""What the desk keeps around the reports: attendance, follow-ups and forwarded briefs (reminders are
recorded by ``notifications``)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from deskpilkada.history import IPAddressHistoricalModel
from regions.models import Region
from reports.models.calendar import RakorSession


class Attendance(models.Model):
    """Whether a region attended a rakor (the article's "7 hadir, 3 belum terkonfirmasi")."""

    class Status(models.TextChoices):
        PRESENT = "hadir", _("Hadir")
        EXCUSED = "izin", _("Izin")
        UNCONFIRMED = "belum", _("Belum terkonfirmasi")

    session = models.ForeignKey(
        RakorSession, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("rakor")
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="attendance", verbose_name=_("kabupaten/kota")
    )
    status = models.CharField(_("kehadiran"), max_length=10, choices=Status.choices)
    representative = models.CharField(_("perwakilan"), max_length=150, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dicatat oleh"),
    )
    recorded_at = models.DateTimeField(_("dicatat pada"), default=timezone.now)
    history = HistoricalRecords(bases=[IPAddressHistoricalModel])

    class Meta:
        ordering = ["session", "region"]
        verbose_name = _("kehadiran")
        verbose_name_plural = _("kehadiran")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "region"],
                name="attendance_unique_per_session_and_region",
                violation_error_message=_("Kehadiran wilayah ini sudah dicatat untuk rakor tersebut."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.region}: {self.get_status_display()}"


class FollowUp(models.Model):
    """A finding turned into an action (tindak lanjut), owned by an agency until closed."""

    class Agency(models.TextChoices):
        KPU = "kpu", _("KPU")
        BAWASLU = "bawaslu", _("Bawaslu")
        POLRI_TNI = "polri_tni", _("Polri/TNI")
        PEMDA = "pemda", _("Pemda")
        KESBANGPOL = "kesbangpol", _("Kesbangpol")

    class Source(models.TextChoices):
        SHORTAGE = "kekurangan", _("Kekurangan logistik")
        VIOLATION = "pelanggaran", _("Pelanggaran netralitas")
        RISK = "risiko", _("Risiko konflik")
        OTHER = "lainnya", _("Lainnya")

    session = models.ForeignKey(
        RakorSession, on_delete=models.PROTECT, related_name="follow_ups", verbose_name=_("diangkat di rakor")
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="follow_ups",
        verbose_name=_("kabupaten/kota"),
        help_text=_("Kosong: berlaku untuk semua kabupaten/kota."),
    )
    source = models.CharField(_("asal temuan"), max_length=12, choices=Source.choices, default=Source.OTHER)
    title = models.CharField(_("tindak lanjut"), max_length=200)
    description = models.TextField(_("uraian"), blank=True)
    agency = models.CharField(_("penanggung jawab"), max_length=12, choices=Agency.choices)
    due_date = models.DateField(_("tenggat"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dibuat oleh"),
    )
    created_at = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    closed_at = models.DateTimeField(_("selesai pada"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diselesaikan oleh"),
    )
    closing_note = models.TextField(_("catatan penyelesaian"), blank=True)
    history = HistoricalRecords(bases=[IPAddressHistoricalModel])

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("tindak lanjut")
        verbose_name_plural = _("tindak lanjut")
        indexes = [models.Index(fields=["closed_at"], name="followup_closed_idx")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class ForwardedBriefQuerySet(models.QuerySet):
    def current(self) -> "ForwardedBriefQuerySet":
        """The versions still standing: at most one per session."""
        return self.filter(superseded_at__isnull=True)

    def listed(self) -> "ForwardedBriefQuerySet":
        """Newest first, without the files (the downloads read them one at a time)."""
        return (
            self.defer("pdf", "xlsx", "csv", "text")
            .select_related("forwarded_by", "superseded_by")
            .order_by("-created_at", "-pk")
        )


class ForwardedBrief(models.Model):
    """The brief exactly as forwarded to the Minister, so later downloads are byte-identical.

    A rakor reopened for a correction ("buka kembali") keeps this row and its files as they were
    sent, marked superseded with who, when and why; the corrected brief is a new row."""

    session = models.ForeignKey(
        RakorSession, on_delete=models.PROTECT, related_name="forwarded_briefs", verbose_name=_("rakor")
    )
    text = models.TextField(_("naskah"))
    pdf = models.BinaryField(_("PDF"))
    xlsx = models.BinaryField(_("XLSX"))
    csv = models.BinaryField(_("CSV"))
    created_at = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    forwarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diteruskan oleh"),
    )
    superseded_at = models.DateTimeField(_("dibuka kembali pada"), null=True, blank=True)
    superseded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dibuka kembali oleh"),
    )
    reopen_reason = models.TextField(_("alasan dibuka kembali"), blank=True)
    # The files and the text stay out of the history: they never change, and the history records
    # who forwarded and who reopened, when, from where and why.
    history = HistoricalRecords(
        bases=[IPAddressHistoricalModel], excluded_fields=["text", "pdf", "xlsx", "csv"]
    )

    objects = ForwardedBriefQuerySet.as_manager()

    class Meta:
        ordering = ["session", "created_at"]
        verbose_name = _("laporan yang diteruskan")
        verbose_name_plural = _("laporan yang diteruskan")
        constraints = [
            models.UniqueConstraint(
                fields=["session"],
                condition=models.Q(superseded_at__isnull=True),
                name="forwarded_brief_one_standing_per_session",
                violation_error_message=_("Rakor ini sudah memiliki laporan yang diteruskan."),
            ),
            models.CheckConstraint(
                condition=models.Q(superseded_at__isnull=True) | ~models.Q(reopen_reason=""),
                name="forwarded_brief_reopened_with_a_reason",
                violation_error_message=_("Tuliskan alasan membuka kembali rakor ini."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.session)

    @property
    def is_superseded(self) -> bool:
        return self.superseded_at is not None
