"""The brief as files: the A4 document (print view and PDF) and the XLSX and CSV tables.

Everything renders ``rollup.summary`` and computes no number. The PDF is WeasyPrint's rendering of
the very HTML the print view serves; its stylesheet is read from the static files (the finders in
development, the collected files in production) by a URL fetcher that refuses anything else, so
making a PDF never touches the network.

A region that sent nothing this session shows its last sent report's values, the "Data dari rakor"
column saying from which rakor, as the totals (which count them) do.

Spreadsheet cells go through ``safe_cell``: text a spreadsheet would run as a formula is written
so that it shows as text. The CSV has the XLSX sheet's columns, UTF-8 with a byte-order mark and
``;`` between fields, which is what Excel expects on computers set to Indonesian (where the comma
is the decimal separator).

Like the letter, these files are official documents in Bahasa Indonesia (see ``reports.brief.letter``);
callers render them inside ``brief.indonesian()``.
"""

import base64
import csv
import datetime as dt
import io
import mimetypes
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote_to_bytes, urlsplit

import weasyprint
from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.functional import Promise
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from weasyprint.urls import URLFetcher, URLFetcherResponse

from deskpilkada import clock
from regions.models import Region
from reports.brief import pades
from reports.brief.document import document_context, letter_context, minister_status, verify_url
from reports.models import ForwardedBrief, LetterSettings, LetterSnapshot, RakorSession, ReadinessReport
from reports.models.letter import in_force
from reports.registry import FIELDS_BY_NAME, SECTIONS, Kind, Period, Place, ReportField, model_field, of_kind
from reports.rollup.changes import shortage_text
from reports.rollup.lights import AlertKind
from reports.rollup.parts import RegionRow, Summary

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PDF_BASE_URL = "https://brief.invalid/"  # a host that never resolves: only the fetcher answers it

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


def safe_cell(value: Any) -> Any:
    """A value as a spreadsheet cell. Text starting with ``=``, ``+``, ``-``, ``@``, tab or carriage
    return gets a leading apostrophe, so that Excel and LibreOffice show it as text and never run
    it; control characters an XLSX file cannot hold are dropped. Numbers and dates pass unchanged."""
    if isinstance(value, Promise):  # a lazy translation, e.g. a choice label
        value = str(value)
    if not isinstance(value, str):
        return value
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return f"'{value}" if value.startswith(FORMULA_START) else value


def filename(session: RakorSession, extension: str) -> str:
    return f"laporan-desk-pilkada-{session.date.isoformat()}.{extension}"


def sent_filename(sent: ForwardedBrief, extension: str) -> str:
    """A version as sent, named by when it was sent, so that the versions of one rakor differ."""
    at = timezone.localtime(sent.created_at)
    return f"laporan-desk-pilkada-{sent.session.date.isoformat()}-dikirim-{at:%Y%m%d-%H%M}.{extension}"


# The A4 document: print view and PDF.


def _context(result: Summary) -> dict:
    session = result.session
    return {
        "desk": settings.DESK,
        "summary": result,
        "session": session,
        "rakor": "Rakor Paripurna" if session.kind == RakorSession.Kind.PLENARY else "Rakor",
    }


def document(result: Summary, text: str, *, stamped: bool = False) -> str:
    """The HTML of the letter and its attachment, as the print view serves it and the PDF renders it.
    ``stamped``: the PDF gets a visible electronic signature in the signature box (see ``pades``)."""
    context = {
        **_context(result),
        "text": text,
        "data_moment": clock.now(),
        **letter_context(result, stamped=stamped),
    }
    return render_to_string("reports/brief/print.html", context)


def attachment(result: Summary) -> str:
    """The attachment below its reference (number, date): the part of the document that is pinned
    with the text when the letter is submitted for paraf, before it has a number."""
    return render_to_string(
        "reports/brief/document/attachment.html", {**_context(result), **letter_context(result)}
    )


def pinned_document(snapshot: LetterSnapshot, *, stamped: bool = False) -> str:
    """The document as pinned for paraf (``LetterSnapshot``): its text and attachment as they were
    submitted, with the number, date and signature that came after, and the moment of its data."""
    session = snapshot.step.session
    context = {
        "session": session,
        "text": snapshot.text,
        "attachment": mark_safe(snapshot.attachment),  # noqa: S308  # rendered by ``attachment``, escaped there
        "data_moment": snapshot.taken_at,
        **document_context(session, stamped=stamped),
    }
    return render_to_string("reports/brief/print.html", context)


