"""Write static/img/icons.svg, the sprite of the icons the templates and the code use (see
deskpilkada/icons.py): after using a new icon, run this and commit the sprite. ``--check`` writes
nothing and fails when the sprite is not what the source needs (the tests run it)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from deskpilkada.icons import SPRITE, names_used, sprite


class Command(BaseCommand):
    help = "Write static/img/icons.svg from node_modules/bootstrap-icons for the icons the source uses."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--check", action="store_true", help="Fail if the sprite is out of date.")

    def handle(self, *args: Any, check: bool = False, **options: Any) -> None:
        names = names_used()
        try:
            wanted = sprite(names)
        except FileNotFoundError as missing:
            raise CommandError(f"Not a Bootstrap Icon: {missing.filename}") from missing
        if check:
            if not SPRITE.exists() or SPRITE.read_text() != wanted:
                raise CommandError(f"{SPRITE} is out of date: run manage.py build_icons")
            return
        SPRITE.write_text(wanted)
        self.stdout.write(f"{SPRITE}: {len(names)} icons, {len(wanted):,} bytes")
