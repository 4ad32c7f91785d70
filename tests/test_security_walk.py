"""Login by default: every URL in the URLconf, including those added later, sends an anonymous
visitor to the login page, except the allow-list; and every POST without a CSRF token is refused."""

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import get_resolver, resolve, reverse

from reports.models import ReadinessReport
from tests.conftest import PASSWORD, make_user
from tests.urlwalk import walk

# The only views an anonymous visitor reaches; static files are served by whitenoise before any view.
ALLOW_LIST = {
    "login",
    "admin:login",
    "set_language",
    "healthz",
    "reports:verify",
    "accounts:invitation",
    "manifest",
    "service_worker",
}


@pytest.fixture
def every_url(demo):
    """Every pattern, its parameters filled with an existing report id (ids are shared by the seeded
    objects of most models; the anonymous visitor never reaches the lookup anyway)."""
    value = str(ReadinessReport.objects.order_by("pk").values_list("pk", flat=True).first())
    urls = list(walk(get_resolver().url_patterns, value=value))
    for name, path, callback in urls:
        assert resolve(path).func == callback, f"{name}: {path} resolves elsewhere"
    return urls


def test_the_walk_covers_the_whole_urlconf(every_url):
    names = {name for name, _, _ in every_url}
    assert {"home", "login", "admin:index", "admin:reports_readinessreport_change"} <= names
    assert len(every_url) > 50


@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_visitor_is_sent_to_login_from_every_url_but_the_allow_list(client, every_url, method):
    reached = set()
    for name, path, callback in every_url:
        # Django's admin points its own site views (index, app index) at the admin's login page.
        login = resolve_url(getattr(callback, "login_url", None) or settings.LOGIN_URL)
        response = getattr(client, method)(path)
        if response.status_code == 302 and response["Location"].startswith(f"{login}?next="):
            continue
        reached.add(name)
        assert name in ALLOW_LIST, f"{method.upper()} {path} ({name}) answered {response.status_code}"
    assert reached <= ALLOW_LIST


def test_the_allow_list_is_exactly_the_views_marked_login_not_required(every_url):
    open_views = {name for name, _, callback in every_url if not getattr(callback, "login_required", True)}
    assert open_views == ALLOW_LIST


def test_language_can_be_switched_on_the_login_page(client):
    login = reverse("login")
    response = client.post(reverse("set_language"), {"language": "en", "next": login})
    assert response.status_code == 302
    assert response["Location"] == login
    assert client.get(login).headers["Content-Language"] == "en"


def test_health_check_answers_anonymous_load_balancer(client, db):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.fixture
def csrf_client() -> Client:
    return Client(enforce_csrf_checks=True)


def test_login_without_csrf_token_is_refused(csrf_client, operator):
    response = csrf_client.post(reverse("login"), {"username": operator.username, "password": PASSWORD})
    assert response.status_code == 403
    assert "_auth_user_id" not in csrf_client.session


def test_logout_without_csrf_token_is_refused(csrf_client, operator):
    csrf_client.force_login(operator)
    response = csrf_client.post(reverse("logout"))
    assert response.status_code == 403
    assert csrf_client.session["_auth_user_id"] == str(operator.pk)


def test_admin_login_and_admin_changes_without_csrf_token_are_refused(csrf_client, db):
    admin = make_user("admin.it", is_staff=True, is_superuser=True)
    response = csrf_client.post(reverse("admin:login"), {"username": admin.username, "password": PASSWORD})
    assert response.status_code == 403
    csrf_client.force_login(admin)
    response = csrf_client.post(reverse("admin:auth_user_add"), {"username": "penyusup"})
    assert response.status_code == 403
    assert not User.objects.filter(username="penyusup").exists()


def test_every_post_in_the_urlconf_without_csrf_token_is_refused(csrf_client, every_url):
    """Logged in as a superuser, so no view refuses for want of a role before CSRF is checked."""
    csrf_client.force_login(make_user("admin.csrf", is_staff=True, is_superuser=True))
    exempt = {name for name, _, callback in every_url if getattr(callback, "csrf_exempt", False)}
    assert exempt == set()
    for name, path, _ in every_url:
        response = csrf_client.post(path, {"x": "1"})
        assert response.status_code == 403, f"POST {path} ({name}) answered {response.status_code}"
