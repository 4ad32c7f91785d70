"""Create an election's weekly Monday rakor sessions up to voting day (idempotent)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from reports.models import Election


class Command(BaseCommand):
    help = "Buat rakor mingguan (setiap Senin) sebuah pemilihan sampai hari pemungutan suara."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("election", help="Nama pemilihan, misalnya 'Pilkada Serentak 2024'.")

    def handle(self, *args: Any, election: str, **options: Any) -> None:
        try:
            chosen = Election.objects.get(name=election)
        except Election.DoesNotExist as exc:
            raise CommandError(f"Pemilihan {election!r} tidak ditemukan.") from exc
        created = chosen.create_weekly_sessions()
        for session in created:
            self.stdout.write(f"dibuat: {session}")
        self.stdout.write(self.style.SUCCESS(f"{len(created)} rakor baru untuk {chosen}."))
