"""What the letter to the Minister says of each region, from its report as the roll-up holds it.

Every week each reporting region's headline facts are told, whether or not they changed: kecamatan
ready, security personnel, ASN neutrality, logistics and its distribution, rallies and debates in
the coming days, conflict risk. A fact that changed since the region's last report is told as a
change ("personel pengamanan naik dari 1.190 menjadi 1.214 orang"). A fact that several regions
share word for word is told once, naming them ("Logistik 14 item telah terpenuhi dan dalam kondisi
aman di Paser, Berau dan Bontang"); what is left makes the region's own paragraph, where an
operator's note is quoted, trimmed, only when it is new and says more than the figures. A region
that sent nothing is told with its last known state and the rakor that state comes from.

Which fields are told, in which words and order, and which notes are quoted is the registry's
(``reports.registry``: ``ReportField.telling``, ``LETTER_ORDER``, ``ReportField.quoted``); this
module names no field of the report and tells only the sections the rakor asks for. A section's
lines (shortages, agenda) are told by ``LINES``.
"""

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace

from reports.brief.words import count, day, names, period, sentence
from reports.models import AgendaLine, ReadinessReport
from reports.registry import (
    FIELDS,
    SECTIONS_BY_KEY,
    ChoiceTelling,
    CountTelling,
    Phrase,
    ReportField,
    Role,
    WindowTelling,
    letter_sections,
    quoted_notes,
    told_in,
)
from reports.rollup.lights import lower_first, number, readiness_words
from reports.rollup.parts import AgendaEntry, RegionRow, Summary

Report = ReadinessReport

NOTE_LENGTH = 160  # a quoted note is cut at a word boundary after this many characters
NOTES_PER_REGION = 2
DESCRIPTION_LENGTH = 100  # an agenda line's description, as the letter tells it


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
    """A reporting region's headline facts, section by section in the order regions speak at a
    rakor: in each, its counts, its choices, its window and its lines, as the registry tells them.
    Only the sections the rakor asks for are told."""
    report = row.sent
    if report is None:
        return []
    asks_agenda = any(section.lines == "agenda" for section in row.sections)
    agenda = result.agenda_by_region.get(row.region.pk, []) if asks_agenda else []
    said = []
    for section in letter_sections(row.sections):
        fields = told_in(section)
        counts = [fact for field in fields for fact in _count(result, row, field, agenda)]
        choices = []
        for field in fields:
            if isinstance(field.telling, ChoiceTelling):
                choices += _choice(row, field, field.telling, counts)
        windows = [fact for field in fields for fact in _window(result, row, field)]
        said += [*counts, *choices, *windows, *LINES[section.lines](row, report, agenda)]
    return said


def _count(result: Summary, row: RegionRow, field: ReportField, agenda: list[AgendaEntry]) -> list[Fact]:
    """A count as it stands, or as a change since the region's last report, in the registry's
    words (``CountTelling``)."""
    telling = field.telling
    now = getattr(row.sent, field.name)
    if not isinstance(telling, CountTelling) or now is None:
        return []
    before: int | None = getattr(row.previous, field.name) if row.previous is not None else None
    total = _total(result, row, field)
    full = bool(total) and now >= total
    event = _first(agenda, telling.agenda)
    if telling.zero is not None and now == 0:
        phrase = telling.zero
    elif before is not None and before != now:
        phrase = telling.change
        if event is not None and telling.change_with_agenda is not None:
            phrase = telling.change_with_agenda
        elif full and telling.full_change is not None:
            phrase = telling.full_change
    elif telling.stands is not None:
        phrase = telling.stands
        if event is not None and telling.with_agenda is not None:
            phrase = telling.with_agenda
        elif full and telling.full is not None:
            phrase = telling.full
    else:
        return []
    values = {
        "words": field.words,
        "unit": str(field.unit),
        "value": number(now),
        "before": number(before) if before is not None else "",
        "after": number(now),
        "direction": "naik" if before is not None and now > before else "turun",
        "total": number(total) if total is not None else "",
        "election": result.election.name,
        "again": " lagi" if before else "",
        "day": day(event.date) if event is not None else "",
    }
    return [_fact(phrase, values)]


def _total(result: Summary, row: RegionRow, field: ReportField) -> int | None:
    """The whole a count is part of: its region's (``out_of``), the election's logistics items."""
    if field.out_of:
        return getattr(row.region, field.out_of)
    if field.role == Role.ITEMS:
        return result.logistics_item_count
    return None


def _fact(phrase: Phrase, values: dict[str, str]) -> Fact:
    def said(text: str) -> str:
        return " ".join(text.format(**values).split())

    detail = said(phrase.detail) if phrase.detail else ""
    return Fact(said(phrase.text), shared=phrase.shared, heading=said(phrase.heading), detail=detail)


def _choice(row: RegionRow, field: ReportField, telling: ChoiceTelling, counts: list[Fact]) -> list[Fact]:
    """A choice with its label, and its label before when it changed; a value ``joined`` to the
    section's count is told after it ("… dan dalam kondisi aman"), one its lines tell is not told."""
    value = getattr(row.sent, field.name)
    if not value:
        return []
    choices = dict(field.model_field.flatchoices)
    label = telling.label(value, str(choices.get(value, value)))
    was = _was(row, field)
    if value == telling.joined and not was and counts:
        counts[0] = replace(counts[0], text=f"{counts[0].text} dan {label}")
        return []
    if value == telling.by_lines and _lines_of(row, field.section):
        return []
    return [_fact(telling.stands, {"label": label, "was": was})]


