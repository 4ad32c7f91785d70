"""The admin sets the reminder schedule and operators' numbers, and reads the notification log."""

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from notifications.forms import ContactForm
from notifications.models import AgencyMembership, Contact, FollowUpUpdate, Notification, ReminderSlot


class ContactInline(admin.StackedInline):
    """The mobile number on the user's own admin page."""

    model = Contact
    form = ContactForm
    fields = ["phone"]


class AgencyMembershipInline(admin.StackedInline):
    """The partner agency on the user's own admin page (Mitra accounts only)."""

    model = AgencyMembership
    fields = ["agency"]


@admin.register(ReminderSlot)
class ReminderSlotAdmin(admin.ModelAdmin):
    list_display = ["__str__", "days_before", "time", "active"]
    list_editable = ["active"]


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    form = ContactForm
    list_display = ["user", "phone_display"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "phone"]
    autocomplete_fields = ["user"]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "event", "recipient", "region", "channel", "result", "sent_at"]
    list_filter = ["event", "channel", "result", "region"]
    search_fields = ["recipient__username", "subject", "address"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


@admin.register(FollowUpUpdate)
class FollowUpUpdateAdmin(admin.ModelAdmin):
    list_display = ["follow_up", "region", "agency", "status", "author", "created_at"]
    list_filter = ["status", "region", "agency"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
