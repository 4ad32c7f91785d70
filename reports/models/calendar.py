"""Elections, their logistics items and their Monday rakor sessions."""

import datetime as dt
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Subquery
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from deskpilkada import clock
from deskpilkada.history import IPAddressHistoricalModel
from reports.registry import Section, sections_of

WITA = ZoneInfo("Asia/Makassar")

# A stage after voting day ends at most this long after it (disputes and inauguration included).
STAGE_HORIZON = dt.timedelta(days=366)


class StageKind(models.TextChoices):
    """The stages of an election in their order. The first three are the election's own fields
    (campaign, quiet period, voting day); the others are ``ElectionStage`` rows. Which sections the
    report asks for in each stage is declared in ``reports.registry.STAGE_SECTIONS``."""

    CAMPAIGN = "kampanye", _("masa kampanye")
    QUIET = "masa_tenang", _("masa tenang")
    VOTING = "pemungutan", _("pemungutan suara")
    COUNTING = "penghitungan", _("penghitungan suara")
    RECAP_KECAMATAN = "rekap_kecamatan", _("rekapitulasi kecamatan")
    RECAP_REGENCY = "rekap_kabkota", _("rekapitulasi kabupaten/kota")
    RECAP_PROVINCE = "rekap_provinsi", _("rekapitulasi provinsi")
    RESULT = "penetapan", _("penetapan hasil")
    DISPUTE = "sengketa", _("sengketa hasil di MK")
    INAUGURATION = "pelantikan", _("pelantikan")


# The stages held in ``Election``'s own fields; the rest are rows.
ELECTION_FIELD_STAGES = (StageKind.CAMPAIGN, StageKind.QUIET, StageKind.VOTING)
ROW_STAGES = tuple(kind for kind in StageKind if kind not in ELECTION_FIELD_STAGES)


@dataclass(frozen=True)
class Period:
    """A stage of an election and its days, first to last."""

    kind: StageKind
    start: dt.date
    end: dt.date


