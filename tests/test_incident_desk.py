"""What the province desk reads of the incidents: the dashboard's open incidents, the letter's
paragraph on the week's significant incidents and the XLSX's "Kejadian" sheet."""

import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse
from PIL import Image

from incidents.models import Attachment, Incident, Status
from reports.brief.exports import xlsx
from reports.brief.letter import draft, indonesian
from reports.models import WITA
from reports.rollup.summary import summary
from tests.incident_factories import make_incident

pytestmark = pytest.mark.django_db


@pytest.fixture
def week(session, operator, other_operator, region, other_region) -> dict:
    """Incidents around the 18 November 2024 rakor: two significant in its week, one ordinary, one
    before the week and one on the rakor's day."""
    tps = region.kecamatan.get(name="Bontang Selatan")
    return {
        "urgent": make_incident(
            region,
            operator,
            kecamatan=tps,
            place="TPS 012 Tanjung Laut",
            kind="kamtibmas",
            severity="darurat",
            status=Status.HANDLING,
            occurred_at=dt.datetime(2024, 11, 16, 21, 15, tzinfo=WITA),
            description="Bentrok antarpendukung di depan posko pemenangan.",
            actions_taken="Dimediasi Polres Bontang",
        ),
        "attention": make_incident(
            other_region,
            other_operator,
            kind="politik_uang",
            severity="perhatian",
            occurred_at=dt.datetime(2024, 11, 11, 9, 0, tzinfo=WITA),
            description="Pembagian sembako berlabel pasangan calon.",
        ),
        "ordinary": make_incident(
            region,
            operator,
            severity="biasa",
            occurred_at=dt.datetime(2024, 11, 12, tzinfo=WITA),
            description="Baliho roboh tertiup angin.",
        ),
        "earlier": make_incident(
            region,
            operator,
            severity="darurat",
            occurred_at=dt.datetime(2024, 11, 10, 23, 0, tzinfo=WITA),
            description="Kejadian minggu sebelumnya.",
            status=Status.DONE,
        ),
        "rakor_day": make_incident(
            region,
            operator,
            severity="darurat",
            occurred_at=dt.datetime(2024, 11, 18, 7, 0, tzinfo=WITA),
            description="Kejadian pada hari rakor.",
        ),
    }


def test_the_letter_summarises_the_weeks_significant_incidents(session, week):
    with indonesian():
        text = draft(summary(session))
    paragraph = next(p for p in text.split("\n\n") if p.startswith("Selama sepekan"))
    assert paragraph == (
        "Selama sepekan sebelum rakor (11–17 November 2024) tercatat dua kejadian yang memerlukan "
        "perhatian, satu di antaranya darurat: politik uang di Kecamatan "
        + week["attention"].kecamatan.name
        + ", Kabupaten Paser (11 November, perlu perhatian, baru): Pembagian sembako berlabel pasangan "
        "calon; konflik/gangguan kamtibmas di Kecamatan Bontang Selatan, Kota Bontang (16 November, "
        "darurat, ditangani): Bentrok antarpendukung di depan posko pemenangan."
    )
    for left_out in ("Baliho roboh", "minggu sebelumnya", "hari rakor"):
        assert left_out not in text


def test_a_week_without_significant_incidents_adds_no_paragraph(session, operator, region):
    make_incident(region, operator, severity="biasa", occurred_at=dt.datetime(2024, 11, 13, tzinfo=WITA))
    with indonesian():
        assert "Selama sepekan" not in draft(summary(session))


def test_the_xlsx_has_a_sheet_of_the_weeks_incidents(session, week):
    with indonesian():
        workbook = openpyxl.load_workbook(io.BytesIO(xlsx(summary(session))))
    sheet = workbook["Kejadian"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:7] == (
        "Waktu (WITA)",
        "Kabupaten/kota",
        "Kecamatan",
        "Desa/kelurahan atau TPS",
        "Jenis",
        "Tingkat",
        "Status",
    )
    assert [row[1] for row in rows[1:]] == ["Kabupaten Paser", "Kota Bontang"]
    assert rows[2][0] == dt.datetime(2024, 11, 16, 21, 15)
    assert rows[2][3:7] == ("TPS 012 Tanjung Laut", "Konflik/gangguan kamtibmas", "Darurat", "Ditangani")


def test_the_dashboard_shows_open_incidents_per_region_newest_first(
    client, secretariat, session, week, region
):
    client.force_login(secretariat)
    response = client.get(reverse("reports:dashboard_session", args=[session.pk]))
    page = response.content.decode()
    counts = {row.region.name: count for row, _href, _operators, count in response.context["tiles"]}
    assert counts["Bontang"] == 3 and counts["Paser"] == 1 and counts["Berau"] == 0
    assert "3 kejadian terbuka" in page
    panel = page[page.index('id="incidents-title"') :]
    assert (
        panel.index("hari rakor") < panel.index("Bentrok antarpendukung") < panel.index("Pembagian sembako")
    )
    assert "minggu sebelumnya" not in panel  # selesai


def test_the_demo_has_incidents_one_urgent_and_one_with_a_drawn_photo(demo):
    assert Incident.objects.count() >= 3
    urgent = Incident.objects.get(severity="darurat")
    assert urgent.follow_up is not None and urgent.updates.exists()
    photo = Attachment.objects.get(kind="foto")
    with photo.file.open("rb") as handle:
        image = Image.open(io.BytesIO(handle.read()))
        assert image.size == (1200, 800) and not image.getexif()
