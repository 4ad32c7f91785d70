"""Create an election's weekly Monday rakor sessions up to voting day (idempotent)."""

from django.core.management.base import BaseCommand, CommandError

from reports.models import Election


class Command(BaseCommand):
    help = "Buat rakor mingguan (setiap Senin) sebuah pemilihan sampai hari pemungutan suara."

    def add_arguments(self, parser):
        parser.add_argument("election", help="Nama pemilihan, misalnya 'Pilkada Serentak 2024'.")

    def handle(self, *args, election, **options):
        try:
            chosen = Election.objects.get(name=election)
        except Election.DoesNotExist as exc:
            raise CommandError(f"Pemilihan {election!r} tidak ditemukan.") from exc
        created = chosen.create_weekly_sessions()
        for session in created:
            self.stdout.write(f"dibuat: {session}")
        self.stdout.write(self.style.SUCCESS(f"{len(created)} rakor baru untuk {chosen}."))
