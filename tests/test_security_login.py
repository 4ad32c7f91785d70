"""Getting in and staying in: login throttling per username and address, strong passwords, session
idle and absolute limits, logout and password change ending the other sessions, and two-factor login."""

import datetime as dt
import time
from urllib.parse import urlencode

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import UserSession
from accounts.sessions import SESSION_STARTED
from tests.conftest import PASSWORD, make_user


def attempt(client: Client, username: str, password: str = "salah-sekali", **meta):
    return client.post(reverse("login"), {"username": username, "password": password}, **meta)


def is_logged_in(client: Client) -> bool:
    response = client.get(reverse("password_change"))
    return response.status_code == 200


def test_login_is_locked_after_the_failure_limit_for_that_username_and_address(client, operator, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, operator.username, REMOTE_ADDR="10.0.0.1").status_code == 200
    locked = attempt(client, operator.username, REMOTE_ADDR="10.0.0.1")
    assert locked.status_code == 429
    assert "Akun terkunci sementara" in locked.content.decode()
    assert "Coba lagi dalam 15 menit" in locked.content.decode()
    # Even the right password is refused while locked.
    assert attempt(client, operator.username, PASSWORD, REMOTE_ADDR="10.0.0.1").status_code == 429
    assert not is_logged_in(client)


def test_a_locked_username_does_not_lock_other_users_or_other_addresses(
    client, operator, other_operator, settings
):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, operator.username, REMOTE_ADDR="10.0.0.1")
    assert attempt(client, other_operator.username, PASSWORD, REMOTE_ADDR="10.0.0.1").status_code == 302
    assert attempt(Client(), operator.username, PASSWORD, REMOTE_ADDR="10.0.0.2").status_code == 302


def test_the_lock_ends_after_the_cool_off(client, operator, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, operator.username, REMOTE_ADDR="10.0.0.1")
    assert attempt(client, operator.username, PASSWORD, REMOTE_ADDR="10.0.0.1").status_code == 429
    cool_off = dt.timedelta(hours=settings.AXES_COOLOFF_TIME)
    AccessAttempt.objects.update(attempt_time=timezone.now() - cool_off - dt.timedelta(seconds=1))
    assert attempt(client, operator.username, PASSWORD, REMOTE_ADDR="10.0.0.1").status_code == 302
    assert is_logged_in(client)


def test_behind_a_proxy_the_lock_follows_the_real_client_address_not_a_forged_one(client, operator, settings):
    settings.CLIENT_IP_HEADER = "X-Forwarded-For"
    settings.PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "192.168.0.10"}
    for number in range(settings.AXES_FAILURE_LIMIT):
        # The client forges the left part of the header; the proxy appends the real address.
        attempt(client, operator.username, HTTP_X_FORWARDED_FOR=f"1.2.3.{number}, 10.9.8.7", **proxy)
    assert AccessAttempt.objects.get().ip_address == "10.9.8.7"
    forged = attempt(client, operator.username, PASSWORD, HTTP_X_FORWARDED_FOR="5.5.5.5, 10.9.8.7", **proxy)
    assert forged.status_code == 429
    colleague = attempt(Client(), operator.username, PASSWORD, HTTP_X_FORWARDED_FOR="10.9.8.8", **proxy)
    assert colleague.status_code == 302


def signed_in_once(username: str, address: str) -> None:
    client = Client()
    assert attempt(client, username, PASSWORD, REMOTE_ADDR=address).status_code == 302
    client.post(reverse("logout"), REMOTE_ADDR=address)


def test_one_address_trying_many_usernames_may_not_try_another(client, operator, settings):
    settings.LOGIN_USERNAMES_PER_ADDRESS = 3
    for name in ("andi", "budi", "citra"):
        attempt(client, name, REMOTE_ADDR="10.0.0.1")
    sprayed = attempt(client, operator.username, PASSWORD, REMOTE_ADDR="10.0.0.1")
    assert sprayed.status_code == 429
    assert "Akun terkunci sementara" in sprayed.content.decode()
    assert attempt(Client(), operator.username, PASSWORD, REMOTE_ADDR="10.0.0.2").status_code == 302


def test_two_usernames_failing_at_one_address_do_not_lock_it(client, operator, settings):
    settings.LOGIN_USERNAMES_PER_ADDRESS = 3
    for name in ("andi", "budi"):
        attempt(client, name, REMOTE_ADDR="10.0.0.1")
    assert attempt(client, operator.username, PASSWORD, REMOTE_ADDR="10.0.0.1").status_code == 302


