"""A region's paragraph in the letter to the Minister, from its report as the roll-up holds it.

Each paragraph tells the sections the operator changed or confirmed this week, and always those the
desk must act on (a shortage, a tense situation, a violation, a conflict risk), in the order regions
speak at a rakor: "Kabupaten Mahakam Ulu menyatakan logistik 14 item dipastikan terpenuhi dan akan
didistribusikan ke kecamatan dan desa pada 23–25 November 2024." The operator's own notes are quoted
unless they only repeat what the figures already say.
"""

import re

from reports.brief.words import day, period, sentence
from reports.models import AgendaLine, ReadinessReport
from reports.rollup.lights import lower_first, number
from reports.rollup.parts import AgendaEntry, RegionRow, Summary

Report = ReadinessReport

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


def region_paragraph(result: Summary, row: RegionRow) -> str:
    """What a region that reported told the rakor, in a few sentences led by its name."""
    report = row.report
    shown = set(row.changed_sections) | _alarming(row, report)
    agenda = result.agenda_by_region.get(row.region.pk, [])
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
