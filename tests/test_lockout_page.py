"""The lock page helps the person locked out: when to try again as a clock time in WITA (not
"PT15M"), and whom to call."""

import datetime as dt

from django.urls import reverse
from django.utils import formats, timezone


def wita(moment: dt.datetime) -> str:
    return formats.time_format(timezone.localtime(moment), "H.i")


def test_the_lock_page_says_at_what_time_to_try_again_and_whom_to_call(client, operator, settings):
    settings.DESK = {**settings.DESK, "HELPDESK": "Pak Andi, TI Kesbangpol (0541-123456)"}
    before = timezone.now()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(reverse("login"), {"username": operator.username, "password": "salah"})
    after = timezone.now()
    page = response.content.decode()
    assert response.status_code == 429
    cool_off = dt.timedelta(minutes=15)
    assert any(
        f"Coba lagi dalam 15 menit, pukul {wita(moment + cool_off)} WITA." in page
        for moment in (before, after)
    ), page
    assert "PT15M" not in page
    assert "Hubungi Pak Andi, TI Kesbangpol (0541-123456)." in page
