"""Two factors for every desk role in production: the secretariat, the Kepala Kesbangpol, the
leaders, the partner agencies and the admins are sent to set up or verify their authenticator app
before any page, and back to the page they asked for afterwards; a region's operator is not. The
enrolment page draws the QR code of the key it shows."""

import base64
import re
from urllib.parse import parse_qs, urlencode, urlparse

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from PIL import Image
from pyzbar.pyzbar import decode

from accounts.access import Role
from deskpilkada.qr import qr_svg
from tests.conftest import make_user
from tests.letters import fresh_code

pytestmark = pytest.mark.django_db

# Each desk role and the page its home sends it to.
DESK = {
    "secretariat": (Role.SECRETARIAT, {}, "reports:dashboard"),
    "head": (Role.HEAD, {}, "reports:dashboard"),
    "leader": (Role.LEADER, {}, "reports:dashboard"),
    "partner": (Role.PARTNER, {}, "notifications:agency_follow_ups"),
    "admin": (None, {"is_staff": True, "is_superuser": True}, "reports:dashboard"),
    "staff": (None, {"is_staff": True}, "admin:index"),
}


@pytest.fixture
def production(settings):
    settings.OTP_REQUIRED_FOR_DESK = True
    settings.OTP_REQUIRED_FOR_ADMIN = True
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # django-otp delays the next try after a wrong code


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def desk_user(kind: str) -> User:
    role, extra, _home = DESK[kind]
    return make_user(f"uji.{kind}", role, **extra)


@pytest.mark.parametrize("kind", DESK)
def test_in_production_each_desk_role_enrols_first_and_then_reaches_its_home(kind, production):
    """Without a device, every page sends the account to enrol, then back to what it asked for."""
    user = desk_user(kind)
    client = signed_in(user)
    asked = reverse("notifications:notices")
    response = client.get(asked)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:two_factor')}?{urlencode({'next': asked})}"
    page = client.get(response["Location"]).content.decode()
    assert "wajib memakai verifikasi dua langkah" in page and 'name="next"' in page

    device = TOTPDevice.objects.get(user=user)
    enrolled = client.post(reverse("accounts:two_factor"), {"token": fresh_code_of(device), "next": asked})
    assert enrolled["Location"] == asked
    assert client.get(asked).status_code == 200
    home = client.get("/", follow=True)
    assert home.status_code == 200
    assert home.redirect_chain[-1][0] == reverse(DESK[kind][2])


@pytest.mark.parametrize("kind", DESK)
def test_in_production_each_desk_role_with_a_device_verifies_first_and_then_reaches_its_home(
    kind, production
):
    """An account with a device, signed in again, gives its code before any page, then goes on."""
    user = desk_user(kind)
    TOTPDevice.objects.create(user=user, name="ponsel", confirmed=True)
    client = signed_in(user)
    response = client.get("/")
    assert response["Location"] == f"{reverse('accounts:two_factor_verify')}?{urlencode({'next': '/'})}"
    verified = client.post(reverse("accounts:two_factor_verify"), {"token": fresh_code(user), "next": "/"})
    assert verified["Location"] == "/"
    assert client.get("/", follow=True).redirect_chain[-1][0] == reverse(DESK[kind][2])


def test_in_production_a_regions_operator_is_not_asked_for_a_second_factor(production, operator):
    """The operator reaches the report form with a password only."""
    client = signed_in(operator)
    assert client.get("/", follow=True).redirect_chain[-1][0] == reverse("reports:report_form")
    assert client.get(reverse("accounts:two_factor")).status_code == 403


def test_in_development_a_partner_agency_works_without_a_device(settings):
    """Outside production the demo stays easy: no device is asked of a partner agency."""
    settings.OTP_REQUIRED_FOR_DESK = False
    client = signed_in(desk_user("partner"))
    assert client.get(reverse("notifications:agency_follow_ups")).status_code == 200


def test_a_next_page_on_another_site_is_not_followed(production):
    """After verification a ``next`` pointing elsewhere is ignored for the home page."""
    user = desk_user("head")
    TOTPDevice.objects.create(user=user, name="ponsel", confirmed=True)
    client = signed_in(user)
    response = client.post(
        reverse("accounts:two_factor_verify"), {"token": fresh_code(user), "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("home")


def fresh_code_of(device: TOTPDevice) -> str:
    """The code of an unconfirmed device (``fresh_code`` reads the confirmed one)."""
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    code = fresh_code(device.user)
    device.confirmed = False
    device.save(update_fields=["confirmed"])
    return code


def raster(svg: bytes, scale: int = 8) -> Image.Image:
    """The SVG that ``qrcode`` draws (one unit square per dark module) as a black-on-white image,
    with a quiet zone, for a decoder that reads pixels as a camera would."""
    size = int(re.search(rb'viewBox="0 0 (\d+) (\d+)"', svg).group(1))
    image = Image.new("L", ((size + 8) * scale, (size + 8) * scale), 255)
    for x, y in re.findall(rb"M(\d+),(\d+)H", svg):
        left, top = (int(x) + 4) * scale, (int(y) + 4) * scale
        image.paste(0, (left, top, left + scale, top + scale))
    return image


def test_the_enrolment_pages_qr_code_decodes_to_the_devices_secret(production):
    """The QR code on the page is read back to the otpauth address the page links to, whose
    secret is the device's key, the same key the page shows for typing."""
    user = desk_user("leader")
    page = signed_in(user).get(reverse("accounts:two_factor")).content.decode()
    device = TOTPDevice.objects.get(user=user)
    key = base64.b32encode(device.bin_key).decode()

    image = re.search(r'<img class="two-factor-qr[^"]*" src="data:image/svg\+xml;base64,([^"]+)"', page)
    svg = base64.b64decode(image.group(1))
    link = re.search(r'href="(otpauth://[^"]+)" id="otpauth-link"', page).group(1).replace("&amp;", "&")
    (decoded,) = decode(raster(svg))
    assert decoded.type == "QRCODE"
    assert decoded.data.decode() == link
    assert svg == qr_svg(link)
    assert parse_qs(urlparse(link).query)["secret"] == [key.rstrip("=")]
    assert "".join(re.findall(r"<span>([A-Z2-7]{1,4})</span>", page)) == key
