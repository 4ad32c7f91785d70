"""The letter to the Minister of Home Affairs (Mendagri), drafted from the roll-up of a rakor.

``draft(result)`` writes the body of the letter from ``rollup.summary``, in the register of the news
report of the 18 November 2024 rakor: the opening (a correction of the brief sent before, when the
rakor was reopened; who attended, who reported, who is not confirmed, by name), a paragraph per
region from its report, what changed since the previous rakor, the alerts and open follow-ups with
their owners, and the Sekda's standing concerns. It counts and adds nothing itself: every number
comes from the summary or from a region's report.

The letter is an official communication of a provincial government and is always written in
Bahasa Indonesia (UU 24/2009, Pasal 33), whoever drafts it and in whatever language they read the
interface; its sentences are therefore not marked for translation, and callers build the summary
and render the letter inside ``indonesian()`` so that labels and dates are Indonesian too.
"""

from django.conf import settings
from django.utils import formats, timezone, translation

from reports.brief.regions import region_paragraph
from reports.brief.words import count, day, names, percent, sentence, weekday
from reports.models import ForwardedBrief, RakorSession, ReadinessReport
from reports.registry import Place, shown_in
from reports.rollup.lights import AlertKind, lower_first, number
from reports.rollup.parts import Summary

Report = ReadinessReport


def indonesian():
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
        *[region_paragraph(result, row) for row in result.rows if row.is_reported],
        _changes(result),
        _attention(result),
        _concerns(result),
        _closing(result),
    ]
    return "\n\n".join(paragraph for paragraph in paragraphs if paragraph)


def _days_to_voting(result: Summary) -> str:
    election, days = result.election, result.days_to_voting
    if days > 0:
        return f"H-{days} menjelang pemungutan suara {election.name} pada {day(election.voting_day)}"
    if days == 0:
        return f"bertepatan dengan hari pemungutan suara {election.name}"
    return f"H+{-days} setelah pemungutan suara {election.name} pada {day(election.voting_day)}"


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
    for field in shown_in(Place.LETTER):
        groups: dict[tuple[int, int], list] = {}
        for row in result.rows:
            figure = row.figures[field.name]
            if figure.value is not None and figure.changed:
                groups.setdefault((figure.previous, figure.value), []).append(row.region)
        for (before, after), regions in groups.items():
            direction = "naik" if after > before else "turun"
            where = "seluruh kabupaten/kota yang melapor" if len(regions) == reported > 2 else names(regions)
            said.append(f"{field.words} di {where} {direction} dari {number(before)} menjadi {number(after)}")
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
        f" Tercatat {number(totals.figures['first_time_voters'].value)} pemilih pemula di "
        f"{count(totals.reports)} kabupaten/kota yang melapor."
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
