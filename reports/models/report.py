"""A region's weekly readiness report and its shortage and agenda lines."""

from collections.abc import Collection

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.models import HistoricalRecords

from accounts.access import region_of, sees_all_regions
from deskpilkada.history import IPAddressHistoricalModel
from regions.models import Region
from reports.models.calendar import LogisticsItem, RakorSession
from reports.registry import (
    FIELDS,
    LINE_TEXT_LENGTH,
    MAX_QUANTITY,
    PLACE_LENGTH,
    counts_are_bounded,
    date_problem,
    number,
)


class ReportQuerySet(models.QuerySet["ReadinessReport"]):
    def visible_to(self, user: User | AnonymousUser) -> "ReportQuerySet":
        """Every report for the province desk; only their own region's for an operator."""
        if sees_all_regions(user):
            return self
        region = region_of(user)
        return self.filter(region=region) if region is not None else self.none()

    def waiting_review(self, session: RakorSession) -> "ReportQuerySet":
        """The session's sent reports that nobody has accepted or returned yet, in region order: the
        reviewer's queue."""
        return self.filter(session=session, status=ReadinessReport.Status.SUBMITTED).order_by(
            "region__kemendagri_code"
        )

    def next_after(self, region: Region) -> "ReadinessReport | None":
        """The first report of this (region-ordered) queryset after ``region``, round to the start,
        never ``region``'s own (one query)."""
        others = list(self.exclude(region=region).select_related("region"))
        later = (report for report in others if report.region.kemendagri_code > region.kemendagri_code)
        return next(later, others[0] if others else None)


