"""The official letter (naskah dinas) the Sekda sends the Minister.

``LetterSettings`` (one row, kept by the admin, not in environment variables): how the letter is
set out, who signs and initials it, its copy list. ``LetterCounter`` and ``LetterNumber``: the
register that numbers letters at signing. ``LetterStep``: the paraf chain, who did what and when.
``LetterSnapshot``: the document pinned when the letter is submitted for paraf, the one that is
initialled, signed and forwarded.
"""

import secrets
import string
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from reports.models import RakorSession

NUMBER_FIELDS = {"code", "number", "unit", "year"}


def validate_number_pattern(pattern: str) -> None:
    """A pattern such as ``{code}/{number}/{unit}/{year}``: the running number is required, and
    only the four known fields may appear."""
    try:
        fields = {name for _text, name, _spec, _conv in string.Formatter().parse(pattern) if name is not None}
    except ValueError as exc:
        raise ValidationError(_("Pola nomor tidak dapat dibaca; pakai kurung kurawal: {number}.")) from exc
    if "number" not in fields:
        raise ValidationError(_("Pola nomor harus memuat {number} (nomor urut)."))
    unknown = fields - NUMBER_FIELDS
    if unknown:
        raise ValidationError(
            _("Pola nomor hanya boleh memuat {code}, {number}, {unit} dan {year}; bukan %(unknown)s.")
            % {"unknown": ", ".join(f"{{{name}}}" for name in sorted(unknown))}
        )


class LetterSettings(models.Model):
    """The desk's naskah dinas, set once in the admin: kop, addressee, copy list, number pattern,
    signer and initialling officials. There is one row (``load()``)."""

    class Forwarder(models.TextChoices):
        SIGNER = "penanda_tangan", _("Penanda tangan (Sekda)")
        SECRETARIAT = "sekretariat", _("Sekretariat provinsi")

    government = models.CharField(
        _("kop: pemerintahan"), max_length=120, default="PEMERINTAH PROVINSI KALIMANTAN TIMUR"
    )
    office = models.CharField(_("kop: perangkat daerah"), max_length=120, default="SEKRETARIAT DAERAH")
    address = models.TextField(
        _("kop: alamat"),
        max_length=400,
        blank=True,
        help_text=_("Alamat, telepon, laman dan pos-el; satu baris atau lebih."),
    )
    emblem = models.ImageField(
        _("kop: lambang"),
        upload_to="kop/",
        blank=True,
        help_text=_("Gambar lambang daerah (PNG atau JPEG). Kosong: kop hanya berisi teks."),
    )
    place = models.CharField(_("tempat penandatanganan"), max_length=60, default="Samarinda")
    addressee = models.CharField(
        _("yang terhormat"),
        max_length=200,
        default="Menteri Dalam Negeri Republik Indonesia",
        help_text=_("Tanpa “Yth.”; dicetak sesudahnya."),
    )
    addressee_place = models.CharField(_("di (tempat tujuan)"), max_length=60, default="Jakarta")
    addressee_email = models.EmailField(_("pos-el tujuan"), blank=True)
    nature = models.CharField(_("sifat"), max_length=40, default="Penting")
    subject = models.CharField(
        _("hal"),
        max_length=200,
        default="Laporan Hasil Rapat Koordinasi Desk Pilkada",
        help_text=_("Tanggal rakor ditambahkan di belakangnya."),
    )
    code = models.CharField(_("kode klasifikasi"), max_length=30, default="300.1.4")
    unit = models.CharField(_("unit pengolah"), max_length=40, default="Kesbangpol")
    number_pattern = models.CharField(
        _("pola nomor"),
        max_length=80,
        default="{code}/{number}/{unit}/{year}",
        validators=[validate_number_pattern],
        help_text=_(
            "{code} kode klasifikasi, {number} nomor urut (4 angka), {unit} unit pengolah, {year} tahun."
        ),
    )
    on_behalf = models.CharField(_("atas nama"), max_length=120, default="a.n. GUBERNUR KALIMANTAN TIMUR")
    signer_title = models.CharField(_("jabatan penanda tangan"), max_length=120, default="SEKRETARIS DAERAH,")
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("penanda tangan"),
        help_text=_("Hanya pengguna ini yang dapat menandatangani naskah (dengan verifikasi dua langkah)."),
    )
    initialers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="+",
        verbose_name=_("pejabat paraf"),
        help_text=_("Semua pejabat ini memaraf naskah sebelum ditandatangani, mis. Kepala Kesbangpol."),
    )
    forwarder = models.CharField(
        _("yang meneruskan"), max_length=16, choices=Forwarder.choices, default=Forwarder.SECRETARIAT
    )
    attachment_heading = models.CharField(
        _("judul lampiran"),
        max_length=200,
        default="LAMPIRAN SURAT SEKRETARIS DAERAH PROVINSI KALIMANTAN TIMUR",
    )

    class Meta:
        verbose_name = _("pengaturan naskah dinas")
        verbose_name_plural = _("pengaturan naskah dinas")

    def __str__(self) -> str:
        return str(_("Naskah dinas Desk Pilkada"))

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.pk = 1
        super().save(*args, **kwargs)

    @classmethod
    def load(cls) -> "LetterSettings":
        """The one row, made with the defaults the first time it is asked for."""
        found = cls.objects.select_related("signer__profile").filter(pk=1).first()
        return found if found is not None else cls.objects.get_or_create(pk=1)[0]

    def format_number(self, sequence: int, year: int) -> str:
        return self.number_pattern.format(code=self.code, number=f"{sequence:04d}", unit=self.unit, year=year)

    def recipients(self) -> list[tuple[str, str, bool]]:
        """Where the signed letter is mailed, each address once: (name, address, is a copy) for the
        addressee, then the copy list."""
        found = [(self.addressee, self.addressee_email, False)] if self.addressee_email else []
        found += [(copy.name, copy.email, True) for copy in self.copies.all() if copy.email]
        unique: dict[str, tuple[str, str, bool]] = {}
        for entry in found:
            unique.setdefault(entry[1].lower(), entry)
        return list(unique.values())