class Election(models.Model):
    """One election (e.g. Pilkada Serentak 2024) with its calendar and logistics items.

    ``calendar_start`` to ``calendar_end`` is the window every date of a report and its lines must
    lie in: the stages the desk follows, from the campaign's start to the end of the vote's
    recapitulation (25 September to 16 December 2024 for Pilkada Serentak 2024, PKPU 2/2024).
    ``rakor_weekday`` and ``deadline_time`` are the defaults of its weekly rakor sessions (Monday,
    reports due at 08.00 WITA on the rakor's day), set here by the admin rather than in code."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Senin")
        TUESDAY = 1, _("Selasa")
        WEDNESDAY = 2, _("Rabu")
        THURSDAY = 3, _("Kamis")
        FRIDAY = 4, _("Jumat")
        SATURDAY = 5, _("Sabtu")
        SUNDAY = 6, _("Minggu")

    name = models.CharField(_("nama"), max_length=150, unique=True)
    voting_day = models.DateField(_("hari pemungutan suara"))
    campaign_start = models.DateField(_("awal masa kampanye"))
    campaign_end = models.DateField(_("akhir masa kampanye"))
    quiet_start = models.DateField(_("awal masa tenang"))
    quiet_end = models.DateField(_("akhir masa tenang"))
    calendar_start = models.DateField(
        _("awal tahapan yang dipantau"),
        help_text=_("Tanggal paling awal dalam laporan dan barisnya; paling lambat awal masa kampanye."),
    )
    calendar_end = models.DateField(
        _("akhir tahapan yang dipantau"),
        help_text=_(
            "Tanggal paling akhir dalam laporan dan barisnya; paling cepat hari pemungutan suara, "
            "biasanya akhir rekapitulasi suara."
        ),
    )
    participation_target = models.DecimalField(
        _("target partisipasi (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    rakor_weekday = models.PositiveSmallIntegerField(
        _("hari rakor mingguan"), choices=Weekday.choices, default=Weekday.MONDAY
    )
    deadline_time = models.TimeField(
        _("batas waktu laporan (WITA)"),
        default=dt.time(8, 0),
        help_text=_("Pukul berapa laporan paling lambat dikirim pada hari rakor."),
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
                condition=models.Q(calendar_start__lte=models.F("campaign_start"))
                & models.Q(calendar_end__gte=models.F("voting_day")),
                name="election_calendar_covers_campaign_to_voting",
                violation_error_message=_(
                    "Tahapan yang dipantau harus mencakup masa kampanye sampai hari pemungutan suara."
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

    @cached_property
    def timeline(self) -> list[Period]:
        """Every stage with its dates, by start: the campaign, the quiet period and voting day from
        the election's fields, then its stage rows."""
        periods = [
            Period(StageKind.CAMPAIGN, self.campaign_start, self.campaign_end),
            Period(StageKind.QUIET, self.quiet_start, self.quiet_end),
            Period(StageKind.VOTING, self.voting_day, self.voting_day),
            *(Period(StageKind(row.kind), row.start, row.end) for row in self.stages.all()),
        ]
        order = list(StageKind)
        return sorted(periods, key=lambda period: (period.start, order.index(period.kind)))

    @property
    def last_rakor_day(self) -> dt.date:
        """The weekly rakor runs up to voting day, then through the stages the admin chose."""
        ends = [row.end for row in self.stages.all() if row.weekly_rakor]
        return max([self.voting_day, *ends])

    def stages_of_week(self, day: dt.date) -> list[StageKind]:
        """The stages of the week a rakor held on ``day`` reports on (the seven days before it).
        A week that reaches voting day follows only the stages from voting day on, so the first
        rakor after the vote no longer asks for readiness. A week with no stage of its own (a
        pause between stages) keeps the last stage begun, or the campaign before it starts."""
        first, last = day - dt.timedelta(days=7), day - dt.timedelta(days=1)
        after = last >= self.voting_day
        periods = [p for p in self.timeline if (p.start >= self.voting_day) == after]
        overlapping = [p.kind for p in periods if p.start <= last and p.end >= first]
        if overlapping:
            return overlapping
        begun = [p.kind for p in periods if p.start <= last]
        return begun[-1:] or [periods[0].kind]

    def rakor_days(self, start: dt.date) -> list[dt.date]:
        """Every rakor weekday (Monday by default) from ``start`` up to voting day, then through the
        stages the admin chose (``last_rakor_day``)."""
        first = start + dt.timedelta(days=(self.rakor_weekday - start.weekday()) % 7)
        last = self.last_rakor_day
        days = []
        while first <= last:
            days.append(first)
            first += dt.timedelta(days=7)
        return days

    def deadline_on(self, day: dt.date) -> dt.datetime:
        """The reports' deadline of a rakor held on ``day``: the election's time, WITA."""
        return default_deadline(day, self.deadline_time)

    def missing_weekly_sessions(self, start: dt.date | None = None) -> list["RakorSession"]:
        """The weekly sessions the calendar calls for that do not exist yet (unsaved), one per rakor
        weekday from ``start`` (default: the campaign's start) up to voting day and through the
        stages the weekly rakor continues through."""
        existing = set(self.sessions.values_list("date", flat=True))
        return [
            RakorSession(election=self, date=day, deadline=self.deadline_on(day))
            for day in self.rakor_days(start or self.campaign_start)
            if day not in existing
        ]

    def create_weekly_sessions(self, start: dt.date | None = None) -> list["RakorSession"]:
        """Create the missing weekly sessions; existing ones are left as they are, and a session
        made meanwhile by someone else is not made twice (one per election and date)."""
        created = []
        for planned in self.missing_weekly_sessions(start):
            session, made = RakorSession.objects.get_or_create(
                election=self, date=planned.date, defaults={"deadline": planned.deadline}
            )
            if made:
                created.append(session)
        return created


