"""What the letter to the Minister says of each region, from its report as the roll-up holds it.

Every week each reporting region's headline facts are told, whether or not they changed: kecamatan
ready, security personnel, ASN neutrality, logistics and its distribution, rallies and debates in
the coming days, conflict risk. A fact that changed since the region's last report is told as a
change ("personel pengamanan naik dari 1.190 menjadi 1.214 orang"). A fact that several regions
share word for word is told once, naming them ("Logistik 14 item telah terpenuhi dan dalam kondisi
aman di Paser, Berau dan Bontang"); what is left makes the region's own paragraph, where an
operator's note is quoted, trimmed, only when it is new and says more than the figures. A region
that sent nothing is told with its last known state and the rakor that state comes from.
"""

import re
from collections import defaultdict
from dataclasses import dataclass

from reports.brief.words import count, day, names, period, sentence
from reports.models import AgendaLine, ReadinessReport
from reports.registry import FIELDS_BY_NAME, Kind, Place, fields_of, model_field, shown_in
from reports.rollup.lights import lower_first, number, readiness_words
from reports.rollup.parts import AgendaEntry, RegionRow, Summary

Report = ReadinessReport
LogisticsStatus = ReadinessReport.LogisticsStatus

NOTE_LENGTH = 160  # a quoted note is cut at a word boundary after this many characters
NOTES_PER_REGION = 2
DESCRIPTION_LENGTH = 100  # an agenda line's description, as the letter tells it

# The operator's notes in the order they are worth quoting; the sections the desk must act on
# come first (see ``_notes``).
NOTE_FIELDS = (
    ("conflict_notes", "conflict"),
    ("security_notes", "security"),
    ("asn_notes", "asn"),
    ("logistics_notes", "logistics"),
    ("coordination_notes", "coordination"),
    ("notes", "coordination"),
    ("ektp_notes", "voters"),
)

RALLY = "kampanye rapat umum"


@dataclass(frozen=True)
class Fact:
    """Something a region reported, as a phrase that reads after the region's name ("… melaporkan
    <text>") or before the regions sharing it ("<text> di Paser dan Berau"). A fact with a figure
    of its own per region is shared under its ``heading``: "<heading>: 20 di Kutai Kartanegara, …"."""

    text: str
    shared: bool = True  # false for what only this region can say (a change, a rally, a shortage)
    heading: str = ""
    detail: str = ""

    @property
    def key(self) -> str:
        """What regions must have in common to be told together."""
        return self.heading or self.text


Held = list[tuple[RegionRow, Fact]]  # the regions holding one fact, each with its own copy


# The paragraphs of the regions.


def region_paragraphs(result: Summary) -> list[str]:
    """The facts several reporting regions share, told once, then a paragraph per reporting
    region with what is its own, then the silent regions' last known state."""
    rows = [row for row in result.rows if row.is_reported]
    facts = {row.region.pk: region_facts(result, row) for row in rows}
    holders: dict[str, Held] = defaultdict(list)
    for row in rows:
        for fact in facts[row.region.pk]:
            if fact.shared:
                holders[fact.key].append((row, fact))
    shared = {key for key, held in holders.items() if len(held) > 1}
    paragraphs = [_shared_paragraph(result, rows, [holders[key] for key in holders if key in shared])]
    for row in rows:
        said = [fact.text for fact in facts[row.region.pk]]
        own = [fact.text for fact in facts[row.region.pk] if fact.key not in shared]
        paragraphs.append(_own_paragraph(row, own, said))
    paragraphs.append(silent_paragraph(result))
    return [paragraph for paragraph in paragraphs if paragraph]


def _short_names(result: Summary) -> dict[int, str]:
    """Regions by their plain name ("Paser") where no other region has it, else in full."""
    plain = [row.region.name for row in result.rows]
    return {
        row.region.pk: row.region.name if plain.count(row.region.name) == 1 else str(row.region)
        for row in result.rows
    }


