"""The Django admin for IT staff: every model, with search, filters and the session generator.

A rakor's rows (the rakor itself, its reports and their lines, attendance and follow-ups) are
written here as on the pages: under the rakor's lock (``workflow.writes.lock_session``), taken when
the form is validated, since the admin validates and saves in one transaction; and a forwarded
rakor's rows are read-only, because what was sent to the Minister stays as it was sent. A
correction after forwarding is the secretariat's "buka kembali" on the brief page, never the admin.
"""

from collections.abc import Iterable
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from reports.brief import checklist, pades
from reports.models import (
    AgendaLine,
    Attendance,
    Election,
    ElectionStage,
    FollowUp,
    ForwardedBrief,
    LetterCopy,
    LetterCounter,
    LetterNumber,
    LetterSettings,
    LogisticsItem,
    RakorSession,
    ReadinessReport,
    ShortageLine,
    SignerCertificate,
)
from reports.registry import Kind, of_kind
from reports.workflow.writes import Locked, lock_session


def lock_rakors(session_ids: Iterable[int | None]) -> None:
    """Take the lock of each rakor (in a fixed order, so two saves cannot wait on each other),
    refusing (``Locked``) if one is forwarded."""
    chosen = {pk for pk in session_ids if pk is not None}
    for session in RakorSession.objects.filter(pk__in=chosen).order_by("pk"):
        lock_session(session)


class RakorRowForm(forms.ModelForm):
    """The admin form of a rakor's row: validating it takes the lock of the rakor it belongs to,
    before and after the change, and a forwarded rakor refuses with the desk's message."""

    rakor_field: str | None = "session"  # None: the row is the rakor itself

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if self.rakor_field is None:
            ids = [self.instance.pk]
        else:
            chosen = cleaned.get(self.rakor_field)
            stored = getattr(self.instance, f"{self.rakor_field}_id") if self.instance.pk else None
            ids = [stored, chosen.pk if chosen else None]
        try:
            lock_rakors(ids)
        except Locked as locked:
            raise ValidationError(str(locked)) from None
        return cleaned


class SessionForm(RakorRowForm):
    rakor_field = None