class ElectionStage(models.Model):
    """A stage of an election from the count on (counting, recapitulation at each level, result,
    disputes, inauguration), with its dates and whether the weekly rakor continues through it."""

    election = models.ForeignKey(
        Election, on_delete=models.CASCADE, related_name="stages", verbose_name=_("pemilihan")
    )
    kind = models.CharField(
        _("tahapan"), max_length=20, choices=[(kind.value, kind.label) for kind in ROW_STAGES]
    )
    start = models.DateField(_("mulai"), help_text=_("Paling cepat hari pemungutan suara."))
    end = models.DateField(_("selesai"), help_text=_("Paling lambat satu tahun setelah pemungutan suara."))
    estimated = models.BooleanField(
        _("perkiraan"),
        default=False,
        help_text=_("Tanggal belum ditetapkan KPU atau MK; diperkirakan oleh admin."),
    )
    weekly_rakor = models.BooleanField(
        _("rakor mingguan berlanjut"),
        default=True,
        help_text=_("Rakor mingguan tetap diadakan sampai tahapan ini selesai."),
    )

    class Meta:
        ordering = ["election", "start", "pk"]
        verbose_name = _("tahapan")
        verbose_name_plural = _("tahapan setelah pemungutan suara")
        constraints = [
            models.UniqueConstraint(
                fields=["election", "kind"],
                name="stage_unique_per_election",
                violation_error_message=_("Tahapan ini sudah ada untuk pemilihan tersebut."),
            ),
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")),
                name="stage_ends_after_start",
                violation_error_message=_("Tahapan tidak boleh selesai sebelum dimulai."),
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=[kind.value for kind in ROW_STAGES]),
                name="stage_kind_after_voting",
                violation_error_message=_("Tahapan ini dicatat pada data pemilihan sendiri."),
            ),
        ]

    def __str__(self) -> str:
        start, end = date_format(self.start, "j F Y"), date_format(self.end, "j F Y")
        return f"{self.get_kind_display()} ({start} – {end})"

    def clean(self) -> None:
        """Every stage lies between voting day and a year after it; one the weekly rakor continues
        through ends within the calendar window, so that its reports' dates are accepted."""
        if not self.election_id or self.start is None or self.end is None:
            return
        election = self.election
        errors = {}
        if self.start < election.voting_day:
            errors["start"] = _("Tahapan ini dimulai paling cepat pada hari pemungutan suara (%(date)s).") % {
                "date": date_format(election.voting_day, "j F Y")
            }
        horizon = election.voting_day + STAGE_HORIZON
        if self.end > horizon:
            errors["end"] = _("Tahapan ini selesai paling lambat %(date)s.") % {
                "date": date_format(horizon, "j F Y")
            }
        elif self.weekly_rakor and self.end > election.calendar_end:
            errors["end"] = _(
                "Rakor mingguan hanya dapat berlanjut sampai akhir tahapan yang dipantau (%(date)s); "
                "ubah tanggal itu pada data pemilihan, atau jangan lanjutkan rakor mingguan."
            ) % {"date": date_format(election.calendar_end, "j F Y")}
        if errors:
            raise ValidationError(errors)


# The election's 14 logistics items and their units as the KPU names them (migration 0002). They
# are data, but known words: a page names them in its language, while an item the admin adds or
# renames later keeps its own text. The letter and the files are drawn in Bahasa Indonesia, so they
# read the stored words whichever of the two they use.
ITEM_NAMES = {
    "Surat suara": pgettext_lazy("logistics item", "Surat suara"),
    "Kotak suara": pgettext_lazy("logistics item", "Kotak suara"),
    "Bilik suara": pgettext_lazy("logistics item", "Bilik suara"),
    "Tinta": pgettext_lazy("logistics item", "Tinta"),
    "Segel": pgettext_lazy("logistics item", "Segel"),
    "Alat coblos": pgettext_lazy("logistics item", "Alat coblos"),
    "Sampul": pgettext_lazy("logistics item", "Sampul"),
    "Tanda pengenal KPPS, petugas ketertiban TPS dan saksi": pgettext_lazy(
        "logistics item", "Tanda pengenal KPPS, petugas ketertiban TPS dan saksi"
    ),
    "Formulir berita acara dan sertifikat": pgettext_lazy(
        "logistics item", "Formulir berita acara dan sertifikat"
    ),
    "Daftar pasangan calon": pgettext_lazy("logistics item", "Daftar pasangan calon"),
    "Salinan DPT": pgettext_lazy("logistics item", "Salinan DPT"),
    "Alat bantu tunanetra": pgettext_lazy("logistics item", "Alat bantu tunanetra"),
    "Gembok/alat pengaman": pgettext_lazy("logistics item", "Gembok/alat pengaman"),
    "Kantong plastik": pgettext_lazy("logistics item", "Kantong plastik"),
}
ITEM_UNITS = {
    "lembar": pgettext_lazy("logistics unit", "lembar"),
    "buah": pgettext_lazy("logistics unit", "buah"),
    "botol": pgettext_lazy("logistics unit", "botol"),
    "set": pgettext_lazy("logistics unit", "set"),
}


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

    @property
    def display_name(self) -> str:
        """The item's name in the active language when it is one of the known items (``ITEM_NAMES``)."""
        return str(ITEM_NAMES.get(self.name, self.name))

    @property
    def display_unit(self) -> str:
        """The unit in the active language when it is a known one ("lembar": "sheets")."""
        return str(ITEM_UNITS.get(self.unit, self.unit))


