"""The letter to the Minister of Home Affairs (Mendagri), drafted from the roll-up of a rakor.

``draft(result)`` writes the body of the letter from ``rollup.summary``, in the order of the news
report of the 18 November 2024 rakor and the register of an official letter: the opening (a
correction of the brief sent before, when the rakor was reopened; who attended, who reported, whose
report is late, returned or not yet verified, by name), the regions' facts
(``reports.brief.regions``: what several share told once, then each region's own, then the silent
regions' last known state and its date), what changed since the previous rakor, the alerts and open
follow-ups with their owners, the week's significant incidents, and the Sekda's standing concerns.
It counts and adds nothing itself: every number comes from the summary or from a region's report.

The letter is an official communication of a provincial government and is always written in
Bahasa Indonesia (UU 24/2009, Pasal 33), whoever drafts it and in whatever language they read the
interface; its sentences are therefore not marked for translation, and callers build the summary
and render the letter inside ``indonesian()`` so that labels and dates are Indonesian too.
"""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.utils import formats, timezone, translation

from incidents.models import Incident
from reports.brief.regions import region_paragraphs
from reports.brief.words import count, day, names, percent, period, sentence, weekday
from reports.models import ForwardedBrief, RakorSession, ReadinessReport
from reports.rollup.lights import AlertKind, number
from reports.rollup.parts import Alert, FollowUpLine, Summary

Report = ReadinessReport
TENTH = Decimal("0.1")


def indonesian() -> translation.override:
    """Everything the letter and its attachments say is in Bahasa Indonesia."""
    return translation.override("id")


def text_of(session: RakorSession, result: Summary) -> str:
    """The letter as it stands: the secretariat's text, or the draft while there is none."""
    if session.brief_text:
        return session.brief_text
    return draft(result, corrects=last_superseded(session))


def last_superseded(session: RakorSession) -> ForwardedBrief | None:
    """The brief this rakor sent before it was reopened: the one a new letter corrects."""
    return ForwardedBrief.objects.filter(session=session, superseded_at__isnull=False).listed().first()


def draft(result: Summary, corrects: ForwardedBrief | None = None) -> str:
    """The body of the letter, paragraphs separated by a blank line; ``corrects``: the brief sent
    earlier for this rakor, which this letter replaces."""
    paragraphs = [
        "Dengan hormat,",
        _correction(result, corrects) if corrects else "",
        _introduction(result),
        _attendance(result),
        *region_paragraphs(result),
        _changes(result),
        _attention(result),
        _incidents(result),
        _concerns(result),
        _closing(result),
    ]
    return "\n\n".join(paragraph for paragraph in paragraphs if paragraph)


def _days_to_voting(result: Summary) -> str:
    election, days, countdown = result.election, result.days_to_voting, result.session.countdown
    if days > 0:
        return f"{countdown} menjelang pemungutan suara {election.name} pada {day(election.voting_day)}"
    if days == 0:
        return f"bertepatan dengan hari pemungutan suara {election.name}"
    return f"{countdown} setelah pemungutan suara {election.name} pada {day(election.voting_day)}"


def _stage(result: Summary) -> str:
    """After voting day, the week's stages and their progress: "Pekan ini berada pada tahapan
    rekapitulasi kecamatan; rekapitulasi kecamatan selesai 61 dari 105 kecamatan"."""
    if not result.after_voting:
        return ""
    text = f"Pekan ini berada pada tahapan {names(result.stage_labels)}"
    progress = [
        f"{total.words} {number(total.value)} dari {number(total.out_of)} {total.unit}".rstrip()
        for total in result.progress
        if total.out_of is not None
    ]
    if progress:
        text += f"; menurut laporan kabupaten/kota, {names(progress)}"
    return f" {text}."


# The opening.


def _correction(result: Summary, sent: ForwardedBrief) -> str:
    at = timezone.localtime(sent.created_at)
    return (
        f"Laporan ini merupakan ralat/perbaikan atas laporan hasil rakor {day(result.session.date)} yang "
        f"telah kami sampaikan pada {day(at.date())} pukul {at:%H.%M} WITA, dan menggantikan laporan "
        "tersebut."
    )


