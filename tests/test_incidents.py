"""Incident reports: who reports and sees what (by URL too), the lifecycle, the follow-up link and
the urgent notice to the secretariat."""

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from accounts.access import Role
from incidents.models import Incident, IncidentUpdate, Status
from notifications.models import AgencyMembership, Notification
from regions.models import Kecamatan
from reports.models import WITA, FollowUp
from tests.conftest import make_user
from tests.incident_factories import make_incident

pytestmark = pytest.mark.django_db


def form_data(kecamatan: Kecamatan, **extra) -> dict:
    return {
        "kecamatan": kecamatan.pk,
        "place": "Kelurahan Guntung, TPS 004",
        "occurred_at": "21/11/2024 14.30",
        "kind": "politik_uang",
        "severity": "perhatian",
        "description": "Pembagian amplop kepada warga menjelang masa tenang.",
        "actions_taken": "Dilaporkan ke Panwascam.",
        "agencies": ["bawaslu"],
        **extra,
    }


@pytest.fixture
def partner(db) -> User:
    user = make_user("mitra.bawaslu", Role.PARTNER)
    AgencyMembership.objects.create(user=user, agency="bawaslu")
    return user


def test_an_operator_reports_an_incident_for_its_own_region(client, operator, region):
    client.force_login(operator)
    kecamatan = region.kecamatan.get(name="Bontang Utara")
    response = client.post(reverse("incidents:create"), form_data(kecamatan))
    incident = Incident.objects.get()
    assert response.status_code == 302 and response["Location"] == incident.get_absolute_url()
    assert (incident.region, incident.kecamatan, incident.status) == (region, kecamatan, Status.NEW)
    assert incident.occurred_at == dt.datetime(2024, 11, 21, 14, 30, tzinfo=WITA)
    assert incident.agency_labels == ["Bawaslu"]
    page = client.get(incident.get_absolute_url()).content.decode()
    assert "Pembagian amplop" in page and "Bontang Utara" in page and "Bawaslu" in page


def test_an_operator_cannot_report_in_another_regions_kecamatan(client, operator, other_region):
    client.force_login(operator)
    forged = other_region.kecamatan.first()
    response = client.post(
        reverse("incidents:create"), form_data(forged, region=other_region.pk, description="Tetap tertulis")
    )
    assert response.status_code == 200
    assert not Incident.objects.exists()
    kecamatan_errors = response.context["form"].errors["kecamatan"]
    assert kecamatan_errors == ["Pilih kecamatan di Kota Bontang dari daftar."]
    assert "Tetap tertulis" in response.content.decode()


def test_the_secretariat_cannot_pair_a_region_with_another_regions_kecamatan(
    client, secretariat, region, other_region
):
    client.force_login(secretariat)
    response = client.post(
        reverse("incidents:create"), form_data(other_region.kecamatan.first(), region=region.pk)
    )
    assert response.status_code == 200 and not Incident.objects.exists()
    assert "bukan bagian dari Kota Bontang" in response.context["form"].errors["kecamatan"][0]


def test_the_secretariat_reports_for_any_region(client, secretariat, other_region):
    client.force_login(secretariat)
    kecamatan = other_region.kecamatan.first()
    client.post(reverse("incidents:create"), form_data(kecamatan, region=other_region.pk))
    assert Incident.objects.get().region == other_region


