"""Running a letter through its paraf chain in a test: the demo's secretariat submits, the head of
Kesbangpol initials, the Sekda signs (as if verified with a two-factor code, every item of the
checklist ticked); and the codes an authenticator app would show."""

from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import User
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
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


def fresh_code(user: User) -> str:
    """The code the user's authenticator app shows now, or the next one when this one was used
    (django-otp accepts a code once, and the next step's within its tolerance), so a test may sign
    twice within thirty seconds."""
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    step = max(totp.t(), device.last_t + 1)
    totp.time = device.t0 + (step - device.drift) * device.step
    return f"{totp.token():0{device.digits}d}"


def code_of(client: Client) -> str:
    """A fresh code of the user signed in on ``client``, "" when that user has no authenticator."""
    user = User.objects.get(pk=client.session[SESSION_KEY])
    return fresh_code(user) if TOTPDevice.objects.filter(user=user, confirmed=True).exists() else ""


def verified_client(user: User) -> Client:
    """A browser signed in as ``user`` whose login was confirmed with a TOTP code."""
    device = TOTPDevice.objects.create(user=user, name="Autentikator", confirmed=True)
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client
