"""The Django admin for IT staff: every model, with search, filters and the session generator."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from reports.models import (
    AgendaLine,
    Attendance,
    Election,
    FollowUp,
    ForwardedBrief,
    LogisticsItem,
    RakorSession,
    ReadinessReport,
    ShortageLine,
)


class LogisticsItemInline(admin.TabularInline):
    model = LogisticsItem
    extra = 0


@admin.register(Election)
class ElectionAdmin(admin.ModelAdmin):
    list_display = ["name", "voting_day", "campaign_start", "campaign_end", "participation_target"]
    search_fields = ["name"]
    inlines = [LogisticsItemInline]
    actions = ["create_weekly_sessions"]

    @admin.action(description=_("Buat rakor mingguan setiap Senin sampai hari pemungutan suara"))
    def create_weekly_sessions(self, request, queryset):
        created = sum(len(election.create_weekly_sessions()) for election in queryset)
        self.message_user(
            request,
            ngettext("%(count)d rakor dibuat.", "%(count)d rakor dibuat.", created) % {"count": created},
            messages.SUCCESS,
        )


@admin.register(LogisticsItem)
class LogisticsItemAdmin(admin.ModelAdmin):
    list_display = ["name", "election", "unit", "position"]
    list_filter = ["election"]
    search_fields = ["name"]


@admin.register(RakorSession)
class RakorSessionAdmin(SimpleHistoryAdmin):
    list_display = ["date", "election", "kind", "deadline", "signed_off_at", "forwarded_at"]
    list_filter = ["election", "kind"]
    search_fields = ["minutes"]
    date_hierarchy = "date"
    readonly_fields = ["signed_off_at", "signed_off_by", "forwarded_at", "forwarded_by"]


class ShortageLineInline(admin.TabularInline):
    model = ShortageLine
    extra = 0
    autocomplete_fields = ["item"]


class AgendaLineInline(admin.TabularInline):
    model = AgendaLine
    extra = 0


@admin.register(ReadinessReport)
class ReadinessReportAdmin(SimpleHistoryAdmin):
    list_display = ["region", "session", "status", "readiness", "is_late", "submitted_at", "version"]
    list_filter = ["session__election", "session", "status", "readiness", "is_late", "conflict_risk"]
    search_fields = ["region__name", "notes", "reviewer_comment"]
    list_select_related = ["region", "session"]
    inlines = [ShortageLineInline, AgendaLineInline]
    raw_id_fields = ["submitted_by", "reviewed_by"]


@admin.register(Attendance)
class AttendanceAdmin(SimpleHistoryAdmin):
    list_display = ["session", "region", "status", "representative", "recorded_at"]
    list_filter = ["session", "status"]
    search_fields = ["region__name", "representative"]
    list_select_related = ["region", "session"]


@admin.register(FollowUp)
class FollowUpAdmin(SimpleHistoryAdmin):
    list_display = ["title", "region", "agency", "due_date", "session", "closed_at"]
    list_filter = ["agency", "source", "session", ("closed_at", admin.EmptyFieldListFilter)]
    search_fields = ["title", "description", "region__name"]
    list_select_related = ["region", "session"]
    raw_id_fields = ["created_by", "closed_by"]


@admin.register(ForwardedBrief)
class ForwardedBriefAdmin(admin.ModelAdmin):
    list_display = ["session", "created_at"]
    search_fields = ["text"]
    fields = ["session", "text", "created_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
