"""The partner-agency role (Mitra): one account per agency sees and updates only the follow-ups
assigned to its agency, and nothing else of the desk; the secretariat reads its progress."""

import pytest
from django.urls import reverse
from django.utils import timezone

from notifications.models import AgencyMembership, FollowUpUpdate
from reports.models import FollowUp
from tests.security_data import browser

pytestmark = pytest.mark.django_db

PROVINCE_WIDE = "Pendataan potensi pemilih pemula di seluruh kabupaten/kota"  # Kesbangpol
KUTIM_PATROL = "Patroli bersama di Sangatta Utara untuk mencegah konflik horizontal"  # Polri/TNI


def follow_up(title: str) -> FollowUp:
    return FollowUp.objects.get(title=title)


def test_a_partners_home_lists_its_agencys_follow_ups_and_no_other(demo):
    response = browser("mitra.polri_tni").get("/", follow=True)
    assert response.redirect_chain[-1][0] == reverse("notifications:agency_follow_ups")
    page = response.content.decode()
    assert KUTIM_PATROL in page
    assert PROVINCE_WIDE not in page
    assert "Polri/TNI" in page


def test_a_partner_cannot_open_another_agencys_follow_up(demo):
    url = reverse("notifications:follow_up", args=[follow_up(PROVINCE_WIDE).pk])
    assert browser("mitra.polri_tni").get(url).status_code == 404
    assert browser("mitra.polri_tni").post(url, {"status": "berjalan", "text": "x"}).status_code == 404
    assert not FollowUpUpdate.objects.exists()


@pytest.mark.parametrize(
    "name",
    ["reports:dashboard", "reports:report_form", "reports:brief_current", "reports:report_history"],
)
def test_a_partner_is_refused_the_desks_pages(demo, name):
    assert browser("mitra.kpu").get(reverse(name)).status_code == 403


def test_a_partner_posts_progress_and_the_secretariat_reads_it_under_the_agencys_name(demo):
    url = reverse("notifications:follow_up", args=[follow_up(KUTIM_PATROL).pk])
    response = browser("mitra.polri_tni").post(
        url, {"status": "terkendala", "text": "Personel patroli baru tiba 20 November."}, follow=True
    )
    assert "Kabar tindak lanjut disimpan" in response.content.decode()
    update = FollowUpUpdate.objects.get()
    assert (update.region, update.agency, update.status) == (None, "polri_tni", "terkendala")
    desk = browser("sekretariat").get(url).content.decode()
    assert "Personel patroli baru tiba 20 November." in desk
    assert "Polri/TNI · Terkendala" in desk
    operator = browser("operator.kutim").get(url).content.decode()
    assert "Personel patroli baru tiba" not in operator


def test_a_partner_cannot_post_on_a_closed_follow_up(demo):
    item = follow_up(KUTIM_PATROL)
    item.closed_at = timezone.now()
    item.save()
    url = reverse("notifications:follow_up", args=[item.pk])
    assert browser("mitra.polri_tni").get(url).status_code == 200
    assert browser("mitra.polri_tni").post(url, {"status": "berjalan", "text": "x"}).status_code == 403
    assert not FollowUpUpdate.objects.exists()


def test_a_partner_without_an_agency_sees_no_follow_up(demo):
    AgencyMembership.objects.filter(user__username="mitra.kpu").delete()
    page = browser("mitra.kpu").get(reverse("notifications:agency_follow_ups")).content.decode()
    assert "Tidak ada tindak lanjut terbuka" in page
