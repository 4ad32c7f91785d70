"""No page stays in a browser's cache: every page of every role, the login page and the brief's
files are sent ``Cache-Control: private, no-store``. (Static files keep their year-long caching;
that is tested against gunicorn in test_security_production.py.)"""

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils.cache import cc_delim_re

from tests.pages import ACCOUNTS, ANONYMOUS, pages_of


def directives(response) -> set[str]:
    return {part.strip().lower() for part in cc_delim_re.split(response.get("Cache-Control", ""))}


def client_of(username: str) -> Client:
    client = Client()
    if username != ANONYMOUS:
        client.force_login(User.objects.get(username=username))
    return client


@pytest.mark.parametrize("username", ACCOUNTS, ids=lambda name: name or "anonymous")
def test_every_page_of_every_account_is_private_and_not_stored(demo, username):
    client = client_of(username)
    for url in pages_of(username):
        response = client.get(url)
        assert {"private", "no-store"} <= directives(response), (url, response.get("Cache-Control"))


def test_the_brief_files_and_the_login_redirect_are_not_stored_either(demo):
    files = [reverse(name, args=[demo.pk]) for name in ("reports:brief_xlsx", "reports:brief_csv")]
    client = client_of("sekretariat")
    for url in files:
        response = client.get(url)
        assert response.status_code == 200
        assert {"private", "no-store"} <= directives(response), url
    redirect = Client().get(reverse("reports:dashboard"))
    assert redirect.status_code == 302
    assert {"private", "no-store"} <= directives(redirect)