def _shared_paragraph(result: Summary, rows: list[RegionRow], shared: list[Held]) -> str:
    """Facts held by several regions, one sentence per set of regions ("Logistik … di A, B dan C";
    "Di seluruh kabupaten/kota yang melapor kecuali C, x; y"); a fact with a figure per region gets
    its own sentence listing them."""
    short = _short_names(result)
    everyone = [row.region.pk for row in rows]

    def where(regions: tuple[int, ...]) -> str:
        left_out = [pk for pk in everyone if pk not in regions]
        if not left_out and len(regions) > 2:
            return f"seluruh {count(len(regions))} kabupaten/kota yang melapor"
        if len(regions) > 2 and len(left_out) * 2 <= len(regions):
            return f"seluruh kabupaten/kota yang melapor kecuali {names(short[pk] for pk in left_out)}"
        return names(short[pk] for pk in regions)

    by_regions: dict[tuple[int, ...], list[str]] = {}
    said = []
    for held in shared:
        first = held[0][1]
        if first.heading:
            details = [fact.detail for _row, fact in held]
            unit = details[0].partition(" ")[2]
            if unit and all(detail.endswith(f" {unit}") for detail in details):  # "650 orang, 1.690, …"
                details = [details[0], *(detail.removesuffix(f" {unit}") for detail in details[1:])]
            figures = names(
                f"{detail} di {short[row.region.pk]}"
                for detail, (row, _fact) in zip(details, held, strict=True)
            )
            said.append(sentence(f"{first.heading}: {figures}"))
        else:
            by_regions.setdefault(tuple(row.region.pk for row, _fact in held), []).append(first.text)
    for regions, texts in by_regions.items():
        told = (
            f"{texts[0]} di {where(regions)}"
            if len(texts) == 1
            else f"di {where(regions)}, {'; '.join(texts)}"
        )
        said.append(sentence(told))
    return " ".join(said)


def _own_paragraph(row: RegionRow, own: list[str], said: list[str]) -> str:
    """What only this region said, its notes where they add something, and whether the report
    repeats the previous one."""
    parts = []
    if row.is_unchanged and row.previous_session is not None:
        parts.append(
            f"Laporan {row.region} sama dengan laporan sebelumnya (rakor {day(row.previous_session.date)}); "
            "tidak ada bagian yang diubah"
        )
    if own:
        parts.append(f"{'Daerah ini' if parts else row.region} melaporkan {'; '.join(own)}")
    notes = _notes(row, [str(row.region), *said])
    if notes and not parts:
        first, *notes = notes
        parts.append(f"{row.region} menyampaikan: {first}")
    return " ".join(sentence(part) for part in [*parts, *notes])


def silent_paragraph(result: Summary) -> str:
    """The last known state of the regions that sent nothing (the opening names them), with the
    rakor it comes from."""
    silent = [row for row in result.rows if not row.is_reported]
    by_date: dict = defaultdict(list)
    for row in silent:
        if row.carried is not None:
            by_date[row.carried_from].append(_last_state(row))
    parts = [
        f"{'Keadaan terakhir daerah yang belum melapor, menurut' if index == 0 else 'Menurut'} data rakor "
        f"{day(date)}: {'; '.join(states)}"
        for index, (date, states) in enumerate(by_date.items())
    ]
    never = [row.region for row in silent if row.carried is None]
    if never and parts:
        parts.append(f"{names(never)} belum pernah menyampaikan laporan pada {result.election.name}")
    return " ".join(sentence(part) for part in parts)


def _last_state(row: RegionRow) -> str:
    """ "Kota Samarinda menyatakan belum siap, dengan kekurangan surat suara 1.200 lembar dan
    risiko konflik sedang", from the silent region's last report."""
    reasons = row.report_reasons
    if not reasons:
        return f"{row.region} menyatakan siap"
    if reasons[0] in readiness_words():
        head, rest = f"{row.region} menyatakan {reasons[0]}", reasons[1:]
        return f"{head}, dengan {names(rest)}" if rest else head
    return f"{row.region} mencatat {names(reasons)}"


