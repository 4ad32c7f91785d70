"""docs/deploy.md, section 4, followed step by step on a fresh database (no demo): the superuser
enrols a second factor before the admin opens, fills the letter settings and uploads the signer's
certificate in the admin, the accounts are made, and the first rakor's letter goes through submit,
paraf, sign and forward to a mail that reaches the addressee's server."""

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.access import Role
from regions.models import Region
from reports.models import Delivery, LetterSettings, RakorSession, SignerCertificate
from reports.workflow.writes import mark_submitted, review
from tests import letters, pki
from tests.conftest import DEMO_DATE, make_report, make_user

pytestmark = pytest.mark.django_db(transaction=False)

GUIDE = (Path(__file__).resolve().parent.parent / "docs" / "deploy.md").read_text()
WORDS = " ".join(GUIDE.split())  # the guide's text with its line breaks as spaces
PASSWORD = "Kata-sandi-admin-2024"
MINISTER = "pusat@kemendagri.example"


def step(heading: str) -> None:
    """The guide has this step as a heading of its section 4."""
    assert re.search(rf"^### 4\.\d+ {re.escape(heading)}$", GUIDE, re.MULTILINE), heading


def code(device: TOTPDevice) -> str:
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token():06d}"


def admin_form_data(client: Client, url: str) -> dict:
    """What the admin's change form would post back unchanged: its fields and its inlines' forms."""
    context = client.get(url).context
    data = {}
    for form in [context["adminform"].form] + [
        form for inline in context["inline_admin_formsets"] for form in inline.formset.forms
    ]:
        for name in form.fields:
            value = form[name].value()
            if value is None or name == "emblem":
                continue
            if isinstance(value, list | tuple):
                data[form.add_prefix(name)] = [str(item) for item in value]
            else:
                data[form.add_prefix(name)] = value
    for inline in context["inline_admin_formsets"]:
        management = inline.formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
    return data


def test_the_deployment_guide_leads_from_an_empty_database_to_a_signed_mailed_letter(
    settings, mailbox, monkeypatch, django_capture_on_commit_callbacks, election
):
    """Each step of the guide, done as it says, leads to the next, up to the letter in the Minister's
    mailbox."""
    settings.OTP_REQUIRED_FOR_ADMIN = settings.OTP_REQUIRED_FOR_DESK = True
    assert not User.objects.exists() and not RakorSession.objects.exists()  # as migrations leave it

    step("Migrate and create the superuser")
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", PASSWORD)
    call_command("createsuperuser", "--noinput", username="admin.kaltim", email="admin@kaltimprov.go.id")
    admin = User.objects.get(username="admin.kaltim")

    step("The superuser's two factors")
    browser = Client()
    signed_in = browser.post(reverse("login"), {"username": "admin.kaltim", "password": PASSWORD})
    assert signed_in.status_code == 302
    assert browser.get(reverse("admin:index")).status_code == 302  # to the admin's login, asking for a code
    assert "/akun/dua-langkah/" in WORDS and "Please enter your OTP token." in WORDS
    enrol = browser.get(reverse("accounts:two_factor"))
    assert enrol.status_code == 200
    device = TOTPDevice.objects.get(user=admin, confirmed=False)
    browser.post(reverse("accounts:two_factor"), {"token": code(device)})
    assert TOTPDevice.objects.get(user=admin).confirmed
    assert browser.get(reverse("admin:index")).status_code == 200

    step("Accounts for every role")
    region = Region.objects.get(kemendagri_code="64.74")
    make_user("sekretariat", Role.SECRETARIAT, email="sekretariat@kaltimprov.go.id")
    head = make_user("kepala.kesbangpol", Role.HEAD, first_name="Ahmad", last_name="Fauzi")
    signer = make_user("sekda", Role.LEADER, first_name="Sri", last_name="Wahyuni")
    operator = make_user("operator.bontang", Role.OPERATOR, region)

    step("Pengaturan naskah dinas")
    letter = LetterSettings.load()
    url = reverse("admin:reports_lettersettings_change", args=[letter.pk])
    data = admin_form_data(browser, url)
    data.update({"addressee_email": MINISTER, "signer": signer.pk, "initialers": [head.pk]})
    response = browser.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    letter = LetterSettings.load()
    assert (letter.addressee_email, letter.signer, list(letter.initialers.all())) == (
        MINISTER,
        signer,
        [head],
    )

    step("The signer's certificate")
    bundle, _ca = pki.make("Sri Wahyuni", b"sandi-p12")
    response = browser.post(
        reverse("admin:reports_signercertificate_add"),
        {"user": signer.pk, "file": SimpleUploadedFile("sekda.p12", bundle), "secret": "sandi-p12"},
    )
    assert response.status_code == 302
    assert SignerCertificate.objects.filter(user=signer).exists()

    step("Mail")
    step("The first rakor")
    session = RakorSession.objects.create(election=election, date=DEMO_DATE)
    report = make_report(session, region)
    mark_submitted(report, operator)
    report.save()
    review(
        report,
        User.objects.get(username="sekretariat"),
        accept=True,
        comment="",
        expected_version=report.version,
    )
    with django_capture_on_commit_callbacks(execute=True):
        number = letters.sign(session)
    forwarder = letters.verified_client(User.objects.get(username="sekretariat"))
    with django_capture_on_commit_callbacks(execute=True):
        forwarded = forwarder.post(reverse("reports:brief_forward", args=[session.pk]), {"confirm": "on"})
    assert forwarded.status_code == 302
    delivery = Delivery.objects.get(letter=number)
    assert (delivery.status, delivery.address) == (Delivery.Status.SENT, MINISTER)
    # the letter, with its PDF, to the Minister; the chain's notices went to the desk's own people
    sent = [(recipients, body) for recipients, body in mailbox.received if b"application/pdf" in body]
    assert [recipients for recipients, _ in sent] == [[MINISTER]]
    assert all(
        MINISTER not in recipients for recipients, body in mailbox.received if (recipients, body) not in sent
    )
