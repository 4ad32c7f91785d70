"""Checking and preparing incident attachments, by their content and never by their name.

A photo is whatever Pillow opens and verifies as JPEG, PNG or WebP; it is turned upright, shrunk to
``INCIDENT_PHOTO_MAX_SIDE`` pixels on its longest side and written anew without any metadata (EXIF,
GPS position, comments, text chunks). A picture larger than ``MAX_PIXELS`` is refused in words
that give its size, read from its header before anything is decoded. A PDF is a file that starts
with ``%PDF-``; what is stored is the file rewritten without its active content (``incidents.pdf``),
never the bytes that came in, and one that cannot be opened or is locked is refused. Anything else,
a renamed program say, is refused with a message that names the file.
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
from django.utils.formats import number_format
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from incidents import pdf
from incidents.models import Attachment

PHOTO_FORMATS = {
    "JPEG": ("image/jpeg", ".jpg"),
    "PNG": ("image/png", ".png"),
    "WEBP": ("image/webp", ".webp"),
}
PDF_MAGIC = b"%PDF-"
# A phone's photo is 12 to 108 megapixels; more is refused before it is decoded. The limit stays
# below Pillow's own hard stop (twice Image.MAX_IMAGE_PIXELS, about 179 megapixels), which remains
# a second guard.
MAX_PIXELS = 150_000_000
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
        return _pdf(data, label)
    return _photo(data, label)


def _pdf(data: bytes, label: str) -> Prepared:
    """The PDF without its active content; the bytes that came in are neither stored nor kept."""
    try:
        clean = pdf.inert(data)
    except pdf.Unreadable as exc:
        raise ValidationError(
            _(
                "Berkas PDF %(name)s tidak dapat dibaca atau terkunci kata sandi; simpan ulang tanpa "
                "kata sandi lalu unggah lagi."
            )
            % {"name": label}
        ) from exc
    return Prepared(
        Attachment.Kind.PDF, _renamed(label, ".pdf"), "application/pdf", _named(clean, ".pdf"), None
    )


def _photo(data: bytes, label: str) -> Prepared:
    refused = ValidationError(
        _("%(name)s bukan foto JPEG, PNG atau WebP maupun PDF; berkas ini tidak diterima.") % {"name": label}
    )
    size = _header_size(data)
    if size is not None and size[0] * size[1] > MAX_PIXELS:
        raise _too_many_pixels(label, size)
    try:
        with warnings.catch_warnings():
            # Pillow warns from 89 megapixels; this module's own limit was checked above.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                if probe.format not in PHOTO_FORMATS:
                    raise refused
                probe.verify()
            with Image.open(io.BytesIO(data)) as image:
                image_format = image.format or "JPEG"
                clean = _cleaned(image, image_format)
    except Image.DecompressionBombError as exc:
        raise _too_many_pixels(label, size) from exc
    except (
        UnidentifiedImageError,
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


def _header_size(data: bytes) -> tuple[int, int] | None:
    """Width and height as a photo's header states them, before any pixel is decoded.

    Pillow's ``Image.open`` reads the header too, but refuses a very large picture before telling
    its size; its format plugins, called directly, only read the header."""
    Image.init()
    head = data[:16]
    for image_format in PHOTO_FORMATS:
        factory, accept = Image.OPEN[image_format]
        if accept is not None and not accept(head):
            continue
        try:
            with factory(io.BytesIO(data), "") as header:
                return header.size
        except (OSError, SyntaxError, ValueError, EOFError):
            continue
    return None


def _too_many_pixels(label: str, size: tuple[int, int] | None) -> ValidationError:
    limit = number_format(MAX_PIXELS // 1_000_000, force_grouping=True)
    if size is None:  # Pillow's own guard stopped a picture whose header this module could not read
        return ValidationError(
            _(
                "Foto %(name)s terlalu besar untuk dibuka dengan aman (lebih dari %(limit)s megapiksel); "
                "kecilkan ukurannya lalu unggah lagi."
            )
            % {"name": label, "limit": limit}
        )
    return ValidationError(
        _(
            "Foto %(name)s terlalu besar untuk dibuka dengan aman (%(width)s × %(height)s piksel, paling "
            "besar %(limit)s megapiksel); kecilkan ukurannya, misalnya simpan ulang dengan resolusi lebih "
            "kecil, lalu unggah lagi."
        )
        % {
            "name": label,
            "width": number_format(size[0], force_grouping=True),
            "height": number_format(size[1], force_grouping=True),
            "limit": limit,
        }
    )


def _cleaned(image: Image.Image, image_format: str) -> bytes:
    """The photo upright, at most the configured size, re-encoded with no metadata at all.

    A JPEG is decoded at a reduced scale when it is far larger (libjpeg's draft mode): a
    108-megapixel photo is read as a quarter of its side, not as 324 MB of pixels."""
    side = settings.INCIDENT_PHOTO_MAX_SIDE
    if image_format == "JPEG":
        image.draft(None, (side, side))
    upright = ImageOps.exif_transpose(image) or image
    if image_format == "JPEG" and upright.mode not in ("RGB", "L"):
        upright = upright.convert("RGB")
    elif upright.mode not in ("RGB", "RGBA", "L", "LA", "P"):
        upright = upright.convert("RGBA")
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
