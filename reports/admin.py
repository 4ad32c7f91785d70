"""The Django admin for IT staff: every model, with search, filters and the session generator."""

from django import forms
from django.contrib import admin, messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from reports.brief import pades
from reports.models import (
    AgendaLine,
    Attendance,
    Election,
    FollowUp,
    ForwardedBrief,
    LetterCopy,
    LetterCounter,
    LetterNumber,
    LetterSettings,
    LogisticsItem,
    RakorSession,
    ReadinessReport,
    Reminder,
    ShortageLine,
    SignerCertificate,
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


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ["session", "region", "deadline", "sent_at"]
    list_filter = ["session"]
    search_fields = ["region__name", "recipients"]


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


class LetterCopyInline(admin.TabularInline):
    model = LetterCopy
    extra = 1


@admin.register(LetterSettings)
class LetterSettingsAdmin(admin.ModelAdmin):
    """The one row of the naskah dinas: the list opens it, and it is never added twice or deleted."""

    inlines = [LetterCopyInline]
    filter_horizontal = ["initialers"]
    fieldsets = [
        (_("Kop"), {"fields": ["government", "office", "address", "emblem"]}),
        (
            _("Kepala surat"),
            {"fields": ["place", "addressee", "addressee_place", "addressee_email", "nature", "subject"]},
        ),
        (_("Nomor surat"), {"fields": ["code", "unit", "number_pattern"]}),
        (
            _("Penandatanganan"),
            {
                "fields": [
                    "on_behalf",
                    "signer_title",
                    "signer",
                    "initialers",
                    "forwarder",
                    "attachment_heading",
                ]
            },
        ),
    ]

    def changelist_view(self, request, extra_context=None):
        return redirect("admin:reports_lettersettings_change", LetterSettings.load().pk)

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(LetterCounter)
class LetterCounterAdmin(admin.ModelAdmin):
    list_display = ["year", "last"]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(LetterNumber)
class LetterNumberAdmin(admin.ModelAdmin):
    """The register as issued: read only, for search."""

    list_display = ["number", "session", "signed_by", "issued_at", "withdrawn_at", "forwarded_at", "is_pades"]
    list_filter = ["year", "is_pades"]
    search_fields = ["number"]
    readonly_fields = [field.name for field in LetterNumber._meta.fields if field.name != "token"]
    exclude = ["token"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class SignerCertificateForm(forms.ModelForm):
    """The PKCS#12 file and its passphrase, checked by opening them; neither is ever shown back."""

    file = forms.FileField(label=_("Berkas PKCS#12 (.p12/.pfx)"))
    secret = forms.CharField(
        label=_("Kata sandi berkas"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(render_value=False),
    )

    class Meta:
        model = SignerCertificate
        fields = ["user"]

    def clean(self) -> dict:
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload is not None:
            if upload.size > MAX_PKCS12_BYTES:
                raise forms.ValidationError(
                    {"file": _("Berkas PKCS#12 terlalu besar (paling besar 100 kB).")}
                )
            try:
                self.opened = pades.open_pkcs12(upload.read(), cleaned.get("secret") or "")
            except pades.CertificateError as error:
                raise forms.ValidationError({"file": str(error)}) from error
        return cleaned


MAX_PKCS12_BYTES = 100_000


@admin.register(SignerCertificate)
class SignerCertificateAdmin(admin.ModelAdmin):
    form = SignerCertificateForm
    list_display = ["user", "subject", "issuer", "not_after", "uploaded_at"]
    readonly_fields = ["subject", "issuer", "not_after", "uploaded_at"]

    def save_model(self, request, obj, form, change) -> None:
        kept = pades.keep(form.cleaned_data["user"], form.opened)
        obj.pk = kept.pk
