"""What the desk tells people and how to reach them.

``Contact`` holds a user's mobile number; ``ReminderSlot`` is the reminder schedule the admin sets;
``Notification`` records every message (who, what, which channel, when, the result), and doubles as
the in-app notice; ``FollowUpUpdate`` is a region's or an agency's progress on a follow-up, shared
with the secretariat; ``AgencyMembership`` ties a partner agency's account (Mitra) to its agency.
"""

import datetime as dt

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.core.validators import MaxLengthValidator, MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from notifications.phones import indonesian, validate_e164
from regions.models import Region
from reports.models import WITA, FollowUp, RakorSession


class Contact(models.Model):
    """A user's mobile number (WhatsApp), in E.164 form; the e-mail address stays on the user."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contact", verbose_name=_("pengguna")
    )
    phone = models.CharField(
        _("nomor ponsel"),
        max_length=16,
        validators=[validate_e164],
        help_text=_("Nomor WhatsApp, misalnya +6281234567890."),
    )

    class Meta:
        verbose_name = _("kontak")
        verbose_name_plural = _("kontak")

    def __str__(self) -> str:
        return f"{self.user}: {self.phone_display}"

    @property
    def phone_display(self) -> str:
        return indonesian(self.phone)


class ReminderSlot(models.Model):
    """A moment before each session's deadline when the regions that have not reported are reminded,
    for example H-1 at 16.00 and H-0 at 06.00 WITA."""

    days_before = models.PositiveSmallIntegerField(
        _("hari sebelum batas waktu"),
        validators=[MaxValueValidator(7)],
        help_text=_("0 = pada hari batas waktu (H-0), 1 = sehari sebelumnya (H-1)."),
    )
    time = models.TimeField(_("pukul (WITA)"))
    active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        ordering = ["-days_before", "time"]
        verbose_name = _("jadwal pengingat")
        verbose_name_plural = _("jadwal pengingat")
        constraints = [
            models.UniqueConstraint(
                fields=["days_before", "time"],
                name="reminder_slot_unique",
                violation_error_message=_("Jadwal pengingat ini sudah ada."),
            ),
            models.CheckConstraint(
                condition=models.Q(days_before__lte=7),
                name="reminder_slot_within_a_week",
                violation_error_message=_("Pengingat paling awal tujuh hari sebelum batas waktu."),
            ),
        ]

    def __str__(self) -> str:
        return f"H-{self.days_before} {self.time:%H.%M} WITA"

    def moment(self, session: RakorSession) -> dt.datetime:
        """When this slot falls for ``session``: its deadline's day in WITA, minus the days."""
        day = session.deadline.astimezone(WITA).date() - dt.timedelta(days=self.days_before)
        return dt.datetime.combine(day, self.time, tzinfo=WITA)


class NotificationQuerySet(models.QuerySet):
    def notices_for(self, user: User | AnonymousUser) -> "NotificationQuerySet":
        """The user's own in-app notices."""
        return self.filter(recipient=user, channel=Notification.Channel.IN_APP)

    def unread_count(self, user: User | AnonymousUser) -> int:
        return self.notices_for(user).filter(read_at=None).count()

    def log_of(self, region: Region) -> "NotificationQuerySet":
        """What the desk sent to a region's people, every channel, newest first."""
        return self.filter(region=region).select_related("recipient", "sent_by", "session")


