"""The letter to the Minister of Home Affairs (Mendagri), drafted from the roll-up of a rakor.

``draft(result)`` writes the body of the letter from ``rollup.summary``, in the register of the news
report of the 18 November 2024 rakor: the opening (who attended, who reported, who is not
confirmed, by name), a paragraph per region from its report, what changed since the previous
rakor, the alerts and open follow-ups with their owners, and the Sekda's standing concerns. It
counts and adds nothing itself: every number comes from the summary or from a region's report.

The letter is an official communication of a provincial government and is always written in
Bahasa Indonesia (UU 24/2009, Pasal 33), whoever drafts it and in whatever language they read the
interface; its sentences are therefore not marked for translation, and callers build the summary
and render the letter inside ``indonesian()`` so that labels and dates are Indonesian too.
"""

import datetime as dt
import re
from decimal import Decimal

from django.conf import settings
from django.utils import formats, timezone, translation

from reports.lights import AlertKind, lower_first, number
from reports.models import AgendaLine, RakorSession, ReadinessReport
from reports.rollup import FIGURES, AgendaEntry, RegionRow, Summary

Report = ReadinessReport
WORDS = ("nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh")

# The order in which a region's paragraph tells its sections, closest to how regions speak at a rakor.
PARAGRAPH_ORDER = (
    "kecamatan",
    "security",
    "asn",
    "agenda",
    "logistics",
    "voters",
    "conflict",
    "coordination",
)


def indonesian():
    """Everything the letter and its attachments say is in Bahasa Indonesia."""
    return translation.override("id")


def text_of(session: RakorSession, result: Summary) -> str:
    """The letter as it stands: the secretariat's text, or the draft while there is none."""
    return session.brief_text or draft(result)


def draft(result: Summary) -> str:
    """The body of the letter, paragraphs separated by a blank line."""
    paragraphs = [
        "Dengan hormat,",
        _introduction(result),
        _attendance(result),
        *[_region_paragraph(result, row) for row in result.rows if row.is_reported],
        _changes(result),
        _attention(result),
        _concerns(result),
        _closing(result),
    ]
    return "\n\n".join(paragraph for paragraph in paragraphs if paragraph)


# Words, names, dates and numbers as the letter writes them.


def count(value: int) -> str:
    """Small counts in words ("tujuh"), larger ones in figures ("1.214")."""
    return WORDS[value] if 0 <= value < len(WORDS) else number(value)


def names(items) -> str:
    """ "A", "A dan B", "A, B dan C"."""
    items = [str(item) for item in items]
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} dan {items[-1]}" if items else ""


def day(value: dt.date) -> str:
    return formats.date_format(value, "j F Y")


def weekday(value: dt.date) -> str:
    return formats.date_format(value, "l, j F Y")