def _lines_of(row: RegionRow, key: str) -> bool:
    """Whether the region reports lines in its section ``key`` this week (a shortage line, say):
    the row holds them under the section's ``lines`` name."""
    lines = SECTIONS_BY_KEY[key].lines
    return bool(lines and getattr(row, lines, None))


def _was(row: RegionRow, field: ReportField) -> str:
    """ " (sebelumnya waspada)" when a choice changed since the region's last report."""
    before = getattr(row.previous, field.name) if row.previous is not None else ""
    if not before or before == getattr(row.sent, field.name):
        return ""
    label = dict(field.model_field.flatchoices).get(before, before)
    return f" (sebelumnya {str(label).lower()})"


def _window(result: Summary, row: RegionRow, field: ReportField) -> list[Fact]:
    """A window of days in the tense of the rakor's day, and the window before when it moved."""
    telling, report, previous = field.telling, row.sent, row.previous
    if not isinstance(telling, WindowTelling) or report is None:
        return []
    start, end = _days(report, field)
    if start is None:
        return []
    session_day = result.session.date
    coming, under_way, over = telling.tenses
    tense = coming if start > session_day else (under_way if end >= session_day else over)
    text = _fact(telling.stands, {"tense": tense, "period": period(start, end)}).text
    if previous is not None:
        first, last = _window_fields(field)
        was = getattr(previous, first.name), getattr(previous, last.name)
        if was[0] and was != (getattr(report, first.name), getattr(report, last.name)):
            text += telling.moved.format(period=period(*was))
    return [Fact(text)]


def _window_fields(field: ReportField) -> tuple[ReportField, ReportField]:
    """A window's first day (``field``) and last day fields, as the registry's roles say."""
    same = (other for other in FIELDS if other.section == field.section and other.role == Role.WINDOW_END)
    return field, next(same, field)


def _days(report: Report, field: ReportField) -> tuple[dt.date | None, dt.date]:
    """A window's first and last day in ``report`` (its first day when it has no last)."""
    first, last = _window_fields(field)
    start = getattr(report, first.name)
    return start, getattr(report, last.name) or start


def _first(agenda: list[AgendaEntry], kind: str) -> AgendaEntry | None:
    return next((entry for entry in agenda if entry.kind == kind), None) if kind else None


# A section's lines, as the letter tells them.


def _shortages(row: RegionRow, report: Report, agenda: list[AgendaEntry]) -> list[Fact]:
    """Each logistics item short, its change since the last report, and those no longer short."""
    said = []
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


def _moved(before: int, after: int, unit: str) -> str:
    """ "naik dari 1.190 menjadi 1.214 orang"."""
    direction = "naik" if after > before else "turun"
    return f"{direction} dari {number(before)} menjadi {number(after)} {unit}".rstrip()


def _agenda(row: RegionRow, report: Report, agenda: list[AgendaEntry]) -> list[Fact]:
    """Rallies, debates and other events of the coming days; an event a field tells is left to it
    (a distribution inside the reported window, the first rally told with the personnel)."""
    said = []
    for entry in agenda:
        if _told_with_a_field(row, report, agenda, entry):
            continue
        subject = lower_first(_trim(entry.description.strip(), DESCRIPTION_LENGTH) or entry.kind_label)
        verb = "akan digelar" if entry.kind == AgendaLine.Kind.RALLY else "akan dilaksanakan"
        text = f"{subject} {verb} pada {day(entry.date)}"
        place = entry.place.strip()
        if place and place.lower() not in row.region.name.lower() and place.lower() not in subject.lower():
            text += f" di {_trim(place, 60)}"
        said.append(Fact(text, shared=not place))
    return said


def _told_with_a_field(row: RegionRow, report: Report, agenda: list[AgendaEntry], entry: AgendaEntry) -> bool:
    """Whether a field of the rakor's sections tells ``entry``: a count its kind's first event, a
    window the events of its kind inside it."""
    for section in row.sections:
        for field in told_in(section):
            telling = field.telling
            if (
                isinstance(telling, CountTelling)
                and telling.agenda == entry.kind
                and getattr(report, field.name) is not None
                and entry is _first(agenda, entry.kind)
            ):
                return True
            if isinstance(telling, WindowTelling) and telling.agenda == entry.kind:
                start, end = _days(report, field)
                if start is not None and start <= entry.date <= end:
                    return True
    return False


def _nothing(row: RegionRow, report: Report, agenda: list[AgendaEntry]) -> list[Fact]:
    return []


# What the letter tells of a section's lines (``Section.lines``).
LINES: dict[str, Callable[[RegionRow, Report, list[AgendaEntry]], list[Fact]]] = {
    "": _nothing,
    "shortages": _shortages,
    "agenda": _agenda,
}


# The operator's notes.


def _notes(row: RegionRow, said: list[str]) -> list[str]:
    """At most two of the operator's notes, each new since the region's last report and saying
    more than the paragraph already does, trimmed; notes of sections the desk must act on first."""
    report, previous = row.sent, row.previous
    if report is None:
        return []
    urgent = row.urgent_sections
    fields = sorted(quoted_notes(row.sections), key=lambda field: field.section not in urgent)
    quoted = []
    for field in fields:
        note = " ".join(getattr(report, field.name).split())
        if not note or (previous is not None and " ".join(getattr(previous, field.name).split()) == note):
            continue
        if _adds_something(note, said):
            quoted.append(_trim(note, NOTE_LENGTH))
            said.append(note)
        if len(quoted) == NOTES_PER_REGION:
            break
    return quoted


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
