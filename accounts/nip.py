"""The NIP (Nomor Induk Pegawai) of a civil servant, checked as BKN issues it.

18 digits: the birth date (YYYYMMDD), the month of appointment as CPNS (TMT, YYYYMM), the sex
(1 man, 2 woman) and a three-digit sequence. Both dates must be possible: a real birth date not in
the future, and an appointment at 18 or older and not in the future. Spaces, as the NIP is often
printed ("19700101 199503 1 001"), are accepted and dropped.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

MIN_AGE_AT_APPOINTMENT = 18


def clean_nip(value: str) -> str:
    """The NIP as 18 digits, or ``ValidationError`` saying in Bahasa Indonesia what is wrong."""
    nip = "".join(value.split())
    if len(nip) != 18 or not nip.isdecimal() or not nip.isascii():
        raise ValidationError(_("NIP terdiri atas 18 angka."), code="nip_length")
    today = timezone.localdate()
    try:
        born = dt.date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError as exc:
        raise ValidationError(
            _("Delapan angka pertama NIP (tanggal lahir, TTTTBBHH) bukan tanggal yang ada."), code="nip_birth"
        ) from exc
    if born > today or born.year < 1900:
        raise ValidationError(
            _("Tanggal lahir dalam NIP (%(date)s) tidak mungkin.") % {"date": born.isoformat()},
            code="nip_birth",
        )
    year, month = int(nip[8:12]), int(nip[12:14])
    if not 1 <= month <= 12:
        raise ValidationError(
            _("Angka ke-9 sampai ke-14 NIP (TMT CPNS, TTTTBB) bukan bulan yang ada."), code="nip_appointment"
        )
    if (year, month) > (today.year, today.month):
        raise ValidationError(_("TMT CPNS dalam NIP belum terjadi."), code="nip_appointment")
    if (year, month) < (born.year + MIN_AGE_AT_APPOINTMENT, born.month):
        raise ValidationError(
            _("TMT CPNS dalam NIP jatuh sebelum pegawai berusia %(age)d tahun.")
            % {"age": MIN_AGE_AT_APPOINTMENT},
            code="nip_appointment",
        )
    if nip[14] not in "12":
        raise ValidationError(
            _("Angka ke-15 NIP (jenis kelamin) harus 1 (laki-laki) atau 2 (perempuan)."), code="nip_sex"
        )
    if nip[15:] == "000":
        raise ValidationError(_("Tiga angka terakhir NIP (nomor urut) tidak boleh 000."), code="nip_sequence")
    return nip


def validate_nip(value: str) -> None:
    """The model field's validator; the stored value is already without spaces (see ``Profile.clean``)."""
    clean_nip(value)


def printed(nip: str) -> str:
    """ "197001011995031001" → "19700101 199503 1 001", as the NIP is printed under a signature."""
    return f"{nip[0:8]} {nip[8:14]} {nip[14]} {nip[15:]}" if len(nip) == 18 else nip
