"""The user admin: the role (group), the region (or a partner's agency), the mobile number and the
civil-servant profile (jabatan, pangkat/golongan, NIP) on the user's own page, so a user (an
operator, a Mitra account) is made on one screen."""

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from accounts.invitations import invite
from accounts.models import Profile
from accounts.nip import clean_nip
from notifications.admin import AgencyMembershipInline, ContactInline
from regions.admin import MembershipInline


class ProfileForm(forms.ModelForm):
    """Takes the NIP as it is printed, with spaces ("19700101 199503 1 001"), and keeps its digits."""

    nip = forms.CharField(
        label=Profile._meta.get_field("nip").verbose_name,
        help_text=Profile._meta.get_field("nip").help_text,
        max_length=24,
        required=False,
    )

    class Meta:
        model = Profile
        fields = ["name", "position", "rank", "nip"]

    def clean_nip(self) -> str:
        nip = self.cleaned_data["nip"]
        return clean_nip(nip) if nip.strip() else ""


class ProfileInline(admin.StackedInline):
    model = Profile
    form = ProfileForm
    can_delete = False


admin.site.unregister(User)


@admin.register(User)
class DeskUserAdmin(UserAdmin):
    inlines = [MembershipInline, AgencyMembershipInline, ContactInline, ProfileInline]
    list_display = [
        *UserAdmin.list_display,  # type: ignore[misc]  # generic in django-stubs
        "membership__region",
        "agency_membership__agency",
        "profile__position",
    ]
    list_select_related = ["membership__region", "agency_membership", "profile"]
    list_filter = [*UserAdmin.list_filter, "membership__region", "agency_membership__agency"]
    search_fields = [*UserAdmin.search_fields, "profile__nip", "profile__name"]
    add_fieldsets = (
        *UserAdmin.add_fieldsets,
        (_("Nama, e-mail dan peran"), {"fields": ["first_name", "last_name", "email", "groups"]}),
    )

    def save_related(self, request: HttpRequest, form: forms.ModelForm, formsets: Any, change: bool) -> None:
        """A new account is invited: the admin is shown its one-time link (and it is mailed when the
        account has an address), and the user must change the password at first login."""
        super().save_related(request, form, formsets, change)
        if not change:
            user = form.instance
            link = invite(user)
            said = (
                _("Tautan undangan untuk %(username)s (sekali pakai; dikirim juga ke %(email)s): %(link)s")
                if user.email
                else _(
                    "Tautan undangan untuk %(username)s (sekali pakai; serahkan kepada pengguna): %(link)s"
                )
            )
            messages.info(
                request, said % {"username": user.get_username(), "email": user.email, "link": link}
            )
