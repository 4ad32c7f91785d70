"""On a phone, in two languages, in one date format: the form's send bar and spare lines, logistics
items and region names in the page's language (the letter and files stay Indonesian), the dates
people read in files, commands and the signature, and our corrections to Django's Indonesian."""

import datetime as dt
import io
import os
import re

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from reports.brief import checklist, pades
from reports.brief.exports import xlsx
from reports.brief.letter import indonesian, text_of
from reports.models import LogisticsItem, ShortageLine
from reports.rollup.summary import summary
from tests.conftest import make_report

pytestmark = pytest.mark.django_db

SENT = dt.datetime(2024, 11, 17, 10, 0, tzinfo=dt.UTC)


def words(response) -> str:
    """The page's text with its markup and runs of spaces removed."""
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


@pytest.fixture
def short_of_ballots(session, region) -> ShortageLine:
    report = make_report(
        session,
        region,
        status="submitted",
        first_submitted_at=SENT,
        readiness="siap",
        logistics_status="kekurangan",
    )
    item = session.election.logistics_items.get(name="Surat suara")
    return ShortageLine.objects.create(report=report, item=item, quantity=1200)


def in_english(client, user: User):
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_the_send_bar_keeps_the_history_link_as_an_icon_with_its_words_for_screen_readers(
    client, operator, session
):
    """The bar's third control names itself in words hidden on a phone, so the bar stays one row."""
    client.force_login(operator)
    page = client.get(reverse("reports:report_form")).content.decode()
    bar = page[page.index('<div class="report-actions">') :]
    bar = bar[: bar.index("</div>")]
    assert '<span class="report-actions-label">Riwayat laporan</span>' in bar
    css = (settings.BASE_DIR / "static" / "css" / "desk.css").read_text()
    rule = css[css.index(".report-actions {") :]
    rule = rule[: rule.index("}")]
    assert (
        "flex-wrap: nowrap" in rule
        and "background: #f4f6f9" in rule
        and "rgba" not in rule.split("box-shadow")[0]
    )


def test_an_empty_spare_line_shows_no_required_asterisk_but_a_used_line_does(
    client, operator, session, short_of_ballots
):
    """The filled shortage line marks its item and quantity required; the spare lines below mark nothing."""
    client.force_login(operator)
    page = client.get(reverse("reports:report_form")).content.decode()
    used = re.search(r'for="id_kekurangan-0-item"[^>]*>[^<]*(<span class="asteriskField">)?', page)
    spare = re.search(r'for="id_kekurangan-1-item"[^>]*>[^<]*(<span class="asteriskField">)?', page)
    spare_agenda = re.search(r'for="id_agenda-0-kind"[^>]*>[^<]*(<span class="asteriskField">)?', page)
    template = re.search(
        r'for="id_kekurangan-__prefix__-quantity"[^>]*>[^<]*(<span class="asteriskField">)?', page
    )
    assert used and used.group(1), "a used line marks its item required"
    assert spare and not spare.group(1)
    assert spare_agenda and not spare_agenda.group(1)
    assert template and not template.group(1)


def test_english_pages_name_logistics_items_and_units_in_english(
    client, operator, secretariat, short_of_ballots
):
    """The operator's form, the dashboard's totals and alert and the drill-down say "ballot papers"."""
    form = words(in_english(client, operator).get(reverse("reports:report_form")))
    assert "Ballot papers" in form and "Surat suara" not in form
    desk = in_english(client, secretariat)
    dashboard = words(desk.get(reverse("reports:dashboard")))
    assert "Ballot papers 1,200 sheets" in dashboard
    assert "short of ballot papers 1,200 sheets" in dashboard
    assert "surat suara" not in dashboard.lower() and "lembar" not in dashboard
    report = short_of_ballots.report
    drilldown = words(desk.get(reverse("reports:region_detail", args=[report.session.pk, report.region.pk])))
    assert "Ballot papers: 1,200 sheets" in drilldown


def test_an_item_the_admin_added_keeps_its_own_name_and_unit_in_english(session):
    """Only the election's known items are translated; a new one reads as it was typed."""
    generator = LogisticsItem.objects.create(election=session.election, name="Genset", unit="unit")
    ballots = session.election.logistics_items.get(name="Surat suara")
    with translation.override("en"):
        assert (generator.display_name, generator.display_unit) == ("Genset", "unit")
        assert (ballots.display_name, ballots.display_unit) == ("Ballot papers", "sheets")
    assert (ballots.display_name, ballots.display_unit) == ("Surat suara", "lembar")


