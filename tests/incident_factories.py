"""Factory functions for incident tests: an incident, and photos made on the spot."""

import datetime as dt
import io

import pikepdf
from django.contrib.auth.models import User
from PIL import ExifTags, Image

from incidents.models import Incident
from regions.models import Region
from reports.models import WITA, Election


def make_incident(region: Region, reporter: User, **fields) -> Incident:
    values = {
        "election": Election.objects.get(name="Pilkada Serentak 2024"),
        "region": region,
        "kecamatan": region.kecamatan.first(),
        "occurred_at": dt.datetime(2024, 11, 14, 10, 0, tzinfo=WITA),
        "kind": "kamtibmas",
        "severity": "biasa",
        "description": "Keributan antarpendukung di depan posko.",
        "reported_by": reporter,
    }
    return Incident.objects.create(**{**values, **fields})


def photo_bytes(
    size: tuple[int, int] = (640, 480), image_format: str = "JPEG", *, gps: bool = False
) -> bytes:
    """A drawn picture; with ``gps`` its EXIF carries a camera and a location near Samarinda."""
    image = Image.new("RGB", size, (40, 120, 200))
    image.paste((230, 200, 60), (size[0] // 4, size[1] // 4, size[0] // 2, size[1] // 2))
    exif = Image.Exif()
    if gps:
        exif[ExifTags.Base.Make] = "KameraPonsel"
        gps_ifd = exif.get_ifd(ExifTags.IFD.GPSInfo)
        gps_ifd[ExifTags.GPS.GPSLatitudeRef] = "S"
        gps_ifd[ExifTags.GPS.GPSLatitude] = (0.0, 30.0, 0.0)
        gps_ifd[ExifTags.GPS.GPSLongitudeRef] = "E"
        gps_ifd[ExifTags.GPS.GPSLongitude] = (117.0, 9.0, 0.0)
    buffer = io.BytesIO()
    image.save(buffer, image_format, exif=exif)
    return buffer.getvalue()


def pdf_bytes(pages: int = 1) -> bytes:
    """A plain PDF of blank pages, as a scanned berita acara without scripts would be."""
    with pikepdf.new() as pdf:
        for _ in range(pages):
            pdf.add_blank_page()
        buffer = io.BytesIO()
        pdf.save(buffer)
    return buffer.getvalue()