def period(start: dt.date, end: dt.date | None) -> str:
    """ "23 November 2024", "23–25 November 2024", "30 November – 2 Desember 2024"."""
    end = end or start
    if end == start:
        return day(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{day(end)}"
    if start.year == end.year:
        return f"{formats.date_format(start, 'j F')} – {day(end)}"
    return f"{day(start)} – {day(end)}"


def percent(value: Decimal) -> str:
    """79 → "79 persen", 77.5 → "77,5 persen"."""
    whole = value == value.to_integral_value()
    return f"{formats.number_format(value, 0 if whole else 1)} persen"


def sentence(text: str) -> str:
    text = text.strip()
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else f"{text}."


def _days_to_voting(result: Summary) -> str:
    election, days = result.election, result.days_to_voting
    if days > 0:
        return f"H-{days} menjelang pemungutan suara {election.name} pada {day(election.voting_day)}"
    if days == 0:
        return f"bertepatan dengan hari pemungutan suara {election.name}"
    return f"H+{-days} setelah pemungutan suara {election.name} pada {day(election.voting_day)}"


# The opening.


def _introduction(result: Summary) -> str:
    kind = (
        "Rapat Koordinasi Paripurna"
        if result.session.kind == RakorSession.Kind.PLENARY
        else "Rapat Koordinasi (Rakor)"
    )
    return (
        f"Bersama ini kami laporkan hasil {kind} Desk Pilkada Provinsi {settings.DESK['PROVINCE']} "
        f"pada hari {weekday(result.session.date)}, {_days_to_voting(result)}."
    )


def _attendance(result: Summary) -> str:
    attendance, completeness = result.attendance, result.completeness
    province = settings.DESK["PROVINCE"]
    expected = completeness.expected_count
    missing_is_unconfirmed = bool(completeness.missing) and {r.pk for r in completeness.missing} == {
        r.pk for r in attendance.unconfirmed
    }
    if attendance.present:
        present = count(len(attendance.present))
        opening = f"Rakor diikuti {present} dari {count(expected)} kabupaten dan kota se-{province}"
    else:
        opening = "Belum ada kabupaten/kota yang tercatat hadir dalam rakor ini"
    if attendance.unconfirmed:
        others = "daerah lainnya" if attendance.present and not attendance.excused else "daerah"
        opening += (
            f", sementara {count(len(attendance.unconfirmed))} {others}, yaitu "
            f"{names(attendance.unconfirmed)}, belum terkonfirmasi"
            f"{' dan belum menyampaikan laporan' if missing_is_unconfirmed else ''}"
        )
    if attendance.excused:
        opening += f"; {names(attendance.excused)} berhalangan hadir"
    parts = [sentence(opening), _readiness(result)]
    if completeness.missing and not missing_is_unconfirmed:
        parts.append(sentence(f"Laporan kesiapan {names(completeness.missing)} belum diterima"))
    if completeness.late:
        parts.append(
            sentence(
                f"Laporan {names(completeness.late)} diterima setelah batas waktu "
                f"{formats.date_format(timezone.localtime(result.session.deadline), 'j F Y, H.i')} WITA"
            )
        )
    if completeness.reported and not result.lights.get("merah") and not result.lights.get("kuning"):
        parts.append(
            "Secara umum proses penyelenggaraan Pilkada menjelang pemungutan suara berjalan lancar "
            "dan kondusif."
        )
    elif completeness.reported:
        parts.append("Beberapa hal masih memerlukan perhatian, sebagaimana kami uraikan di bawah.")
    return " ".join(parts)


def _readiness(result: Summary) -> str:
    reported = result.completeness.reported_count
    if not reported:
        return "Belum ada kabupaten/kota yang menyampaikan laporan kesiapan."
    point = result.trend[-1]
    said = f"{count(reported)} kabupaten dan kota telah menyampaikan laporan kesiapan"
    if point.ready == reported:
        whole = "dan seluruhnya menyatakan" if reported > 1 else "dan menyatakan"
        return sentence(f"{said}, {whole} siap melaksanakan {result.election.name}")
    reported_rows = [row for row in result.rows if row.is_reported]
    parts = [f"{count(point.ready)} menyatakan siap"] if point.ready else []
    for value, how_many in (
        (Report.Readiness.READY_WITH_NOTES, point.ready_with_notes),
        (Report.Readiness.NOT_READY, point.not_ready),
    ):
        if how_many:
            regions = [row.region for row in reported_rows if row.report.readiness == value]
            parts.append(f"{count(how_many)} {str(value.label).lower()} ({names(regions)})")
    return sentence(f"{said}; {names(parts)}")


# A paragraph per region.


def _region_paragraph(result: Summary, row: RegionRow) -> str:
    report = row.report
    shown = set(row.changed_sections) | _alarming(row, report)
    agenda = [entry for entry in result.agenda if entry.region.pk == row.region.pk]
    said = [str(row.region)]
    sentences: list[tuple[str, bool]] = []  # (text, is the operator's own note)
    for key in PARAGRAPH_ORDER:
        if key in shown:
            for text, is_note in CLAUSES[key](result, row, report, agenda, shown):
                if not is_note or _adds_something(text, said):
                    sentences.append((text, is_note))
                    said.append(text)
    if report.readiness == Report.Readiness.READY and sentences and not sentences[0][1]:
        first, *rest = sentences
        lead = f"{row.region} menyatakan {first[0]}"
        sentences = rest
    elif report.readiness:
        lead = f"{row.region} menyatakan {report.get_readiness_display().lower()}"
        if not sentences and row.previous is not None:
            lead += "; tidak ada perubahan dari laporan rakor sebelumnya"
    else:
        lead = f"{row.region} belum menyatakan kesiapan umumnya"
    return " ".join(sentence(text) for text in [lead, *[text for text, _note in sentences]])


def _alarming(row: RegionRow, report: ReadinessReport) -> set[str]:
    """Sections told whether or not they changed, because the desk must act on them."""
    keys = set()
    if row.shortages or report.logistics_status in (
        Report.LogisticsStatus.SHORTAGE,
        Report.LogisticsStatus.LATE,
    ):
        keys.add("logistics")
    if report.security_situation in (Report.SecuritySituation.ALERT, Report.SecuritySituation.VOLATILE):
        keys.add("security")
    if report.asn_violations:
        keys.add("asn")
    if report.conflict_risk in (Report.ConflictRisk.MEDIUM, Report.ConflictRisk.HIGH):
        keys.add("conflict")
    return keys


def _adds_something(note: str, said: list[str]) -> bool:
    """An operator's note is quoted unless it only repeats what the paragraph already says
    (more than three quarters of its words are there)."""
    words = set(re.findall(r"\w+", note.lower()))
    known = set(re.findall(r"\w+", " ".join(said).lower()))
    return len(words - known) * 4 > len(words)


def _notes(*texts: str) -> list[tuple[str, bool]]:
    return [(text.strip(), True) for text in texts if text and text.strip()]


def _kecamatan(result, row, report, agenda, shown):
    ready, total = report.kecamatan_ready, row.region.kecamatan_count
    if ready is None:
        return []
    if ready >= total:
        return [
            (
                f"seluruh {number(ready)} kecamatan siap melaksanakan dan menyukseskan "
                f"{result.election.name}",
                False,
            )
        ]
    return [
        (f"{number(ready)} dari {number(total)} kecamatan siap melaksanakan {result.election.name}", False)
    ]


def _rally(agenda: list[AgendaEntry]) -> AgendaEntry | None:
    return next((entry for entry in agenda if entry.kind == AgendaLine.Kind.RALLY), None)


def _security(result, row, report, agenda, shown):
    situation = report.get_security_situation_display().lower() if report.security_situation else ""
    personnel, figure, rally = report.security_personnel, row.figures["security_personnel"], _rally(agenda)
    if personnel is not None and (figure.changed or figure.previous is None or rally):
        purpose = (
            f"akan dikerahkan untuk menjamin kampanye akbar pada {day(rally.date)}" if rally else "disiagakan"
        )
        text = f"personel pengamanan sebanyak {number(personnel)} orang {purpose}"
        if situation:
            text += f"; situasi keamanan {situation}"
        said = [(text, False)]
    else:
        said = [(f"situasi keamanan {situation}", False)] if situation else []
    return said + _notes(report.security_notes)


def _asn(result, row, report, agenda, shown):
    violations = report.asn_violations
    if violations is None:
        said = []
    elif violations == 0:
        said = [("tidak ada pelanggaran netralitas ASN di wilayahnya", False)]
    else:
        said = [(f"ditemukan {number(violations)} pelanggaran netralitas ASN", False)]
    return said + _notes(report.asn_notes)


def _told_elsewhere(entry: AgendaEntry, report: ReadinessReport, agenda, shown) -> bool:
    """A distribution inside the reported window is told by the logistics sentence, the first
    kampanye akbar by the security one."""
    if entry.kind == AgendaLine.Kind.DISTRIBUTION and "logistics" in shown and report.distribution_start:
        return (
            report.distribution_start <= entry.date <= (report.distribution_end or report.distribution_start)
        )
    if entry.kind == AgendaLine.Kind.RALLY and "security" in shown and report.security_personnel is not None:
        return entry is _rally(agenda)
    return False


def _agenda(result, row, report, agenda, shown):
    said = []
    for entry in agenda:
        if _told_elsewhere(entry, report, agenda, shown):
            continue
        subject = lower_first(entry.description or entry.kind_label)
        verb = "akan digelar" if entry.kind == AgendaLine.Kind.RALLY else "akan dilaksanakan"
        text = f"{subject} {verb} pada {day(entry.date)}"
        place = entry.place.strip()
        if place and place.lower() not in row.region.name.lower() and place.lower() not in subject.lower():
            text += f" di {place}"
        said.append((text, False))
    return said


def _logistics(result, row, report, agenda, shown):
    items, total = report.logistics_items_fulfilled, result.logistics_item_count
    if items is None:
        subject = "logistik"
    elif total and items >= total:
        subject = f"logistik {number(items)} item dipastikan terpenuhi dan"
    else:
        subject = f"logistik baru terpenuhi {number(items)} dari {number(total)} item dan"
    status = report.logistics_status
    start, end = report.distribution_start, report.distribution_end or report.distribution_start
    if start:
        session_day = result.session.date
        verb = (
            "akan didistribusikan"
            if start > session_day
            else ("sedang didistribusikan" if end >= session_day else "telah didistribusikan")
        )
        text = f"{subject} {verb} ke kecamatan dan desa pada {period(start, end)}"
        if status == Report.LogisticsStatus.LATE:
            text += ", namun distribusinya terlambat"
    elif status:
        text = f"{subject} {LOGISTICS_WORDS[status]}"
    else:
        text = subject.removesuffix(" dan") if items is not None else ""
    said = [(text, False)] if text else []
    said += [
        (
            f"masih terdapat kekurangan {lower_first(line.item.name)} {number(line.quantity)} "
            f"{line.item.unit}" + (f" ({line.note.strip()})" if line.note.strip() else ""),
            False,
        )
        for line in row.shortages
    ]
    return said + _notes(report.logistics_notes)


LOGISTICS_WORDS = {
    Report.LogisticsStatus.SAFE: "dalam kondisi aman",
    Report.LogisticsStatus.SHORTAGE: "masih mengalami kekurangan",
    Report.LogisticsStatus.LATE: "distribusinya terlambat",
}


def _voters(result, row, report, agenda, shown):
    said = []
    if report.first_time_voters is not None:
        said.append((f"pemilih pemula yang terdata sebanyak {number(report.first_time_voters)} orang", False))
    return said + _notes(report.ektp_notes)


def _conflict(result, row, report, agenda, shown):
    said = []
    if report.conflict_risk:
        said.append(
            (f"risiko konflik horisontal dinilai {report.get_conflict_risk_display().lower()}", False)
        )
    return said + _notes(report.conflict_notes)


def _coordination(result, row, report, agenda, shown):
    return _notes(report.coordination_notes, report.notes)


CLAUSES = {
    "kecamatan": _kecamatan,
    "security": _security,
    "asn": _asn,
    "agenda": _agenda,
    "logistics": _logistics,
    "voters": _voters,
    "conflict": _conflict,
    "coordination": _coordination,
}


# What changed since the previous rakor.


def _changes(result: Summary) -> str:
    previous = result.previous_session
    if previous is None:
        return (
            f"Rakor ini adalah rakor pertama {result.election.name}; belum ada rakor sebelumnya "
            "sebagai pembanding."
        )
    before, now = result.trend[-2], result.trend[-1]
    if before.reported == now.reported:
        trend = f"tetap {count(now.reported)}"
    else:
        direction = "naik" if now.reported > before.reported else "turun"
        trend = f"{direction} dari {count(before.reported)} menjadi {count(now.reported)}"
    parts = [sentence(f"Dibandingkan rakor {day(previous.date)}, jumlah kabupaten/kota yang melapor {trend}")]
    figures = _figure_changes(result)
    if figures:
        parts.append(sentence(f"Perubahan angka yang dilaporkan: {'; '.join(figures)}"))
    parts += [sentence(text) for text in _readiness_changes(result)]
    parts += [sentence(text) for text in _shortage_changes(result)]
    if result.follow_ups_closed:
        closed = [
            f"{f.title} ({f.get_agency_display()}, selesai {day(timezone.localtime(f.closed_at).date())})"
            for f in result.follow_ups_closed
        ]
        parts.append(
            sentence(f"Tindak lanjut yang telah selesai sejak rakor sebelumnya: {'; '.join(closed)}")
        )
    return " ".join(parts)


def _figure_changes(result: Summary) -> list[str]:
    said, reported = [], result.completeness.reported_count
    for key in FIGURES:
        groups: dict[tuple[int, int], list] = {}
        for row in result.rows:
            figure = row.figures[key]
            if figure.value is not None and figure.changed:
                groups.setdefault((figure.previous, figure.value), []).append(row.region)
        for (before, after), regions in groups.items():
            label = str(Report._meta.get_field(key).verbose_name)
            direction = "naik" if after > before else "turun"
            where = "seluruh kabupaten/kota yang melapor" if len(regions) == reported > 2 else names(regions)
            said.append(f"{label} di {where} {direction} dari {number(before)} menjadi {number(after)}")
    return said


def _readiness_changes(result: Summary) -> list[str]:
    said, unknown = [], []
    for row in result.rows:
        before = row.previous.readiness if row.previous else ""
        if not before:
            continue
        before_label = Report.Readiness(before).label.lower()
        if row.is_reported and row.report.readiness and row.report.readiness != before:
            said.append(
                f"{row.region} kini menyatakan {row.report.get_readiness_display().lower()} "
                f"(sebelumnya {before_label})"
            )
        elif not row.is_reported and before != Report.Readiness.READY:
            unknown.append(f"{row.region} {before_label}")
    if unknown:
        whose = (
            "laporannya"
            if len(unknown) == 1
            else "laporan keduanya"
            if len(unknown) == 2
            else "laporan mereka"
        )
        said.append(
            f"pada rakor sebelumnya {names(unknown)}; {whose} untuk rakor ini belum diterima sehingga "
            "perkembangannya belum dapat dipastikan"
        )
    return said


def _shortage_changes(result: Summary) -> list[str]:
    if result.previous_totals is None:
        return []
    regions = {row.region.name: row.region for row in result.rows}
    missing = {region.pk for region in result.completeness.missing}
    current = {shortage.item: shortage for shortage in result.totals.shortages}
    said = []
    for shortage in result.previous_totals.shortages:
        where = [regions[name] for name in shortage.regions if name in regions]
        amount = f"{lower_first(shortage.item)} {number(shortage.quantity)} {shortage.unit}"
        now = current.get(shortage.item)
        unconfirmed = [region for region in where if region.pk in missing]
        if now is not None:
            said.append(
                f"kekurangan {lower_first(now.item)} masih dilaporkan sebanyak {number(now.quantity)} "
                f"{now.unit} (rakor sebelumnya {number(shortage.quantity)} {shortage.unit})"
            )
        elif unconfirmed:
            said.append(
                f"kekurangan {amount} yang dilaporkan {names(where)} pada rakor sebelumnya belum dapat "
                "dipastikan telah terpenuhi karena "
                + ("laporannya" if unconfirmed == where else f"laporan {names(unconfirmed)}")
                + " belum diterima"
            )
        else:
            said.append(
                f"kekurangan {amount} yang dilaporkan {names(where)} pada rakor sebelumnya "
                "tidak lagi dilaporkan"
            )
    return said


# Alerts and follow-ups, the Sekda's standing concerns, the closing.


def _attention(result: Summary) -> str:
    """Two paragraphs: the alerts of the reports that came in, then the open follow-ups."""
    alerts = [alert.message for alert in result.alerts if alert.kind != AlertKind.MISSING]
    if alerts:
        found = sentence(f"Hal yang memerlukan perhatian: {'; '.join(alerts)}")
    elif result.completeness.reported:
        found = (
            "Dari laporan yang masuk tidak terdapat kekurangan logistik, daerah yang belum siap, "
            "risiko konflik tinggi, situasi keamanan rawan, maupun pelanggaran netralitas ASN."
        )
    else:
        found = ""
    if result.follow_ups_open:
        lines = [
            f"{index}. {sentence(_follow_up(result, follow_up))}"
            for index, follow_up in enumerate(result.follow_ups_open, start=1)
        ]
        follow_ups = "Tindak lanjut yang masih berjalan:\n" + "\n".join(lines)
    else:
        follow_ups = "Tidak ada tindak lanjut yang masih terbuka."
    return "\n\n".join(part for part in (found, follow_ups) if part)


def _follow_up(result: Summary, follow_up) -> str:
    where = str(follow_up.region) if follow_up.region else "seluruh kabupaten/kota"
    overdue = " (lewat tenggat)" if follow_up.due_date < result.session.date else ""
    return (
        f"{follow_up.title.strip()} — {where}; penanggung jawab {follow_up.get_agency_display()}; "
        f"tenggat {day(follow_up.due_date)}{overdue}"
    )


def _concerns(result: Summary) -> str:
    election, totals = result.election, result.totals
    reported_rows = [row for row in result.rows if row.is_reported]
    high = [row.region for row in reported_rows if row.report.conflict_risk == Report.ConflictRisk.HIGH]
    medium = [row.region for row in reported_rows if row.report.conflict_risk == Report.ConflictRisk.MEDIUM]
    if high or medium:
        risks = [f"risiko konflik tinggi dilaporkan di {names(high)}"] if high else []
        risks += [f"risiko sedang di {names(medium)}"] if medium else []
        conflict = f"; saat ini {', '.join(risks)}"
    elif reported_rows:
        conflict = "; dari laporan yang masuk, tidak ada kabupaten/kota yang menilai risiko konflik tinggi"
    else:
        conflict = ""
    if totals.shortages:
        shortages = "; ".join(
            f"{lower_first(s.item)} {number(s.quantity)} {s.unit} ({names(_region_names(result, s.regions))})"
            for s in totals.shortages
        )
        shortage = f"; pada rakor ini masih dilaporkan kekurangan {shortages}"
    elif reported_rows:
        shortage = "; dari laporan yang masuk, tidak ada kekurangan logistik yang dilaporkan"
    else:
        shortage = ""
    voters = (
        f" Tercatat {number(totals.first_time_voters)} pemilih pemula di {count(totals.reports)} "
        "kabupaten/kota yang melapor."
        if totals.reports
        else ""
    )
    items = [
        f"Menjaga bersama agar tidak terjadi konflik horisontal selama penyelenggaraan {election.name} "
        f"hingga pascapemungutan suara{conflict}.",
        f"Target partisipasi pemilih sebesar {percent(election.participation_target)} dari "
        f"{number(totals.registered_voters)} pemilih dalam DPT di {number(totals.polling_stations)} TPS.",
        "KPU provinsi dan kabupaten/kota harus memastikan tidak ada lagi kendala kekurangan surat suara"
        f"{shortage}.",
        f"Peningkatan pemilih pemula perlu diantisipasi.{voters} Mereka yang sudah memiliki e-KTP "
        "diharapkan dapat memilih, dan pendataan potensi pemilih pemula perlu dilanjutkan agar jumlahnya "
        "dapat dipetakan.",
    ]
    return "Dalam rakor tersebut kami menegaskan catatan bersama berikut:\n" + "\n".join(
        f"{index}. {item}" for index, item in enumerate(items, start=1)
    )


def _region_names(result: Summary, plain_names: tuple[str, ...]) -> list:
    regions = {row.region.name: row.region for row in result.rows}
    return [regions.get(name, name) for name in plain_names]


def _closing(result: Summary) -> str:
    later = [s for s in result.sessions if s.date > result.session.date]
    parts = []
    if later:
        following = later[0]
        parts.append(
            f"{following.get_kind_display()} berikutnya pada hari {weekday(following.date)} diharapkan "
            "dapat menyampaikan paparan seluruh kabupaten/kota, termasuk tidak ada lagi laporan kekurangan "
            "logistik."
        )
    parts.append(
        f"Kami meyakini penyelenggaraan {result.election.name} di {settings.DESK['PROVINCE']} berjalan "
        "aman dan kondusif. Demikian laporan ini kami sampaikan. Atas perhatian Bapak Menteri, kami "
        "ucapkan terima kasih."
    )
    return " ".join(parts)