def test_an_operator_behind_a_shared_address_is_not_locked_out_by_a_spray_from_it(operator, settings):
    settings.LOGIN_USERNAMES_PER_ADDRESS = 3
    signed_in_once(operator.username, "10.0.0.1")
    for name in ("andi", "budi", "citra", "dewi"):
        attempt(Client(), name, REMOTE_ADDR="10.0.0.1")
    assert attempt(Client(), "eko", PASSWORD, REMOTE_ADDR="10.0.0.1").status_code == 429
    assert attempt(Client(), operator.username, PASSWORD, REMOTE_ADDR="10.0.0.1").status_code == 302


def test_many_addresses_trying_one_account_are_stopped_but_its_usual_address_gets_in(operator, settings):
    settings.LOGIN_ADDRESSES_PER_ACCOUNT = 3
    signed_in_once(operator.username, "10.0.0.1")
    for number in range(1, 4):
        attempt(Client(), operator.username, REMOTE_ADDR=f"172.16.0.{number}")
    assert attempt(Client(), operator.username, PASSWORD, REMOTE_ADDR="172.16.0.9").status_code == 429
    assert attempt(Client(), operator.username, PASSWORD, REMOTE_ADDR="10.0.0.1").status_code == 302


def test_a_known_address_never_lifts_the_lock_of_the_username_at_that_address(client, operator, settings):
    signed_in_once(operator.username, "10.0.0.1")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, operator.username, REMOTE_ADDR="10.0.0.1")
    assert attempt(client, operator.username, PASSWORD, REMOTE_ADDR="10.0.0.1").status_code == 429


@pytest.mark.parametrize("password", ["12345678901", "password123", "pendek", "operator.bontang1"])
def test_weak_passwords_are_refused(operator, password):
    with pytest.raises(ValidationError):
        validate_password(password, operator)


def test_a_long_unusual_password_is_accepted(operator):
    validate_password("Rakor-Senin-Samarinda-2024", operator)


def test_each_request_renews_the_idle_limit_and_an_idle_session_ends(client, operator, settings):
    client.force_login(operator)
    session = UserSession.objects.get(user_id=operator.pk)
    session.expire_date = timezone.now() + dt.timedelta(minutes=1)
    session.save()
    assert is_logged_in(client)
    renewed = UserSession.objects.get(user_id=operator.pk).expire_date
    assert renewed > timezone.now() + dt.timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)
    UserSession.objects.filter(user_id=operator.pk).update(
        expire_date=timezone.now() - dt.timedelta(seconds=1)
    )
    assert not is_logged_in(client)


def test_a_session_ends_at_the_absolute_limit_however_active(client, operator, settings):
    client.force_login(operator)
    assert is_logged_in(client)
    session = client.session
    session[SESSION_STARTED] = int(time.time()) - settings.SESSION_ABSOLUTE_SECONDS - 1
    session.save()
    response = client.get(reverse("password_change"), follow=True)
    assert response.redirect_chain[0][0].startswith(reverse("login"))
    assert "Sesi Anda sudah berakhir" in response.content.decode()
    assert not is_logged_in(client)


def test_a_session_within_the_absolute_limit_goes_on(client, operator, settings):
    client.force_login(operator)
    session = client.session
    session[SESSION_STARTED] = int(time.time()) - settings.SESSION_ABSOLUTE_SECONDS + 60
    session.save()
    assert is_logged_in(client)


def test_logout_ends_the_users_sessions_on_every_device_with_a_fixed_number_of_queries(
    operator, other_operator, django_assert_max_num_queries
):
    laptop, phone, colleague = Client(), Client(), Client()
    for device in (laptop, phone):
        assert attempt(device, operator.username, PASSWORD).status_code == 302
    colleague.force_login(other_operator)
    assert UserSession.objects.filter(user_id=operator.pk).count() == 2
    with django_assert_max_num_queries(6):
        laptop.post(reverse("logout"))
    assert not is_logged_in(phone)
    assert not UserSession.objects.filter(user_id=operator.pk).exists()
    assert is_logged_in(colleague)


def test_changing_the_password_ends_the_other_sessions_but_keeps_this_one(operator):
    laptop, phone = Client(), Client()
    laptop.force_login(operator)
    phone.force_login(operator)
    new_password = "Rakor-Senin-Samarinda-2024"
    response = laptop.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": new_password, "new_password2": new_password},
    )
    assert response.status_code == 302
    assert is_logged_in(laptop)
    assert not is_logged_in(phone)
    # The session row follows the cycled key, so a later logout still finds it.
    laptop.post(reverse("logout"))
    assert not UserSession.objects.filter(user_id=operator.pk).exists()


