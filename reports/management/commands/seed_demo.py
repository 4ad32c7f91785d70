"""Load the demo: the 18 November 2024 rakor as the news report tells it, three Mondays of history
before it, the two Mondays after voting day up to the province's recapitulation (2 and 9 December
2024, plausible figures, not published ones), and a user for every role. Running it again changes
nothing; with ``--reset`` it first erases what the demo's election gathered (``reports.demo``), so
a demo whose rakor was signed and forwarded starts over.

It refuses to run in production mode (``DJANGO_ENV=production``): its accounts, a superuser among
them, share a password printed in the README.
"""

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import translation
from simple_history.utils import bulk_create_with_history

from accounts.access import Role
from accounts.models import Profile
from incidents import demo as incidents_demo
from notifications.models import AgencyMembership, Contact
from regions.models import Membership, Region
from reports import demo
from reports.models import (
    WITA,
    AgendaLine,
    Attendance,
    Election,
    FollowUp,
    LetterCopy,
    LetterSettings,
    LogisticsItem,
    RakorSession,
    ReadinessReport,
    ShortageLine,
)

DEMO_PASSWORD = "DeskKaltim2024!"
ELECTION = "Pilkada Serentak 2024"

D = dt.date
RAKOR_18 = D(2024, 11, 18)
HISTORY = [D(2024, 10, 28), D(2024, 11, 4), D(2024, 11, 11)]
PLENARY = D(2024, 11, 25)
AFTER_VOTING = [D(2024, 12, 2), D(2024, 12, 9)]  # H+5 and H+12, through the province's recapitulation

# After voting day, per region: (share of the DPT who voted in per mille, TPS opened late,
# kecamatan done by 2 December, the regency's plenary date). Fictitious but plausible; the
# kecamatan done add up to 61 of the province's 105 on 2 December.
AFTER = {
    "64.01": (612, 3, 6, D(2024, 12, 4)),
    "64.02": (587, 9, 11, D(2024, 12, 5)),
    "64.03": (634, 2, 8, D(2024, 12, 4)),
    "64.07": (655, 4, 7, D(2024, 12, 5)),
    "64.08": (571, 6, 9, D(2024, 12, 6)),
    "64.09": (603, 1, 4, D(2024, 12, 1)),
    "64.11": (701, 5, 2, D(2024, 12, 6)),
    "64.71": (548, 2, 6, D(2024, 12, 1)),
    "64.72": (529, 7, 5, D(2024, 12, 3)),
    "64.74": (596, 0, 3, D(2024, 11, 30)),
}

USERNAMES = {
    "64.01": "operator.paser",
    "64.02": "operator.kukar",
    "64.03": "operator.berau",
    "64.07": "operator.kubar",
    "64.08": "operator.kutim",
    "64.09": "operator.ppu",
    "64.11": "operator.mahulu",
    "64.71": "operator.balikpapan",
    "64.72": "operator.samarinda",
    "64.74": "operator.bontang",
}

# Steady weekly figures per region: (security personnel, first-time voters).
BASELINE = {
    "64.01": (610, 14_200),
    "64.02": (1_650, 36_900),
    "64.03": (590, 13_100),
    "64.07": (420, 8_700),
    "64.08": (880, 19_800),
    "64.09": (450, 9_100),
    "64.11": (160, 1_900),
    "64.71": (1_480, 33_400),
    "64.72": (1_720, 40_600),
    "64.74": (1_150, 8_900),
}

