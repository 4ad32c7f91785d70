"""The desk's working day: a reviewer goes from one report waiting for review to the next, a
region's page leads to its neighbours, the Kepala Kesbangpol's menu reaches the dashboard and the
letter, two operators of a region are told apart, the admin's rakor form shows no internals, and a
new account is invited with a one-time link and must choose its own password."""

import re

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.access import Role
from accounts.models import Profile
from notifications.models import Contact
from regions.models import Region
from reports.models import RakorSession, ReadinessReport
from tests.conftest import PASSWORD, make_user
from tests.security_data import browser

pytestmark = pytest.mark.django_db


def waiting(session: RakorSession) -> list[ReadinessReport]:
    return list(ReadinessReport.objects.waiting_review(session).select_related("region"))


def accept(client: Client, report: ReadinessReport):
    return client.post(
        reverse("reports:review", args=[report.pk]),
        {"decision": "accept", "comment": "", "version": report.version},
    )


def test_after_accepting_the_reviewer_lands_on_the_next_report_waiting_for_review(demo):
    """Accepting a report opens the next one waiting (in region order), not the dashboard."""
    first, second, *_rest = waiting(demo)
    response = accept(browser("sekretariat"), first)
    assert response.status_code == 302
    assert response.url == second.get_absolute_url()
    assert ReadinessReport.objects.get(pk=first.pk).status == "accepted"


def test_after_the_last_review_the_reviewer_lands_on_the_dashboard(demo):
    """When nothing else waits, the reviewer goes back to the rakor's dashboard."""
    *others, last = waiting(demo)
    ReadinessReport.objects.filter(pk__in=[o.pk for o in others]).update(status="accepted")
    response = accept(browser("sekretariat"), last)
    assert response.url == demo.get_absolute_url()


def test_a_regions_page_links_to_the_previous_and_next_region_and_the_next_review(demo):
    """The drill-down offers the neighbouring regions and the next report waiting for review."""
    regions = list(Region.objects.all())
    middle = regions[1]
    page = browser("sekretariat").get(reverse("reports:region_detail", args=[demo.pk, middle.pk])).content
    html = page.decode()
    assert f'href="{reverse("reports:region_detail", args=[demo.pk, regions[0].pk])}" rel="prev"' in html
    assert f'href="{reverse("reports:region_detail", args=[demo.pk, regions[2].pk])}" rel="next"' in html
    following = ReadinessReport.objects.waiting_review(demo).next_after(middle)
    assert f"Berikutnya untuk diperiksa: {following.region}" in html


def test_the_kepala_kesbangpols_menu_has_the_dashboard_and_the_letter(demo):
    """The head of Kesbangpol reaches the dashboard and the letter from the menu."""
    html = browser("kepala.kesbangpol").get(reverse("reports:guide")).content.decode()
    menu = html.split('id="nav-main"')[1].split("</ul>")[0]
    assert reverse("reports:dashboard") in menu and reverse("reports:brief_current") in menu


def test_two_operators_of_a_region_are_named_beside_their_call_links(demo):
    """A tile with two operators says whose number each call/WhatsApp pair is."""
    bontang = Region.objects.get(kemendagri_code="64.74")
    second = make_user("operator.bontang.dua", Role.OPERATOR, bontang, first_name="Dewi", last_name="Lestari")
    Contact.objects.create(user=second, phone="+6281299990000")
    html = browser("sekretariat").get(reverse("reports:dashboard_session", args=[demo.pk])).content.decode()
    tile = next(
        item
        for item in re.findall(r'<li class="desk-tile-item">.*?</li>', html, re.S)
        if "Bontang</span>" in item
    )
    assert tile.count("desk-tile-contact-name") == 2
    assert '<span class="desk-tile-contact-name small text-truncate">Dewi Lestari</span>' in tile


