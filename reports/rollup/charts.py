"""Trend charts drawn on the server as inline SVG geometry: nothing to load, nothing inline to run.

The functions turn roll-up numbers into coordinates; the templates draw them with CSS classes (the
colours live in desk.css) and each chart comes with its numbers as a table for screen readers.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from reports.rollup.lights import number

if TYPE_CHECKING:
    from reports.rollup.parts import TrendPoint

WIDTH = 560
HEIGHT = 220
TOP = 28
BOTTOM = 36
LEFT = 12
RIGHT = 12


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    css: str
    title: str


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    text: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: list[Bar]
    labels: list[Label]  # values above the bars or points
    axis: list[Label]  # session dates below
    points: str = ""  # polyline points of a line chart
    dots: tuple[tuple[float, float], ...] = ()
    baseline: float = HEIGHT - BOTTOM


def _slots(count: int) -> tuple[float, list[float]]:
    """The width of a slot and the centre of each slot across the plot."""
    slot = (WIDTH - LEFT - RIGHT) / max(count, 1)
    return slot, [LEFT + slot * (i + 0.5) for i in range(count)]


def _short_date(day: dt.date) -> str:
    return date_format(day, "j M")


def _thin(labels: list[Label], most: int = 10) -> list[Label]:
    """At most about ``most`` labels, always keeping the last (the session shown)."""
    step = -(-len(labels) // most)
    return [label for i, label in enumerate(labels) if (len(labels) - 1 - i) % step == 0]


def completeness_chart(trend: Sequence["TrendPoint"]) -> Chart:
    """Per session a stacked bar: reported on time, late, missing, out of the expected regions."""
    slot, centres = _slots(len(trend))
    plot = HEIGHT - TOP - BOTTOM
    width = min(slot * 0.6, 56)
    bars, labels, axis = [], [], []
    for point, centre in zip(trend, centres, strict=True):
        scale = plot / max(point.expected, 1)
        y: float = HEIGHT - BOTTOM
        parts = (
            (point.reported - point.late, "chart-ontime", _("tepat waktu")),
            (point.late, "chart-late", _("terlambat")),
            (point.expected - point.reported, "chart-missing", _("belum melapor")),
        )
        for value, css, word in parts:
            if value <= 0:
                continue
            height = value * scale
            y -= height
            title = f"{_short_date(point.session.date)}: {number(value)} {word}"
            bars.append(
                Bar(round(centre - width / 2, 1), round(y, 1), round(width, 1), round(height, 1), css, title)
            )
        labels.append(Label(round(centre, 1), TOP - 8, f"{point.reported}/{point.expected}"))
        axis.append(Label(round(centre, 1), HEIGHT - BOTTOM + 18, _short_date(point.session.date)))
    return Chart(WIDTH, HEIGHT, bars, _thin(labels), _thin(axis))


def line_chart(dates: Sequence[dt.date], values: Sequence[int | None]) -> Chart:
    """A line of one number per session (security personnel, for instance); gaps are skipped."""
    slot, centres = _slots(len(dates))
    plot = HEIGHT - TOP - BOTTOM
    top = max((v for v in values if v is not None), default=0) or 1
    dots, labels, axis = [], [], []
    for day, value, centre in zip(dates, values, centres, strict=True):
        axis.append(Label(round(centre, 1), HEIGHT - BOTTOM + 18, _short_date(day)))
        if value is None:
            continue
        y = round(HEIGHT - BOTTOM - plot * value / top, 1)
        dots.append((round(centre, 1), y))
        labels.append(Label(round(centre, 1), y - 10, number(value)))
    points = " ".join(f"{x},{y}" for x, y in dots)
    return Chart(WIDTH, HEIGHT, [], _thin(labels), _thin(axis), points, tuple(dots))
