from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from regions.models import Kecamatan, Membership, Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = [
        "kemendagri_code",
        "bps_code",
        "name",
        "kind",
        "capital",
        "kecamatan_count",
        "registered_voters",
        "polling_stations",
    ]
    list_filter = ["kind", "province"]
    search_fields = ["name", "kemendagri_code", "bps_code", "capital"]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "region"]
    list_filter = ["region"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "region__name"]
    autocomplete_fields = ["user", "region"]


class MembershipInline(admin.StackedInline):
    """The region on the user's own admin page (operators only)."""

    model = Membership
    autocomplete_fields = ["region"]


@admin.register(Kecamatan)
class KecamatanAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "region"]
    list_filter = ["region"]
    search_fields = ["name", "code", "region__name"]
    list_select_related = ["region"]