class LetterCopy(models.Model):
    """One line of the Tembusan, with the address the letter is mailed to (if any)."""

    letter_settings = models.ForeignKey(
        LetterSettings, on_delete=models.CASCADE, related_name="copies", verbose_name=_("naskah dinas")
    )
    name = models.CharField(_("tembusan"), max_length=200, help_text=_("Mis. “Gubernur Kalimantan Timur”."))
    email = models.EmailField(_("pos-el"), blank=True)
    position = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("tembusan")
        verbose_name_plural = _("tembusan")

    def __str__(self) -> str:
        return self.name


class LetterCounter(models.Model):
    """The last running number issued in a year. Issuing a number locks this row, so that two
    signings at the same moment take consecutive numbers; the admin may raise it (a register that
    continues on paper) but never below a number already issued."""

    year = models.PositiveSmallIntegerField(_("tahun"), primary_key=True)
    last = models.PositiveIntegerField(_("nomor urut terakhir"), default=0)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("register nomor surat")
        verbose_name_plural = _("register nomor surat")

    def __str__(self) -> str:
        return f"{self.year}: {self.last:04d}"

    def clean(self) -> None:
        issued = LetterNumber.objects.filter(year=self.year).aggregate(models.Max("sequence"))[
            "sequence__max"
        ]
        if issued is not None and self.last < issued:
            raise ValidationError(
                {
                    "last": _(
                        "Nomor urut %(issued)04d tahun ini sudah terbit; nomor tidak boleh dipakai ulang."
                    )
                    % {"issued": issued}
                }
            )


def new_token() -> str:
    return secrets.token_urlsafe(24)


class LetterNumberQuerySet(models.QuerySet):
    def in_force(self) -> "LetterNumberQuerySet":
        """Numbers whose signature stands (not withdrawn by an edit before forwarding)."""
        return self.filter(withdrawn_at__isnull=True)


