"""Users per role, the demo, and factory functions shared by every test module."""

import datetime as dt
import io

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.utils import translation

from accounts.access import Role
from regions.models import Membership, Region
from reports.models import Election, RakorSession, ReadinessReport

PASSWORD = "Rahasia-Desk-2024"


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in Bahasa Indonesia: a request in English leaves its thread in English (the
    language middleware activates the chosen language per request), which later tests would inherit."""
    yield
    translation.deactivate()


def make_user(username: str, role: Role | None = None, region: Region | None = None, **extra) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD, **extra)
    if role is not None:
        user.groups.add(Group.objects.get(name=role.value))
    if region is not None:
        Membership.objects.create(user=user, region=region)
    return user


def make_report(session: RakorSession, region: Region, **fields) -> ReadinessReport:
    return ReadinessReport.objects.create(session=session, region=region, **fields)


@pytest.fixture
def election(db) -> Election:
    return Election.objects.get(name="Pilkada Serentak 2024")


@pytest.fixture
def session(election) -> RakorSession:
    return RakorSession.objects.create(election=election, date=dt.date(2024, 11, 18))


@pytest.fixture
def previous_session(election) -> RakorSession:
    return RakorSession.objects.create(election=election, date=dt.date(2024, 11, 11))


@pytest.fixture
def region(db) -> Region:
    return Region.objects.get(kemendagri_code="64.74")  # Bontang


@pytest.fixture
def other_region(db) -> Region:
    return Region.objects.get(kemendagri_code="64.01")  # Paser


@pytest.fixture
def operator(region) -> User:
    return make_user("operator.bontang", Role.OPERATOR, region)


@pytest.fixture
def other_operator(other_region) -> User:
    return make_user("operator.paser", Role.OPERATOR, other_region)


@pytest.fixture
def secretariat(db) -> User:
    return make_user("sekretariat", Role.SECRETARIAT)


@pytest.fixture
def leader(db) -> User:
    return make_user("sekda", Role.LEADER)


@pytest.fixture
def demo(db):
    """The 18 November 2024 rakor and its three weeks of history, as `make demo` loads them."""
    call_command("seed_demo", stdout=io.StringIO())
    return RakorSession.objects.get(date=dt.date(2024, 11, 18))


@pytest.fixture
def head(db) -> User:
    return make_user("kepala.kesbangpol.uji", Role.HEAD)