class Notification(models.Model):
    """One message to one person through one channel, and what became of it."""

    class Event(models.TextChoices):
        REMINDER = "pengingat", _("Pengingat batas waktu")
        REPORT_RETURNED = "dikembalikan", _("Laporan dikembalikan")
        REPORT_ACCEPTED = "diterima", _("Laporan diterima")
        FOLLOW_UP = "tindak_lanjut", _("Tindak lanjut ditugaskan")
        URGENT_INCIDENT = "kejadian_darurat", _("Kejadian darurat")
        PARAF_WAITING = "menunggu_paraf", _("Naskah menunggu paraf")
        SIGNATURE_WAITING = "menunggu_ttd", _("Naskah menunggu tanda tangan")
        LETTER_SIGNED = "ditandatangani", _("Naskah ditandatangani")
        LETTER_SENT_BACK = "naskah_dikembalikan", _("Naskah dikembalikan ke sekretariat")
        CHAIN_WITHDRAWN = "rantai_dibatalkan", _("Rantai naskah dibatalkan")
        FOLLOW_UP_PROGRESS = "kabar_tindak_lanjut", _("Kabar tindak lanjut")
        QUEUED_REFUSED = "antrean_ditolak", _("Laporan dari perangkat ditolak")

    class Channel(models.TextChoices):
        EMAIL = "email", _("E-mail")
        GATEWAY = "gateway", _("WhatsApp/SMS gateway")
        IN_APP = "aplikasi", _("Pemberitahuan di aplikasi")

    class Result(models.TextChoices):
        PENDING = "menunggu", _("Menunggu")
        SENT = "terkirim", _("Terkirim")
        FAILED = "gagal", _("Gagal")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("penerima"),
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
        verbose_name=_("kabupaten/kota"),
    )
    session = models.ForeignKey(
        RakorSession,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
        verbose_name=_("rakor"),
    )
    slot = models.ForeignKey(
        ReminderSlot,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notifications",
        verbose_name=_("jadwal pengingat"),
    )
    event = models.CharField(_("peristiwa"), max_length=20, choices=Event.choices)
    channel = models.CharField(_("saluran"), max_length=10, choices=Channel.choices)
    address = models.CharField(_("alamat"), max_length=254, blank=True)
    subject = models.CharField(_("judul"), max_length=200)
    message = models.TextField(_("pesan"), validators=[MaxLengthValidator(4000)])
    link = models.CharField(_("tautan"), max_length=200, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dikirim oleh"),
        help_text=_("Kosong: dikirim otomatis oleh sistem."),
    )
    created_at = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    sent_at = models.DateTimeField(_("dikirim pada"), null=True, blank=True)
    result = models.CharField(_("hasil"), max_length=10, choices=Result.choices, default=Result.PENDING)
    error = models.CharField(_("galat"), max_length=500, blank=True)
    attempts = models.PositiveSmallIntegerField(_("percobaan"), default=0)
    read_at = models.DateTimeField(_("dibaca pada"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("pemberitahuan")
        verbose_name_plural = _("pemberitahuan")
        indexes = [
            models.Index(fields=["recipient", "channel", "read_at"], name="notification_unread_idx"),
            models.Index(fields=["region", "-created_at"], name="notification_region_idx"),
        ]
        constraints = [
            # The schedule's idempotence: one reminder per session, region, slot, channel and person,
            # however often beat runs or however many workers race.
            models.UniqueConstraint(
                fields=["session", "region", "slot", "channel", "recipient"],
                condition=models.Q(slot__isnull=False),
                name="notification_once_per_reminder_slot",
                violation_error_message=_("Pengingat untuk jadwal ini sudah dikirim."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_event_display()} → {self.recipient} ({self.get_channel_display()})"


class FollowUpUpdate(models.Model):
    """A region's word on a follow-up: what was done and where it stands."""

    class Status(models.TextChoices):
        IN_PROGRESS = "berjalan", _("Sedang dikerjakan")
        BLOCKED = "terkendala", _("Terkendala")
        DONE = "selesai", _("Sudah selesai di daerah")

    follow_up = models.ForeignKey(
        FollowUp, on_delete=models.CASCADE, related_name="updates", verbose_name=_("tindak lanjut")
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="follow_up_updates",
        verbose_name=_("kabupaten/kota"),
    )
    agency = models.CharField(_("instansi mitra"), max_length=12, choices=FollowUp.Agency.choices, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("penulis")
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    text = models.TextField(_("perkembangan"), validators=[MaxLengthValidator(2000)])
    created_at = models.DateTimeField(_("ditulis pada"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("kabar tindak lanjut")
        verbose_name_plural = _("kabar tindak lanjut")

    def __str__(self) -> str:
        return f"{self.follow_up}: {self.get_status_display()}"

    @property
    def written_by(self) -> str:
        """Who speaks: the region's name, or the partner agency's."""
        return self.region.name if self.region is not None else self.get_agency_display()


class AgencyMembership(models.Model):
    """The partner agency (Mitra) an account speaks for: it sees and updates only the follow-ups
    assigned to that agency."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="agency_membership",
        verbose_name=_("pengguna"),
    )
    agency = models.CharField(_("instansi mitra"), max_length=12, choices=FollowUp.Agency.choices)

    class Meta:
        verbose_name = _("instansi mitra")
        verbose_name_plural = _("instansi mitra")

    def __str__(self) -> str:
        return f"{self.user}: {self.get_agency_display()}"