class LetterNumber(models.Model):
    """A number of the register, issued when the signer signs a letter. A number is never reused:
    when an edit withdraws the signature before forwarding, the number stays here, withdrawn, and
    the next signature takes a new one. A letter that corrects a forwarded one refers to it."""

    year = models.PositiveSmallIntegerField(_("tahun"))
    sequence = models.PositiveIntegerField(_("nomor urut"))
    number = models.CharField(_("nomor surat"), max_length=120, unique=True)
    session = models.ForeignKey(
        "reports.RakorSession",
        on_delete=models.PROTECT,
        related_name="letter_numbers",
        verbose_name=_("rakor"),
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("ditandatangani oleh"),
    )
    issued_at = models.DateTimeField(_("ditandatangani pada"), default=timezone.now)
    corrects = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
        verbose_name=_("meralat surat"),
    )
    withdrawn_at = models.DateTimeField(_("dibatalkan pada"), null=True, blank=True)
    forwarded_at = models.DateTimeField(_("dikirim pada"), null=True, blank=True)
    brief = models.OneToOneField(
        "reports.ForwardedBrief",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="letter_number",
        verbose_name=_("laporan yang diteruskan"),
    )
    token = models.CharField(
        _("kode verifikasi"), max_length=40, unique=True, default=new_token, editable=False
    )
    pdf_sha256 = models.CharField(_("SHA-256 PDF"), max_length=64, blank=True)
    is_pades = models.BooleanField(_("bertanda tangan elektronik"), default=False)

    objects = LetterNumberQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-sequence"]
        verbose_name = _("nomor surat")
        verbose_name_plural = _("nomor surat")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "sequence"],
                name="letter_number_once_per_year",
                violation_error_message=_("Nomor urut ini sudah terbit tahun ini."),
            ),
        ]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("reports:verify", args=[self.token])

    @property
    def is_superseded(self) -> bool:
        """Reopened for a correction ("buka kembali") after it was sent, or corrected since."""
        return (
            self.brief is not None and self.brief.superseded_at is not None
        ) or self.corrections.in_force().exists()


def in_force(session: "RakorSession") -> LetterNumber | None:
    """The number of the session's standing signature, if any (a read: the letter's documents
    and the chain both ask it)."""
    if session.signed_off_at is None:
        return None
    return (
        LetterNumber.objects.in_force()
        .filter(session=session)
        .select_related("signed_by__profile", "corrects")
        .order_by("-issued_at")
        .first()
    )


def name_of(user: User) -> str:
    """An official as the letter names them: the profile's name with titles, else the account's."""
    profile = getattr(user, "profile", None)
    return profile.display_name if profile is not None else user.get_full_name() or user.get_username()


