"""Incident reports (laporan kejadian): what happened, where and how bad, any day of the week.

An ``Incident`` belongs to one region and one of its kecamatan; it moves baru → ditangani → selesai
through ``IncidentUpdate`` rows (who, when, what, and the status it moved to), which are its
history. ``IncidentAgency`` lists the partner agencies involved (the follow-ups' agencies);
``Attachment`` holds a photo or a PDF in the private incident storage, never in public media.
"""

import datetime as dt

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.core.files.storage import Storage, storages
from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.access import Role, agency_of, region_of, role_of, sees_all_regions
from deskpilkada.history import IPAddressHistoricalModel
from deskpilkada.icons import Icon
from regions.models import Kecamatan, Region
from reports.models import WITA, Election, FollowUp, RakorSession

DESCRIPTION_LIMIT = 4000
ACTIONS_LIMIT = 2000
UPDATE_LIMIT = 2000


class Kind(models.TextChoices):
    SECURITY = "kamtibmas", _("Konflik/gangguan kamtibmas")
    MONEY_POLITICS = "politik_uang", _("Politik uang")
    HOAX = "hoaks", _("Hoaks/ujaran kebencian")
    ASN_NEUTRALITY = "netralitas_asn", _("Netralitas ASN")
    DISASTER = "bencana", _("Bencana")
    LOGISTICS = "logistik", _("Gangguan logistik")
    OTHER = "lainnya", _("Lainnya")


class Severity(models.TextChoices):
    ROUTINE = "biasa", _("Biasa")
    ATTENTION = "perhatian", _("Perlu perhatian")
    URGENT = "darurat", _("Darurat")

    @property
    def colour(self) -> str:
        return {"biasa": "secondary", "perhatian": "warning", "darurat": "danger"}[self.value]

    @property
    def icon(self) -> Icon:
        return {
            "biasa": Icon("info-circle"),
            "perhatian": Icon("exclamation-triangle"),
            "darurat": Icon("exclamation-octagon"),
        }[self.value]


class Status(models.TextChoices):
    NEW = "baru", _("Baru")
    HANDLING = "ditangani", _("Ditangani")
    DONE = "selesai", _("Selesai")

    @property
    def colour(self) -> str:
        return {"baru": "primary", "ditangani": "info", "selesai": "success"}[self.value]


# The week's significant incidents in the letter and the XLSX.
SIGNIFICANT = (Severity.ATTENTION, Severity.URGENT)
OPEN = (Status.NEW, Status.HANDLING)


def incident_storage() -> Storage:
    """The private storage of attachments (``STORAGES["incidents"]``): local files outside the
    public media by default, S3-compatible when configured."""
    return storages["incidents"]


class IncidentQuerySet(models.QuerySet["Incident"]):
    def visible_to(self, user: User | AnonymousUser) -> "IncidentQuerySet":
        """The one rule of who sees an incident (and its updates and attachments): the province desk
        every one; an operator those of its own region; a partner agency those it is involved in."""
        if sees_all_regions(user):
            return self
        role = role_of(user)
        if role == Role.OPERATOR:
            region = region_of(user)
            return self.filter(region=region) if region is not None else self.none()
        if role == Role.PARTNER:
            agency = agency_of(user)
            return self.filter(agencies__agency=agency).distinct() if agency else self.none()
        return self.none()

    def open(self) -> "IncidentQuerySet":
        return self.filter(status__in=OPEN)

    def listed(self) -> "IncidentQuerySet":
        """Newest first, with what a list row shows."""
        return self.select_related("region", "kecamatan").order_by("-occurred_at", "-pk")

    def significant_in_week_of(self, session: RakorSession) -> "IncidentQuerySet":
        """Incidents of ``perlu perhatian`` or ``darurat`` that happened in the seven days before the
        rakor (Monday 00.00 to Sunday 24.00 WITA for a Monday rakor)."""
        end = dt.datetime.combine(session.date, dt.time.min, tzinfo=WITA)
        return self.filter(
            severity__in=SIGNIFICANT, occurred_at__gte=end - dt.timedelta(days=7), occurred_at__lt=end
        )


