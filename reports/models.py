"""Elections, their Monday rakor sessions, the regions' readiness reports and what follows them."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from deskpilkada.history import IPAddressHistoricalModel
from regions.models import Region
from reports.access import region_of, sees_all_regions

WITA = ZoneInfo("Asia/Makassar")

# Upper bounds keep absurd numbers (10^20) out of the database and out of the roll-up.
MAX_PERSONNEL = 1_000_000
MAX_VOTERS = 10_000_000
MAX_QUANTITY = 100_000_000


class Election(models.Model):
    """One election (e.g. Pilkada Serentak 2024) with its calendar and logistics items."""

    name = models.CharField(_("nama"), max_length=150, unique=True)
    voting_day = models.DateField(_("hari pemungutan suara"))
    campaign_start = models.DateField(_("awal masa kampanye"))
    campaign_end = models.DateField(_("akhir masa kampanye"))
    quiet_start = models.DateField(_("awal masa tenang"))
    quiet_end = models.DateField(_("akhir masa tenang"))
    participation_target = models.DecimalField(
        _("target partisipasi (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )

    class Meta:
        ordering = ["-voting_day"]
        verbose_name = _("pemilihan")
        verbose_name_plural = _("pemilihan")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(campaign_end__gte=models.F("campaign_start")),
                name="election_campaign_ends_after_start",
                violation_error_message=_("Akhir masa kampanye tidak boleh sebelum awalnya."),
            ),
            models.CheckConstraint(
                condition=models.Q(quiet_start__gt=models.F("campaign_end"))
                & models.Q(quiet_end__gte=models.F("quiet_start"))
                & models.Q(voting_day__gt=models.F("quiet_end")),
                name="election_quiet_period_between_campaign_and_voting",
                violation_error_message=_(
                    "Masa tenang harus sesudah masa kampanye dan sebelum hari pemungutan suara."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(participation_target__gte=0, participation_target__lte=100),
                name="election_target_is_a_percentage",
                violation_error_message=_("Target partisipasi harus antara 0 dan 100 persen."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def mondays(self, start: dt.date) -> list[dt.date]:
        """Every Monday from ``start`` up to voting day."""
        first = start + dt.timedelta(days=(7 - start.weekday()) % 7)
        days = []
        while first <= self.voting_day:
            days.append(first)
            first += dt.timedelta(days=7)
        return days

    def create_weekly_sessions(self, start: dt.date | None = None) -> list["RakorSession"]:
        """Create the missing weekly sessions, one per Monday from ``start`` (default: the
        campaign's start) up to voting day. Existing sessions are left as they are."""
        existing = set(self.sessions.values_list("date", flat=True))
        created = [
            RakorSession(election=self, date=day)
            for day in self.mondays(start or self.campaign_start)
            if day not in existing
        ]
        for session in created:
            session.save()
        return created


class LogisticsItem(models.Model):
    """One of an election's logistics items ("14 item logistik"), kept as editable data."""

    election = models.ForeignKey(
        Election, on_delete=models.CASCADE, related_name="logistics_items", verbose_name=_("pemilihan")
    )
    name = models.CharField(_("nama barang"), max_length=150)
    unit = models.CharField(_("satuan"), max_length=30, default="buah")
    position = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        ordering = ["election", "position", "name"]
        verbose_name = _("item logistik")
        verbose_name_plural = _("item logistik")
        constraints = [
            models.UniqueConstraint(
                fields=["election", "name"],
                name="logistics_item_unique_per_election",
                violation_error_message=_("Item logistik ini sudah ada untuk pemilihan tersebut."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


def default_deadline(day: dt.date) -> dt.datetime:
    """Reports are due at 08:00 WITA on the day of the rakor."""
    return dt.datetime.combine(day, dt.time(8, 0), tzinfo=WITA)


class SessionQuerySet(models.QuerySet):
    def current(self) -> "RakorSession | None":
        """The session the desk is working on, in the latest election: the first one after the
        last forwarded session; with none forwarded yet, the latest one held by today."""
        latest = self.order_by("-election__voting_day").values_list("election_id", flat=True).first()
        if latest is None:
            return None
        sessions = list(self.filter(election_id=latest).select_related("election").order_by("date"))
        forwarded = [s for s in sessions if s.forwarded_at is not None]
        if forwarded:
            after = [s for s in sessions if s.date > forwarded[-1].date and s.forwarded_at is None]
            return after[0] if after else forwarded[-1]
        held = [s for s in sessions if s.date <= timezone.localdate()]
        return held[-1] if held else sessions[0]


class RakorSession(models.Model):
    """One Monday coordination meeting (rakor) of an election."""

    class Kind(models.TextChoices):
        WEEKLY = "weekly", _("Rakor mingguan")
        PLENARY = "plenary", _("Rakor paripurna")

    election = models.ForeignKey(
        Election, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("pemilihan")
    )
    date = models.DateField(_("tanggal"))
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices, default=Kind.WEEKLY)
    deadline = models.DateTimeField(
        _("batas waktu laporan"), blank=True, help_text=_("Bawaan: pukul 08.00 WITA pada hari rakor.")
    )
    minutes = models.TextField(_("notulen"), blank=True)
    closed_at = models.DateTimeField(_("ditutup pada"), null=True, blank=True)
    signed_off_at = models.DateTimeField(_("disetujui pada"), null=True, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("disetujui oleh"),
    )
    forwarded_at = models.DateTimeField(_("diteruskan pada"), null=True, blank=True)
    forwarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diteruskan oleh"),
    )
    brief_text = models.TextField(
        _("naskah laporan ke Mendagri"), blank=True, help_text=_("Kosong: naskah disusun dari data.")
    )
    history = HistoricalRecords(bases=[IPAddressHistoricalModel])

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["election", "date"]
        get_latest_by = "date"
        verbose_name = _("rakor")
        verbose_name_plural = _("rakor")
        constraints = [
            models.UniqueConstraint(
                fields=["election", "date"],
                name="session_unique_per_election_and_date",
                violation_error_message=_("Sudah ada rakor pada tanggal ini untuk pemilihan tersebut."),
            ),
            models.CheckConstraint(
                condition=models.Q(forwarded_at__isnull=True) | models.Q(signed_off_at__isnull=False),
                name="session_forwarded_only_after_sign_off",
                violation_error_message=_("Rakor hanya dapat diteruskan setelah disetujui."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date:%d-%m-%Y}"

    def save(self, *args, **kwargs):
        if self.deadline is None and self.date is not None:
            self.deadline = default_deadline(self.date)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("reports:dashboard_session", args=[self.pk])

    @property
    def days_to_voting(self) -> int:
        """H-minus: days from this rakor to voting day (derived, never stored)."""
        return (self.election.voting_day - self.date).days

    @property
    def is_forwarded(self) -> bool:
        return self.forwarded_at is not None


class ReportQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ReportQuerySet":
        """Every report for the province desk; only their own region's for an operator."""
        if sees_all_regions(user):
            return self
        region = region_of(user)
        return self.filter(region=region) if region is not None else self.none()


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
        validators=[MaxValueValidator(MAX_PERSONNEL)],
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
        validators=[MaxValueValidator(MAX_PERSONNEL)],
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
        validators=[MaxValueValidator(MAX_VOTERS)],
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
        help_text=_("Risiko konflik horisontal antarpendukung menurut penilaian Forkopimda."),
    )
    conflict_notes = models.TextField(
        _("catatan konflik horisontal"), blank=True, help_text=_("Pihak, lokasi dan upaya pencegahannya.")
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
                condition=models.Q(security_personnel__lte=MAX_PERSONNEL)
                & models.Q(asn_violations__lte=MAX_PERSONNEL)
                & models.Q(first_time_voters__lte=MAX_VOTERS),
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

    def clean(self):
        errors = {}
        ready = self.kecamatan_ready
        if self.region_id and ready is not None and ready > self.region.kecamatan_count:
            errors["kecamatan_ready"] = _("%(name)s hanya memiliki %(count)s kecamatan.") % {
                "name": self.region.name,
                "count": self.region.kecamatan_count,
            }
        if self.session_id and self.logistics_items_fulfilled is not None:
            total = self.session.election.logistics_items.count()
            if self.logistics_items_fulfilled > total:
                errors["logistics_items_fulfilled"] = _(
                    "Pemilihan ini hanya memiliki %(count)s item logistik."
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
        _("keterangan"), max_length=300, blank=True, help_text=_("Untuk TPS atau kecamatan mana.")
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
    """A coming event a region reports: kampanye akbar, debate, logistics distribution, other."""

    class Kind(models.TextChoices):
        RALLY = "kampanye_akbar", _("Kampanye akbar")
        DEBATE = "debat", _("Debat publik")
        DISTRIBUTION = "distribusi", _("Distribusi logistik")
        OTHER = "lainnya", _("Lainnya")

    report = models.ForeignKey(
        ReadinessReport, on_delete=models.CASCADE, related_name="agenda", verbose_name=_("laporan")
    )
    kind = models.CharField(_("jenis kegiatan"), max_length=15, choices=Kind.choices)
    date = models.DateField(_("tanggal"))
    place = models.CharField(_("tempat"), max_length=200, blank=True)
    description = models.CharField(_("uraian"), max_length=300, blank=True)
    history = HistoricalRecords(bases=[IPAddressHistoricalModel])

    class Meta:
        ordering = ["report", "date", "pk"]
        verbose_name = _("agenda")
        verbose_name_plural = _("agenda")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date:%d-%m-%Y}"


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


class Reminder(models.Model):
    """A reminder e-mailed to a region for one session deadline; kept so cron never repeats it."""

    session = models.ForeignKey(
        RakorSession, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("rakor")
    )
    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("kabupaten/kota")
    )
    deadline = models.DateTimeField(_("batas waktu"))
    recipients = models.TextField(_("penerima"))
    sent_at = models.DateTimeField(_("dikirim pada"), auto_now_add=True)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("pengingat")
        verbose_name_plural = _("pengingat")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "region", "deadline"],
                name="reminder_once_per_deadline",
                violation_error_message=_("Pengingat untuk batas waktu ini sudah dikirim."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.region} — {self.session}"


class ForwardedBrief(models.Model):
    """The brief exactly as forwarded to the Minister, so later downloads are byte-identical."""

    session = models.OneToOneField(
        RakorSession, on_delete=models.PROTECT, related_name="forwarded_brief", verbose_name=_("rakor")
    )
    text = models.TextField(_("naskah"))
    pdf = models.BinaryField(_("PDF"))
    xlsx = models.BinaryField(_("XLSX"))
    csv = models.BinaryField(_("CSV"))
    created_at = models.DateTimeField(_("dibuat pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("laporan yang diteruskan")
        verbose_name_plural = _("laporan yang diteruskan")

    def __str__(self) -> str:
        return str(self.session)
