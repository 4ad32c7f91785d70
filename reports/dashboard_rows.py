"""The dashboard's per-region markup (tile, table row) and its alerts, built in Python.

At national scale the dashboard draws 545 regions twice and lists hundreds of alerts; through the
template engine each row cost about fifty variable lookups, filters and a URL reversal. Here a row
is one ``str.format`` with its words translated and escaped and its URLs' prefixes reversed once
per page; every value from the database goes through ``html.escape`` (what Django's autoescape
uses). The markup is byte for byte what the templates drew.
"""

from dataclasses import dataclass
from html import escape
from urllib.parse import quote

from django.urls import reverse
from django.utils.formats import date_format, localize
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from reports.models import RakorSession
from reports.rollup.lights import AlertKind, Light
from reports.rollup.parts import Alert, Figure, RegionRow

_MARK = 987654321

TILE = (
    '\n    <li>\n      <a class="desk-tile text-bg-{}" href="{}">\n'
    '        <span class="desk-tile-name">{}</span>\n'
    '        <span class="desk-tile-light"><i class="bi {}" aria-hidden="true"></i> {}</span>\n'
    '        <span class="desk-tile-state"><i class="bi {}" aria-hidden="true"></i> {}{}</span>{}\n'
    "      </a>\n    </li>\n    "
)
TILE_NOTE = '\n        <span class="desk-tile-state"><i class="bi {}" aria-hidden="true"></i> {}</span>'

ROW = (
    '\n        <tr>\n          <th scope="row"><a href="{}">{}</a>\n'
    '            <div class="small fw-normal text-body-secondary">{}</div></th>\n'
    '          <td data-label="{}">'
    '<span class="badge rounded-pill border border-{} text-{}-emphasis bg-{}-subtle">'
    '<i class="bi {}" aria-hidden="true"></i> {}</span>{}{}</td>\n'
    '          <td data-label="{}"><span class="badge text-bg-{} desk-light">'
    '<i class="bi {}" aria-hidden="true"></i>'
    " {}</span>\n            {}\n            {}\n          </td>\n"
    '          <td class="text-end" data-label="{}">{}</td>\n'
    '          <td class="text-end" data-label="{}">{}</td>\n'
    '          <td class="text-end" data-label="{}">{}</td>\n'
    "        </tr>\n      "
)
LATE_BADGE = (
    ' <span class="badge rounded-pill text-bg-warning">'
    '<i class="bi bi-clock-history" aria-hidden="true"></i> {}</span>'
)
NOTE_BADGE = ' <span class="badge rounded-pill text-bg-{}"><i class="bi {}" aria-hidden="true"></i> {}</span>'
STALE = '<div class="small text-warning-emphasis"><i class="bi bi-clock" aria-hidden="true"></i> {}: {}</div>'
UP = '<i class="bi bi-arrow-up-short" aria-hidden="true"></i>+'
DOWN = '<i class="bi bi-arrow-down-short" aria-hidden="true"></i>'


ALERT = (
    '\n    <li class="list-group-item d-flex gap-2 align-items-start">\n'
    '      <i class="bi {} text-{}" aria-hidden="true"></i>\n'
    '      <div class="flex-grow-1"><span class="visually-hidden">{}: </span>{}</div>\n'
    "      {}\n    </li>\n    "
)
ALERT_BUTTON = (
    '<a class="btn btn-sm btn-outline-secondary text-nowrap" '
    'href="{}?region={}&amp;source={}&amp;agency={}&amp;title={}">{}</a>'
)


@dataclass
class RegionMarkup:
    """The dashboard's region tiles, table rows and alerts, ready to output."""

    tiles: SafeString
    rows: SafeString
    alerts: SafeString