class FrozenOnceForwarded(SimpleHistoryAdmin):
    """Read-only, not changed, deleted nor reverted to an earlier version, once the rakor is
    forwarded; changes to an open rakor hold its lock."""

    def rakor(self, obj: Any) -> RakorSession:
        """The rakor ``obj`` belongs to (its ``session``)."""
        return obj.session

    def is_frozen(self, obj: models.Model | None) -> bool:
        return obj is not None and self.rakor(obj).forwarded_at is not None

    def has_change_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return not self.is_frozen(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return not self.is_frozen(obj) and super().has_delete_permission(request, obj)

    def get_readonly_fields(self, request: HttpRequest, obj: models.Model | None = None) -> list[str]:
        readonly = list(super().get_readonly_fields(request, obj))
        if self.is_frozen(obj):
            editable = [f.name for f in self.model._meta.concrete_fields if f.editable and not f.primary_key]
            readonly += [name for name in editable if name not in readonly]
        return readonly

    def delete_model(self, request: HttpRequest, obj: models.Model) -> None:
        self._lock_or_deny([self.rakor(obj).pk])
        super().delete_model(request, obj)

    @transaction.atomic
    def delete_queryset(self, request: HttpRequest, queryset: models.QuerySet) -> None:
        self._lock_or_deny(self.rakor(obj).pk for obj in queryset)
        super().delete_queryset(request, queryset)

    def history_form_view(
        self, request: HttpRequest, object_id: str, version_id: str, extra_context: dict | None = None
    ) -> HttpResponse:
        """simple-history lets anyone who may view an object revert it; here reverting is a change."""
        if request.method == "POST" and not self.has_change_permission(
            request, self.get_object(request, object_id)
        ):
            raise PermissionDenied
        with transaction.atomic():
            return super().history_form_view(request, object_id, version_id, extra_context)

    def _lock_or_deny(self, session_ids: Iterable[int]) -> None:
        try:
            lock_rakors(session_ids)
        except Locked as locked:  # forwarded between the confirmation page and the delete
            raise PermissionDenied(str(locked)) from None


class LogisticsItemInline(admin.TabularInline):
    model = LogisticsItem
    extra = 0


class ElectionStageInline(admin.TabularInline):
    """The stages after voting day; the campaign, quiet period and voting day are the election's own
    fields above."""

    model = ElectionStage
    extra = 0
    fields = ["kind", "start", "end", "estimated", "weekly_rakor"]


@admin.register(Election)
class ElectionAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "voting_day",
        "campaign_start",
        "campaign_end",
        "rakor_weekday",
        "deadline_time",
        "participation_target",
    ]
    search_fields = ["name"]
    inlines = [ElectionStageInline, LogisticsItemInline]
    actions = ["create_weekly_sessions"]

    @admin.action(description=_("Buat rakor mingguan dari kalender pemilihan (dengan pratinjau)"))
    def create_weekly_sessions(
        self, request: HttpRequest, queryset: models.QuerySet[Election]
    ) -> HttpResponse | None:
        """First a page listing the sessions the calendar calls for and that do not exist yet; the
        confirmation on that page creates them (never twice: existing dates are skipped)."""
        if request.POST.get("confirmed") != "yes":
            plans = [(election, election.missing_weekly_sessions()) for election in queryset]
            context = {
                **self.admin_site.each_context(request),
                "title": _("Pratinjau rakor mingguan"),
                "opts": self.model._meta,
                "plans": plans,
                "count": sum(len(planned) for _election, planned in plans),
                "selected": request.POST.getlist(helpers.ACTION_CHECKBOX_NAME),
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            }
            return TemplateResponse(request, "admin/reports/election/sessions_preview.html", context)
        created = sum(len(election.create_weekly_sessions()) for election in queryset)
        self.message_user(
            request,
            ngettext("%(count)d rakor dibuat.", "%(count)d rakor dibuat.", created) % {"count": created},
            messages.SUCCESS,
        )
        return None


@admin.register(LogisticsItem)
class LogisticsItemAdmin(admin.ModelAdmin):
    list_display = ["name", "election", "unit", "position"]
    list_filter = ["election"]
    search_fields = ["name"]


@admin.register(RakorSession)
class RakorSessionAdmin(FrozenOnceForwarded):
    form = SessionForm
    list_display = ["date", "election", "kind", "deadline", "signed_off_at", "forwarded_at"]
    list_filter = ["election", "kind"]
    search_fields = ["minutes"]
    date_hierarchy = "date"
    # The letter's own state (its text, the signer's acknowledgements) is changed only by the letter's
    # chain on the desk; the admin reads it in words, never as stored JSON.
    fieldsets = [
        (None, {"fields": ["election", "date", "kind", "deadline", "minutes"]}),
        (
            _("Naskah ke Mendagri"),
            {"fields": ["signed_off_at", "signed_off_by", "acknowledged", "forwarded_at", "forwarded_by"]},
        ),
    ]
    readonly_fields = ["signed_off_at", "signed_off_by", "acknowledged", "forwarded_at", "forwarded_by"]

    def rakor(self, obj: RakorSession) -> RakorSession:
        return obj

    @admin.display(description=_("Diketahui penanda tangan saat menyetujui"))
    def acknowledged(self, obj: RakorSession) -> str:
        """What the signer acknowledged, as the letter page words it ("—" when nothing)."""
        said = checklist.acknowledged(obj.sign_off_acknowledged)
        return "; ".join(f"{label}: {', '.join(regions)}" for label, regions in said) or "—"


class ReportLineInline(admin.TabularInline):
    """A report's lines, read-only once the report's rakor is forwarded (``obj`` is the report);
    they are saved with the report, under the lock its form took."""

    extra = 0

    def is_frozen(self, report: ReadinessReport | None) -> bool:
        return report is not None and report.session.forwarded_at is not None

    def has_add_permission(self, request: HttpRequest, obj: ReadinessReport | None = None) -> bool:
        return not self.is_frozen(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: ReadinessReport | None = None) -> bool:
        return not self.is_frozen(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: ReadinessReport | None = None) -> bool:
        return not self.is_frozen(obj) and super().has_delete_permission(request, obj)


