"""Running a letter through its paraf chain in a test: the demo's secretariat submits, the head of
Kesbangpol initials, the Sekda signs (as if verified with a two-factor code, every item of the
checklist ticked)."""

from django.contrib.auth.models import User
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from reports.brief.checklist import Check
from reports.brief.letter import indonesian, text_of
from reports.models import LetterNumber, RakorSession
from reports.rollup.summary import summary
from reports.workflow import letter as chain


def current_text(session: RakorSession) -> str:
    session = RakorSession.objects.get(pk=session.pk)
    with indonesian():
        return text_of(session, summary(session))


def seen(session: RakorSession) -> str:
    return chain.digest(current_text(session))


def demo_people() -> tuple[User, User, User]:
    return tuple(User.objects.get(username=name) for name in ("sekretariat", "kepala.kesbangpol", "sekda"))


def submit(session: RakorSession) -> None:
    chain.submit(session, demo_people()[0], seen=seen(session))


def paraf(session: RakorSession) -> None:
    chain.paraf(session, demo_people()[1], seen=seen(session))


def submit_and_paraf(session: RakorSession) -> None:
    submit(session)
    paraf(session)


def sign(session: RakorSession) -> LetterNumber:
    """The demo session through the whole chain to its signature; returns the number issued."""
    submit_and_paraf(session)
    return chain.sign(session, demo_people()[2], seen=seen(session), verified=True, acknowledged=Check.values)


def verified_client(user: User) -> Client:
    """A browser signed in as ``user`` whose login was confirmed with a TOTP code."""
    device = TOTPDevice.objects.create(user=user, name="Autentikator", confirmed=True)
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client
