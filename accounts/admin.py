"""The user admin: the role (group), the region and the mobile number on the user's own page, so an
operator is made on one screen."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _

from notifications.admin import ContactInline
from regions.admin import MembershipInline

admin.site.unregister(User)


@admin.register(User)
class DeskUserAdmin(UserAdmin):
    inlines = [MembershipInline, ContactInline]
    list_display = [*UserAdmin.list_display, "membership__region"]  # type: ignore[misc]  # generic in django-stubs
    list_select_related = ["membership__region"]
    list_filter = [*UserAdmin.list_filter, "membership__region"]
    add_fieldsets = (
        *UserAdmin.add_fieldsets,
        (_("Nama, e-mail dan peran"), {"fields": ["first_name", "last_name", "email", "groups"]}),
    )