# The facts of one region.


def region_facts(result: Summary, row: RegionRow) -> list[Fact]:
    """A reporting region's headline facts, in the order regions speak at a rakor."""
    report, previous = row.sent, row.previous
    if report is None:
        return []
    agenda = result.agenda_by_region.get(row.region.pk, [])
    return [
        *_kecamatan(result, row, report, previous),
        *_security(report, previous, agenda),
        *_asn(report, previous),
        *_logistics(result, row, report, previous),
        *_agenda(row, report, agenda),
        *_conflict(report, previous),
        *_other_changes(row, report, previous),
    ]


# The counts the facts above tell in their own words; any other count the registry shows in the
# letter (``Place.LETTER``) is told when it changed.
TOLD = {"kecamatan_ready", "security_personnel", "asn_violations", "logistics_items_fulfilled"}


def _other_changes(row: RegionRow, report: Report, previous: Report | None) -> list[Fact]:
    """The other counts of the rakor's sections: one out of the region's total as it stands
    ("rekapitulasi kecamatan selesai 61 dari 105"), any other when it changed."""
    said = []
    asked = fields_of(row.sections)
    for field in shown_in(Place.LETTER):
        if field.kind != Kind.COUNT or field.name in TOLD or field.name not in asked:
            continue
        now: int | None = getattr(report, field.name)
        before: int | None = getattr(previous, field.name) if previous is not None else None
        if field.out_of and now is not None:
            moved = _moved(before, now, "") if before is not None and before != now else number(now)
            total = number(getattr(row.region, field.out_of))
            said.append(Fact(f"{field.words} {moved} dari {total} {field.unit}", shared=False))
        elif before is not None and now is not None and before != now:
            said.append(Fact(_change(field.name, before, now)))
    return said


def _change(name: str, before: int, after: int) -> str:
    """A count's change, in the registry's words and unit: "personel pengamanan naik dari 1.190
    menjadi 1.214 orang"."""
    field = FIELDS_BY_NAME[name]
    return f"{field.words} {_moved(before, after, str(field.unit))}"


def _moved(before: int, after: int, unit: str) -> str:
    """ "naik dari 1.190 menjadi 1.214 orang"."""
    direction = "naik" if after > before else "turun"
    return f"{direction} dari {number(before)} menjadi {number(after)} {unit}".rstrip()


def _was(report: ReadinessReport, previous: ReadinessReport | None, name: str) -> str:
    """ " (sebelumnya waspada)" when a choice changed since the region's last report."""
    before = getattr(previous, name) if previous is not None else ""
    if not before or before == getattr(report, name):
        return ""
    label = dict(model_field(Report, name).flatchoices).get(before, before)
    return f" (sebelumnya {str(label).lower()})"


def _kecamatan(result: Summary, row: RegionRow, report: Report, previous: Report | None) -> list[Fact]:
    ready, total = report.kecamatan_ready, row.region.kecamatan_count
    if ready is None:
        return []
    purpose = f"siap melaksanakan {result.election.name}"
    before = previous.kecamatan_ready if previous is not None else None
    if before is not None and before != ready:
        return [Fact(f"{_change('kecamatan_ready', before, ready)} dari {number(total)}", shared=False)]
    if ready >= total:
        return [
            Fact(
                f"seluruh {number(ready)} kecamatan {purpose}",
                heading=f"seluruh kecamatan {purpose}",
                detail=number(ready),
            )
        ]
    return [Fact(f"{number(ready)} dari {number(total)} kecamatan {purpose}", shared=False)]


def _rally(agenda: list[AgendaEntry]) -> AgendaEntry | None:
    return next((entry for entry in agenda if entry.kind == AgendaLine.Kind.RALLY), None)


