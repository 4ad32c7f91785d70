"""Fail when a string the user reads is untranslated, fuzzy, or compiled into a stale catalogue.

Strings are extracted afresh with ``makemessages`` in a temporary copy of the project (so the check
never touches the working tree), merged with the committed catalogue, and every entry must have a
translation that is not marked fuzzy. The committed ``.mo`` must hold exactly what compiling the
committed ``.po`` gives. ``make messages`` updates and compiles the catalogues.
"""

import gettext
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

NOT_COPIED = shutil.ignore_patterns(
    ".venv",
    ".git",
    "node_modules",
    "staticfiles",
    "docs",
    "media",
    "backups",
    "__pycache__",
    ".*cache",
    "*.sqlite3",
)


@dataclass
class Entry:
    msgid: str = ""
    translations: dict[str, str] = field(default_factory=dict)
    fuzzy: bool = False


def read_po(path: Path) -> list[Entry]:
    """The entries of a ``.po`` file, without its header and obsolete (``#~``) entries."""
    entries: list[Entry] = []
    next_is_fuzzy, target = False, ""
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("#,") and "fuzzy" in line:
            next_is_fuzzy = True
        if not line or line.startswith("#"):
            continue
        keyword, text = ("", line) if line.startswith('"') else line.split(" ", 1)
        if keyword == "msgid":
            entries.append(Entry(fuzzy=next_is_fuzzy))
            next_is_fuzzy = False
        if keyword:
            target = keyword
        if target.startswith("msgstr"):
            entries[-1].translations[target] = entries[-1].translations.get(target, "") + text[1:-1]
        elif target == "msgid":
            entries[-1].msgid += text[1:-1]
    return [entry for entry in entries if entry.msgid]


def untranslated(entries: list[Entry]) -> list[str]:
    return [e.msgid for e in entries if not all(e.translations.values())]


def fuzzy(entries: list[Entry]) -> list[str]:
    return [e.msgid for e in entries if e.fuzzy]


def compiled_catalogue(mo: Path) -> dict:
    with mo.open("rb") as handle:
        return gettext.GNUTranslations(handle)._catalog


def compile_po(po: Path, mo: Path) -> None:
    result = subprocess.run(
        ["msgfmt", "--check-format", "-o", str(mo), str(po)], capture_output=True, text=True
    )
    if result.returncode:
        raise CommandError(f"msgfmt refuses {po}:\n{result.stderr}")


class Command(BaseCommand):
    help = "Fail when a string is untranslated or fuzzy, or a compiled catalogue (.mo) is stale."

    def handle(self, *args, **options):
        languages = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
        problems = []
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / "project"
            shutil.copytree(settings.BASE_DIR, copy, ignore=NOT_COPIED)
            for language in languages:
                problems += self.problems_of(language, copy, Path(tmp))
        if problems:
            raise CommandError("\n".join(problems))
        self.stdout.write(f"Catalogues complete and compiled: {', '.join(languages)}.")

    def problems_of(self, language: str, copy: Path, tmp: Path) -> list[str]:
        messages = Path("locale") / language / "LC_MESSAGES"
        extracted = subprocess.run(
            [sys.executable, "manage.py", "makemessages", "--locale", language, "--verbosity", "0"],
            cwd=copy,
            capture_output=True,
            text=True,
        )
        if extracted.returncode:
            raise CommandError(f"makemessages failed:\n{extracted.stderr}")
        entries = read_po(copy / messages / "django.po")
        problems = [f"{language}: untranslated: {msgid!r}" for msgid in untranslated(entries)]
        problems += [f"{language}: fuzzy: {msgid!r}" for msgid in fuzzy(entries)]

        po, mo = settings.BASE_DIR / messages / "django.po", settings.BASE_DIR / messages / "django.mo"
        fresh = tmp / f"{language}.mo"
        compile_po(po, fresh)
        if not mo.exists() or compiled_catalogue(mo) != compiled_catalogue(fresh):
            problems.append(f"{language}: {mo.relative_to(settings.BASE_DIR)} is stale; run `make messages`")
        return problems