class _Page:
    """Words and URL prefixes of one dashboard page, all escaped once."""

    def __init__(self, session: RakorSession, can_edit: bool):
        self.can_edit = can_edit
        self.late = escape(gettext("terlambat"))
        self.unchanged = escape(gettext("sama dengan laporan sebelumnya"))
        self.carried = gettext("data rakor %(date)s")
        self.since = escape(gettext("sejak minggu lalu"))
        self.h_report = escape(gettext("Laporan"))
        self.h_light = escape(gettext("Kesiapan"))
        self.h_personnel = escape(gettext("Personel"))
        self.h_kecamatan = escape(gettext("Kecamatan siap"))
        self.h_voters = escape(gettext("Pemilih pemula"))
        self.follow_up = escape(gettext("Tindak lanjuti"))
        self.kinds = {kind: escape(str(kind.label)) for kind in AlertKind}
        self.follow_up_url = escape(reverse("reports:follow_up_create", args=[session.pk]))
        self.report_url = escape(reverse("reports:report_detail", args=[_MARK])).split(str(_MARK))
        self.region_url = escape(reverse("reports:region_detail", args=[session.pk, _MARK])).split(str(_MARK))

    def href(self, row: RegionRow) -> str:
        if row.is_reported:
            return f"{self.report_url[0]}{row.report.pk}{self.report_url[1]}"
        return f"{self.region_url[0]}{row.region.pk}{self.region_url[1]}"

    def carried_from(self, row: RegionRow) -> str:
        """ "data rakor 11 November": where a silent region's light and numbers come from."""
        return escape(self.carried % {"date": date_format(row.carried_from, "j F")})

    def note(self, row: RegionRow) -> tuple[str, str, str] | None:
        """The badge a tile and a row add: an unchanged copy, or a silent region's old data."""
        if row.is_unchanged:
            return "info", "bi-files", self.unchanged
        if row.carried is not None:
            return "light border", "bi-clock-history", self.carried_from(row)
        return None

    def figure(self, figure: Figure, row: RegionRow) -> str:
        if figure.value is None:
            return "—"
        if figure.carried:
            since = f'<div class="small text-body-secondary">{self.carried_from(row)}</div>'
            return f"{escape(localize(figure.value))}{since}"
        if not figure.changed:
            return escape(localize(figure.value))
        arrow = UP if figure.delta > 0 else DOWN
        return (
            f'{escape(localize(figure.value))}<div class="small desk-delta">{arrow}'
            f'{escape(localize(figure.delta))}<span class="visually-hidden"> {self.since}</span></div>'
        )

    def tile(self, row: RegionRow, href: str) -> str:
        note = self.note(row)
        return TILE.format(
            row.light.colour,
            href,
            escape(row.region.name),
            row.light.icon,
            escape(row.light_label),
            row.state.icon,
            escape(row.state_label),
            f" · {self.late}" if row.is_late else "",
            TILE_NOTE.format(note[1], note[2]) if note else "",
        )

    def row(self, row: RegionRow, href: str) -> str:
        state, light = row.state, row.light
        kecamatan = row.figures["kecamatan_ready"].value
        shown = row.reasons and row.light != Light.GREY  # a silent region's last report's findings too
        explanation = f'<div class="small">{escape(row.explanation)}</div>' if shown else ""
        note = self.note(row)
        stale = "".join(STALE.format(escape(str(item.label)), escape(item.message)) for item in row.stale)
        return ROW.format(
            href,
            escape(str(row.region)),
            escape(row.attendance_label),
            self.h_report,
            state.colour,
            state.colour,
            state.colour,
            state.icon,
            escape(row.state_label),
            LATE_BADGE.format(self.late) if row.is_late else "",
            NOTE_BADGE.format(*note) if note else "",
            self.h_light,
            light.colour,
            light.icon,
            escape(row.light_label),
            explanation,
            stale,
            self.h_personnel,
            self.figure(row.figures["security_personnel"], row),
            self.h_kecamatan,
            escape(f"{localize(kecamatan)}/{localize(row.region.kecamatan_count)}")
            if kecamatan is not None
            else "—",
            self.h_voters,
            self.figure(row.figures["first_time_voters"], row),
        )

    def alert(self, alert: Alert) -> str:
        kind = AlertKind(alert.kind)
        button = ""
        if self.can_edit and kind != AlertKind.MISSING:
            button = ALERT_BUTTON.format(
                self.follow_up_url,
                alert.region.pk,
                escape(str(kind.source)),
                escape(str(kind.agency)),
                escape(quote(str(alert.action))),
                self.follow_up,
            )
        return ALERT.format(kind.icon, kind.colour, self.kinds[kind], escape(str(alert.message)), button)


def region_markup(
    session: RakorSession, rows: list[RegionRow], alerts: list[Alert], can_edit: bool
) -> RegionMarkup:
    """The tiles, table rows and alerts of a dashboard page, in the active language."""
    page = _Page(session, can_edit)
    tiles, table = [], []
    for row in rows:
        href = page.href(row)
        tiles.append(page.tile(row, href))
        table.append(page.row(row, href))
    return RegionMarkup(
        tiles=mark_safe("".join(tiles)),
        rows=mark_safe("".join(table)),
        alerts=mark_safe("".join(page.alert(alert) for alert in alerts)),
    )