class ShortageLineInline(ReportLineInline):
    model = ShortageLine
    autocomplete_fields = ["item"]


class AgendaLineInline(ReportLineInline):
    model = AgendaLine


@admin.register(ReadinessReport)
class ReadinessReportAdmin(FrozenOnceForwarded):
    form = RakorRowForm
    list_display = ["region", "session", "status", "readiness", "is_late", "submitted_at", "version"]
    list_filter = [
        "session__election",
        "session",
        "status",
        "is_late",
        *(f.name for f in of_kind(Kind.CHOICE)),
    ]
    search_fields = ["region__name", *(f.name for f in of_kind(Kind.TEXT)), "reviewer_comment"]
    list_select_related = ["region", "session"]
    inlines = [ShortageLineInline, AgendaLineInline]
    raw_id_fields = ["submitted_by", "reviewed_by"]


@admin.register(Attendance)
class AttendanceAdmin(FrozenOnceForwarded):
    form = RakorRowForm
    list_display = ["session", "region", "status", "representative", "recorded_at"]
    list_filter = ["session", "status"]
    search_fields = ["region__name", "representative"]
    list_select_related = ["region", "session"]


@admin.register(FollowUp)
class FollowUpAdmin(FrozenOnceForwarded):
    form = RakorRowForm
    list_display = ["title", "region", "agency", "due_date", "session", "closed_at"]
    list_filter = ["agency", "source", "session", ("closed_at", admin.EmptyFieldListFilter)]
    search_fields = ["title", "description", "region__name"]
    list_select_related = ["region", "session"]
    raw_id_fields = ["created_by", "closed_by"]


@admin.register(ForwardedBrief)
class ForwardedBriefAdmin(admin.ModelAdmin):
    list_display = ["session", "created_at", "forwarded_by", "superseded_at"]
    list_select_related = ["session", "forwarded_by"]
    search_fields = ["text", "reopen_reason"]
    fields = readonly_fields = (
        "session",
        "text",
        "created_at",
        "forwarded_by",
        "superseded_at",
        "superseded_by",
        "reopen_reason",
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return False


class LetterCopyInline(admin.TabularInline):
    model = LetterCopy
    extra = 1


@admin.register(LetterSettings)
class LetterSettingsAdmin(admin.ModelAdmin):
    """The one row of the naskah dinas: never added twice or deleted."""

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

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return False


@admin.register(LetterCounter)
class LetterCounterAdmin(admin.ModelAdmin):
    list_display = ["year_shown", "last"]

    @admin.display(description=_("tahun"), ordering="year")
    def year_shown(self, obj: LetterCounter) -> str:
        """The year as written (2026), not as a localized number (2.026)."""
        return str(obj.year)

    def has_delete_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return False


@admin.register(LetterNumber)
class LetterNumberAdmin(admin.ModelAdmin):
    """The register as issued: read only, for search."""

    list_display = ["number", "session", "signed_by", "issued_at", "withdrawn_at", "forwarded_at", "is_pades"]
    list_filter = ["year", "is_pades"]
    search_fields = ["number"]
    readonly_fields = [
        "year_shown" if field.name == "year" else field.name
        for field in LetterNumber._meta.fields
        if field.name != "token"
    ]
    exclude = ["token"]

    @admin.display(description=_("tahun"), ordering="year")
    def year_shown(self, obj: LetterNumber) -> str:
        """The year as written (2026), not as a localized number (2.026)."""
        return str(obj.year)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
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

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
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

    def save_model(
        self, request: HttpRequest, obj: SignerCertificate, form: SignerCertificateForm, change: bool
    ) -> None:
        kept = pades.keep(form.cleaned_data["user"], form.opened)
        # The admin's "added" message names ``obj``: it must carry what was kept.
        obj.pk, obj.user, obj.subject = kept.pk, kept.user, kept.subject