class ReadinessReport(models.Model):
    """A region's weekly readiness report for one rakor session."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        SUBMITTED = "submitted", _("Terkirim")
        RETURNED = "returned", _("Dikembalikan")
        ACCEPTED = "accepted", _("Diterima")

    class Readiness(models.TextChoices):
        READY = "siap", _("Siap")
        READY_WITH_NOTES = "siap_catatan", _("Siap dengan catatan")
        NOT_READY = "belum_siap", _("Belum siap")

    class LogisticsStatus(models.TextChoices):
        SAFE = "aman", _("Aman")
        SHORTAGE = "kekurangan", _("Ada kekurangan")
        LATE = "terlambat", _("Terlambat")

    class SecuritySituation(models.TextChoices):
        CALM = "kondusif", _("Kondusif")
        ALERT = "waspada", _("Waspada")
        VOLATILE = "rawan", _("Rawan")

    class ConflictRisk(models.TextChoices):
        LOW = "rendah", _("Rendah")
        MEDIUM = "sedang", _("Sedang")
        HIGH = "tinggi", _("Tinggi")

    session = models.ForeignKey(
        RakorSession, on_delete=models.PROTECT, related_name="reports", verbose_name=_("rakor")
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="reports", verbose_name=_("kabupaten/kota")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)

    readiness = models.CharField(
        _("kesiapan umum"),
        max_length=15,
        choices=Readiness.choices,
        blank=True,
        help_text=_("Penilaian Anda atas kesiapan Pilkada di wilayah ini secara keseluruhan minggu ini."),
    )

    logistics_status = models.CharField(
        _("status logistik"),
        max_length=12,
        choices=LogisticsStatus.choices,
        blank=True,
        help_text=_("Aman jika semua item tersedia dan distribusi sesuai jadwal KPU kabupaten/kota."),
    )
    logistics_items_fulfilled = models.PositiveSmallIntegerField(
        _("item logistik terpenuhi"),
        null=True,
        blank=True,
        help_text=_("Jumlah item logistik (dari daftar item pemilihan ini) yang sudah lengkap diterima."),
    )
    distribution_start = models.DateField(
        _("distribusi mulai"),
        null=True,
        blank=True,
        help_text=_("Tanggal logistik mulai dikirim ke kecamatan dan desa/kelurahan."),
    )
    distribution_end = models.DateField(
        _("distribusi selesai"),
        null=True,
        blank=True,
        help_text=_("Tanggal distribusi selesai; harus sebelum hari pemungutan suara."),
    )
    logistics_notes = models.TextField(
        _("catatan logistik"), blank=True, help_text=_("Misalnya kendala angkutan, cuaca atau gudang.")
    )

    security_personnel = models.PositiveIntegerField(
        _("personel pengamanan"),
        null=True,
        blank=True,
        help_text=_("Jumlah orang (Polri, TNI, Satpol PP, Linmas) yang disiagakan untuk pengamanan."),
    )
    security_situation = models.CharField(
        _("situasi keamanan"),
        max_length=10,
        choices=SecuritySituation.choices,
        blank=True,
        help_text=_("Menurut penilaian Forkopimda minggu ini."),
    )
    security_notes = models.TextField(
        _("catatan keamanan"), blank=True, help_text=_("Kejadian, lokasi rawan dan langkah yang diambil.")
    )

    asn_violations = models.PositiveIntegerField(
        _("pelanggaran netralitas ASN"),
        null=True,
        blank=True,
        help_text=_("Jumlah kasus yang ditemukan sejak laporan lalu; isi 0 jika tidak ada."),
    )
    asn_notes = models.TextField(
        _("catatan netralitas ASN"),
        blank=True,
        help_text=_("Instansi, bentuk pelanggaran dan tindak lanjutnya."),
    )

    kecamatan_ready = models.PositiveSmallIntegerField(
        _("kecamatan siap"),
        null=True,
        blank=True,
        help_text=_("Jumlah kecamatan yang siap melaksanakan pemungutan suara, dari seluruh kecamatan."),
    )

    first_time_voters = models.PositiveIntegerField(
        _("pemilih pemula"),
        null=True,
        blank=True,
        help_text=_("Jumlah orang pemilih pemula yang terdata dalam DPT."),
    )
    ektp_notes = models.TextField(
        _("catatan e-KTP"), blank=True, help_text=_("Perekaman e-KTP pemilih pemula dan kendalanya.")
    )

    conflict_risk = models.CharField(
        _("risiko konflik"),
        max_length=10,
        choices=ConflictRisk.choices,
        blank=True,
        help_text=_("Risiko konflik horizontal antarpendukung menurut penilaian Forkopimda."),
    )
    conflict_notes = models.TextField(
        _("catatan konflik horizontal"), blank=True, help_text=_("Pihak, lokasi dan upaya pencegahannya.")
    )

    tps_opened_on_time = models.PositiveIntegerField(
        _("TPS dibuka tepat waktu"),
        null=True,
        blank=True,
        help_text=_("Jumlah TPS yang dibuka pukul 07.00 waktu setempat, dari seluruh TPS wilayah ini."),
    )
    tps_incidents = models.PositiveIntegerField(
        _("kejadian di TPS"),
        null=True,
        blank=True,
        help_text=_("Jumlah kejadian yang mengganggu pemungutan atau penghitungan suara di TPS."),
    )
    tps_incident_notes = models.TextField(
        _("catatan kejadian di TPS"), blank=True, help_text=_("TPS, kejadian dan penanganannya.")
    )
    voters_voted = models.PositiveIntegerField(
        _("pemilih yang memberikan suara"),
        null=True,
        blank=True,
        help_text=_("Jumlah pemilih yang memberikan suara menurut KPU kabupaten/kota, dari seluruh DPT."),
    )

    recap_kecamatan_done = models.PositiveSmallIntegerField(
        _("rekapitulasi kecamatan selesai"),
        null=True,
        blank=True,
        help_text=_(
            "Jumlah kecamatan yang sudah menyelesaikan rapat pleno rekapitulasi, dari seluruh kecamatan."
        ),
    )
    regency_plenary_date = models.DateField(
        _("pleno rekapitulasi kabupaten/kota"),
        null=True,
        blank=True,
        help_text=_("Tanggal rapat pleno rekapitulasi KPU kabupaten/kota, terjadwal atau sudah terlaksana."),
    )
    recap_notes = models.TextField(
        _("catatan rekapitulasi"), blank=True, help_text=_("Kecamatan yang tertunda dan sebabnya.")
    )

    objections_filed = models.PositiveSmallIntegerField(
        _("keberatan saksi"),
        null=True,
        blank=True,
        help_text=_("Jumlah keberatan yang diajukan saksi atau pengawas dalam rekapitulasi sejauh ini."),
    )
    disputes_filed = models.PositiveSmallIntegerField(
        _("perkara di MK"),
        null=True,
        blank=True,
        help_text=_("Jumlah permohonan perselisihan hasil yang didaftarkan ke Mahkamah Konstitusi."),
    )
    disputes_notes = models.TextField(
        _("catatan keberatan dan sengketa"),
        blank=True,
        help_text=_("Pemohon, pokok keberatan dan tindak lanjutnya."),
    )

    coordination_notes = models.TextField(
        _("koordinasi Forkopimda"), blank=True, help_text=_("Rapat dan kesepakatan Forkopimda minggu ini.")
    )
    notes = models.TextField(
        _("catatan lain"), blank=True, help_text=_("Hal lain yang perlu diketahui Desk Pilkada provinsi.")
    )

    confirmed_sections = models.JSONField(
        _("bagian yang dikonfirmasi"),
        default=dict,
        blank=True,
        help_text=_("Tanggal terakhir setiap bagian dikonfirmasi atau diubah operator."),
    )
    changed_sections = models.JSONField(
        _("bagian yang berubah"),
        default=list,
        blank=True,
        help_text=_("Bagian yang berbeda dari laporan minggu lalu."),
    )

    created_at = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah pada"), auto_now=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dikirim oleh"),
    )
    first_submitted_at = models.DateTimeField(_("pertama dikirim"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("dikirim pada"), null=True, blank=True)
    is_late = models.BooleanField(_("terlambat"), default=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diperiksa oleh"),
    )
    reviewed_at = models.DateTimeField(_("diperiksa pada"), null=True, blank=True)
    reviewer_comment = models.TextField(_("komentar pemeriksa"), blank=True)
    version = models.PositiveIntegerField(_("versi"), default=1)
    history = HistoricalRecords(bases=[IPAddressHistoricalModel])

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["session", "region"]
        verbose_name = _("laporan kesiapan")
        verbose_name_plural = _("laporan kesiapan")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "region"],
                name="report_unique_per_session_and_region",
                violation_error_message=_("Wilayah ini sudah memiliki laporan untuk rakor tersebut."),
            ),
            models.CheckConstraint(
                condition=models.Q(distribution_start__isnull=True)
                | models.Q(distribution_end__isnull=True)
                | models.Q(distribution_end__gte=models.F("distribution_start")),
                name="report_distribution_ends_after_start",
                violation_error_message=_("Distribusi tidak boleh selesai sebelum dimulai."),
            ),
            models.CheckConstraint(
                condition=counts_are_bounded(),
                name="report_counts_are_bounded",
                violation_error_message=_("Angka laporan melebihi batas yang wajar."),
            ),
            models.CheckConstraint(
                condition=models.Q(version__gte=1),
                name="report_version_starts_at_one",
                violation_error_message=_("Versi laporan dimulai dari 1."),
            ),
            models.CheckConstraint(
                condition=models.Q(status="draft") | models.Q(first_submitted_at__isnull=False),
                name="report_sent_reports_have_a_submission_time",
                violation_error_message=_("Laporan yang sudah dikirim harus memiliki waktu kirim."),
            ),
        ]
        indexes = [models.Index(fields=["region", "session"], name="report_region_session_idx")]

    def __str__(self) -> str:
        return f"{self.region} — {self.session}"

    def get_absolute_url(self) -> str:
        return reverse("reports:report_detail", args=[self.pk])

    def clean_fields(self, exclude: Collection[str] | None = None) -> None:
        """Django's checks of each field, then the registry's bounds (counts, text lengths, dates
        within the election's calendar) on every field that passed them and is not excluded."""
        errors: dict = {}
        try:
            super().clean_fields(exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        election = self.session.election if self.session_id else None
        for field in FIELDS:
            if field.name in errors or field.name in (exclude or ()):
                continue
            problem = field.problem(getattr(self, field.name), election)
            if problem:
                errors[field.name] = [problem]
        if errors:
            raise ValidationError(errors)

    def clean(self) -> None:
        errors = {}
        for field in FIELDS:
            value = getattr(self, field.name)
            if not (field.out_of and self.region_id and value is not None):
                continue
            count = getattr(self.region, field.out_of)
            if value > count:
                errors[field.name] = ngettext(
                    "%(name)s hanya memiliki %(count)s %(unit)s.",
                    "%(name)s hanya memiliki %(count)s %(unit)s.",
                    count,
                ) % {"name": self.region.name, "count": number(count), "unit": field.unit}
        if self.session_id and self.logistics_items_fulfilled is not None:
            total = self.session.election.logistics_items.count()
            if self.logistics_items_fulfilled > total:
                errors["logistics_items_fulfilled"] = ngettext(
                    "Pemilihan ini hanya memiliki %(count)s item logistik.",
                    "Pemilihan ini hanya memiliki %(count)s item logistik.",
                    total,
                ) % {"count": total}
        if errors:
            raise ValidationError(errors)

    @property
    def is_sent(self) -> bool:
        return self.status != self.Status.DRAFT


class ShortageLine(models.Model):
    """A shortage of one logistics item reported by a region ("kekurangan surat suara")."""

    report = models.ForeignKey(
        ReadinessReport, on_delete=models.CASCADE, related_name="shortages", verbose_name=_("laporan")
    )
    item = models.ForeignKey(
        LogisticsItem, on_delete=models.PROTECT, related_name="shortages", verbose_name=_("item")
    )
    quantity = models.PositiveIntegerField(
        _("jumlah kekurangan"),
        validators=[MinValueValidator(1), MaxValueValidator(MAX_QUANTITY)],
        help_text=_("Dalam satuan item tersebut, misalnya lembar untuk surat suara."),
    )
    note = models.CharField(
        _("keterangan"),
        max_length=LINE_TEXT_LENGTH,
        blank=True,
        help_text=_("Untuk TPS atau kecamatan mana."),
    )
    history = HistoricalRecords(bases=[IPAddressHistoricalModel])

    class Meta:
        ordering = ["report", "item__position", "pk"]
        verbose_name = _("kekurangan logistik")
        verbose_name_plural = _("kekurangan logistik")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quantity__gte=1, quantity__lte=MAX_QUANTITY),
                name="shortage_quantity_positive_and_bounded",
                violation_error_message=_("Jumlah kekurangan harus antara 1 dan 100.000.000."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item}: {self.quantity}"


class AgendaLine(models.Model):
    """A coming event a region reports: kampanye rapat umum (rally), debate, logistics distribution, other."""

    class Kind(models.TextChoices):
        RALLY = "kampanye_akbar", _("Kampanye rapat umum")
        DEBATE = "debat", _("Debat publik")
        DISTRIBUTION = "distribusi", _("Distribusi logistik")
        OTHER = "lainnya", _("Lainnya")

    report = models.ForeignKey(
        ReadinessReport, on_delete=models.CASCADE, related_name="agenda", verbose_name=_("laporan")
    )
    kind = models.CharField(_("jenis kegiatan"), max_length=15, choices=Kind.choices)
    date = models.DateField(_("tanggal"))
    place = models.CharField(_("tempat"), max_length=PLACE_LENGTH, blank=True)
    description = models.CharField(_("uraian"), max_length=LINE_TEXT_LENGTH, blank=True)
    history = HistoricalRecords(bases=[IPAddressHistoricalModel])

    class Meta:
        ordering = ["report", "date", "pk"]
        verbose_name = _("agenda")
        verbose_name_plural = _("agenda")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {date_format(self.date, 'j F Y')}"

    def clean_fields(self, exclude: Collection[str] | None = None) -> None:
        """Django's checks of each field, then the date within the election's calendar."""
        errors: dict = {}
        try:
            super().clean_fields(exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        report = getattr(self, "report", None)
        checked = "date" not in errors and "date" not in (exclude or ())
        if checked and self.date is not None and report is not None and report.session_id:
            problem = date_problem(report.session.election, self.date)
            if problem:
                errors["date"] = [problem]
        if errors:
            raise ValidationError(errors)