class LetterStep(models.Model):
    """One step of the paraf chain: the secretariat submits the draft, each initialling official
    initials it, the signer signs. ``text`` is the letter as it stood; a later edit clears the steps
    (``cleared_at``), and the page shows what changed against the text that was initialled."""

    class Kind(models.TextChoices):
        SUBMITTED = "diajukan", _("Diajukan untuk paraf")
        PARAF = "paraf", _("Paraf")
        SIGNED = "tanda_tangan", _("Tanda tangan")

    session = models.ForeignKey(
        "reports.RakorSession", on_delete=models.CASCADE, related_name="letter_steps", verbose_name=_("rakor")
    )
    kind = models.CharField(_("langkah"), max_length=16, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("oleh")
    )
    at = models.DateTimeField(_("pada"), default=timezone.now)
    text = models.TextField(_("naskah"))
    cleared_at = models.DateTimeField(_("dibatalkan pada"), null=True, blank=True)
    cleared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dibatalkan oleh"),
    )
    cleared_reason = models.TextField(_("alasan dibatalkan"), blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("langkah naskah")
        verbose_name_plural = _("langkah naskah")
        indexes = [models.Index(fields=["session", "cleared_at"], name="letterstep_session_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.user}"


class LetterSnapshot(models.Model):
    """The letter as one moment, pinned when the secretariat submits it for paraf: the text, the
    attachment, the XLSX and the CSV, all made from one roll-up, and that roll-up's rows (values as
    the files print them) to tell what changed since. Paraf, signature and forwarding act on it; a
    change of the data it does not hold withdraws the chain (``workflow.letter``).

    A stored record of a document, like ``ForwardedBrief``: never rebuilt, never a cache."""

    step = models.OneToOneField(
        LetterStep,
        on_delete=models.CASCADE,
        related_name="snapshot",
        verbose_name=_("pengajuan"),
        limit_choices_to={"kind": LetterStep.Kind.SUBMITTED},
    )
    taken_at = models.DateTimeField(_("data per"))
    text = models.TextField(_("naskah"))
    attachment = models.TextField(_("lampiran (HTML)"))
    xlsx = models.BinaryField(_("XLSX"))
    csv = models.BinaryField(_("CSV"))
    rows = models.JSONField(_("baris data"))
    digest = models.CharField(_("SHA-256 naskah dan data"), max_length=64)
    drafted = models.BooleanField(
        _("disusun dari data"),
        default=True,
        help_text=_(
            "Naskah belum diubah sekretariat: bila rantai dibatalkan, naskah kembali mengikuti data."
        ),
    )
    brief = models.OneToOneField(
        "reports.ForwardedBrief",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="snapshot",
        verbose_name=_("laporan yang diteruskan"),
    )

    class Meta:
        verbose_name = _("naskah yang diajukan")
        verbose_name_plural = _("naskah yang diajukan")

    def __str__(self) -> str:
        return f"{self.step.session} — {self.digest[:12]}"


class SignerCertificate(models.Model):
    """A signer's certificate for the electronic signature (PAdES): their PKCS#12 file and its
    passphrase, set by the admin, kept encrypted (``deskpilkada.vault``) and never shown back."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="signer_certificate",
        verbose_name=_("penanda tangan"),
    )
    pkcs12 = models.BinaryField(_("berkas PKCS#12 (terenkripsi)"), editable=False)
    passphrase = models.BinaryField(_("kata sandi (terenkripsi)"), editable=False)
    subject = models.CharField(_("pemilik sertifikat"), max_length=300, editable=False)
    issuer = models.CharField(_("penerbit"), max_length=300, editable=False)
    not_after = models.DateTimeField(_("berlaku sampai"), editable=False)
    uploaded_at = models.DateTimeField(_("diunggah pada"), auto_now=True)

    class Meta:
        verbose_name = _("sertifikat tanda tangan elektronik")
        verbose_name_plural = _("sertifikat tanda tangan elektronik")

    def __str__(self) -> str:
        """The signer and the certificate's owner, as the admin's list and messages name it."""
        profile = getattr(self.user, "profile", None)
        return f"{profile or self.user} — {self.subject}"


class Delivery(models.Model):
    """The signed letter mailed to one recipient (the addressee or a copy): sent, or failed with the
    error, and retried from the brief's page without signing again."""

    class Status(models.TextChoices):
        PENDING = "menunggu", _("Menunggu dikirim")
        SENT = "terkirim", _("Terkirim")
        FAILED = "gagal", _("Gagal")

        @property
        def colour(self) -> str:
            return {"menunggu": "secondary", "terkirim": "success", "gagal": "danger"}[self.value]

    letter = models.ForeignKey(
        LetterNumber, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("surat")
    )
    name = models.CharField(_("penerima"), max_length=200)
    address = models.EmailField(_("pos-el"))
    is_copy = models.BooleanField(_("tembusan"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    error = models.TextField(_("galat"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("percobaan"), default=0)
    sent_at = models.DateTimeField(_("terkirim pada"), null=True, blank=True)
    updated_at = models.DateTimeField(_("diperbarui pada"), auto_now=True)

    class Meta:
        ordering = ["is_copy", "pk"]
        verbose_name = _("pengiriman surat")
        verbose_name_plural = _("pengiriman surat")
        constraints = [
            models.UniqueConstraint(
                fields=["letter", "address"],
                name="delivery_once_per_address",
                violation_error_message=_("Surat ini sudah dicatat untuk alamat tersebut."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.letter} → {self.address}"

    @property
    def state(self) -> "Delivery.Status":
        return Delivery.Status(self.status)
