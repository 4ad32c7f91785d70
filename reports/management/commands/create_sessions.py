"""Create an election's weekly rakor sessions up to voting day from its calendar (idempotent): the
rakor's weekday and the reports' deadline time are the election's own fields."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.formats import date_format

from reports.models import Election


class Command(BaseCommand):
    help = "Buat rakor mingguan sebuah pemilihan sampai hari pemungutan suara, menurut kalendernya."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("election", help="Nama pemilihan, misalnya 'Pilkada Serentak 2024'.")
        parser.add_argument(
            "--pratinjau", action="store_true", help="Hanya tampilkan rakor yang akan dibuat."
        )

    def handle(self, *args: Any, election: str, pratinjau: bool, **options: Any) -> None:
        try:
            chosen = Election.objects.get(name=election)
        except Election.DoesNotExist as exc:
            raise CommandError(f"Pemilihan {election!r} tidak ditemukan.") from exc
        if pratinjau:
            planned = chosen.missing_weekly_sessions()
            for session in planned:
                deadline = date_format(timezone.localtime(session.deadline), "j F Y, H.i")
                self.stdout.write(f"akan dibuat: {session}, batas waktu {deadline} WITA")
            self.stdout.write(f"{len(planned)} rakor akan dibuat untuk {chosen}.")
            return
        created = chosen.create_weekly_sessions()
        for session in created:
            self.stdout.write(f"dibuat: {session}")
        self.stdout.write(self.style.SUCCESS(f"{len(created)} rakor baru untuk {chosen}."))