class StaticFilesFetcher(URLFetcher):
    """Hands WeasyPrint the project's static files and the images inline in the HTML, and
    nothing else."""

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        if url.startswith("data:"):  # the emblem and the QR code, inline in the HTML
            header, _comma, data = url.partition(",")
            content_type = header.removeprefix("data:").removesuffix(";base64")
            body = base64.b64decode(data) if header.endswith(";base64") else unquote_to_bytes(data)
            return URLFetcherResponse(url, body, {"Content-Type": content_type})
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}/" == PDF_BASE_URL and parts.path.startswith(settings.STATIC_URL):
            path = _static_path(parts.path.removeprefix(settings.STATIC_URL))
            if path is not None:
                content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})
        raise ValueError(f"not available to the PDF: {url}")


def _static_path(name: str) -> Path | None:
    found = finders.find(name)
    if found:
        return Path(found)
    if staticfiles_storage.exists(name):
        return Path(staticfiles_storage.path(name))
    return None


def rendered(html: str) -> weasyprint.Document:
    return weasyprint.HTML(string=html, base_url=PDF_BASE_URL, url_fetcher=StaticFilesFetcher()).render()


def pdf(result: Summary, text: str) -> bytes:
    return rendered(document(result, text)).write_pdf()


def pinned_pdf(snapshot: LetterSnapshot) -> bytes:
    return rendered(pinned_document(snapshot)).write_pdf()


def forwarded_pdf(snapshot: LetterSnapshot) -> tuple[bytes, bool]:
    """The PDF as forwarded, made from the pinned letter, and whether it carries the signer's
    electronic signature (PAdES): signed when the admin set a valid certificate for the signer,
    else unsigned."""
    number = in_force(snapshot.step.session)
    certificate = pades.certificate_of(number.signed_by) if number is not None else None
    if number is None or certificate is None:
        return pinned_pdf(snapshot), False
    document = rendered(pinned_document(snapshot, stamped=True))
    page, box = pades.signature_box(document)
    signed = pades.sign(
        document.write_pdf(),
        certificate,
        page=page,
        box=box,
        url=verify_url(number),
        number=number.number,
        place=LetterSettings.load().place,
    )
    return signed, True


# The table of the session: a row per region and a totals row.


@dataclass(frozen=True)
class Column:
    header: str
    width: int
    value: Callable[[Summary, RegionRow], Any]
    total: Callable[[Summary], Any] | None = None
    section: str = ""  # the report's section it shows, if any: shown only when the rakor asks for it


def _sent(row: RegionRow) -> ReadinessReport | None:
    return row.report if row.is_reported else None


def _data_from(result: Summary, row: RegionRow) -> dt.date | None:
    """The rakor a row's values come from: this one, or a silent region's last report's."""
    if row.is_reported:
        return result.session.date
    return row.carried_from


WIDTHS = {Kind.COUNT: 12, Kind.DATE: 13, Kind.CHOICE: 16, Kind.TEXT: 40}


def _field(field: ReportField) -> Column:
    """A column of one of the report's fields; under a summed count, its province total."""
    name = field.name

    def value(result: Summary, row: RegionRow) -> Any:
        report = row.known_report
        if report is None or getattr(report, name) in (None, ""):
            return None
        if field.period is Period.WEEK and not row.is_reported:
            return None  # a silent region's cases of an earlier week are not this week's
        if field.kind == Kind.CHOICE:
            return str(getattr(report, f"get_{name}_display")())
        return getattr(report, name)

    total = (lambda result: result.totals.figures[name].value) if field.summed else None
    return Column(field.label, WIDTHS[field.kind], value, total, field.section)


def _region_total(field: ReportField) -> Column:
    """The region's total a count is part of ("Jumlah kecamatan" beside "Kecamatan siap")."""
    label = capfirst(str(model_field(Region, field.out_of).verbose_name))
    total = (lambda result: result.totals.figures[field.name].out_of) if field.summed else None
    return Column(label, 10, lambda result, row: getattr(row.region, field.out_of), total, field.section)


# The region's own figures, after the report's; their province totals are in ``Totals``. A count
# out of one of them (``ReportField.out_of``) is not followed by a second copy of it.
REGION_FIGURES = ("registered_voters", "polling_stations")