def current_code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def test_secretariat_switches_on_two_factor_login_with_a_code_from_the_app(client, secretariat, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # django-otp delays the next try after a wrong code
    client.force_login(secretariat)
    page = client.get(reverse("accounts:two_factor"))
    assert "Verifikasi dua langkah" in page.content.decode()
    assert "otpauth://totp/" in page.content.decode()
    device = TOTPDevice.objects.get(user=secretariat)
    wrong = client.post(
        reverse("accounts:two_factor"), {"token": "000000" if current_code(device) != "000000" else "111111"}
    )
    assert "Kode salah" in wrong.content.decode()
    assert not TOTPDevice.objects.get(pk=device.pk).confirmed
    client.post(reverse("accounts:two_factor"), {"token": current_code(device)})
    assert TOTPDevice.objects.get(pk=device.pk).confirmed
    assert "sudah aktif" in client.get(reverse("accounts:two_factor")).content.decode()


def test_operators_are_not_offered_two_factor_login(client, operator):
    client.force_login(operator)
    assert client.get(reverse("accounts:two_factor")).status_code == 403


def test_a_login_with_two_factor_on_reaches_no_page_before_the_code(client, secretariat):
    device = TOTPDevice.objects.create(user=secretariat, name="ponsel", confirmed=True)
    assert attempt(client, secretariat.username, PASSWORD).status_code == 302
    target = reverse("password_change")
    response = client.get(target)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two_factor_verify"))
    wrong = client.post(reverse("accounts:two_factor_verify"), {"token": "12ab56", "next": target})
    assert "Tulis enam angka" in wrong.content.decode()
    response = client.post(
        reverse("accounts:two_factor_verify"), {"token": current_code(device), "next": target}
    )
    assert response["Location"] == target
    assert is_logged_in(client)


def test_when_required_a_secretariat_without_a_device_is_sent_to_set_one_up_before_anything(
    client, secretariat, settings
):
    settings.OTP_REQUIRED_FOR_DESK = True
    assert attempt(client, secretariat.username, PASSWORD).status_code == 302
    for name in ("reports:dashboard", "home", "password_change", "notifications:notices"):
        response = client.get(reverse(name))
        assert response.status_code == 302, name
        setup = f"{reverse('accounts:two_factor')}?{urlencode({'next': reverse(name)})}"
        assert response["Location"] == setup, name
    page = client.get(reverse("accounts:two_factor"), follow=True).content.decode()
    assert "wajib memakai verifikasi dua langkah" in page
    device = TOTPDevice.objects.get(user=secretariat)
    client.post(reverse("accounts:two_factor"), {"token": current_code(device)})
    assert client.get(reverse("reports:dashboard")).status_code == 200


def test_the_requirement_leaves_operators_alone(client, operator, settings):
    settings.OTP_REQUIRED_FOR_DESK = True
    client.force_login(operator)
    assert client.get(reverse("reports:report_form")).status_code == 200


def test_without_the_requirement_a_secretariat_may_work_without_a_device(client, secretariat, settings):
    settings.OTP_REQUIRED_FOR_DESK = False
    client.force_login(secretariat)
    assert client.get(reverse("reports:dashboard")).status_code == 200


def test_in_production_the_admin_opens_only_to_a_verified_session(client, settings, db):
    settings.OTP_REQUIRED_FOR_ADMIN = True
    admin = make_user("admin.it", is_staff=True, is_superuser=True)
    client.force_login(admin)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    assert "otp_token" in client.get(reverse("admin:login")).content.decode()
    device = TOTPDevice.objects.create(user=admin, name="ponsel", confirmed=True)
    client.post(reverse("accounts:two_factor_verify"), {"token": current_code(device)})
    assert client.get(reverse("admin:index")).status_code == 200


def test_in_development_the_admin_needs_no_second_factor(client, settings, db):
    settings.OTP_REQUIRED_FOR_ADMIN = False
    client.force_login(make_user("admin.it", is_staff=True, is_superuser=True))
    assert client.get(reverse("admin:index")).status_code == 200


def test_the_lock_page_says_the_wait_in_minutes_in_the_chosen_language(client, operator, settings):
    settings.AXES_COOLOFF_TIME = 1 / 60
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    for _ in range(settings.AXES_FAILURE_LIMIT):
        locked = attempt(client, operator.username, REMOTE_ADDR="10.0.0.2")
    assert locked.status_code == 429
    assert "Try again in 1 minute," in locked.content.decode()