# What each region told the 18 November 2024 rakor, as the article reports it.
ARTICLE: dict[str, dict[str, Any]] = {
    "64.11": {
        "fields": {
            "logistics_status": "aman",
            "logistics_items_fulfilled": 14,
            "distribution_start": D(2024, 11, 23),
            "distribution_end": D(2024, 11, 25),
            "logistics_notes": "Logistik 14 item telah terpenuhi; didistribusikan ke kecamatan dan desa.",
        },
        "agenda": [
            ("distribusi", D(2024, 11, 23), "Kecamatan dan desa", "Distribusi logistik 23–25 November")
        ],
        "confirmed": ["readiness", "logistics", "agenda"],
    },
    "64.09": {
        "fields": {
            "logistics_status": "aman",
            "asn_violations": 0,
            "asn_notes": "Tidak ada pelanggaran netralitas ASN.",
        },
        "agenda": [("kampanye_akbar", D(2024, 11, 23), "Penajam", "Kampanye rapat umum pasangan calon")],
        "confirmed": ["readiness", "logistics", "asn", "agenda"],
    },
    "64.74": {
        "fields": {
            "security_personnel": 1_214,
            "security_situation": "kondusif",
            "security_notes": "Personel pengamanan dikerahkan untuk menjamin kampanye rapat umum.",
        },
        "agenda": [
            ("kampanye_akbar", D(2024, 11, 23), "Bontang", "Kampanye rapat umum, diamankan 1.214 personel")
        ],
        "confirmed": ["readiness", "security", "agenda"],
    },
    "64.02": {
        "fields": {
            "kecamatan_ready": 20,
            "distribution_start": D(2024, 11, 23),
            "distribution_end": D(2024, 11, 23),
            "security_situation": "kondusif",
            "security_notes": "Pengawasan pengamanan berjalan lancar.",
        },
        "agenda": [("distribusi", D(2024, 11, 23), "Tenggarong", "Distribusi logistik ke kecamatan")],
        "confirmed": ["readiness", "kecamatan", "logistics", "security", "agenda"],
    },
    "64.03": {
        "fields": {
            "logistics_status": "aman",
            "logistics_notes": (
                "Distribusi logistik berjalan aman; tanda pengenal dibagikan menjelang pemungutan suara."
            ),
        },
        "agenda": [],
        "confirmed": ["readiness", "logistics"],
    },
    "64.01": {
        "fields": {
            "coordination_notes": "Koordinasi dan komunikasi terus dilakukan oleh Forkopimda Paser.",
            "notes": "Pilkada di wilayah Paser tidak ada kendala.",
        },
        "agenda": [],
        "confirmed": ["readiness", "coordination"],
    },
    "64.71": {
        "fields": {"logistics_status": "aman"},
        "agenda": [("debat", D(2024, 11, 22), "Balikpapan", "Debat terakhir pasangan calon")],
        "confirmed": ["readiness", "logistics", "agenda"],
    },
}
MISSING_ON_18 = ["64.72", "64.07", "64.08"]

# The people who sign and initial the letter (names with titles and NIPs are fictitious).
PROFILES = {
    "sekda": {
        "name": "Dr. Hj. Sri Wahyuni, M.Pd.",
        "position": "Sekretaris Daerah Provinsi Kalimantan Timur",
        "rank": "IV/e",
        "nip": "196708101994032005",
    },
    "kepala.kesbangpol": {
        "name": "Drs. Ahmad Fauzi, M.Si.",
        "position": "Kepala Badan Kesatuan Bangsa dan Politik Provinsi Kalimantan Timur",
        "rank": "IV/c",
        "nip": "197204151998031003",
    },
}

LETTER = {
    "government": "PEMERINTAH PROVINSI KALIMANTAN TIMUR",
    "office": "SEKRETARIAT DAERAH",
    "address": (
        "Jalan Gajah Mada Nomor 2, Samarinda, Kalimantan Timur 75121\n"
        "Telepon (0541) 733333, Laman kaltimprov.go.id"
    ),
    "place": "Samarinda",
    "addressee": "Menteri Dalam Negeri Republik Indonesia",
    "addressee_place": "Jakarta",
    "addressee_email": "persuratan@kemendagri.example",
    "nature": "Penting",
    "subject": "Laporan Hasil Rapat Koordinasi Desk Pilkada",
    "code": "300.1.4",
    "unit": "Kesbangpol",
    "number_pattern": "{code}/{number}/{unit}/{year}",
    "on_behalf": "a.n. GUBERNUR KALIMANTAN TIMUR",
    "signer_title": "SEKRETARIS DAERAH,",
    "forwarder": "sekretariat",
    "attachment_heading": "LAMPIRAN SURAT SEKRETARIS DAERAH PROVINSI KALIMANTAN TIMUR",
}

