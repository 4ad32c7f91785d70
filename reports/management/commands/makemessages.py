"""``makemessages`` with the project's defaults, so ``make messages`` and ``check_translations``
extract the same strings: only the application's own code (not the tests, the benchmark or the npm
packages), file names without line numbers (small diffs), and no obsolete entries."""

from typing import Any

from django.core.management.commands import makemessages

NOT_TRANSLATED = ["node_modules", "staticfiles", "tests", "bench", "docs"]


class Command(makemessages.Command):
    def handle(self, *args: Any, **options: Any) -> None:
        options["ignore_patterns"] = [*options["ignore_patterns"], *NOT_TRANSLATED]
        options["add_location"] = options["add_location"] or "file"
        options["no_obsolete"] = True
        super().handle(*args, **options)
