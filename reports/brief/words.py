"""How the letter to the Minister writes counts, names, dates and percentages: as Indonesians write
them in a sentence ("tujuh dari sepuluh", "A, B dan C", "23–25 November 2024", "79 persen")."""

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.utils import formats, timezone

from reports.rollup.lights import number

WORDS = ("nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh")


def count(value: int) -> str:
    """Small counts in words ("tujuh"), larger ones in figures ("1.214")."""
    return WORDS[value] if 0 <= value < len(WORDS) else number(value)


def names(items: Iterable[object]) -> str:
    """ "A", "A dan B", "A, B dan C"."""
    texts = [str(item) for item in items]
    return texts[0] if len(texts) == 1 else f"{', '.join(texts[:-1])} dan {texts[-1]}" if texts else ""


def day(value: dt.date) -> str:
    return formats.date_format(value, "j F Y")


def moment(value: dt.datetime) -> str:
    """ "18 November 2024 pukul 09.15 WITA": a moment as the desk writes it, in the desk's time zone."""
    local = timezone.localtime(value)
    return f"{day(local.date())} pukul {local:%H.%M} WITA"


def weekday(value: dt.date) -> str:
    return formats.date_format(value, "l, j F Y")


def period(start: dt.date, end: dt.date | None) -> str:
    """ "23 November 2024", "23–25 November 2024", "30 November – 2 Desember 2024"."""
    end = end or start
    if end == start:
        return day(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{day(end)}"
    if start.year == end.year:
        return f"{formats.date_format(start, 'j F')} – {day(end)}"
    return f"{day(start)} – {day(end)}"


def percent(value: Decimal) -> str:
    """79 → "79 persen", 77.5 → "77,5 persen"."""
    whole = value == value.to_integral_value()
    return f"{formats.number_format(value, 0 if whole else 1)} persen"


def sentence(text: str) -> str:
    text = text.strip()
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?", "…")) else f"{text}."