def _region_figure(name: str) -> Column:
    label = capfirst(str(model_field(Region, name).verbose_name))
    return Column(
        label, 12, lambda result, row: getattr(row.region, name), lambda result: getattr(result.totals, name)
    )


def _submitted(result: Summary, row: RegionRow) -> dt.datetime | None:
    report = _sent(row)
    return timezone.localtime(report.first_submitted_at).replace(tzinfo=None) if report else None


SHORTAGES = Column(
    "Kekurangan logistik",
    30,
    lambda result, row: shortage_text(row.known_shortages) if row.known_shortages else None,
    section="logistics",
)


def _report_columns() -> list[Column]:
    """The report's fields the files show, section by section, each section's shortages and each
    count's region total after them; its texts come last, so that wide columns follow the figures."""
    columns = []
    for section in SECTIONS:
        for field in (FIELDS_BY_NAME[name] for name in section.fields):
            if field.shown_in(Place.FILES) and field.kind != Kind.TEXT:
                columns.append(_field(field))
                if field.out_of and field.out_of not in REGION_FIGURES:
                    columns.append(_region_total(field))
        if section.lines == "shortages":
            columns.append(SHORTAGES)
    return columns


COLUMNS = (
    Column("Kode Kemendagri", 11, lambda result, row: row.region.kemendagri_code),
    Column("Kabupaten/kota", 26, lambda result, row: str(row.region), lambda result: "Jumlah provinsi"),
    Column("Kehadiran", 18, lambda result, row: row.attendance_label),
    Column(
        "Status laporan",
        22,
        lambda result, row: minister_status(row),
        lambda result: (
            f"{result.completeness.reported_count} dari {result.completeness.expected_count} melapor"
        ),
    ),
    Column(
        "Data dari rakor",
        13,
        _data_from,
        lambda result: f"{result.totals.carried.reports} dari data lama" if result.totals.carried else None,
    ),
    Column(
        "Sama dengan laporan sebelumnya",
        13,
        lambda result, row: ("Ya" if row.is_unchanged else "Tidak") if row.is_reported else None,
    ),
    Column("Dikirim pertama (WITA)", 17, _submitted),
    Column(
        "Terlambat", 10, lambda result, row: ("Ya" if row.is_late else "Tidak") if row.is_reported else None
    ),
    Column("Penilaian", 16, lambda result, row: row.light_label),
    Column("Keterangan", 40, lambda result, row: row.explanation if row.is_reported or row.carried else None),
    *_report_columns(),
    *(_region_figure(name) for name in REGION_FIGURES),
    *(_field(field) for field in of_kind(Kind.TEXT) if field.shown_in(Place.FILES)),
)


def columns(result: Summary) -> list[Column]:
    """The columns of the rakor's table: every one but those of sections its stage does not ask for."""
    asked = {section.key for section in result.sections}
    return [column for column in COLUMNS if not column.section or column.section in asked]


def session_table(result: Summary) -> tuple[list[str], list[list[Any]], list[Any]]:
    """Headers, a row per region and the totals row, as typed values (int, date, datetime, str)."""
    shown = columns(result)
    headers = [column.header for column in shown]
    rows = [[column.value(result, row) for column in shown] for row in result.rows]
    totals = [column.total(result) if column.total else None for column in shown]
    return headers, rows, totals


def follow_up_table(result: Summary) -> tuple[list[str], list[list[Any]], list[int]]:
    """The alerts, the open follow-ups and those closed since the previous rakor."""
    headers = ["Jenis", "Kabupaten/kota", "Uraian", "Penanggung jawab", "Tenggat", "Selesai pada (WITA)"]
    rows: list[list[Any]] = [
        [f"Peringatan: {alert.kind.label}", str(alert.region), alert.message, None, None, None]
        for alert in result.alerts
        if alert.kind != AlertKind.MISSING
    ]
    for state, follow_ups in (
        ("Tindak lanjut berjalan", result.follow_ups_open),
        ("Tindak lanjut selesai", result.follow_ups_closed),
    ):
        rows += [
            [
                state,
                str(f.region) if f.region else "Seluruh kabupaten/kota",
                f.title,
                f.get_agency_display(),
                f.due_date,
                timezone.localtime(f.closed_at).replace(tzinfo=None) if f.closed_at else None,
            ]
            for f in follow_ups
        ]
    return headers, rows, [24, 26, 60, 16, 12, 17]


