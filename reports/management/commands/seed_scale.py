"""Load a national-scale desk for the benchmark: N regions, M weekly rakor, a report for every
region in every session with its shortage and agenda lines, attendance and follow-ups.

``--regions N`` counts the regions that report: the ten real Kaltim regions come first (so
``--regions 10 --sessions 12`` is Kaltim as it is), then synthetic regions with Kemendagri-style
codes spread over the 36 other provinces that held Pilkada in 2024 (all but Kaltim, already real,
and DIY, which elects no governor). Synthetic regions are marked in ``voters_note`` so ``--reset``
finds them. The sessions are the M Mondays up to the last one before voting day of Pilkada
Serentak 2024; all but the last are signed off and forwarded, the last one is open.

Every operator (``skala.<bps code>``), ``skala.sekretariat`` and ``skala.pimpinan`` share the
password ``SCALE_PASSWORD``, hashed once.

The rows go in with ``bulk_create`` in one transaction, which skips ``save()``, signals and so
django-simple-history: synthetic benchmark data has no edit history, and that is acceptable here.
The same ``--seed`` gives the same data. The command refuses to load twice; ``--reset`` first
removes every session of the election and what hangs from it, the synthetic regions and the
``skala.*`` users, so it is meant for a database kept for benchmarks.
"""

import datetime as dt
import random
from typing import Any

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction

from accounts.access import Role
from regions.models import Membership, Region
from reports.brief.words import day
from reports.models import (
    AgendaLine,
    Attendance,
    Election,
    FollowUp,
    ForwardedBrief,
    LogisticsItem,
    RakorSession,
    ReadinessReport,
    ShortageLine,
    default_deadline,
)
from reports.registry import SECTIONS

ELECTION = "Pilkada Serentak 2024"
SCALE_PASSWORD = "SkalaDesk2024!"
USER_PREFIX = "skala."
SYNTHETIC_NOTE = "sintetis (seed_scale)"
BATCH = 2000

PROVINCES = {
    "11": "Aceh",
    "12": "Sumatera Utara",
    "13": "Sumatera Barat",
    "14": "Riau",
    "15": "Jambi",
    "16": "Sumatera Selatan",
    "17": "Bengkulu",
    "18": "Lampung",
    "19": "Kepulauan Bangka Belitung",
    "21": "Kepulauan Riau",
    "31": "DKI Jakarta",
    "32": "Jawa Barat",
    "33": "Jawa Tengah",
    "35": "Jawa Timur",
    "36": "Banten",
    "51": "Bali",
    "52": "Nusa Tenggara Barat",
    "53": "Nusa Tenggara Timur",
    "61": "Kalimantan Barat",
    "62": "Kalimantan Tengah",
    "63": "Kalimantan Selatan",
    "65": "Kalimantan Utara",
    "71": "Sulawesi Utara",
    "72": "Sulawesi Tengah",
    "73": "Sulawesi Selatan",
    "74": "Sulawesi Tenggara",
    "75": "Gorontalo",
    "76": "Sulawesi Barat",
    "81": "Maluku",
    "82": "Maluku Utara",
    "91": "Papua",
    "92": "Papua Barat",
    "93": "Papua Selatan",
    "94": "Papua Tengah",
    "95": "Papua Pegunungan",
    "96": "Papua Barat Daya",
}
SYLLABLES = ("ba", "ja", "ka", "la", "ma", "na", "pa", "ra", "sa", "ta", "wa", "lu", "ru", "tu", "nga")
SUFFIXES = ("", "", " Raya", " Jaya", " Utara", " Selatan", " Timur", " Barat", " Tengah")
PLACES = ("Lapangan Merdeka", "GOR Kabupaten", "Alun-alun", "Gedung DPRD", "Stadion Utama", "Aula Pemda")

Status = ReadinessReport.Status