def default_deadline(day: dt.date, time: dt.time = dt.time(8, 0)) -> dt.datetime:
    """Reports are due on the day of the rakor, at 08:00 WITA unless the election says otherwise."""
    return dt.datetime.combine(day, time, tzinfo=WITA)


class SessionQuerySet(models.QuerySet["RakorSession"]):
    def current(self) -> "RakorSession | None":
        """The session the desk is working on, in the latest election: the first one after the
        last forwarded session; with none forwarded yet, the latest one held by today."""
        latest = self.order_by("-election__voting_day").values("election_id")[:1]
        sessions = list(self.filter(election_id=Subquery(latest)).select_related("election").order_by("date"))
        if not sessions:
            return None
        forwarded = [s for s in sessions if s.forwarded_at is not None]
        if forwarded:
            after = [s for s in sessions if s.date > forwarded[-1].date and s.forwarded_at is None]
            return after[0] if after else forwarded[-1]
        held = [s for s in sessions if s.date <= clock.localdate()]
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
        _("batas waktu laporan"),
        blank=True,
        help_text=_("Bawaan: batas waktu laporan pemilihan (pukul 08.00 WITA) pada hari rakor."),
    )
    minutes = models.TextField(_("notulen"), blank=True)
    signed_off_at = models.DateTimeField(_("disetujui pada"), null=True, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("disetujui oleh"),
    )
    sign_off_acknowledged = models.JSONField(
        _("diketahui saat persetujuan"),
        default=list,
        blank=True,
        help_text=_(
            "Laporan yang belum terverifikasi (belum diperiksa, terlambat, tidak dikirim, sama dengan "
            "laporan sebelumnya) yang dicentang penyetuju saat menyetujui naskah."
        ),
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
        return f"{self.get_kind_display()} {date_format(self.date, 'j F Y')}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.deadline is None and self.date is not None:
            self.deadline = self.election.deadline_on(self.date)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("reports:dashboard_session", args=[self.pk])

    @property
    def days_to_voting(self) -> int:
        """H-minus: days from this rakor to voting day (derived, never stored); negative after it."""
        return (self.election.voting_day - self.date).days

    @property
    def countdown(self) -> str:
        """ "H-5" before voting day, "Hari H" on it, "H+5" after it."""
        days = self.days_to_voting
        if days > 0:
            return f"H-{days}"
        return str(_("Hari H")) if days == 0 else f"H+{-days}"

    @cached_property
    def stages(self) -> list[StageKind]:
        """The stages of the week this rakor reports on (see ``Election.stages_of_week``)."""
        return self.election.stages_of_week(self.date)

    @cached_property
    def sections(self) -> tuple[Section, ...]:
        """The report's sections this rakor asks for: those of its week's stages."""
        return sections_of(self.stages)

    @property
    def cut_off(self) -> dt.datetime:
        """The moment the rakor's picture ends: the end of its day (WITA), or its forwarding when
        that came first. Its pages show nothing that happened later."""
        end = dt.datetime.combine(self.date + dt.timedelta(days=1), dt.time.min, tzinfo=WITA)
        return min(end, self.forwarded_at) if self.forwarded_at is not None else end

    @property
    def stage_names(self) -> str:
        """The week's stages in the active language: "rekapitulasi kecamatan, rekapitulasi provinsi"."""
        return ", ".join(str(kind.label) for kind in self.stages)

    @property
    def is_forwarded(self) -> bool:
        return self.forwarded_at is not None