COPIES = [
    ("Gubernur Kalimantan Timur (sebagai laporan)", "gubernur@kaltimprov.example"),
    (
        "Direktur Jenderal Politik dan Pemerintahan Umum Kementerian Dalam Negeri",
        "ditjenpolpum@kemendagri.example",
    ),
    ("Ketua KPU Provinsi Kalimantan Timur", "kpu@kpu-kaltim.example"),
    ("Ketua Bawaslu Provinsi Kalimantan Timur", "bawaslu@bawaslu-kaltim.example"),
    ("Kepala Badan Kesatuan Bangsa dan Politik Provinsi Kalimantan Timur", "kesbangpol@kaltimprov.example"),
]


class Command(BaseCommand):
    help = "Muat data demo rakor 18 November 2024 beserta riwayat tiga Senin sebelumnya."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Hapus dulu laporan, naskah, nomor, notifikasi, kejadian dan tindak lanjut demo.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError(
                "seed_demo tidak dijalankan dalam mode produksi (DJANGO_ENV=production): akun demonya, "
                "termasuk superuser admin, memakai kata sandi yang tertulis di README. Buat akun sungguhan "
                "dengan `manage.py createsuperuser` dan di halaman admin."
            )
        with transaction.atomic():
            if options["reset"]:
                demo.erase(Election.objects.get(name=ELECTION))
            self.load()

    @transaction.atomic
    def load(self) -> None:
        election = Election.objects.get(name=ELECTION)
        items = {item.name: item for item in LogisticsItem.objects.filter(election=election)}
        regions = {region.kemendagri_code: region for region in Region.objects.all()}
        users = self.create_users(regions)
        self.letter_settings(users)
        sessions = self.create_sessions(election)

        for week, date in enumerate(HISTORY):
            session = sessions[date]
            for region in regions.values():
                self.history_report(session, region, week, items, users)
                self.attend(session, region, Attendance.Status.PRESENT, users["sekretariat"])

        session = sessions[RAKOR_18]
        for code, facts in ARTICLE.items():
            self.article_report(session, regions[code], facts, users)
            self.attend(session, regions[code], Attendance.Status.PRESENT, users["sekretariat"])
        for code in MISSING_ON_18:
            self.attend(session, regions[code], Attendance.Status.UNCONFIRMED, users["sekretariat"])

        for week, date in enumerate(AFTER_VOTING):
            session = sessions[date]
            for region in regions.values():
                self.after_voting_report(session, region, week, users)
                self.attend(session, region, Attendance.Status.PRESENT, users["sekretariat"])

        self.follow_ups(sessions, regions, users["sekretariat"])
        incidents_demo.load(election, users, users["sekretariat"])
        self.print_logins(regions)

    def create_users(self, regions: dict[str, Region]) -> dict[str, User]:
        groups = {role: Group.objects.get(name=role.value) for role in Role}
        users: dict[str, User] = {}

        def user(username: str, first: str, last: str, role: Role | None = None, **extra: Any) -> User:
            account, created = User.objects.get_or_create(
                username=username, defaults={"first_name": first, "last_name": last, **extra}
            )
            if created:
                account.set_password(DEMO_PASSWORD)
                account.email = f"{username}@desk.kaltimprov.go.id"
                account.save()
            if role is not None:
                account.groups.add(groups[role])
            users[username] = account
            return account

        for code, username in USERNAMES.items():
            account = user(username, "Operator", regions[code].name, Role.OPERATOR)
            Membership.objects.update_or_create(user=account, defaults={"region": regions[code]})
            Contact.objects.update_or_create(
                user=account, defaults={"phone": f"+628125{code.replace('.', '')}00"}
            )
        user("sekretariat", "Sekretariat", "Desk Pilkada", Role.SECRETARIAT)
        user("sekda", "Sri", "Wahyuni", Role.LEADER)
        user("kepala.kesbangpol", "Ahmad", "Fauzi", Role.HEAD)
        user("admin", "Admin", "TI Kesbangpol", is_staff=True, is_superuser=True)
        for username, fields in PROFILES.items():
            Profile.objects.update_or_create(user=users[username], defaults=fields)
        for agency in FollowUp.Agency:
            account = user(f"mitra.{agency.value}", "Mitra", str(agency.label), Role.PARTNER)
            AgencyMembership.objects.update_or_create(user=account, defaults={"agency": agency.value})
        return users

    def letter_settings(self, users: dict[str, User]) -> None:
        """The naskah dinas as the admin sets it on *Pengaturan naskah dinas* (no emblem: the kop is
        text only until the admin uploads one)."""
        letter = LetterSettings.load()
        for name, value in LETTER.items():
            setattr(letter, name, value)
        letter.signer = users["sekda"]
        letter.full_clean()
        letter.save()
        letter.initialers.set([users["kepala.kesbangpol"]])
        letter.copies.all().delete()
        for position, (name, email) in enumerate(COPIES, start=1):
            LetterCopy.objects.create(letter_settings=letter, name=name, email=email, position=position)

    def create_sessions(self, election: Election) -> dict[dt.date, RakorSession]:
        sessions: dict[dt.date, RakorSession] = {}
        for date in [*HISTORY, RAKOR_18, PLENARY, *AFTER_VOTING]:
            kind = RakorSession.Kind.PLENARY if date == PLENARY else RakorSession.Kind.WEEKLY
            sessions[date], _ = RakorSession.objects.get_or_create(
                election=election, date=date, defaults={"kind": kind}
            )
        sessions[RAKOR_18].minutes = (
            "Rakor Desk Pilkada dipimpin Sekda Kaltim Sri Wahyuni, diikuti tujuh kabupaten/kota; "
            "tiga daerah belum terkonfirmasi. Catatan bersama: menjaga agar tidak terjadi konflik "
            "horizontal, target partisipasi 79 persen, tidak ada lagi kekurangan kertas suara, "
            "pendataan pemilih pemula. Rakor Paripurna minggu depan."
        )
        sessions[RAKOR_18].save(update_fields=["minutes"])
        for date in HISTORY:
            session = sessions[date]
            if session.forwarded_at is None:
                moment = dt.datetime.combine(date, dt.time(14, 0), tzinfo=WITA)
                secretariat = User.objects.get(username="sekretariat")
                session.signed_off_at = session.forwarded_at = moment
                session.signed_off_by = session.forwarded_by = secretariat
                session.save()
        return sessions

    def save_report(
        self,
        session: RakorSession,
        region: Region,
        fields: dict[str, Any],
        status: str,
        submitted_at: dt.datetime,
        users: dict[str, User],
        shortages: Sequence[tuple[LogisticsItem, int, str]] = (),
        agenda: Sequence[tuple[str, dt.date, str, str]] = (),
    ) -> ReadinessReport:
        operator = users[USERNAMES[region.kemendagri_code]]
        deadline_passed = submitted_at > session.deadline
        report, _ = ReadinessReport.objects.update_or_create(
            session=session,
            region=region,
            defaults={
                **fields,
                "status": status,
                "submitted_by": operator,
                "first_submitted_at": submitted_at,
                "submitted_at": submitted_at,
                "is_late": deadline_passed,
                "reviewed_by": users["sekretariat"] if status == "accepted" else None,
                "reviewed_at": submitted_at + dt.timedelta(hours=3) if status == "accepted" else None,
            },
        )
        report.shortages.all().delete()
        report.agenda.all().delete()
        bulk_create_with_history(
            [
                ShortageLine(report=report, item=item, quantity=quantity, note=note)
                for item, quantity, note in shortages
            ],
            ShortageLine,
        )
        bulk_create_with_history(
            [
                AgendaLine(report=report, kind=kind, date=date, place=place, description=description)
                for kind, date, place, description in agenda
            ],
            AgendaLine,
        )
        return report

    def history_report(
        self,
        session: RakorSession,
        region: Region,
        week: int,
        items: dict[str, LogisticsItem],
        users: dict[str, User],
    ) -> None:
        """A plausible report for one of the three Mondays before 18 November."""
        code = region.kemendagri_code
        personnel, first_time = BASELINE[code]
        fields = {
            "readiness": "siap",
            "logistics_status": "aman",
            "logistics_items_fulfilled": 10 + week,
            "security_personnel": personnel + 20 * week,
            "security_situation": "kondusif",
            "asn_violations": 0,
            "kecamatan_ready": region.kecamatan_count,
            "first_time_voters": first_time + 150 * week,
            "ektp_notes": "Perekaman e-KTP pemilih pemula terus didorong Disdukcapil.",
            "conflict_risk": "rendah",
            "coordination_notes": f"Forkopimda {region.name} berkoordinasi setiap pekan.",
            "confirmed_sections": {s.key: session.date.isoformat() for s in session.sections},
            "changed_sections": ["logistics", "security", "voters"] if week else [],
        }
        shortages: list[tuple[LogisticsItem, int, str]] = []
        agenda: list[tuple[str, dt.date, str, str]] = []
        if code == "64.72" and week == 2:
            fields.update(readiness="belum_siap", logistics_status="kekurangan", conflict_risk="sedang")
            shortages = [(items["Surat suara"], 1_200, "Kekurangan surat suara untuk TPS di Samarinda Ulu")]
        if code == "64.08" and week == 2:
            fields.update(readiness="siap_catatan", conflict_risk="tinggi", security_situation="waspada")
            fields["conflict_notes"] = (
                "Gesekan pendukung pasangan calon di Sangatta Utara; dimediasi Forkopimda."
            )
        if code == "64.07" and week >= 1:
            fields.update(asn_violations=1, asn_notes="Satu ASN diduga tidak netral; ditangani Bawaslu.")
        if code == "64.71":
            agenda = [("debat", D(2024, 11, 22), "Balikpapan", "Debat terakhir pasangan calon")]
        late = code in ("64.07", "64.08") and week == 1
        submitted_at = session.deadline + (dt.timedelta(hours=5) if late else -dt.timedelta(hours=16))
        self.save_report(session, region, fields, "accepted", submitted_at, users, shortages, agenda)

    def article_report(
        self, session: RakorSession, region: Region, facts: dict[str, Any], users: dict[str, User]
    ) -> None:
        """The region's report to the 18 November rakor: last week's values, changed by the
        article's facts; sections the article does not mention stay as confirmed last week."""
        previous = ReadinessReport.objects.get(session__date=HISTORY[-1], region=region)
        personnel, first_time = BASELINE[region.kemendagri_code]
        fields = {
            "readiness": "siap",
            "logistics_status": previous.logistics_status,
            "logistics_items_fulfilled": 14,
            "security_personnel": previous.security_personnel,
            "security_situation": previous.security_situation,
            "asn_violations": previous.asn_violations,
            "kecamatan_ready": previous.kecamatan_ready,
            "first_time_voters": previous.first_time_voters,
            "ektp_notes": previous.ektp_notes,
            "conflict_risk": "rendah",
            "coordination_notes": previous.coordination_notes,
            **facts["fields"],
        }
        confirmed = dict(previous.confirmed_sections)
        confirmed.update({key: session.date.isoformat() for key in facts["confirmed"]})
        fields["confirmed_sections"] = confirmed
        fields["changed_sections"] = [key for key in facts["confirmed"] if key != "readiness"]
        late = region.kemendagri_code == "64.11"
        submitted_at = session.deadline + (dt.timedelta(hours=2) if late else -dt.timedelta(hours=14))
        self.save_report(session, region, fields, "submitted", submitted_at, users, agenda=facts["agenda"])

    def after_voting_report(
        self, session: RakorSession, region: Region, week: int, users: dict[str, User]
    ) -> None:
        """A region's report after voting day: the vote at its TPS (first week only), the
        recapitulation's progress, objections and disputes, and the security situation."""
        code = region.kemendagri_code
        per_mille, late_tps, done, plenary = AFTER[code]
        personnel, _first_time = BASELINE[code]
        fields: dict[str, Any] = {
            "security_personnel": personnel + 120,
            "security_situation": "kondusif",
            "security_notes": "Pengamanan gudang logistik dan rapat pleno rekapitulasi.",
            "recap_kecamatan_done": region.kecamatan_count if week else done,
            "regency_plenary_date": plenary,
            "objections_filed": 0,
            "disputes_filed": 0,
            "coordination_notes": f"Forkopimda {region.name} memantau rekapitulasi setiap hari.",
        }
        if week == 0:
            fields.update(
                tps_opened_on_time=region.polling_stations - late_tps,
                tps_incidents=1 if late_tps > 5 else 0,
                voters_voted=region.registered_voters * per_mille // 1000,
            )
        else:
            fields["recap_notes"] = "Rekapitulasi seluruh kecamatan selesai."
        if code == "64.08":
            fields.update(
                security_situation="waspada",
                security_notes="Massa pendukung berkumpul di kantor KPU Kutai Timur; diamankan Polres.",
                objections_filed=2,
                disputes_filed=week,
                disputes_notes="Saksi pasangan calon nomor urut 2 keberatan atas hasil di dua kecamatan"
                + ("; permohonan perselisihan hasil didaftarkan ke Mahkamah Konstitusi." if week else "."),
            )
        if code == "64.02" and week == 0:
            fields.update(
                tps_incident_notes="Satu TPS di Muara Jawa terlambat dibuka karena surat suara tertukar.",
                recap_notes="Pleno di tiga kecamatan hulu menunggu kotak suara tiba lewat sungai.",
            )
        sections = session.sections
        previous = ReadinessReport.objects.filter(region=region, session__date__lt=session.date).latest(
            "session__date"
        )
        fields["confirmed_sections"] = {
            **previous.confirmed_sections,
            **{section.key: session.date.isoformat() for section in sections},
        }
        fields["changed_sections"] = [section.key for section in sections if section.key != "coordination"]
        submitted_at = session.deadline - dt.timedelta(hours=15)
        status = "accepted" if week == 0 else "submitted"
        self.save_report(session, region, fields, status, submitted_at, users)

    def attend(self, session: RakorSession, region: Region, status: str, secretariat: User) -> None:
        Attendance.objects.update_or_create(
            session=session,
            region=region,
            defaults={"status": status, "recorded_by": secretariat},
        )

    def follow_ups(
        self, sessions: dict[dt.date, RakorSession], regions: dict[str, Region], secretariat: User
    ) -> None:
        rows = [
            (
                HISTORY[2],
                "64.72",
                "kekurangan",
                "Pastikan kekurangan surat suara 1.200 lembar di Samarinda terpenuhi",
                "kpu",
                D(2024, 11, 20),
                None,
            ),
            (
                HISTORY[1],
                "64.07",
                "pelanggaran",
                "Tindak lanjuti dugaan ASN tidak netral di Kutai Barat",
                "bawaslu",
                D(2024, 11, 15),
                dt.datetime(2024, 11, 15, 10, 0, tzinfo=WITA),
            ),
            (
                HISTORY[2],
                "64.08",
                "risiko",
                "Patroli bersama di Sangatta Utara untuk mencegah konflik horizontal",
                "polri_tni",
                D(2024, 11, 26),
                None,
            ),
            (
                RAKOR_18,
                None,
                "lainnya",
                "Pendataan potensi pemilih pemula di seluruh kabupaten/kota",
                "kesbangpol",
                D(2024, 11, 25),
                None,
            ),
        ]
        for date, code, source, title, agency, due, closed_at in rows:
            FollowUp.objects.update_or_create(
                session=sessions[date],
                title=title,
                defaults={
                    "region": regions[code] if code else None,
                    "source": source,
                    "agency": agency,
                    "due_date": due,
                    "created_by": secretariat,
                    "closed_at": closed_at,
                    "closed_by": secretariat if closed_at else None,
                },
            )

    @translation.override(settings.LANGUAGE_CODE)
    def print_logins(self, regions: dict[str, Region]) -> None:
        """The logins, in Bahasa Indonesia like the rest of the output (regions: "Kota Bontang")."""
        self.stdout.write(self.style.SUCCESS("Data demo siap. Login demo (kata sandi semua akun):"))
        self.stdout.write(f"  kata sandi: {DEMO_PASSWORD}")
        self.stdout.write(
            "  sekretariat          — Sekretariat provinsi (dasbor, pemeriksaan, laporan ke Mendagri)"
        )
        self.stdout.write("  sekda                — Sekretaris Daerah (dasbor, menandatangani naskah)")
        self.stdout.write("  kepala.kesbangpol    — Kepala Kesbangpol (memaraf naskah)")
        self.stdout.write("  mitra.kpu, mitra.bawaslu, … — Mitra instansi (tindak lanjut instansinya)")
        self.stdout.write("  admin                — Admin TI (halaman /admin/)")
        for code, username in USERNAMES.items():
            self.stdout.write(f"  {username:<20} — Operator {regions[code].display_name}")