def test_the_admins_rakor_form_shows_the_acknowledgements_in_words_and_no_stored_json(demo):
    """The rakor's admin page reads the signer's acknowledgements as words, with no raw list."""
    RakorSession.objects.filter(pk=demo.pk).update(
        sign_off_acknowledged=[{"kind": "terlambat", "regions": ["Kota Bontang"]}]
    )
    client = Client()
    client.force_login(make_user("admin.rakor", is_staff=True, is_superuser=True))
    html = client.get(reverse("admin:reports_rakorsession_change", args=[demo.pk])).content.decode()
    assert "Laporan terlambat: Kota Bontang" in html
    assert 'name="sign_off_acknowledged"' not in html and "iketahui saat persetujuan" not in html
    assert "&quot;kind&quot;" not in html and 'name="brief_text"' not in html


def add_user(client: Client, email: str):
    return client.post(
        reverse("admin:auth_user_add"),
        {
            "username": "staf.baru",
            "usable_password": "true",
            "password1": "Kata-Sandi-Awal-2024",
            "password2": "Kata-Sandi-Awal-2024",
            "first_name": "Staf",
            "last_name": "Baru",
            "email": email,
            "groups": [Group.objects.get(name=Role.SECRETARIAT.value).pk],
            "membership-TOTAL_FORMS": "0",
            "membership-INITIAL_FORMS": "0",
            "agency_membership-TOTAL_FORMS": "0",
            "agency_membership-INITIAL_FORMS": "0",
            "profile-TOTAL_FORMS": "0",
            "profile-INITIAL_FORMS": "0",
            "contact-TOTAL_FORMS": "0",
            "contact-INITIAL_FORMS": "0",
        },
        follow=True,
    )


def invitation_path(text: str) -> str:
    return re.search(r"https?://[^/\s]+(/akun/undangan/[^\s<\"]+/)", text).group(1)


def test_a_new_account_gets_a_one_time_invitation_link_that_sets_its_password(
    db, django_capture_on_commit_callbacks
):
    """The admin is shown the invitation link, it is mailed, and it sets the password once."""
    admin = Client()
    admin.force_login(make_user("admin.akun", is_staff=True, is_superuser=True))
    with django_capture_on_commit_callbacks(execute=True):
        page = add_user(admin, "staf.baru@kaltimprov.go.id").content.decode()
    path = invitation_path(page)
    [sent] = mail.outbox
    assert sent.to == ["staf.baru@kaltimprov.go.id"] and path in sent.body
    assert Profile.objects.get(user__username="staf.baru").must_change_password

    newcomer = Client()
    form_page = newcomer.get(path, follow=True)
    assert "Buat kata sandi" in form_page.content.decode()
    done = newcomer.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Sandi-Pilihan-Sendiri-77", "new_password2": "Sandi-Pilihan-Sendiri-77"},
    )
    assert done.status_code == 302 and done.url == reverse("login")
    user = User.objects.get(username="staf.baru")
    assert user.check_password("Sandi-Pilihan-Sendiri-77")
    assert not Profile.objects.get(user=user).must_change_password
    again = Client().get(path, follow=True).content.decode()
    assert "sudah dipakai atau tidak berlaku" in again


def test_an_account_that_must_change_its_password_reaches_no_page_until_it_does(db):
    """At first login every page leads to the password change; after it, the pages open."""
    user = make_user("operator.pertama")
    Profile.objects.create(user=user, must_change_password=True)
    client = Client()
    assert (
        client.post(reverse("login"), {"username": "operator.pertama", "password": PASSWORD}).status_code
        == 302
    )
    response = client.get(reverse("reports:guide"))
    assert response.status_code == 302 and response.url == reverse("password_change")
    changed = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Sandi-Baru-Sendiri-88",
            "new_password2": "Sandi-Baru-Sendiri-88",
        },
    )
    assert changed.status_code == 302
    assert not Profile.objects.get(user=user).must_change_password
    assert client.get(reverse("reports:guide")).status_code == 200
