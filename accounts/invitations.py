"""A new account's first way in: the admin gets a one-time link (Django's password-reset token, which
stops working once the password is set or the user logs in) to hand over or mail, the user sets
their own password there, and until they have chosen one themselves every page sends them to change
it (``Profile.must_change_password``, cleared when they do)."""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.models import User
from django.contrib.auth.signals import user_logged_in
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from accounts.models import Profile

REACHABLE_BEFORE_CHANGE = ("password_change", "logout", "set_language", "accounts:two_factor_verify")
# Set at login from the profile, so that the pages of everyone else cost no query.
MUST_CHANGE = "must_change_password"


def invitation_link(user: User) -> str:
    """The one-time address where ``user`` sets their own password."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return settings.SITE_URL + reverse("accounts:invitation", args=[uid, token])


def invite(user: User) -> str:
    """Mark a new account to change its password at first login and mail it the invitation when it
    has an address; returns the link, which the admin is shown."""
    Profile.objects.update_or_create(user=user, defaults={"must_change_password": True})
    link = invitation_link(user)
    if user.email:
        with translation.override(settings.LANGUAGE_CODE):
            subject = _("Undangan Desk Pilkada")
            message = _(
                "Yth. %(name)s, akun Desk Pilkada Anda sudah dibuat dengan nama pengguna %(username)s. "
                "Buat kata sandi Anda sendiri di tautan ini (hanya berlaku sekali): %(link)s"
            ) % {"name": user.get_full_name() or user.get_username(), "username": user.username, "link": link}
        transaction.on_commit(lambda: send_mail(subject, message, None, [user.email], fail_silently=True))
    return link


def password_chosen(request: HttpRequest, user: User) -> None:
    """The user has set a password of their own: no page sends them to change it any more."""
    for profile in Profile.objects.filter(user=user, must_change_password=True):
        profile.must_change_password = False
        profile.save(update_fields=["must_change_password"])  # through save(): the history records it
    request.session.pop(MUST_CHANGE, None)


@receiver(user_logged_in)
def remember_must_change(sender: type, request: HttpRequest, user: User, **kwargs: Any) -> None:
    if Profile.objects.filter(user=user, must_change_password=True).exists():
        request.session[MUST_CHANGE] = True


@method_decorator(login_not_required, name="dispatch")
class InvitationView(auth_views.PasswordResetConfirmView):
    """The invitation link's page: the new password, twice; then the login page."""

    template_name = "accounts/invitation.html"
    success_url = reverse_lazy("login")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        password_chosen(self.request, form.user)
        messages.success(self.request, _("Kata sandi tersimpan. Silakan masuk."))
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's password change, which also lifts the first-login requirement."""

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        password_chosen(self.request, form.user)
        return response


class ForcedPasswordChangeMiddleware:
    """Sends a user whose account still must change its password to the change page, whatever they
    open (except signing out, the language and the two-factor check)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            request.session.get(MUST_CHANGE)
            and request.user.is_authenticated
            and request.path not in {reverse(name) for name in REACHABLE_BEFORE_CHANGE}
        ):
            messages.warning(request, _("Ganti dulu kata sandi awal akun Anda dengan kata sandi sendiri."))
            return redirect("password_change")
        return self.get_response(request)
