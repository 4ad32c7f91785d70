"""``seed_scale`` loads a report for every region in every session, and the same seed loads the
same data (the benchmark's timings live in bench/, never here)."""

import io

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts.access import Role, role_of
from regions.models import Membership, Region
from reports.management.commands.seed_scale import SCALE_PASSWORD, SYNTHETIC_NOTE
from reports.models import AgendaLine, Attendance, FollowUp, RakorSession, ReadinessReport, ShortageLine

pytestmark = pytest.mark.django_db


def seed(*args: str) -> None:
    call_command("seed_scale", *args, stdout=io.StringIO())


def fingerprint() -> list[tuple]:
    """The seeded data without database ids and insert times."""
    reports = ReadinessReport.objects.order_by("session__date", "region__kemendagri_code")
    return [
        *reports.values_list(
            "session__date", "region__kemendagri_code", "status", "readiness", "security_personnel", "version"
        ),
        *ShortageLine.objects.order_by(
            "report__session__date", "report__region__kemendagri_code", "quantity"
        ).values_list("report__region__kemendagri_code", "item__name", "quantity"),
        *AgendaLine.objects.order_by(
            "report__session__date", "report__region__kemendagri_code", "date", "kind"
        ).values_list("report__region__kemendagri_code", "kind", "date", "place"),
        *Region.objects.values_list("kemendagri_code", "bps_code", "name", "province", "kecamatan_count"),
        *FollowUp.objects.order_by("session__date", "title").values_list("title", "agency", "due_date"),
    ]


def test_it_loads_a_report_for_every_region_in_every_session():
    seed("--regions", "14", "--sessions", "3")

    assert Region.objects.count() == 14
    assert Region.objects.filter(voters_note=SYNTHETIC_NOTE).count() == 4
    assert not Region.objects.filter(voters_note=SYNTHETIC_NOTE, province="Kalimantan Timur").exists()
    assert RakorSession.objects.count() == 3
    assert RakorSession.objects.filter(forwarded_at__isnull=True).count() == 1
    assert ReadinessReport.objects.count() == 14 * 3
    assert Attendance.objects.count() == 14 * 3
    assert AgendaLine.objects.exists()
    assert FollowUp.objects.exists()
    assert Membership.objects.count() == 14


def test_kaltim_scale_uses_the_ten_real_regions():
    seed("--regions", "10", "--sessions", "2")

    assert not Region.objects.filter(voters_note=SYNTHETIC_NOTE).exists()
    assert ReadinessReport.objects.filter(region__kemendagri_code="64.74").count() == 2


def test_the_secretariat_and_an_operator_log_in_through_the_form_with_the_known_password(client):
    seed("--regions", "11", "--sessions", "1")

    for username in ("skala.sekretariat", "skala.6474"):
        response = client.post(reverse("login"), {"username": username, "password": SCALE_PASSWORD})
        assert response.status_code == 302, username
        assert int(client.session["_auth_user_id"]) == User.objects.get(username=username).pk

    assert role_of(User.objects.get(username="skala.sekretariat")) == Role.SECRETARIAT
    operator = User.objects.get(username="skala.6474")
    assert role_of(operator) == Role.OPERATOR
    assert operator.membership.region.name == "Bontang"


def test_the_same_seed_loads_the_same_data_and_another_seed_does_not():
    seed("--regions", "12", "--sessions", "3", "--seed", "5")
    first = fingerprint()

    seed("--regions", "12", "--sessions", "3", "--seed", "5", "--reset")
    assert fingerprint() == first
    assert ReadinessReport.objects.count() == 36

    seed("--regions", "12", "--sessions", "3", "--seed", "6", "--reset")
    assert fingerprint() != first


def test_it_refuses_to_load_twice_without_reset():
    seed("--regions", "3", "--sessions", "1")

    with pytest.raises(CommandError, match="--reset"):
        seed("--regions", "3", "--sessions", "1")
    assert ReadinessReport.objects.count() == 3
