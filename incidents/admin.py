"""Incidents in the admin: searchable and filterable; attachments open through the guarded view,
never through a storage URL."""

from django.contrib import admin
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from incidents.models import Attachment, Incident, IncidentAgency, IncidentUpdate


class AgencyInline(admin.TabularInline):
    model = IncidentAgency
    extra = 0


class UpdateInline(admin.TabularInline):
    model = IncidentUpdate
    extra = 0
    fields = ["created_at", "author", "status_before", "status_after", "text"]
    readonly_fields = ["created_at", "author", "status_before", "status_after"]

    def has_add_permission(self, request: HttpRequest, obj: Incident | None = None) -> bool:
        return False


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    fields = ["opened", "kind", "content_type", "size", "uploaded_by", "uploaded_at", "has_original"]
    readonly_fields = ["opened", "kind", "content_type", "size", "uploaded_by", "uploaded_at", "has_original"]

    def has_add_permission(self, request: HttpRequest, obj: Incident | None = None) -> bool:
        return False

    @admin.display(description=_("berkas"))
    def opened(self, attachment: Attachment) -> str:
        return format_html('<a href="{}">{}</a>', attachment.get_absolute_url(), attachment.name)

    @admin.display(description=_("asli disimpan"), boolean=True)
    def has_original(self, attachment: Attachment) -> bool:
        return bool(attachment.original)


@admin.register(Incident)
class IncidentAdmin(SimpleHistoryAdmin):
    list_display = ["occurred_at", "region", "kecamatan", "kind", "severity", "status", "reported_by"]
    list_filter = ["status", "severity", "kind", "region"]
    search_fields = ["description", "place", "kecamatan__name", "region__name"]
    date_hierarchy = "occurred_at"
    list_select_related = ["region", "kecamatan", "reported_by"]
    autocomplete_fields = ["kecamatan", "follow_up"]
    raw_id_fields = ["reported_by"]
    inlines = [AgencyInline, UpdateInline, AttachmentInline]