class Command(BaseCommand):
    help = "Muat data sintetis skala nasional untuk uji kinerja (bawaan 545 wilayah × 30 rakor)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--regions", type=int, default=545, help="Jumlah kabupaten/kota yang melapor.")
        parser.add_argument("--sessions", type=int, default=30, help="Jumlah rakor mingguan.")
        parser.add_argument("--seed", type=int, default=2024, help="Benih acak; benih sama, data sama.")
        parser.add_argument("--reset", action="store_true", help="Hapus data skala sebelumnya dahulu.")

    def handle(self, *args: Any, regions: int, sessions: int, seed: int, reset: bool, **options: Any) -> None:
        if regions < 1 or sessions < 1:
            raise CommandError("--regions dan --sessions harus paling sedikit 1.")
        rng = random.Random(seed)
        with transaction.atomic():
            election = Election.objects.get(name=ELECTION)
            if reset:
                self.reset(election)
            elif election.sessions.exists():
                raise CommandError(f"{election} sudah memiliki rakor; jalankan lagi dengan --reset.")
            reporting = self.regions(regions, rng)
            users = self.users(reporting)
            rakor = self.sessions(election, sessions, users["sekretariat"])
            reports = self.reports(rakor, reporting, users, rng)
            self.lines(election, reports, rng)
            self.attendance(rakor, reporting, users["sekretariat"], rng)
            self.follow_ups(rakor, reporting, users["sekretariat"], rng)
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(reporting)} kabupaten/kota × {len(rakor)} rakor = {len(reports)} laporan; "
                f"login {USER_PREFIX}sekretariat, {USER_PREFIX}pimpinan, {USER_PREFIX}<kode BPS>, "
                f"kata sandi {SCALE_PASSWORD}"
            )
        )

    def reset(self, election: Election) -> None:
        """Remove the scale data with plain DELETEs: it went in without history, so it goes out
        without the per-row signals that would write history for each deleted row."""
        session_ids = list(election.sessions.values_list("pk", flat=True))
        report_ids = ReadinessReport.objects.filter(session_id__in=session_ids).values("pk")
        for queryset in (
            ShortageLine.objects.filter(report__in=report_ids),
            AgendaLine.objects.filter(report__in=report_ids),
            ReadinessReport.objects.filter(session_id__in=session_ids),
            Attendance.objects.filter(session_id__in=session_ids),
            FollowUp.objects.filter(session_id__in=session_ids),
            ForwardedBrief.objects.filter(session_id__in=session_ids),
            RakorSession.objects.filter(pk__in=session_ids),
            Membership.objects.filter(user__username__startswith=USER_PREFIX),
            Membership.objects.filter(region__voters_note=SYNTHETIC_NOTE),
            User.groups.through.objects.filter(user__username__startswith=USER_PREFIX),
            User.objects.filter(username__startswith=USER_PREFIX),
            Region.objects.filter(voters_note=SYNTHETIC_NOTE),
        ):
            sql, params = queryset.values("pk").query.sql_with_params()
            table = queryset.model._meta.db_table
            with connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {table} WHERE id IN ({sql})", params)

    def regions(self, count: int, rng: random.Random) -> list[Region]:
        real = list(Region.objects.exclude(voters_note=SYNTHETIC_NOTE).order_by("kemendagri_code"))
        synthetic = []
        provinces = list(PROVINCES.items())
        next_number = {code: {"kabupaten": 1, "kota": 71} for code in PROVINCES}
        for index in range(max(0, count - len(real))):
            province_code, province = provinces[index % len(provinces)]
            kind = "kota" if rng.random() < 0.18 else "kabupaten"
            number = next_number[province_code][kind]
            next_number[province_code][kind] += 1
            kecamatan = rng.randint(2, 8) if kind == "kota" else rng.randint(5, 30)
            voters = rng.randint(80_000, 1_500_000) if kind == "kota" else rng.randint(25_000, 900_000)
            name = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
            synthetic.append(
                Region(
                    kemendagri_code=f"{province_code}.{number:02d}",
                    bps_code=f"{province_code}{number:02d}",
                    name=name + rng.choice(SUFFIXES),
                    kind=kind,
                    province=province,
                    capital="" if kind == "kota" else name,
                    kecamatan_count=kecamatan,
                    kelurahan_count=rng.randint(5, 60),
                    desa_count=0 if kind == "kota" else rng.randint(30, 300),
                    registered_voters=voters,
                    polling_stations=voters // 450 + 1,
                    voters_note=SYNTHETIC_NOTE,
                )
            )
        Region.objects.bulk_create(synthetic, batch_size=BATCH)
        return (real + synthetic)[:count]

    def users(self, regions: list[Region]) -> dict[str, Any]:
        """One operator per region and one secretariat and leader account, sharing one hash."""
        password = make_password(SCALE_PASSWORD)
        operators = [
            User(
                username=f"{USER_PREFIX}{region.bps_code}",
                first_name="Operator",
                last_name=region.name[:150],
                email=f"operator.{region.bps_code}@desk.example.go.id",
                password=password,
            )
            for region in regions
        ]
        secretariat = User(username=f"{USER_PREFIX}sekretariat", first_name="Sekretariat", password=password)
        leader = User(username=f"{USER_PREFIX}pimpinan", first_name="Pimpinan", password=password)
        User.objects.bulk_create([*operators, secretariat, leader], batch_size=BATCH)
        groups = {role: Group.objects.get(name=role.value) for role in Role}
        membership = User.groups.through
        membership.objects.bulk_create(
            [
                *(membership(user=user, group=groups[Role.OPERATOR]) for user in operators),
                membership(user=secretariat, group=groups[Role.SECRETARIAT]),
                membership(user=leader, group=groups[Role.LEADER]),
            ],
            batch_size=BATCH,
        )
        Membership.objects.bulk_create(
            [Membership(user=user, region=region) for user, region in zip(operators, regions, strict=True)],
            batch_size=BATCH,
        )
        return {"operators": operators, "sekretariat": secretariat}

    def sessions(self, election: Election, count: int, secretariat: User) -> list[RakorSession]:
        """The ``count`` Mondays up to the last one before voting day; all but the last forwarded."""
        last = election.voting_day - dt.timedelta(days=(election.voting_day.weekday() or 7))
        dates = [last - dt.timedelta(weeks=weeks) for weeks in range(count - 1, -1, -1)]
        sessions = []
        for date in dates:
            deadline = default_deadline(date)
            forwarded = None if date == last else deadline + dt.timedelta(hours=6)
            sessions.append(
                RakorSession(
                    election=election,
                    date=date,
                    deadline=deadline,
                    minutes=f"Rakor mingguan Desk Pilkada {day(date)}." if forwarded else "",
                    signed_off_at=forwarded,
                    signed_off_by=secretariat if forwarded else None,
                    forwarded_at=forwarded,
                    forwarded_by=secretariat if forwarded else None,
                )
            )
        return RakorSession.objects.bulk_create(sessions, batch_size=BATCH)

    def reports(
        self, sessions: list[RakorSession], regions: list[Region], users: dict[str, Any], rng: random.Random
    ) -> list[ReadinessReport]:
        operators = dict(zip((region.pk for region in regions), users["operators"], strict=True))
        secretariat = users["sekretariat"]
        reports = []
        for week, session in enumerate(sessions):
            is_open = session.forwarded_at is None
            # Distribution ends before voting day, as the report form requires.
            voting_day = session.election.voting_day
            distribution = min(session.date + dt.timedelta(days=3), voting_day - dt.timedelta(days=4))
            for region in regions:
                status = self.status(is_open, rng)
                late = rng.random() < 0.08
                submitted = session.deadline + dt.timedelta(
                    hours=rng.randint(1, 30) if late else -rng.randint(1, 60)
                )
                sent = status != Status.DRAFT
                readiness = rng.choices(["siap", "siap_catatan", "belum_siap"], [80, 15, 5])[0]
                shortage = readiness == "belum_siap" or rng.random() < 0.1
                reviewed = status in (Status.ACCEPTED, Status.RETURNED)
                reports.append(
                    ReadinessReport(
                        session=session,
                        region=region,
                        status=status,
                        readiness=readiness,
                        logistics_status="kekurangan"
                        if shortage
                        else rng.choice(["aman"] * 9 + ["terlambat"]),
                        logistics_items_fulfilled=rng.randint(10, 13) if shortage else 14,
                        distribution_start=distribution,
                        distribution_end=distribution + dt.timedelta(days=rng.randint(0, 3)),
                        logistics_notes="Distribusi logistik sesuai jadwal KPU." if not shortage else "",
                        security_personnel=region.polling_stations * 2 + 10 * week + rng.randint(0, 50),
                        security_situation=rng.choices(["kondusif", "waspada", "rawan"], [85, 12, 3])[0],
                        asn_violations=rng.choices([0, 1, 2], [90, 8, 2])[0],
                        kecamatan_ready=rng.randint(region.kecamatan_count // 2, region.kecamatan_count),
                        first_time_voters=region.registered_voters // 14 + 50 * week,
                        ektp_notes="Perekaman e-KTP pemilih pemula didorong Disdukcapil.",
                        conflict_risk=rng.choices(["rendah", "sedang", "tinggi"], [80, 16, 4])[0],
                        coordination_notes=f"Forkopimda {region.name} berkoordinasi setiap pekan.",
                        confirmed_sections={section.key: session.date.isoformat() for section in SECTIONS},
                        changed_sections=rng.sample(["logistics", "security", "voters", "agenda"], k=2),
                        submitted_by=operators[region.pk] if sent else None,
                        first_submitted_at=submitted if sent else None,
                        submitted_at=submitted if sent else None,
                        is_late=sent and late,
                        reviewed_by=secretariat if reviewed else None,
                        reviewed_at=submitted + dt.timedelta(hours=3) if reviewed else None,
                        reviewer_comment="Lengkapi rincian kekurangan." if status == Status.RETURNED else "",
                        version=rng.randint(1, 3),
                    )
                )
        return ReadinessReport.objects.bulk_create(reports, batch_size=BATCH)

    @staticmethod
    def status(is_open: bool, rng: random.Random) -> str:
        """Forwarded sessions were reviewed; the open one is mid-morning on a Monday."""
        if not is_open:
            return Status.ACCEPTED
        return rng.choices(
            [Status.SUBMITTED, Status.ACCEPTED, Status.RETURNED, Status.DRAFT], [60, 15, 5, 20]
        )[0]

    def lines(self, election: Election, reports: list[ReadinessReport], rng: random.Random) -> None:
        items = list(LogisticsItem.objects.filter(election=election).order_by("position"))
        shortages, agenda = [], []
        for report in reports:
            if report.logistics_status == "kekurangan":
                for item in rng.sample(items[:6], k=rng.randint(1, 2)):
                    shortages.append(
                        ShortageLine(
                            report=report,
                            item=item,
                            quantity=rng.randint(10, 5000),
                            note=f"Kekurangan {item.name.lower()} di beberapa TPS",
                        )
                    )
            for _ in range(rng.choices([0, 1, 2, 3], [30, 40, 20, 10])[0]):
                day = report.session.date + dt.timedelta(days=rng.randint(1, 6))
                kind = rng.choice(self.agenda_kinds(election, day))
                agenda.append(
                    AgendaLine(
                        report=report,
                        kind=kind,
                        date=day,
                        place=rng.choice(PLACES),
                        description=f"{AgendaLine.Kind(kind).label} di {report.region.name}",
                    )
                )
        ShortageLine.objects.bulk_create(shortages, batch_size=BATCH)
        AgendaLine.objects.bulk_create(agenda, batch_size=BATCH)

    @staticmethod
    def agenda_kinds(election: Election, day: dt.date) -> list[str]:
        """What the report form accepts on ``day``: campaigning only in the campaign period,
        distribution only before voting day."""
        Kind = AgendaLine.Kind
        if day >= election.voting_day:
            return [Kind.OTHER]
        if election.campaign_start <= day <= election.campaign_end:
            return [Kind.RALLY, Kind.DEBATE, Kind.DISTRIBUTION, Kind.OTHER]
        return [Kind.DISTRIBUTION, Kind.OTHER]

    def attendance(
        self, sessions: list[RakorSession], regions: list[Region], secretariat: User, rng: random.Random
    ) -> None:
        statuses = Attendance.Status
        Attendance.objects.bulk_create(
            [
                Attendance(
                    session=session,
                    region=region,
                    status=rng.choices(
                        [statuses.PRESENT, statuses.EXCUSED, statuses.UNCONFIRMED], [85, 5, 10]
                    )[0],
                    representative=f"Kesbangpol {region.name}",
                    recorded_by=secretariat,
                    recorded_at=session.deadline + dt.timedelta(hours=2),
                )
                for session in sessions
                for region in regions
            ],
            batch_size=BATCH,
        )

    def follow_ups(
        self, sessions: list[RakorSession], regions: list[Region], secretariat: User, rng: random.Random
    ) -> None:
        """About one follow-up per twenty regions a week; those older than a month are closed."""
        rows = []
        for session in sessions:
            for _ in range(max(1, len(regions) // 20)):
                region = rng.choice(regions + [None])
                where = region.name if region else "semua wilayah"
                closed = session.date < sessions[-1].date - dt.timedelta(weeks=4) or rng.random() < 0.3
                closed_at = session.deadline + dt.timedelta(days=rng.randint(1, 6)) if closed else None
                rows.append(
                    FollowUp(
                        session=session,
                        region=region,
                        source=rng.choice(FollowUp.Source.values),
                        title=f"Tindak lanjut {where} {session.date:%d-%m}",
                        agency=rng.choice(FollowUp.Agency.values),
                        due_date=session.date + dt.timedelta(days=rng.randint(2, 14)),
                        created_by=secretariat,
                        closed_at=closed_at,
                        closed_by=secretariat if closed else None,
                        closing_note="Sudah ditangani." if closed else "",
                    )
                )
        FollowUp.objects.bulk_create(rows, batch_size=BATCH)