def test_the_letter_and_the_workbook_name_items_in_indonesian_while_the_page_is_english(
    session, short_of_ballots
):
    """Drawn while English is active, the letter and the workbook still say "surat suara 1.200 lembar"."""
    with translation.override("en"), indonesian():
        result = summary(session)
        letter = text_of(session, result)
        workbook = load_workbook(io.BytesIO(xlsx(result)))
    assert "surat suara 1.200 lembar" in letter
    cells = " ".join(
        str(cell.value) for row in workbook.worksheets[0].iter_rows() for cell in row if cell.value
    )
    assert "Surat suara 1.200 lembar" in cells and "Ballot" not in cells


def test_english_pages_name_every_region_in_english_word_order(
    client, secretariat, session, region, other_region
):
    """A late report, the totals and the tiles' contacts all say "Bontang City", never "Kota Bontang"."""
    make_report(session, region, status="submitted", first_submitted_at=SENT, is_late=True)
    dashboard = words(in_english(client, secretariat).get(reverse("reports:dashboard")))
    assert f"late report: {region.name} City" in dashboard
    assert "Kota " not in dashboard and "Kabupaten " not in dashboard
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "id"
    assert f"laporan terlambat: Kota {region.name}" in words(client.get(reverse("reports:dashboard")))


def test_regions_a_signer_acknowledged_are_named_in_the_pages_language(db):
    """Kept as the letter says them ("Kabupaten Paser"), they read "Paser Regency" on an English page."""
    stored = [{"kind": "terlambat", "regions": ["Kabupaten Paser", "Kota Lama Yang Dihapus"]}]
    with translation.override("en"):
        assert checklist.acknowledged(stored) == [
            ("Late reports", ["Paser Regency", "Kota Lama Yang Dihapus"])
        ]
    assert checklist.acknowledged(stored)[0][1] == ["Kabupaten Paser", "Kota Lama Yang Dihapus"]


def test_the_workbooks_sheet_is_titled_with_the_long_date(session):
    """A sheet title allows no "/" and 31 characters: "Rakor 18 Nov 2024", not "Rakor 18-11-2024"."""
    with indonesian():
        workbook = load_workbook(io.BytesIO(xlsx(summary(session))))
    assert workbook.worksheets[0].title == f"Rakor {session.date.day} Nov 2024"


def test_the_visible_signature_tells_its_moment_as_the_letter_writes_dates(monkeypatch):
    """The stamp reads "18 November 2024 pukul 09.15 WITA" whatever the page's language."""
    moment = dt.datetime(2024, 11, 18, 1, 15, tzinfo=dt.UTC)
    monkeypatch.setattr(pades.clock, "now", lambda: moment)
    with translation.override("en"):
        assert pades._signed_at() == "18 November 2024 pukul 09.15 WITA"


def test_the_restore_command_tells_the_backups_moment_in_the_long_date_style(tmp_path, capsys, monkeypatch):
    """Asked whether to restore, the operator reads when the file was written as "… pukul 09.15 WITA"."""
    backup = tmp_path / "desk.sqlite3"
    backup.write_bytes(b"")
    written = dt.datetime(2024, 12, 9, 1, 15, tzinfo=dt.UTC).timestamp()
    os.utime(backup, (written, written))
    monkeypatch.setattr("builtins.input", lambda prompt: "tidak")
    with pytest.raises(Exception, match="Dibatalkan"):
        call_command("restore", str(backup))
    assert "9 Desember 2024 pukul 09.15 WITA" in capsys.readouterr().out


def test_the_admin_in_indonesian_spells_authentication_right(admin_client):
    """Our catalogue corrects Django's "Autentidikasi" and the selector's "Pindahkangrup"."""
    page = admin_client.get(reverse("admin:auth_user_add")).content.decode()
    assert "Autentikasi berbasis kata sandi" in page
    assert "Autentidikasi" not in page and "autentifikasu" not in page
    catalogue = admin_client.get(reverse("admin:jsi18n")).content.decode()
    assert "Hapus %s dengan menandainya" in catalogue
    assert "Pindahkan%s" not in catalogue


def test_the_indonesian_corrections_only_override_djangos_strings():
    """locale/id holds Django's msgids only; the project's own strings are written in Indonesian."""
    po = (settings.BASE_DIR / "locale" / "id" / "LC_MESSAGES" / "django.po").read_text()
    msgids = re.findall(r'^msgid "(.+)"$', po, re.MULTILINE)
    assert "Password-based authentication" in msgids
    assert all(re.fullmatch(r"[\x20-\x7e’]+", msgid) for msgid in msgids)
