"""Follow-ups shared with the regions, and the operator told of what the secretariat decides: an
operator sees their region's open follow-ups and posts progress the secretariat reads; no operator
sees another region's; "Tindak lanjuti" never makes a second open follow-up; a returned or accepted
report and an assigned follow-up reach the region's operators."""

import datetime as dt
import html
import re
from urllib.parse import unquote

import pytest
from django.core import mail
from django.urls import reverse

from notifications.models import FollowUpUpdate, Notification
from regions.models import Region
from reports.models import FollowUp, ReadinessReport
from tests.factories import drop_sessions_after
from tests.security_data import browser

pytestmark = pytest.mark.django_db

PROVINCE_WIDE = "Pendataan potensi pemilih pemula di seluruh kabupaten/kota"
KUTIM_ONLY = "Patroli bersama di Sangatta Utara untuk mencegah konflik horizontal"


@pytest.fixture
def open_demo(demo, settings):
    settings.NOTIFY_CHANNELS = ["aplikasi", "email"]
    drop_sessions_after(demo)
    return demo


def follow_up(title: str) -> FollowUp:
    return FollowUp.objects.get(title=title)


def test_an_operator_sees_their_regions_and_the_province_wide_open_follow_ups_on_their_report_page(open_demo):
    page = browser("operator.kutim").get(reverse("reports:report_form")).content.decode()
    assert PROVINCE_WIDE in page and KUTIM_ONLY in page
    other = browser("operator.bontang").get(reverse("reports:report_form")).content.decode()
    assert PROVINCE_WIDE in other
    assert KUTIM_ONLY not in other


def test_an_operator_posts_progress_and_the_secretariat_reads_it_on_the_follow_up(open_demo):
    url = reverse("notifications:follow_up", args=[follow_up(KUTIM_ONLY).pk])
    response = browser("operator.kutim").post(
        url, {"status": "berjalan", "text": "Patroli gabungan dimulai 19 November."}, follow=True
    )
    assert "Kabar tindak lanjut disimpan" in response.content.decode()
    update = FollowUpUpdate.objects.get()
    assert (update.region.kemendagri_code, update.author.username, update.status) == (
        "64.08",
        "operator.kutim",
        "berjalan",
    )
    desk = browser("sekretariat").get(url).content.decode()
    assert "Patroli gabungan dimulai 19 November." in desk and "Sedang dikerjakan" in desk
    dashboard = (
        browser("sekretariat").get(reverse("reports:dashboard_session", args=[open_demo.pk])).content.decode()
    )
    assert f'href="{url}"' in dashboard


def test_an_empty_update_is_refused_beside_the_field_and_nothing_is_stored(open_demo):
    url = reverse("notifications:follow_up", args=[follow_up(KUTIM_ONLY).pk])
    response = browser("operator.kutim").post(url, {"status": "berjalan", "text": "   "})
    assert response.status_code == 200
    assert "Tuliskan perkembangannya." in response.content.decode()
    assert not FollowUpUpdate.objects.exists()


def test_an_operator_cannot_open_or_post_on_another_regions_follow_up(open_demo):
    url = reverse("notifications:follow_up", args=[follow_up(KUTIM_ONLY).pk])
    client = browser("operator.bontang")
    assert client.get(url).status_code == 404
    assert client.post(url, {"status": "selesai", "text": "bukan urusan kami"}).status_code == 404
    assert not FollowUpUpdate.objects.exists()


def test_on_a_province_wide_follow_up_an_operator_sees_only_their_own_regions_updates(open_demo):
    url = reverse("notifications:follow_up", args=[follow_up(PROVINCE_WIDE).pk])
    browser("operator.kutim").post(url, {"status": "terkendala", "text": "Data Kutim tertunda PENANDA-KUTIM"})
    browser("operator.bontang").post(url, {"status": "berjalan", "text": "Data Bontang 80 persen"})
    bontang = browser("operator.bontang").get(url).content.decode()
    assert "Data Bontang 80 persen" in bontang
    assert "PENANDA-KUTIM" not in bontang
    desk = browser("sekda").get(url).content.decode()
    assert "PENANDA-KUTIM" in desk and "Data Bontang 80 persen" in desk


@pytest.mark.parametrize("username", ["sekretariat", "sekda"])
def test_the_desk_reads_updates_but_does_not_post_them(open_demo, username):
    url = reverse("notifications:follow_up", args=[follow_up(PROVINCE_WIDE).pk])
    assert browser(username).post(url, {"status": "berjalan", "text": "atas nama daerah"}).status_code == 403
    assert not FollowUpUpdate.objects.exists()


