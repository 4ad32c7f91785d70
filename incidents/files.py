"""Checking and preparing incident attachments, by their content and never by their name.

A photo is whatever Pillow opens and verifies as JPEG, PNG or WebP; it is turned upright, shrunk to
``INCIDENT_PHOTO_MAX_SIDE`` pixels on its longest side and written anew without any metadata (EXIF,
GPS position, comments, text chunks). A PDF is a file that starts with ``%PDF-``. Anything else, a
renamed program say, is refused with a message that names the file.
"""

import io
import uuid
import warnings
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from incidents.models import Attachment

PHOTO_FORMATS = {
    "JPEG": ("image/jpeg", ".jpg"),
    "PNG": ("image/png", ".png"),
    "WEBP": ("image/webp", ".webp"),
}
PDF_MAGIC = b"%PDF-"
# A photo from a phone is 12 to 50 megapixels; more is refused before it is decoded.
MAX_PIXELS = 80_000_000
MAX_FILES = 5  # the forms say "lima"


@dataclass
class Prepared:
    """An upload ready to store: the file to keep, and the original when the admin keeps those."""

    kind: str
    name: str
    content_type: str
    content: ContentFile
    original: ContentFile | None


def max_bytes() -> int:
    return settings.INCIDENT_MAX_UPLOAD_MB * 1024 * 1024


def prepare(upload: UploadedFile) -> Prepared:
    """Check one upload and return what to store; ``ValidationError`` in Bahasa Indonesia when refused."""
    label = _display_name(upload.name or "")
    if upload.size is None or upload.size > max_bytes():
        raise ValidationError(
            _("%(name)s terlalu besar; paling besar %(limit)s per berkas.")
            % {"name": label, "limit": filesizeformat(max_bytes())}
        )
    upload.seek(0)
    data = upload.read()
    if data.startswith(PDF_MAGIC):
        return Prepared(
            Attachment.Kind.PDF, _renamed(label, ".pdf"), "application/pdf", _named(data, ".pdf"), None
        )
    return _photo(data, label)


def _photo(data: bytes, label: str) -> Prepared:
    refused = ValidationError(
        _("%(name)s bukan foto JPEG, PNG atau WebP maupun PDF; berkas ini tidak diterima.") % {"name": label}
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                if probe.format not in PHOTO_FORMATS:
                    raise refused
                if probe.width * probe.height > MAX_PIXELS:
                    raise ValidationError(_("%(name)s terlalu besar ukuran gambarnya.") % {"name": label})
                probe.verify()
            with Image.open(io.BytesIO(data)) as image:
                image_format = image.format or "JPEG"
                clean = _cleaned(image, image_format)
    except (
        UnidentifiedImageError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
        OSError,
        SyntaxError,
        ValueError,
    ) as exc:
        raise refused from exc
    content_type, extension = PHOTO_FORMATS[image_format]
    original = _named(data, extension) if settings.INCIDENT_KEEP_ORIGINAL_PHOTOS else None
    return Prepared(
        Attachment.Kind.PHOTO, _renamed(label, extension), content_type, _named(clean, extension), original
    )


def _cleaned(image: Image.Image, image_format: str) -> bytes:
    """The photo upright, at most the configured size, re-encoded with no metadata at all."""
    upright = ImageOps.exif_transpose(image) or image
    if image_format == "JPEG" and upright.mode not in ("RGB", "L"):
        upright = upright.convert("RGB")
    elif upright.mode not in ("RGB", "RGBA", "L", "LA", "P"):
        upright = upright.convert("RGBA")
    side = settings.INCIDENT_PHOTO_MAX_SIDE
    upright.thumbnail((side, side), Image.Resampling.LANCZOS)
    # A new image holds the pixels only: no info dictionary, no EXIF, no ICC or text chunks.
    bare = Image.new(upright.mode, upright.size)
    if upright.mode == "P":
        palette = upright.getpalette()
        if palette:
            bare.putpalette(palette)
    bare.paste(upright)
    buffer = io.BytesIO()
    if image_format == "JPEG":
        bare.save(buffer, "JPEG", quality=85, optimize=True)
    elif image_format == "WEBP":
        bare.save(buffer, "WEBP", quality=85)
    else:
        bare.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def _display_name(name: str) -> str:
    stem = get_valid_filename(PurePath(name).name) if PurePath(name).name.strip(". ") else ""
    return (stem or _("lampiran"))[:100]


def _renamed(label: str, extension: str) -> str:
    """The name shown and offered on download: the upload's stem with the extension of its content."""
    return f"{PurePath(label).stem[:100] or 'lampiran'}{extension}"


def _named(data: bytes, extension: str) -> ContentFile:
    return ContentFile(data, name=f"{uuid.uuid4().hex}{extension}")
