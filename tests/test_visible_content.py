"""The demo week's dashboard, a drill-down and the brief page show the secretariat the same words and
numbers as the snapshots in tests/snapshots/, whatever the markup around them.

The snapshots were taken from the pages before their markup moved from Python strings back into
templates; a change of what a reader sees fails here. After a deliberate change of the visible
content, rewrite them with ``SNAPSHOT_UPDATE=1`` and review the diff of the .txt files.
"""

import datetime as dt
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from regions.models import Region
from reports.models import RakorSession, ReadinessReport

pytestmark = pytest.mark.django_db

SNAPSHOTS = Path(__file__).parent / "snapshots"
# The "riwayat perubahan" of a report is stamped when the demo is seeded, i.e. when the test runs.
SEEDED_AT = re.compile(r"\b\d{1,2} [A-Z][a-z]{2} \d{4} \d{2}\.\d{2} WITA")


class _Text(HTMLParser):
    """The text a reader sees: every tag becomes a space, script and style are dropped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.hidden += tag in ("script", "style")
        self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        self.hidden -= tag in ("script", "style")
        self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    parser.close()
    text = re.sub(r"\s+", " ", "".join(parser.parts)).strip()
    return SEEDED_AT.sub("<waktu seed> WITA", text)


def pages(session: RakorSession) -> dict[str, str]:
    """The demo week's pages, and the week before (forwarded: a shortage, stale sections, changes)."""
    bontang = ReadinessReport.objects.get(session=session, region__name="Bontang")
    samarinda = Region.objects.get(name="Samarinda")
    earlier = RakorSession.objects.get(election=session.election, date=dt.date(2024, 11, 11))
    return {
        "dashboard": reverse("reports:dashboard"),
        "dashboard_11_november": reverse("reports:dashboard_session", args=[earlier.pk]),
        "drilldown_bontang": bontang.get_absolute_url(),
        "drilldown_samarinda_missing": reverse("reports:region_detail", args=[session.pk, samarinda.pk]),
        "brief": reverse("reports:brief", args=[session.pk]),
    }


PAGES = ["dashboard", "dashboard_11_november", "drilldown_bontang", "drilldown_samarinda_missing", "brief"]


@pytest.mark.parametrize("page", PAGES)
def test_the_demo_weeks_page_shows_the_secretariat_what_it_showed_before(client, demo, page):
    client.force_login(User.objects.get(username="sekretariat"))
    response = client.get(pages(demo)[page])
    assert response.status_code == 200
    shown = visible_text(response.content.decode()) + "\n"
    snapshot = SNAPSHOTS / f"{page}.txt"
    if os.environ.get("SNAPSHOT_UPDATE") == "1":
        snapshot.write_text(shown)
    assert shown == snapshot.read_text()