class Incident(models.Model):
    """One incident reported by a region's operator or by the secretariat."""

    election = models.ForeignKey(
        Election, on_delete=models.PROTECT, related_name="incidents", verbose_name=_("pemilihan")
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="incidents", verbose_name=_("kabupaten/kota")
    )
    kecamatan = models.ForeignKey(
        Kecamatan, on_delete=models.PROTECT, related_name="incidents", verbose_name=_("kecamatan")
    )
    place = models.CharField(
        _("desa/kelurahan atau TPS"),
        max_length=150,
        blank=True,
        help_text=_("Misalnya: Kelurahan Api-Api, TPS 012."),
    )
    occurred_at = models.DateTimeField(_("waktu kejadian (WITA)"))
    kind = models.CharField(_("jenis kejadian"), max_length=16, choices=Kind.choices)
    severity = models.CharField(
        _("tingkat"), max_length=10, choices=Severity.choices, default=Severity.ROUTINE
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.NEW)
    description = models.TextField(_("apa yang terjadi"), validators=[MaxLengthValidator(DESCRIPTION_LIMIT)])
    actions_taken = models.TextField(
        _("yang sudah dilakukan"), blank=True, validators=[MaxLengthValidator(ACTIONS_LIMIT)]
    )
    follow_up = models.ForeignKey(
        FollowUp,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="incidents",
        verbose_name=_("tindak lanjut"),
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("dilaporkan oleh"),
    )
    created_at = models.DateTimeField(_("dilaporkan pada"), auto_now_add=True)
    history = HistoricalRecords(bases=[IPAddressHistoricalModel])

    objects = IncidentQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        verbose_name = _("laporan kejadian")
        verbose_name_plural = _("laporan kejadian")
        indexes = [
            models.Index(fields=["status", "region"], name="incident_open_idx"),
            models.Index(fields=["occurred_at"], name="incident_occurred_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=Kind.values),
                name="incident_kind_known",
                violation_error_message=_("Pilih jenis kejadian dari daftar."),
            ),
            models.CheckConstraint(
                condition=models.Q(severity__in=Severity.values),
                name="incident_severity_known",
                violation_error_message=_("Pilih tingkat kejadian dari daftar."),
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=Status.values),
                name="incident_status_known",
                violation_error_message=_("Status kejadian tidak dikenal."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.kecamatan}, {self.region.name}"

    def get_absolute_url(self) -> str:
        return reverse("incidents:detail", args=[self.pk])

    @property
    def severity_choice(self) -> Severity:
        return Severity(self.severity)

    @property
    def status_choice(self) -> Status:
        return Status(self.status)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN

    @property
    def is_urgent(self) -> bool:
        return self.severity == Severity.URGENT

    @property
    def agency_labels(self) -> list[str]:
        """The involved agencies' names, in the agencies' order (from prefetched rows)."""
        chosen = {row.agency for row in self.agencies.all()}
        return [str(label) for value, label in FollowUp.Agency.choices if value in chosen]

    @property
    def occurred_local(self) -> dt.datetime:
        return timezone.localtime(self.occurred_at, WITA)


class IncidentAgency(models.Model):
    """A partner agency involved in an incident (the same agencies that own follow-ups)."""

    incident = models.ForeignKey(
        Incident, on_delete=models.CASCADE, related_name="agencies", verbose_name=_("kejadian")
    )
    agency = models.CharField(_("instansi"), max_length=12, choices=FollowUp.Agency.choices)

    class Meta:
        verbose_name = _("instansi terlibat")
        verbose_name_plural = _("instansi terlibat")
        constraints = [
            models.UniqueConstraint(
                fields=["incident", "agency"],
                name="incident_agency_once",
                violation_error_message=_("Instansi ini sudah tercatat untuk kejadian tersebut."),
            ),
        ]

    def __str__(self) -> str:
        return self.get_agency_display()


class IncidentUpdate(models.Model):
    """A word on an incident: what was done, and the status it moved to (its history)."""

    incident = models.ForeignKey(
        Incident, on_delete=models.CASCADE, related_name="updates", verbose_name=_("kejadian")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("penulis")
    )
    created_at = models.DateTimeField(_("ditulis pada"), default=timezone.now)
    text = models.TextField(_("perkembangan"), validators=[MaxLengthValidator(UPDATE_LIMIT)])
    status_before = models.CharField(_("status sebelumnya"), max_length=10, choices=Status.choices)
    status_after = models.CharField(_("status sesudahnya"), max_length=10, choices=Status.choices)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("perkembangan kejadian")
        verbose_name_plural = _("perkembangan kejadian")

    def __str__(self) -> str:
        return f"{self.incident}: {self.get_status_after_display()}"

    @property
    def changed_status(self) -> bool:
        return self.status_before != self.status_after


class Attachment(models.Model):
    """A photo (re-encoded without its metadata) or a PDF, kept in the private incident storage."""

    class Kind(models.TextChoices):
        PHOTO = "foto", _("Foto")
        PDF = "pdf", _("PDF")

    incident = models.ForeignKey(
        Incident, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("kejadian")
    )
    kind = models.CharField(_("jenis"), max_length=4, choices=Kind.choices)
    file = models.FileField(_("berkas"), storage=incident_storage, upload_to="kejadian/%Y/%m", max_length=200)
    original = models.FileField(
        _("berkas asli"),
        storage=incident_storage,
        upload_to="kejadian/asli/%Y/%m",
        max_length=200,
        blank=True,
        help_text=_("Disimpan hanya bila administrator memilih menyimpan foto asli."),
    )
    name = models.CharField(_("nama berkas"), max_length=120)
    content_type = models.CharField(_("jenis isi"), max_length=40)
    size = models.PositiveIntegerField(_("ukuran (bita)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("diunggah oleh")
    )
    uploaded_at = models.DateTimeField(_("diunggah pada"), auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("lampiran kejadian")
        verbose_name_plural = _("lampiran kejadian")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("incidents:attachment", args=[self.incident_id, self.pk])

    @property
    def is_photo(self) -> bool:
        return self.kind == self.Kind.PHOTO