def agenda_table(result: Summary) -> tuple[list[str], list[list[Any]], list[int]]:
    headers = ["Tanggal", "Kabupaten/kota", "Kegiatan", "Tempat", "Uraian"]
    rows = [
        [entry.date, str(entry.region), entry.kind_label, entry.place or None, entry.description or None]
        for entry in result.agenda
    ]
    return headers, rows, [12, 26, 20, 24, 50]


def incident_table(result: Summary) -> tuple[list[str], list[list[Any]], list[int]]:
    """The week's significant incidents, in the order they happened."""
    headers = [
        "Waktu (WITA)",
        "Kabupaten/kota",
        "Kecamatan",
        "Desa/kelurahan atau TPS",
        "Jenis",
        "Tingkat",
        "Status",
        "Apa yang terjadi",
        "Yang sudah dilakukan",
    ]
    rows = [
        [
            timezone.localtime(incident.occurred_at).replace(tzinfo=None),
            str(incident.region),
            incident.kecamatan.name,
            incident.place or None,
            incident.get_kind_display(),
            incident.get_severity_display(),
            incident.get_status_display(),
            incident.description,
            incident.actions_taken or None,
        ]
        for incident in result.incidents
    ]
    return headers, rows, [17, 24, 20, 24, 24, 15, 12, 60, 40]


# XLSX and CSV.

DATE_FORMAT = "dd-mm-yyyy"
DATETIME_FORMAT = "dd-mm-yyyy hh:mm"
INTEGER_FORMAT = "#,##0"
HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
WRAPPED = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top", wrap_text=False)
BOLD = Font(bold=True)


def xlsx(result: Summary) -> bytes:
    """A workbook: the session's table, then its alerts and follow-ups, its agenda and the week's
    significant incidents."""
    workbook = Workbook()
    sheet = workbook.worksheets[0]
    # A sheet title holds at most 31 characters and no "/": "Rakor 18 Nov 2024".
    sheet.title = f"Rakor {formats.date_format(result.session.date, 'j M Y')}"
    headers, rows, totals = session_table(result)
    _write(sheet, headers, rows, [column.width for column in columns(result)], totals=totals, frozen="C2")
    for title, (headers, rows, widths) in (
        ("Peringatan dan tindak lanjut", follow_up_table(result)),
        ("Agenda", agenda_table(result)),
        ("Kejadian", incident_table(result)),
    ):
        _write(workbook.create_sheet(title), headers, rows, widths)
    workbook.properties.title = f"Laporan Desk Pilkada {formats.date_format(result.session.date, 'j F Y')}"
    workbook.properties.creator = f"Desk Pilkada {settings.DESK['PROVINCE']}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _write(
    sheet: Worksheet,
    headers: Sequence[str],
    rows: list[list[Any]],
    widths: Sequence[float],
    *,
    totals: list[Any] | None = None,
    frozen: str = "A2",
) -> None:
    sheet.append([safe_cell(header) for header in headers])
    for cell in sheet[1]:
        cell.font = BOLD
        cell.fill = HEADER_FILL
        cell.alignment = WRAPPED
    for row, values in enumerate(rows, start=2):
        _append(sheet, row, values)
    if rows:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{len(rows) + 1}"
    if totals is not None:
        for cell in _append(sheet, len(rows) + 2, totals):
            cell.font = BOLD
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = frozen
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4


def _append(sheet: Worksheet, row: int, values: list[Any]) -> list:
    """Writes ``values`` as row number ``row`` (the next one) and returns its cells."""
    cells = []
    for column, value in enumerate(values, start=1):
        cell = sheet.cell(row=row, column=column, value=safe_cell(value))
        cell.alignment = WRAPPED if isinstance(value, str) and len(value) > 30 else TOP
        if isinstance(value, dt.datetime):
            cell.number_format = DATETIME_FORMAT
        elif isinstance(value, dt.date):
            cell.number_format = DATE_FORMAT
        elif isinstance(value, int):
            cell.number_format = INTEGER_FORMAT
        cells.append(cell)
    return cells


def csv_bytes(result: Summary) -> bytes:
    """The session's table as CSV: the XLSX sheet's columns, a row per region and the totals row."""
    headers, rows, totals = session_table(result)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for values in [headers, *rows, totals]:
        writer.writerow([_csv_value(value) for value in values])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(safe_cell(value))


MAKERS: dict[str, Callable[[Summary, str], bytes]] = {
    "pdf": pdf,
    "xlsx": lambda result, text: xlsx(result),
    "csv": lambda result, text: csv_bytes(result),
}
