"""The demo's incidents (called by ``seed_demo``): a few around the 18 November 2024 rakor and
voting day, one urgent, one with a photo the project draws itself (no downloaded picture).
Running it again changes nothing."""

import datetime as dt
import io

from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from incidents.files import prepare
from incidents.models import Incident, IncidentAgency, IncidentUpdate, Status
from incidents.workflow import attach
from regions.models import Kecamatan
from reports.models import WITA, Election, FollowUp

D = dt.datetime

# region, kecamatan, place, when, kind, severity, status, what, done, agencies, reporter, photo
INCIDENTS = [
    (
        "64.08",
        "Sangatta Utara",
        "Desa Swarga Bara, dekat posko pemenangan",
        D(2024, 11, 22, 20, 30, tzinfo=WITA),
        "kamtibmas",
        "darurat",
        Status.HANDLING,
        "Bentrok antara dua kelompok pendukung pasangan calon setelah kampanye dialogis; dua orang luka "
        "ringan dan satu baliho dibakar.",
        "Polres Kutai Timur dan Kodim membubarkan massa dan menambah patroli malam.",
        ["polri_tni", "bawaslu"],
        "operator.kutim",
        True,
    ),
    (
        "64.11",
        "Long Apari",
        "Gudang logistik kecamatan",
        D(2024, 11, 13, 9, 0, tzinfo=WITA),
        "logistik",
        "biasa",
        Status.DONE,
        "Pengiriman kotak suara ke Long Apari tertunda dua hari karena debit air Sungai Mahakam surut.",
        "Logistik dialihkan lewat jalur udara dengan helikopter Pemda.",
        ["kpu", "pemda"],
        "operator.mahulu",
        False,
    ),
    (
        "64.72",
        "Sungai Pinang",
        "Kelurahan Temindung Permai",
        D(2024, 11, 21, 19, 0, tzinfo=WITA),
        "politik_uang",
        "perhatian",
        Status.NEW,
        "Warga melaporkan pembagian amplop berisi uang dan stiker pasangan calon dari rumah ke rumah.",
        "Dilaporkan ke Panwascam Sungai Pinang.",
        ["bawaslu"],
        "operator.samarinda",
        False,
    ),
    (
        "64.74",
        "Bontang Barat",
        "",
        D(2024, 11, 20, 11, 0, tzinfo=WITA),
        "hoaks",
        "biasa",
        Status.NEW,
        "Beredar pesan berantai di WhatsApp bahwa TPS di Bontang Barat dipindahkan; KPU Bontang "
        "menyatakan kabar itu tidak benar.",
        "",
        ["kpu", "kesbangpol"],
        "operator.bontang",
        False,
    ),
]


def scene() -> bytes:
    """A drawn polling station under a tent at dusk: the demo's photo, made on the spot."""
    width, height = 1200, 800
    image = Image.new("RGB", (width, height), (250, 190, 120))
    draw = ImageDraw.Draw(image)
    for band in range(0, 420, 6):  # the evening sky, darker towards the top
        shade = 120 + band // 4
        draw.rectangle((0, band, width, band + 6), fill=(shade, shade // 2 + 60, 150 - band // 8))
    draw.ellipse((930, 90, 1050, 210), fill=(255, 220, 140))
    draw.rectangle((0, 420, width, height), fill=(90, 140, 70))
    draw.polygon([(250, 420), (950, 420), (1050, 300), (150, 300)], fill=(200, 40, 40))  # the tent roof
    draw.rectangle((250, 420, 950, 640), fill=(235, 235, 225))
    for post in (260, 930):
        draw.rectangle((post, 300, post + 10, 640), fill=(110, 80, 50))
    draw.rectangle((520, 500, 680, 620), fill=(250, 250, 250), outline=(40, 40, 40), width=4)  # ballot box
    draw.rectangle((570, 496, 630, 504), fill=(40, 40, 40))
    for x, colour in ((380, (30, 60, 120)), (800, (60, 60, 60)), (1080, (120, 30, 30))):  # people
        draw.ellipse((x - 22, 470, x + 22, 514), fill=(180, 130, 90))
        draw.rectangle((x - 28, 516, x + 28, 640), fill=colour)
    draw.rectangle((0, 740, width, height), fill=(30, 30, 30))
    draw.text((20, 755), "Ilustrasi buatan Desk Pilkada - bukan foto sebenarnya", fill=(255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def load(election: Election, users: dict[str, User], secretariat: User) -> list[Incident]:
    incidents = []
    for row in INCIDENTS:
        code, kecamatan_name, place, when, kind, severity, status, what, done, agencies, reporter, photo = row
        kecamatan = Kecamatan.objects.select_related("region").get(
            region__kemendagri_code=code, name=kecamatan_name
        )
        # Keyed by place and kind, so that a later change of the demo's dates updates the row.
        incident, _ = Incident.objects.update_or_create(
            region=kecamatan.region,
            kecamatan=kecamatan,
            kind=kind,
            defaults={
                "election": election,
                "occurred_at": when,
                "place": place,
                "severity": severity,
                "status": status,
                "description": what,
                "actions_taken": done,
                "reported_by": users[reporter],
            },
        )
        for agency in agencies:
            IncidentAgency.objects.get_or_create(incident=incident, agency=agency)
        if status != Status.NEW and not incident.updates.exists():
            IncidentUpdate.objects.create(
                incident=incident,
                author=secretariat,
                created_at=when + dt.timedelta(hours=3),
                text=done,
                status_before=Status.NEW,
                status_after=status,
            )
        if photo and not incident.attachments.exists():
            upload = SimpleUploadedFile("bentrok-sangatta-utara.jpg", scene(), content_type="image/jpeg")
            attach(incident, [prepare(upload)], users[reporter])
        incidents.append(incident)
    patrol = FollowUp.objects.filter(title__startswith="Patroli bersama di Sangatta Utara").first()
    if patrol is not None:
        first = incidents[0]
        first.follow_up = patrol
        first.save(update_fields=["follow_up"])
    return incidents
