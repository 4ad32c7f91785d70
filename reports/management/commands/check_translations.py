"""Fail when a string the user reads is untranslated, fuzzy, lacks a plural form, or is compiled
into a stale catalogue.

Strings are extracted afresh with ``makemessages`` in a temporary copy of the project (so the check
never touches the working tree), merged with the committed catalogue, and every entry must have a
translation that is not marked fuzzy. A plural entry (``ngettext``, ``{% blocktranslate count %}``)
needs every form the language has (``msgstr[0]``, ``msgstr[1]`` for English); a string that carries
a count (``%(count)s``, ``%(counter)s``) must be such a plural entry, or English says "1 reports".
The committed ``.mo`` must hold exactly what compiling the committed ``.po`` gives. ``make
messages`` updates and compiles the catalogues.

``locale/id`` is not a translation of the project (its strings are written in Bahasa Indonesia): it
holds only our corrections to Django's own Indonesian (the admin's "Autentidikasi"), in ``django.po``
and ``djangojs.po``. It is never extracted into, so it is not checked for completeness; its ``.mo``
files must be fresh like the others.
"""

import gettext
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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


# A placeholder that holds a number of things: the names the code and the templates give counts.
COUNT = re.compile(r"%\((count|counter)\)")


@dataclass
class Entry:
    msgid: str = ""
    translations: dict[str, str] = field(default_factory=dict)
    fuzzy: bool = False
    plural: bool = False


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
        if keyword == "msgid_plural":
            entries[-1].plural = True
        if keyword:
            target = keyword
        if target.startswith("msgstr"):
            entries[-1].translations[target] = entries[-1].translations.get(target, "") + text[1:-1]
        elif target == "msgid":
            entries[-1].msgid += text[1:-1]
    return [entry for entry in entries if entry.msgid]


def plural_forms(path: Path) -> int:
    """How many plural forms the catalogue's language has (its ``Plural-Forms`` header)."""
    found = re.search(r"nplurals=(\d+)", path.read_text(encoding="utf-8"))
    return int(found.group(1)) if found else 2


def untranslated(entries: list[Entry]) -> list[str]:
    return [e.msgid for e in entries if not any(e.translations.values())]


def missing_plural_forms(entries: list[Entry], forms: int) -> list[str]:
    """Plural entries translated in some forms but not all ``forms`` (e.g. an empty ``msgstr[1]``)."""
    return [
        e.msgid
        for e in entries
        if e.plural
        and any(e.translations.values())
        and not all(e.translations.get(f"msgstr[{n}]") for n in range(forms))
    ]


def counts_without_plural(entries: list[Entry]) -> list[str]:
    """Strings that carry a count but were marked with ``gettext``/``translate``, not plural forms."""
    return [e.msgid for e in entries if not e.plural and COUNT.search(e.msgid)]


def fuzzy(entries: list[Entry]) -> list[str]:
    return [e.msgid for e in entries if e.fuzzy]


def compiled_catalogue(mo: Path) -> dict[str, str]:
    with mo.open("rb") as handle:
        return gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]  # private in gettext


def compile_po(po: Path, mo: Path) -> None:
    result = subprocess.run(
        ["msgfmt", "--check-format", "-o", str(mo), str(po)], capture_output=True, text=True
    )
    if result.returncode:
        raise CommandError(f"msgfmt refuses {po}:\n{result.stderr}")


def stale(messages: Path, tmp: Path) -> list[str]:
    """The compiled catalogues in ``messages`` that differ from compiling their ``.po`` now."""
    problems = []
    for po in sorted(messages.glob("*.po")):
        mo, fresh = po.with_suffix(".mo"), tmp / f"{messages.parent.name}-{po.stem}.mo"
        compile_po(po, fresh)
        if not mo.exists() or compiled_catalogue(mo) != compiled_catalogue(fresh):
            problems.append(f"{mo.relative_to(settings.BASE_DIR)} is stale; run `make messages`")
    return problems


class Command(BaseCommand):
    help = "Fail when a string is untranslated or fuzzy, or a compiled catalogue (.mo) is stale."

    def handle(self, *args: Any, **options: Any) -> None:
        languages = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
        problems = []
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / "project"
            shutil.copytree(settings.BASE_DIR, copy, ignore=NOT_COPIED)
            for language in languages:
                problems += self.problems_of(language, copy, Path(tmp))
            corrections = settings.BASE_DIR / "locale" / settings.LANGUAGE_CODE / "LC_MESSAGES"
            problems += stale(corrections, Path(tmp))
        if problems:
            raise CommandError("\n".join(problems))
        self.stdout.write(
            f"Catalogues complete and compiled: {', '.join(languages)}; "
            f"corrections to Django's compiled: {settings.LANGUAGE_CODE}."
        )

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
        extracted_po = copy / messages / "django.po"
        entries = read_po(extracted_po)
        problems = [f"{language}: untranslated: {msgid!r}" for msgid in untranslated(entries)]
        problems += [f"{language}: fuzzy: {msgid!r}" for msgid in fuzzy(entries)]
        problems += [
            f"{language}: a plural form is missing: {msgid!r}"
            for msgid in missing_plural_forms(entries, plural_forms(extracted_po))
        ]
        problems += [
            f"{language}: a count without plural forms (use ngettext or blocktranslate count): {msgid!r}"
            for msgid in counts_without_plural(entries)
        ]

        return problems + stale(settings.BASE_DIR / messages, tmp)