def _security(report: Report, previous: Report | None, agenda: list[AgendaEntry]) -> list[Fact]:
    said = []
    personnel, rally = report.security_personnel, _rally(agenda)
    guarding = f"akan dikerahkan untuk menjamin {RALLY} pada {day(rally.date)}" if rally else ""
    before = previous.security_personnel if previous is not None else None
    if personnel is not None and before is not None and before != personnel:
        text = _change("security_personnel", before, personnel)
        said.append(Fact(f"{text}, yang {guarding}" if rally else text, shared=False))
    elif personnel is not None and rally:
        said.append(Fact(f"personel pengamanan sebanyak {number(personnel)} orang {guarding}", shared=False))
    elif personnel is not None:
        said.append(
            Fact(
                f"personel pengamanan sebanyak {number(personnel)} orang disiagakan",
                heading="personel pengamanan yang disiagakan",
                detail=f"{number(personnel)} orang",
            )
        )
    if report.security_situation:
        situation = report.get_security_situation_display().lower()
        said.append(Fact(f"situasi keamanan {situation}{_was(report, previous, 'security_situation')}"))
    return said


def _asn(report: Report, previous: Report | None) -> list[Fact]:
    violations = report.asn_violations
    before = previous.asn_violations if previous is not None else None
    if violations is None:
        return []
    if violations == 0:
        again = " lagi" if before else ""
        return [Fact(f"tidak ada{again} pelanggaran netralitas ASN")]
    if before is not None and before != violations:
        return [Fact(_change("asn_violations", before, violations), shared=False)]
    return [Fact(f"terdapat {number(violations)} pelanggaran netralitas ASN", shared=False)]


def _logistics(result: Summary, row: RegionRow, report: Report, previous: Report | None) -> list[Fact]:
    said = []
    items, total = report.logistics_items_fulfilled, result.logistics_item_count
    before = previous.logistics_items_fulfilled if previous is not None else None
    status = report.logistics_status
    safe = status == Report.LogisticsStatus.SAFE and not _was(report, previous, "logistics_status")
    if items is not None:
        if before is not None and before != items:
            whole = " (lengkap)" if total and items >= total else f" dari {number(total)}"
            text = _change("logistics_items_fulfilled", before, items) + whole
        elif total and items >= total:
            text = f"logistik {number(items)} item telah terpenuhi"
        else:
            text = f"logistik baru terpenuhi {number(items)} dari {number(total)} item"
        said.append(Fact(f"{text} dan dalam kondisi aman" if safe else text))
    told_by_lines = status == LogisticsStatus.SHORTAGE and row.shortages
    if status and not (safe and items is not None) and not told_by_lines:
        word = LOGISTICS_WORDS[LogisticsStatus(status)]
        said.append(Fact(f"logistik {word}{_was(report, previous, 'logistics_status')}"))
    start = report.distribution_start
    if start:
        end = report.distribution_end or start
        session_day = result.session.date
        verb = (
            "akan didistribusikan"
            if start > session_day
            else ("sedang didistribusikan" if end >= session_day else "telah didistribusikan")
        )
        text = f"logistik {verb} ke kecamatan dan desa pada {period(start, end)}"
        if (
            previous is not None
            and previous.distribution_start
            and (
                (previous.distribution_start, previous.distribution_end)
                != (report.distribution_start, report.distribution_end)
            )
        ):
            text += (
                f" (sebelumnya dijadwalkan {period(previous.distribution_start, previous.distribution_end)})"
            )
        said.append(Fact(text))
    now = {line.item_id: line for line in row.shortages}
    for line in row.shortages:
        was = next((old for old in row.previous_shortages if old.item_id == line.item_id), None)
        amount = f"{number(line.quantity)} {line.item.unit}"
        item = lower_first(line.item.name)
        text = f"masih terdapat kekurangan {item} {amount}"
        if was is not None and was.quantity != line.quantity:
            text = f"kekurangan {item} {_moved(was.quantity, line.quantity, line.item.unit)}"
        note = _trim(line.note.strip(), 80)
        said.append(Fact(text + (f" ({note})" if note else ""), shared=False))
    for old in row.previous_shortages:
        if old.item_id not in now:
            said.append(
                Fact(
                    f"kekurangan {lower_first(old.item.name)} {number(old.quantity)} {old.item.unit} pada "
                    "laporan sebelumnya tidak lagi dilaporkan",
                    shared=False,
                )
            )
    return said


