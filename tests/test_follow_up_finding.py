"""A follow-up remembers the alert it was made from: pressing "Tindak lanjuti" again on that alert,
even after its title was edited, shows the open follow-up instead of making a second one; a forged
post is refused with a message; once closed, the alert can be followed up again."""

import datetime as dt
import html
import re
from urllib.parse import unquote

import pytest
from django.urls import reverse

from reports.models import FollowUp, RakorSession
from tests.factories import drop_sessions_after
from tests.security_data import browser

pytestmark = pytest.mark.django_db

DRAFTED = "Pastikan kekurangan surat suara 1.200 lembar di Kota Samarinda terpenuhi"
EDITED = "KPU Samarinda menambah 1.200 surat suara sebelum 22 November"


@pytest.fixture
def open_demo(demo):
    drop_sessions_after(demo)
    return demo


def alert_query(page: str, create: str) -> dict[str, str]:
    """The query of the dashboard's "Tindak lanjuti" link drafted from Samarinda's shortage."""
    links = [unquote(html.unescape(link)) for link in re.findall(rf'href="({create}\?[^"]+)"', page)]
    link = next(link for link in links if DRAFTED in link)
    return dict(pair.split("=", 1) for pair in link.split("?", 1)[1].split("&"))


def follow_up_from_the_alert(session: RakorSession) -> tuple[dict[str, str], FollowUp]:
    desk = browser("sekretariat")
    create = reverse("reports:follow_up_create", args=[session.pk])
    page = desk.get(reverse("reports:dashboard_session", args=[session.pk])).content.decode()
    query = alert_query(page, create)
    assert desk.post(create, {**query, "title": EDITED, "due_date": "2024-11-22"}).status_code == 302
    return query, FollowUp.objects.get(title=EDITED)


def test_a_follow_up_made_from_an_alert_keeps_its_finding(open_demo):
    _, made = follow_up_from_the_alert(open_demo)
    assert made.finding == "kekurangan:64.72"


def test_tindak_lanjuti_again_after_the_title_was_edited_shows_the_open_follow_up(open_demo):
    query, made = follow_up_from_the_alert(open_demo)
    desk = browser("sekretariat")
    page = desk.get(reverse("reports:dashboard_session", args=[open_demo.pk])).content.decode()
    create = reverse("reports:follow_up_create", args=[open_demo.pk])
    links = re.findall(rf'href="({create}\?[^"]+)"', page)
    assert not any(DRAFTED in unquote(html.unescape(link)) for link in links)
    assert f'href="{reverse("notifications:follow_up", args=[made.pk])}"' in page
    assert "Sedang ditindaklanjuti" in page
    response = desk.get(create, query)
    assert response["Location"] == reverse("notifications:follow_up", args=[made.pk])
    assert FollowUp.objects.filter(finding="kekurangan:64.72").count() == 1


def test_a_forged_post_for_a_finding_already_followed_up_is_refused_with_a_message(open_demo):
    query, _ = follow_up_from_the_alert(open_demo)
    create = reverse("reports:follow_up_create", args=[open_demo.pk])
    response = browser("sekretariat").post(create, {**query, "title": "Judul lain", "due_date": "2024-11-25"})
    assert response.status_code == 200
    assert "Temuan ini sudah ditindaklanjuti" in response.content.decode()
    assert FollowUp.objects.filter(finding="kekurangan:64.72").count() == 1


def test_a_forged_finding_that_no_alert_of_the_region_carries_is_refused(open_demo):
    query, _ = follow_up_from_the_alert(open_demo)
    create = reverse("reports:follow_up_create", args=[open_demo.pk])
    data = {**query, "finding": "kekurangan:64.08", "title": "Judul lain", "due_date": "2024-11-25"}
    response = browser("sekretariat").post(create, data)
    assert "Temuan asal tindak lanjut ini tidak dikenali" in response.content.decode()
    assert not FollowUp.objects.filter(title="Judul lain").exists()


def test_once_closed_the_alert_can_be_followed_up_again(open_demo):
    query, made = follow_up_from_the_alert(open_demo)
    FollowUp.objects.filter(pk=made.pk).update(closed_at=dt.datetime(2024, 11, 17, tzinfo=dt.UTC))
    create = reverse("reports:follow_up_create", args=[open_demo.pk])
    response = browser("sekretariat").post(create, {**query, "title": "Lagi", "due_date": "2024-11-25"})
    assert response.status_code == 302
    assert FollowUp.objects.filter(finding="kekurangan:64.72").count() == 2
