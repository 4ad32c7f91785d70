"""Sessions that know their user, and the civil-servant profile of a user.

``UserSession``: so that logging out can end all of that user's sessions at once. Django's
documented way to extend the database session engine: the same table columns plus an indexed
``user_id`` copied from the session data whenever the session is saved (also after ``cycle_key`` on
login and password change), so "every session of this user" is one indexed query.

``Profile``: name with titles, position, rank and NIP, kept with the person and printed on the
letters they sign or initial (rather than read from settings).
"""

from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.sessions.base_session import AbstractBaseSession
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.nip import clean_nip, printed, validate_nip

if TYPE_CHECKING:
    from accounts.sessions import SessionStore


class UserSession(AbstractBaseSession):
    user_id = models.BigIntegerField(_("pengguna"), null=True, db_index=True)

    class Meta:
        db_table = "accounts_user_session"
        verbose_name = _("sesi pengguna")
        verbose_name_plural = _("sesi pengguna")

    @classmethod
    def get_session_store_class(cls) -> type["SessionStore"]:
        from accounts.sessions import SessionStore

        return SessionStore


class Rank(models.TextChoices):
    """Pangkat and golongan/ruang of a civil servant (PP 99/2000)."""

    I_A = "I/a", _("Juru Muda (I/a)")
    I_B = "I/b", _("Juru Muda Tingkat I (I/b)")
    I_C = "I/c", _("Juru (I/c)")
    I_D = "I/d", _("Juru Tingkat I (I/d)")
    II_A = "II/a", _("Pengatur Muda (II/a)")
    II_B = "II/b", _("Pengatur Muda Tingkat I (II/b)")
    II_C = "II/c", _("Pengatur (II/c)")
    II_D = "II/d", _("Pengatur Tingkat I (II/d)")
    III_A = "III/a", _("Penata Muda (III/a)")
    III_B = "III/b", _("Penata Muda Tingkat I (III/b)")
    III_C = "III/c", _("Penata (III/c)")
    III_D = "III/d", _("Penata Tingkat I (III/d)")
    IV_A = "IV/a", _("Pembina (IV/a)")
    IV_B = "IV/b", _("Pembina Tingkat I (IV/b)")
    IV_C = "IV/c", _("Pembina Utama Muda (IV/c)")
    IV_D = "IV/d", _("Pembina Utama Madya (IV/d)")
    IV_E = "IV/e", _("Pembina Utama (IV/e)")


class Profile(models.Model):
    """Who a user is in the government: the name with titles, position, rank and NIP that a letter
    prints under a signature or beside an initial."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile", verbose_name=_("pengguna")
    )
    name = models.CharField(
        _("nama dengan gelar"),
        max_length=150,
        blank=True,
        help_text=_("Seperti dicetak di bawah tanda tangan, mis. “Dr. Sri Wahyuni, M.Pd.”."),
    )
    position = models.CharField(_("jabatan"), max_length=150, blank=True)
    rank = models.CharField(_("pangkat/golongan"), max_length=5, choices=Rank.choices, blank=True)
    nip = models.CharField(
        _("NIP"),
        max_length=18,
        blank=True,
        validators=[validate_nip],
        help_text=_("18 angka; spasi boleh, mis. “19700101 199503 1 001”."),
    )

    must_change_password = models.BooleanField(
        _("wajib mengganti kata sandi"),
        default=False,
        help_text=_("Dicentang untuk akun baru: pengguna harus mengganti kata sandi saat pertama masuk."),
    )

    class Meta:
        verbose_name = _("profil pegawai")
        verbose_name_plural = _("profil pegawai")
        constraints = [
            models.UniqueConstraint(
                fields=["nip"],
                condition=~models.Q(nip=""),
                name="profile_nip_unique",
                violation_error_message=_("NIP ini sudah dipakai pengguna lain."),
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    def clean(self) -> None:
        if self.nip:
            try:
                self.nip = clean_nip(self.nip)
            except ValidationError as error:
                raise ValidationError({"nip": error}) from error

    @property
    def display_name(self) -> str:
        return self.name or self.user.get_full_name() or self.user.get_username()

    @property
    def rank_label(self) -> str:
        return self.get_rank_display() if self.rank else ""

    @property
    def printed_nip(self) -> str:
        return printed(self.nip)
