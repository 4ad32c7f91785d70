"""The letter as one moment (``LetterSnapshot``): what is pinned when the secretariat submits it for
paraf, and what changed since, in words.

Everything is made from one roll-up: the attachment, the XLSX, the CSV and the data rows. The rows
are the files' own tables (``exports.session_table`` and the XLSX's other sheets) with each value
as the files print it, plus each region's review state, so that comparing the rows of two moments
tells what a reader of the files would see change, and a report returned or accepted counts as a
change even when its figures stay.

Like the letter, this is official Indonesian text (see ``reports.brief.letter``); callers work
inside ``brief.indonesian()``.
"""

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from typing import Any

from django.utils import formats

from deskpilkada import clock
from reports.brief import exports
from reports.rollup.parts import Summary

Rows = dict[str, dict[str, dict[str, str]]]

REGION = "Kabupaten/kota"
REVIEW = "Status pemeriksaan"
SHOWN_COLUMNS = 3  # the changed columns a region's sentence names before "dan n kolom lainnya"
SHOWN_ITEMS = 8  # the changes the message names before "dan n perubahan lainnya"


def shown(value: Any) -> str:
    """A value as the letter's reader reads it: 1.214, 18 November 2024 09.15, —."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "Ya" if value else "Tidak"
    if isinstance(value, int):
        return formats.number_format(value, force_grouping=True)
    if isinstance(value, dt.datetime):
        return formats.date_format(value, "j F Y H.i")
    if isinstance(value, dt.date):
        return formats.date_format(value, "j F Y")
    return str(value)


def _keyed(headers: list[str], rows: list[list[Any]], key: Callable[[dict[str, str]], str]) -> dict:
    """Rows by a key that names them (a second row with the same key gets " (2)")."""
    found: dict[str, dict[str, str]] = {}
    for values in rows:
        row = {header: shown(value) for header, value in zip(headers, values, strict=True)}
        name, count = key(row), 1
        while (name if count == 1 else f"{name} ({count})") in found:
            count += 1
        found[name if count == 1 else f"{name} ({count})"] = row
    return found


def rows(result: Summary) -> Rows:
    """The data of the letter's files, as strings, by table and by row."""
    headers, region_rows, totals = exports.session_table(result)
    regions = _keyed(headers, region_rows, lambda row: row[REGION])
    for row in result.rows:
        report = row.report
        regions[str(row.region)][REVIEW] = str(report.get_status_display()) if report else "—"
    tables: Rows = {
        "regions": regions,
        "totals": {"Jumlah provinsi": dict(zip(headers, map(shown, totals), strict=True))},
    }
    follow_headers, follow_rows, _widths = exports.follow_up_table(result)
    tables["follow_ups"] = _keyed(follow_headers, follow_rows, lambda row: f"{row['Uraian']} ({row[REGION]})")
    agenda_headers, agenda_rows, _widths = exports.agenda_table(result)
    tables["agenda"] = _keyed(
        agenda_headers, agenda_rows, lambda row: f"{row['Kegiatan']} {row[REGION]} {row['Tanggal']}"
    )
    incident_headers, incident_rows, _widths = exports.incident_table(result)
    tables["incidents"] = _keyed(
        incident_headers,
        incident_rows,
        lambda row: f"{row[REGION]} {row['Waktu (WITA)']}",
    )
    return tables


def digest(text: str, data: Rows) -> str:
    """One SHA-256 over the text and the rows, so that neither can change unnoticed."""
    body = json.dumps({"text": text, "rows": data}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def parts(result: Summary, text: str) -> dict[str, Any]:
    """The fields of a ``LetterSnapshot`` of ``text`` and ``result``, made from that one roll-up."""
    data = rows(result)
    return {
        "taken_at": clock.now(),
        "text": text,
        "attachment": exports.attachment(result),
        "xlsx": exports.xlsx(result),
        "csv": exports.csv_bytes(result),
        "rows": data,
        "digest": digest(text, data),
    }


def _columns(old: dict[str, str], new: dict[str, str]) -> str:
    """ "Personel pengamanan 1.214 → 1.230; Lampu kesiapan Hijau → Kuning" """
    changed = [
        f"{header} {old.get(header, '—')} → {new.get(header, '—')}"
        for header in dict.fromkeys([*old, *new])
        if old.get(header) != new.get(header)
    ]
    more = len(changed) - SHOWN_COLUMNS
    said = "; ".join(changed[:SHOWN_COLUMNS])
    return f"{said}; dan {more} kolom lainnya" if more > 0 else said


def _table(old: dict, new: dict, said: str, *, columns: bool) -> list[str]:
    """What changed in one table: rows added, gone, changed (with their columns when ``columns``)."""
    found = []
    for key in dict.fromkeys([*old, *new]):
        before, after = old.get(key), new.get(key)
        if before == after:
            continue
        if before is None:
            found.append(f"{said} {key} (baru)")
        elif after is None:
            found.append(f"{said} {key} (tidak lagi tercantum)")
        else:
            found.append(f"{said} {key} ({_columns(before, after)})" if columns else f"{said} {key} berubah")
    return found


def changes(old: Rows, new: Rows) -> list[str]:
    """What a reader of the files would see change from ``old`` to ``new``, named: each region whose
    row changed with the columns, then incidents, follow-ups and agenda, in words."""
    follow_ups = {key: row for key, row in new.get("follow_ups", {}).items() if _is_follow_up(row)}
    old_follow_ups = {key: row for key, row in old.get("follow_ups", {}).items() if _is_follow_up(row)}
    found = [
        *_table(old.get("regions", {}), new.get("regions", {}), "laporan", columns=True),
        *_table(old.get("incidents", {}), new.get("incidents", {}), "kejadian", columns=True),
        *_table(old_follow_ups, follow_ups, "tindak lanjut", columns=True),
        *_table(old.get("agenda", {}), new.get("agenda", {}), "agenda", columns=False),
    ]
    # Alerts and totals follow from the rows above; they are named only when nothing else is.
    if not found:
        alerts = {key: row for key, row in new.get("follow_ups", {}).items() if not _is_follow_up(row)}
        old_alerts = {key: row for key, row in old.get("follow_ups", {}).items() if not _is_follow_up(row)}
        found = _table(old_alerts, alerts, "peringatan", columns=False)
    if not found and old != new:
        found = ["jumlah provinsi"]
    more = len(found) - SHOWN_ITEMS
    return [*found[:SHOWN_ITEMS], f"dan {more} perubahan lainnya"] if more > 0 else found


def _is_follow_up(row: dict[str, str]) -> bool:
    return row.get("Jenis", "").startswith("Tindak lanjut")
