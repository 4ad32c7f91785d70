"""Regions (kabupaten/kota) and which region a user reports for."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from deskpilkada.history import IPAddressHistoricalModel


class Region(models.Model):
    """A regency or city that reports to the provincial desk."""

    class Kind(models.TextChoices):
        KABUPATEN = "kabupaten", _("Kabupaten")
        KOTA = "kota", _("Kota")

    kemendagri_code = models.CharField(
        _("kode Kemendagri"),
        max_length=8,
        unique=True,
        validators=[RegexValidator(r"^\d{2}\.\d{2}$", _("Tulis kode seperti 64.01."))],
        help_text=_("Kode wilayah Kepmendagri, misalnya 64.01."),
    )
    bps_code = models.CharField(
        _("kode BPS"),
        max_length=4,
        unique=True,
        validators=[RegexValidator(r"^\d{4}$", _("Tulis kode BPS empat angka, misalnya 6401."))],
        help_text=_("Kode BPS; untuk empat kabupaten berbeda dari kode Kemendagri."),
    )
    name = models.CharField(_("nama"), max_length=100)
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices)
    province = models.CharField(_("provinsi"), max_length=100, default="Kalimantan Timur")
    capital = models.CharField(_("ibu kota"), max_length=100, blank=True, help_text=_("Kosong untuk kota."))
    kecamatan_count = models.PositiveSmallIntegerField(_("jumlah kecamatan"))
    kelurahan_count = models.PositiveSmallIntegerField(_("jumlah kelurahan"))
    desa_count = models.PositiveSmallIntegerField(_("jumlah desa"))
    registered_voters = models.PositiveIntegerField(_("DPT"), help_text=_("Daftar pemilih tetap."))
    polling_stations = models.PositiveIntegerField(_("TPS"))
    voters_note = models.CharField(_("catatan DPT"), max_length=200, blank=True)

    class Meta:
        ordering = ["kemendagri_code"]
        verbose_name = _("kabupaten/kota")
        verbose_name_plural = _("kabupaten/kota")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kecamatan_count__gt=0),
                name="region_has_kecamatan",
                violation_error_message=_("Setiap kabupaten/kota memiliki paling sedikit satu kecamatan."),
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """The name in the active language's word order: 'Kota Bontang' and 'Kabupaten Paser' in
        Bahasa Indonesia, 'Bontang City' and 'Paser Regency' in English."""
        if self.kind == self.Kind.KOTA:
            return gettext("Kota %(name)s") % {"name": self.name}
        return gettext("Kabupaten %(name)s") % {"name": self.name}


class Kecamatan(models.Model):
    """A kecamatan (district) of a region, with its Kemendagri code (``64.02.05``)."""

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="kecamatan", verbose_name=_("kabupaten/kota")
    )
    code = models.CharField(
        _("kode Kemendagri"),
        max_length=8,
        unique=True,
        validators=[RegexValidator(r"^\d{2}\.\d{2}\.\d{2}$", _("Tulis kode seperti 64.02.05."))],
    )
    name = models.CharField(_("nama"), max_length=100)

    class Meta:
        ordering = ["code"]
        verbose_name = _("kecamatan")
        verbose_name_plural = _("kecamatan")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "name"],
                name="kecamatan_unique_name_per_region",
                violation_error_message=_("Kabupaten/kota ini sudah memiliki kecamatan dengan nama itu."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """The one region an operator reports for."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="membership",
        verbose_name=_("pengguna"),
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("kabupaten/kota")
    )
    history = HistoricalRecords(bases=[IPAddressHistoricalModel])

    class Meta:
        verbose_name = _("keanggotaan wilayah")
        verbose_name_plural = _("keanggotaan wilayah")

    def __str__(self) -> str:
        return f"{self.user} — {self.region}"