def test_tindak_lanjuti_on_an_alert_already_followed_up_opens_the_open_follow_up_instead_of_a_copy(open_demo):
    existing = follow_up(KUTIM_ONLY)
    create = reverse("reports:follow_up_create", args=[open_demo.pk])
    client = browser("sekretariat")
    response = client.get(
        create, {"region": existing.region_id, "source": "risiko", "title": existing.title.upper()}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("notifications:follow_up", args=[existing.pk])
    before = FollowUp.objects.count()
    response = client.post(
        create,
        {
            "region": existing.region_id,
            "source": "risiko",
            "title": existing.title,
            "agency": "polri_tni",
            "due_date": "2024-11-30",
        },
    )
    assert "masih terbuka" in response.content.decode()
    assert FollowUp.objects.count() == before


def test_a_closed_follow_up_can_be_raised_again(open_demo, committed):
    existing = follow_up(KUTIM_ONLY)
    FollowUp.objects.filter(pk=existing.pk).update(closed_at=dt.datetime(2024, 11, 17, tzinfo=dt.UTC))
    data = {
        "region": existing.region_id,
        "source": "risiko",
        "title": existing.title,
        "agency": "polri_tni",
        "due_date": "2024-11-30",
    }
    committed(browser("sekretariat").post, reverse("reports:follow_up_create", args=[open_demo.pk]), data)
    assert FollowUp.objects.filter(title=existing.title).count() == 2


def test_a_new_follow_up_for_a_region_tells_its_operators_and_its_agency_and_no_one_else(
    open_demo, committed
):
    kutim = Region.objects.get(kemendagri_code="64.08")
    data = {
        "region": kutim.pk,
        "source": "kekurangan",
        "title": "Pastikan bilik suara cukup",
        "agency": "kpu",
        "due_date": "2024-11-25",
    }
    committed(browser("sekretariat").post, reverse("reports:follow_up_create", args=[open_demo.pk]), data)
    assert {m.to[0] for m in mail.outbox} == {
        "operator.kutim@desk.kaltimprov.go.id",
        "mitra.kpu@desk.kaltimprov.go.id",
    }
    assert "Pastikan bilik suara cukup" in mail.outbox[0].body
    notices = Notification.objects.filter(channel="aplikasi", event="tindak_lanjut")
    assert sorted(notices.values_list("recipient__username", flat=True)) == ["mitra.kpu", "operator.kutim"]
    bell = browser("operator.kutim").get(reverse("notifications:notices")).content.decode()
    assert "Tindak lanjut baru: Pastikan bilik suara cukup" in bell


@pytest.mark.parametrize(
    ("decision", "status", "words"),
    [("return", "dikembalikan", "dikembalikan"), ("accept", "diterima", "diterima")],
)
def test_the_operator_is_told_when_their_report_is_returned_or_accepted_with_the_reviewers_comment(
    open_demo, committed, decision, status, words
):
    report = ReadinessReport.objects.get(session=open_demo, region__kemendagri_code="64.74")
    comment = "Angka personel Polres belum sesuai surat Kapolres."
    response = committed(
        browser("sekretariat").post,
        reverse("reports:review", args=[report.pk]),
        {"decision": decision, "comment": comment, "version": report.version},
    )
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == ["operator.bontang@desk.kaltimprov.go.id"]
    assert words in message.subject and f"“{comment}”" in message.body
    notice = Notification.objects.get(channel="aplikasi")
    assert (notice.recipient.username, notice.event, notice.sent_by.username) == (
        "operator.bontang",
        status,
        "sekretariat",
    )
    assert not Notification.objects.exclude(recipient__username="operator.bontang").exists()


def test_tindak_lanjuti_drafts_an_action_from_the_finding_which_the_secretariat_edits(open_demo):
    desk = browser("sekretariat")
    page = desk.get(reverse("reports:dashboard_session", args=[open_demo.pk])).content.decode()
    create = reverse("reports:follow_up_create", args=[open_demo.pk])
    links = [unquote(html.unescape(link)) for link in re.findall(rf'href="({create}\?[^"]+)"', page)]
    drafted = "Pastikan kekurangan surat suara 1.200 lembar di Kota Samarinda terpenuhi"
    shortage = next(link for link in links if drafted in link)
    query = dict(pair.split("=", 1) for pair in shortage.split("?", 1)[1].split("&"))
    form = desk.get(create, query).content.decode()
    assert f'value="{drafted}"' in form
    samarinda = Region.objects.get(kemendagri_code="64.72")
    edited = "Pastikan kekurangan surat suara 1.200 lembar di Kota Samarinda dipenuhi KPU sebelum 22 November"
    data = {**query, "title": edited, "due_date": "2024-11-22"}
    assert desk.post(create, data).status_code == 302
    assert FollowUp.objects.filter(title=edited, region=samarinda, closed_at=None).count() == 1
    assert not FollowUp.objects.filter(title=drafted).exists()


def test_every_alert_but_a_missing_report_drafts_an_action_starting_with_pastikan(open_demo):
    dashboard = reverse("reports:dashboard_session", args=[open_demo.pk])
    page = browser("sekretariat").get(dashboard).content.decode()
    titles = [unquote(html.unescape(title)) for title in re.findall(r'title=([^"&]+)"', page)]
    assert len(titles) >= 4
    assert all(title.startswith("Pastikan ") for title in titles), titles