@pytest.mark.parametrize(
    ("when", "message"),
    [
        ("future", "Waktu kejadian tidak boleh di masa depan."),
        ("2024-09-01T10:00", "Waktu kejadian paling awal 25 September 2024"),
        ("kemarin sore", "Tulis tanggal dan jam kejadian"),
    ],
)
def test_the_time_of_an_incident_is_bounded(client, operator, region, when, message):
    client.force_login(operator)
    if when == "future":
        when = (timezone.localtime(timezone.now(), WITA) + dt.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(reverse("incidents:create"), form_data(region.kecamatan.first(), occurred_at=when))
    assert not Incident.objects.exists()
    assert response.context["form"].errors["occurred_at"][0].startswith(message)


def test_an_overlong_description_is_refused_beside_its_field(client, operator, region):
    client.force_login(operator)
    response = client.post(
        reverse("incidents:create"), form_data(region.kecamatan.first(), description="x" * 4001)
    )
    assert not Incident.objects.exists()
    assert "Paling banyak 4000 karakter" in response.context["form"].errors["description"][0]


def test_an_operator_sees_only_its_own_regions_incidents_even_by_url(
    client, operator, other_operator, region, other_region
):
    own = make_incident(region, operator, description="Di Bontang")
    other = make_incident(other_region, other_operator, description="Di Paser")
    client.force_login(operator)
    listing = client.get(reverse("incidents:list")).content.decode()
    assert "Di Bontang" in listing and "Di Paser" not in listing
    assert client.get(own.get_absolute_url()).status_code == 200
    assert client.get(other.get_absolute_url()).status_code == 404
    response = client.post(reverse("incidents:update", args=[other.pk]), {"text": "x", "status": "selesai"})
    assert response.status_code == 404
    assert other.updates.count() == 0


def test_the_secretariat_sees_every_incident_and_filters_them(
    client, secretariat, operator, other_operator, region, other_region
):
    make_incident(region, operator, description="Di Bontang")
    make_incident(other_region, other_operator, description="Di Paser", status=Status.DONE)
    client.force_login(secretariat)
    everything = client.get(reverse("incidents:list")).content.decode()
    assert "Di Bontang" in everything and "Di Paser" in everything
    filtered = client.get(reverse("incidents:list"), {"region": other_region.pk, "status": "selesai"})
    assert "Di Paser" in filtered.content.decode() and "Di Bontang" not in filtered.content.decode()


def test_the_list_is_newest_first(client, secretariat, operator, region):
    make_incident(
        region, operator, description="Yang lama", occurred_at=dt.datetime(2024, 11, 1, tzinfo=WITA)
    )
    make_incident(
        region, operator, description="Yang baru", occurred_at=dt.datetime(2024, 11, 20, tzinfo=WITA)
    )
    client.force_login(secretariat)
    page = client.get(reverse("incidents:list")).content.decode()
    assert page.index("Yang baru") < page.index("Yang lama")


def test_a_partner_agency_sees_only_the_incidents_it_is_involved_in(client, partner, operator, region):
    involved = make_incident(region, operator, description="Bawaslu terlibat")
    involved.agencies.create(agency="bawaslu")
    elsewhere = make_incident(region, operator, description="Hanya Polri")
    elsewhere.agencies.create(agency="polri_tni")
    client.force_login(partner)
    listing = client.get(reverse("incidents:list")).content.decode()
    assert "Bawaslu terlibat" in listing and "Hanya Polri" not in listing
    assert client.get(elsewhere.get_absolute_url()).status_code == 404
    assert client.get(involved.get_absolute_url()).status_code == 200
    response = client.post(
        reverse("incidents:update", args=[involved.pk]), {"text": "x", "status": "selesai"}
    )
    assert response.status_code == 403


def test_the_lifecycle_runs_from_baru_through_ditangani_to_selesai_with_its_history(
    client, operator, secretariat, region
):
    incident = make_incident(region, operator)
    client.force_login(operator)
    client.post(
        reverse("incidents:update", args=[incident.pk]), {"text": "Dimediasi Polsek.", "status": "ditangani"}
    )
    client.force_login(secretariat)
    client.post(
        reverse("incidents:update", args=[incident.pk]), {"text": "Situasi kondusif.", "status": "selesai"}
    )
    incident.refresh_from_db()
    assert incident.status == Status.DONE
    steps = list(
        IncidentUpdate.objects.order_by("created_at").values_list("status_before", "status_after", "author")
    )
    assert steps == [("baru", "ditangani", operator.pk), ("ditangani", "selesai", secretariat.pk)]
    page = client.get(incident.get_absolute_url()).content.decode()
    assert "Dimediasi Polsek." in page and "Ditangani → Selesai" in page


def test_an_incident_does_not_go_back_to_baru(client, operator, region):
    incident = make_incident(region, operator, status=Status.HANDLING)
    client.force_login(operator)
    response = client.post(
        reverse("incidents:update", args=[incident.pk]), {"text": "Ulang", "status": "baru"}
    )
    assert response.status_code == 200
    assert "tidak kembali menjadi baru" in response.context["update_form"].errors["status"][0]
    assert not incident.updates.exists()


def test_leaders_read_but_do_not_write(client, leader, operator, region):
    incident = make_incident(region, operator)
    client.force_login(leader)
    page = client.get(incident.get_absolute_url())
    assert page.status_code == 200 and page.context["update_form"] is None
    assert client.get(reverse("incidents:create")).status_code == 403
    response = client.post(
        reverse("incidents:update", args=[incident.pk]), {"text": "x", "status": "selesai"}
    )
    assert response.status_code == 403


def test_the_secretariat_links_an_incident_to_a_follow_up(client, secretariat, operator, region, session):
    incident = make_incident(region, operator)
    follow_up = FollowUp.objects.create(
        session=session, region=region, title="Patroli gabungan", agency="polri_tni", due_date=session.date
    )
    client.force_login(operator)
    assert (
        client.post(reverse("incidents:link", args=[incident.pk]), {"follow_up": follow_up.pk}).status_code
        == 403
    )
    client.force_login(secretariat)
    client.post(reverse("incidents:link", args=[incident.pk]), {"follow_up": follow_up.pk})
    incident.refresh_from_db()
    assert incident.follow_up == follow_up
    assert "Patroli gabungan" in client.get(incident.get_absolute_url()).content.decode()


def test_an_urgent_incident_notifies_the_secretariat_at_once(
    client, operator, secretariat, region, django_capture_on_commit_callbacks
):
    client.force_login(operator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("incidents:create"), form_data(region.kecamatan.first(), severity="darurat"))
    incident = Incident.objects.get()
    notices = Notification.objects.filter(event=Notification.Event.URGENT_INCIDENT)
    assert {n.recipient for n in notices} == {secretariat}
    in_app = notices.get(channel=Notification.Channel.IN_APP)
    assert in_app.link == incident.get_absolute_url()
    assert in_app.subject == "Kejadian darurat di Kota Bontang: Politik uang"
    assert "Pembagian amplop" in in_app.message


def test_an_ordinary_incident_notifies_no_one(
    client, operator, secretariat, region, django_capture_on_commit_callbacks
):
    client.force_login(operator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("incidents:create"), form_data(region.kecamatan.first(), severity="biasa"))
    assert Incident.objects.exists()
    assert not Notification.objects.filter(event=Notification.Event.URGENT_INCIDENT).exists()


def test_the_operators_pages_and_the_desks_navigation_link_to_incidents(client, operator, secretariat):
    for user in (operator, secretariat):
        client.force_login(user)
        assert reverse("incidents:list") in client.get(reverse("incidents:list")).content.decode()
    assert User.objects.count() == 2