LOGISTICS_WORDS = {
    Report.LogisticsStatus.SAFE: "dalam kondisi aman",
    Report.LogisticsStatus.SHORTAGE: "masih mengalami kekurangan",
    Report.LogisticsStatus.LATE: "distribusinya terlambat",
}


def _agenda(row: RegionRow, report: Report, agenda: list[AgendaEntry]) -> list[Fact]:
    """Rallies, debates and other events of the coming days; a distribution inside the reported
    window is told by the logistics fact, the first rally by the personnel one."""
    said = []
    for entry in agenda:
        if entry.kind == AgendaLine.Kind.DISTRIBUTION and report.distribution_start:
            end = report.distribution_end or report.distribution_start
            if report.distribution_start <= entry.date <= end:
                continue
        if (
            entry.kind == AgendaLine.Kind.RALLY
            and report.security_personnel is not None
            and entry is _rally(agenda)
        ):
            continue
        subject = lower_first(_trim(entry.description.strip(), DESCRIPTION_LENGTH) or entry.kind_label)
        verb = "akan digelar" if entry.kind == AgendaLine.Kind.RALLY else "akan dilaksanakan"
        text = f"{subject} {verb} pada {day(entry.date)}"
        place = entry.place.strip()
        if place and place.lower() not in row.region.name.lower() and place.lower() not in subject.lower():
            text += f" di {_trim(place, 60)}"
        said.append(Fact(text, shared=not place))
    return said


def _conflict(report: Report, previous: Report | None) -> list[Fact]:
    if not report.conflict_risk:
        return []
    risk = report.get_conflict_risk_display().lower()
    return [Fact(f"risiko konflik horizontal dinilai {risk}{_was(report, previous, 'conflict_risk')}")]


# The operator's notes.


def _notes(row: RegionRow, said: list[str]) -> list[str]:
    """At most two of the operator's notes, each new since the region's last report and saying
    more than the paragraph already does, trimmed; notes of sections the desk must act on first."""
    report, previous = row.sent, row.previous
    if report is None:
        return []
    urgent = _urgent(row, report)
    fields = sorted(NOTE_FIELDS, key=lambda pair: pair[1] not in urgent)
    quoted = []
    for name, _section in fields:
        note = " ".join(getattr(report, name).split())
        if not note or (previous is not None and " ".join(getattr(previous, name).split()) == note):
            continue
        if _adds_something(note, said):
            quoted.append(_trim(note, NOTE_LENGTH))
            said.append(note)
        if len(quoted) == NOTES_PER_REGION:
            break
    return quoted


def _urgent(row: RegionRow, report: ReadinessReport) -> set[str]:
    """Sections the desk must act on."""
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
    """A note is quoted unless it only repeats what the letter already says of the region (more
    than three quarters of its words are there)."""
    words = set(re.findall(r"\w+", note.lower()))
    known = set(re.findall(r"\w+", " ".join(said).lower()))
    return len(words - known) * 4 > len(words)


def _trim(text: str, length: int) -> str:
    """``text`` cut at the last word boundary before ``length`` characters, with an ellipsis."""
    if len(text) <= length:
        return text
    cut = text[:length].rsplit(" ", 1)[0].rstrip(",;:.")
    return f"{cut}…"