def _introduction(result: Summary) -> str:
    kind = (
        "Rapat Koordinasi Paripurna"
        if result.session.kind == RakorSession.Kind.PLENARY
        else "Rapat Koordinasi (Rakor)"
    )
    return (
        f"Bersama ini kami laporkan hasil {kind} Desk Pilkada Provinsi {settings.DESK['PROVINCE']} "
        f"pada hari {weekday(result.session.date)}, {_days_to_voting(result)}.{_stage(result)}"
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
        kind = "Laporan" if result.after_voting else "Laporan kesiapan"
        parts.append(sentence(f"{kind} {names(completeness.missing)} belum diterima"))
    if completeness.late:
        parts.append(
            sentence(
                f"Laporan {names(completeness.late)} diterima setelah batas waktu "
                f"{formats.date_format(timezone.localtime(result.session.deadline), 'j F Y, H.i')} WITA"
            )
        )
    parts += _verification(result)
    if completeness.reported and not result.lights.get("merah") and not result.lights.get("kuning"):
        when = "setelah pemungutan suara" if result.after_voting else "menjelang pemungutan suara"
        parts.append(f"Secara umum proses penyelenggaraan Pilkada {when} berjalan lancar dan kondusif.")
    elif completeness.reported:
        parts.append("Beberapa hal masih memerlukan perhatian, sebagaimana kami uraikan di bawah.")
    return " ".join(parts)


def _verification(result: Summary) -> list[str]:
    """Which reports the secretariat has not verified yet, and which it returned for correction."""
    reported = [row for row in result.rows if row.is_reported]
    statuses = [(row.region, row.sent.status) for row in reported if row.sent is not None]
    returned = [region for region, status in statuses if status == Report.Status.RETURNED]
    unverified = [region for region, status in statuses if status == Report.Status.SUBMITTED]
    verified = [region for region, status in statuses if status == Report.Status.ACCEPTED]
    said = []
    if unverified and len(unverified) == len(reported) > 1:
        said.append("Seluruh laporan tersebut belum diverifikasi sekretariat Desk Pilkada.")
    elif unverified and not returned and len(unverified) > 2 * len(verified):
        said.append(
            sentence(
                f"Seluruh laporan tersebut, kecuali laporan {names(verified)}, belum diverifikasi "
                "sekretariat Desk Pilkada"
            )
        )
    elif unverified:
        said.append(sentence(f"Laporan {names(unverified)} belum diverifikasi sekretariat Desk Pilkada"))
    if returned:
        said.append(sentence(f"Laporan {names(returned)} dikembalikan kepada operator untuk diperbaiki"))
    return said


def _readiness(result: Summary) -> str:
    reported = result.completeness.reported_count
    if result.after_voting:  # readiness is no longer asked: the report is about the vote and its count
        if not reported:
            return "Belum ada kabupaten/kota yang menyampaikan laporan."
        return sentence(f"{count(reported)} kabupaten dan kota telah menyampaikan laporan")
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
            regions = [
                row.region for row in reported_rows if row.sent is not None and row.sent.readiness == value
            ]
            parts.append(f"{count(how_many)} {str(value.label).lower()} ({names(regions)})")
    return sentence(f"{said}; {names(parts)}")


# What changed since the previous rakor.


def _changes(result: Summary) -> str:
    """How this rakor compares with the previous one; figures are compared in each region's facts.
    The count of reports is compared with the last rakor that received any: a rakor nobody reported
    to (the plenary of voting week) is no yardstick, and "naik dari nol" would say nothing true."""
    previous = result.previous_session
    if previous is None:
        return (
            f"Rakor ini adalah rakor pertama {result.election.name}; belum ada rakor sebelumnya "
            "sebagai pembanding."
        )
    parts = []
    now = result.trend[-1]
    before = next((point for point in reversed(result.trend[:-1]) if point.reported), None)
    if before is not None:
        if before.reported == now.reported:
            trend = f"tetap {count(now.reported)}"
        else:
            direction = "naik" if now.reported > before.reported else "turun"
            trend = f"{direction} dari {count(before.reported)} menjadi {count(now.reported)}"
        since = f"rakor {day(before.session.date)}"
        if before.session.pk != previous.pk:
            since += " (rakor terakhir yang menerima laporan kabupaten/kota)"
        parts.append(sentence(f"Dibandingkan {since}, jumlah kabupaten/kota yang melapor {trend}"))
    parts += [sentence(text) for text in _readiness_changes(result)]
    if result.follow_ups_closed:
        closed = [
            f"{f.title} ({f.get_agency_display()}, selesai {day(timezone.localtime(f.closed_at).date())})"
            for f in result.follow_ups_closed
        ]
        parts.append(
            sentence(f"Tindak lanjut yang telah selesai sejak rakor sebelumnya: {'; '.join(closed)}")
        )
    return " ".join(parts)


def _readiness_changes(result: Summary) -> list[str]:
    """Regions whose readiness changed; nothing from voting day on, when readiness is not asked."""
    if result.after_voting:
        return []
    said = []
    for row in result.rows:
        before = row.previous.readiness if row.previous else ""
        if before and row.sent is not None and row.sent.readiness and row.sent.readiness != before:
            said.append(
                f"{row.region} kini menyatakan {row.sent.get_readiness_display().lower()} "
                f"(sebelumnya {Report.Readiness(before).label.lower()})"
            )
    return said


# Alerts and follow-ups, the Sekda's standing concerns, the closing.


def _attention(result: Summary) -> str:
    """Two paragraphs: the letter's line of each alert of the reports that came in and of the open
    incidents (the rule table's ``attention``, gravest first), then the open follow-ups."""
    told = [
        alert
        for alert in result.alerts
        # the silent are told above; what the desk clears with the operator has no line
        if alert.kind != AlertKind.MISSING and alert.carried_from is None and alert.attention
    ]
    alerts = _grouped(told)
    if alerts:
        found = sentence(f"Hal yang memerlukan perhatian: {'; '.join(alerts)}")
    elif result.completeness.reported:
        found = (
            "Laporan yang masuk dan kejadian yang tercatat tidak memuat hal yang memerlukan perhatian khusus."
        )
    else:
        found = ""
    if result.follow_up_lines:
        lines = [
            f"{index}. {sentence(_follow_up(line))}"
            for index, line in enumerate(result.follow_up_lines, start=1)
        ]
        follow_ups = "Tindak lanjut yang masih berjalan:\n" + "\n".join(lines)
    else:
        follow_ups = "Tidak ada tindak lanjut yang masih terbuka."
    return "\n\n".join(part for part in (found, follow_ups) if part)


GROUPED = 3  # a finding held by this many regions or more is told once, naming them


def _grouped(alerts: list[Alert]) -> list[str]:
    """The letter's attention lines, gravest first; a finding several regions share is one line
    ("TPS terlambat dibuka: Kabupaten Paser (3 TPS tidak dibuka tepat waktu), …")."""
    by_kind: dict[str, list[Alert]] = {}
    for alert in alerts:
        by_kind.setdefault(alert.kind, []).append(alert)
    lines = []
    for kind, held in by_kind.items():
        if len(held) < GROUPED:
            lines += [alert.attention for alert in held]
        else:
            label = str(AlertKind(kind).label)
            lines.append(
                f"{label} di {count(len(held))} kabupaten/kota, yaitu "
                + names(f"{alert.region} ({alert.reason})" for alert in held)
            )
    return lines


def _incidents(result: Summary) -> str:
    """The week's significant incidents (perlu perhatian, darurat) in one paragraph, in the order they
    happened, each told in a clause (the details are on the incident's page); nothing when there
    were none."""
    if not result.incidents:
        return ""
    end = result.session.date - dt.timedelta(days=1)
    urgent = sum(1 for incident in result.incidents if incident.is_urgent)
    opening = (
        f"Selama sepekan sebelum rakor ({period(end - dt.timedelta(days=6), end)}) tercatat "
        f"{count(len(result.incidents))} kejadian yang memerlukan perhatian"
        + (f", {count(urgent)} di antaranya darurat" if urgent else "")
    )
    return sentence(f"{opening}: {'; '.join(_incident(each) for each in result.incidents)}")


def _incident(incident: Incident) -> str:
    when = timezone.localtime(incident.occurred_at)
    return (
        f"{incident.get_kind_display().lower()} di Kecamatan {incident.kecamatan.name}, {incident.region} "
        f"({when.day} {formats.date_format(when, 'F')}, {incident.get_severity_display().lower()}, "
        f"{incident.get_status_display().lower()}): {incident.description.strip().rstrip('.')}"
    )


def _follow_up(line: FollowUpLine) -> str:
    """An open follow-up in a clause; an overdue one whose stage has ended says so, so that a
    campaign-week task is not read as one more late item of the count."""
    follow_up = line.follow_up
    where = str(follow_up.region) if follow_up.region else "seluruh kabupaten/kota"
    overdue = ""
    if line.ended_stages:
        stages = names(str(kind.label) for kind in line.ended_stages)
        overdue = f" (lewat tenggat; tahapan {stages} telah berakhir)"
    elif line.overdue:
        overdue = " (lewat tenggat)"
    return (
        f"{follow_up.title.strip()} — {where}; penanggung jawab {follow_up.get_agency_display()}; "
        f"tenggat {day(follow_up.due_date)}{overdue}"
    )


def _concerns(result: Summary) -> str:
    """The Sekda's standing concerns; the risks and shortages of the week are told above (the
    regions' facts and "Hal yang memerlukan perhatian"), so they are not repeated here."""
    items = _concerns_after_voting(result) if result.after_voting else _concerns_before_voting(result)
    return "Dalam rakor tersebut kami menegaskan catatan bersama berikut:\n" + "\n".join(
        f"{index}. {item}" for index, item in enumerate(items, start=1)
    )


def _concerns_after_voting(result: Summary) -> list[str]:
    election, totals = result.election, result.totals
    turnout = ""
    voted = totals.figures.get("voters_voted")
    if voted is not None and voted.value and voted.out_of:
        share = (Decimal(100) * voted.value / voted.out_of).quantize(TENTH)
        turnout = (
            f" Menurut laporan kabupaten/kota, {number(voted.value)} dari {number(voted.out_of)} pemilih "
            f"dalam DPT telah memberikan suara ({percent(share)}); target partisipasi "
            f"{percent(election.participation_target)}."
        )
    return [
        f"Menjaga bersama agar situasi tetap aman dan kondusif selama rekapitulasi, penetapan hasil dan "
        f"penyelesaian perselisihan hasil {election.name}.{turnout}",
        "KPU provinsi dan kabupaten/kota menyelesaikan rekapitulasi sesuai jadwal, dan keberatan saksi "
        "ditangani dalam rapat pleno bersama Bawaslu.",
        "Perselisihan hasil diselesaikan melalui Mahkamah Konstitusi; semua pihak diimbau menahan diri "
        "dan menghormati prosesnya.",
    ]


def _concerns_before_voting(result: Summary) -> list[str]:
    election, totals = result.election, result.totals
    voters = ""
    if totals.reports:
        voters = (
            f" Tercatat {number(totals.figures['first_time_voters'].value)} pemilih pemula di "
            f"{count(totals.reports)} "
            "kabupaten/kota"
        )
        if totals.carried:
            carried = totals.carried.figures["first_time_voters"].value
            voters += f", {number(carried)} di antaranya dari data rakor sebelumnya"
        voters += "."
    items = [
        f"Menjaga bersama agar tidak terjadi konflik horizontal selama penyelenggaraan {election.name} "
        "hingga pascapemungutan suara.",
        f"Target partisipasi pemilih sebesar {percent(election.participation_target)} dari "
        f"{number(totals.registered_voters)} pemilih dalam DPT di {number(totals.polling_stations)} TPS.",
        "KPU provinsi dan kabupaten/kota harus memastikan tidak ada lagi kendala kekurangan surat suara.",
        f"Peningkatan pemilih pemula perlu diantisipasi.{voters} Mereka yang sudah memiliki e-KTP "
        "diharapkan dapat memilih, dan pendataan potensi pemilih pemula perlu dilanjutkan agar jumlahnya "
        "dapat dipetakan.",
    ]
    return items


def _closing(result: Summary) -> str:
    later = [s for s in result.sessions if s.date > result.session.date]
    parts = []
    if later:
        following = later[0]
        awaited = (
            "termasuk kemajuan rekapitulasi di setiap tingkat"
            if result.after_voting
            else "termasuk tidak ada lagi laporan kekurangan logistik"
        )
        parts.append(
            f"{following.get_kind_display()} berikutnya pada hari {weekday(following.date)} diharapkan "
            f"dapat menyampaikan paparan seluruh kabupaten/kota, {awaited}."
        )
    parts.append(_judgement(result))
    parts.append(
        "Demikian laporan ini kami sampaikan. Atas perhatian Bapak Menteri, kami ucapkan terima kasih."
    )
    return " ".join(parts)


def _judgement(result: Summary) -> str:
    """The closing judgement: "aman dan kondusif" only while no finding of high severity stands
    (``Summary.grave_findings``); otherwise what stands is named and followed."""
    grave = result.grave_findings
    if not grave:
        return (
            f"Kami meyakini penyelenggaraan {result.election.name} di {settings.DESK['PROVINCE']} berjalan "
            "aman dan kondusif."
        )
    regions = names(dict.fromkeys(str(alert.region) for alert in grave))
    return f"Hal yang mendesak di {regions} terus kami pantau bersama Forkopimda dan penyelenggara."
