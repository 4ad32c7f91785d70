"""Indonesian mobile numbers: read as people type them, stored in E.164, shown the Indonesian way.

Operators type "0812-3456-7890", "+62 812 3456 7890" or "62812…"; all are stored as "+6281234567890"
so that ``tel:`` and WhatsApp links work everywhere, and shown as "0812-3456-7890".
"""

import re
from urllib.parse import quote

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# After the country code: 8, then 8 to 11 more digits (Indonesian mobile numbers are 10-13 digits
# with the leading 0).
MOBILE = re.compile(r"^8\d{8,11}$")
SEPARATORS = re.compile(r"[\s\-.()]")
INVALID = _("Tulis nomor ponsel Indonesia, misalnya 0812-3456-7890 atau +62 812-3456-7890.")


def to_e164(text: str) -> str:
    """The number in E.164 form (``+628…``); ValidationError when it is not an Indonesian mobile."""
    digits = SEPARATORS.sub("", text.strip())
    for prefix in ("+62", "62", "0"):
        if digits.startswith(prefix):
            digits = digits[len(prefix) :]
            break
    if not MOBILE.match(digits):
        raise ValidationError(INVALID, code="phone")
    return f"+62{digits}"


def validate_e164(value: str) -> None:
    """A stored value must already be the E.164 form of a valid number."""
    if to_e164(value) != value:
        raise ValidationError(INVALID, code="phone")


def indonesian(e164: str) -> str:
    """'+6281234567890' as '0812-3456-7890': four, four, and the rest."""
    local = "0" + e164.removeprefix("+62")
    return f"{local[:4]}-{local[4:8]}-{local[8:]}"


def tel_link(e164: str) -> str:
    return f"tel:{e164}"


def whatsapp_link(e164: str, text: str) -> str:
    """A click-to-chat link that opens the desk user's own WhatsApp with ``text`` prefilled."""
    return f"https://wa.me/{e164.removeprefix('+')}?text={quote(text, safe='')}"
