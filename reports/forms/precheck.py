"""The rules a report must meet that a phone can check without a connection, as data for
static/js/report_check.js: each field's bounds and the server's own messages for them (in the
page's language), which sections must be confirmed or changed before sending, and which counts are
far from last week's. Before a report submitted offline is queued the page applies them, so what
waits on the device is what the server would take; the server still checks everything again when
it arrives (``ReportEditor.is_valid``) and a refusal is told (``reports.views.operator``)."""

from typing import Any

from django import forms
from django.utils.translation import gettext as _

from reports.forms.fields import DATE_PATTERN, long_date
from reports.forms.report import UNUSUAL_FACTOR, UNUSUAL_MIN_DIFFERENCE, ReportEditor
from reports.models import ReadinessReport
from reports.registry import FIELDS, Kind, model_field, number
from reports.workflow import carry


def field_rule(field: forms.Field) -> dict[str, Any]:
    """One field's bounds and the messages the server gives when they are broken."""
    messages = field.error_messages
    rule: dict[str, Any] = {"required": field.required, "messages": {"required": str(messages["required"])}}
    if isinstance(field, forms.IntegerField):
        rule.update(kind="count", min=field.min_value, max=field.max_value)
        rule["messages"].update(
            invalid=str(messages["invalid"]),
            min=str(messages.get("min_value", "")),
            max=str(messages.get("max_value", "")),
        )
    elif isinstance(field, forms.DateField):
        rule.update(kind="date", pattern=DATE_PATTERN)
        rule["messages"]["invalid"] = str(messages["invalid"])
    elif isinstance(field, forms.CharField) and field.max_length is not None:
        rule.update(kind="text", maxlength=field.max_length)
        rule["messages"]["max"] = str(messages["max_length"])
    return rule


def unchanged_sections(editor: ReportEditor) -> list[str] | None:
    """The sections whose shown values equal what was carried from last week, so that sending
    them needs "Bagian ini masih akurat" unless the operator changes them on the page; None when
    the page shows input the server could not read (the phone then leaves it to the server)."""
    form = editor.form
    if editor.previous is None:
        return []
    if not form.is_bound and form.instance.pk is None:
        return [section.key for section in form.sections]  # a new report shows what was carried
    if form.is_bound:
        if not hasattr(form, "cleaned_data") or any(not f.is_valid() for f in editor.lines.values()):
            return None
        after = editor.after()
    else:
        report: ReadinessReport = form.instance
        values = {name: getattr(report, name) for section in form.sections for name in section.fields}
        # The rows the formsets show (read once for the page), not another query.
        rows = {key: [line.instance for line in lines.initial_forms] for key, lines in editor.lines.items()}
        shortages = [carry.shortage_row(s.item_id, s.quantity, s.note) for s in rows.get("shortages", [])]
        agenda = [carry.agenda_row(a.kind, a.date, a.place, a.description) for a in rows.get("agenda", [])]
        after = carry.snapshot(values, shortages, agenda, form.sections)
    before = editor.before or {}
    return [key for key in after if before.get(key) == after[key]]


def offline_rules(editor: ReportEditor) -> dict[str, Any]:
    """Everything report_check.js needs, as one JSON-serialisable mapping."""
    form = editor.form
    election = form.instance.session.election
    previous = editor.previous
    unusual = {}
    if previous is not None:
        saved = form.instance if form.instance.pk else None
        for field in FIELDS:
            old = getattr(previous, field.name)
            if field.unusual and field.name in form.fields and old is not None:
                unusual[field.name] = {
                    "old": old,
                    "saved": getattr(saved, field.name) if saved is not None else None,
                    "message": _(
                        "Nilai ini jauh dari laporan sebelumnya (%(old)s pada rakor %(date)s). "
                        "Periksa kembali; jika benar, centang konfirmasi nilai tidak biasa."
                    )
                    % {"old": number(old), "date": long_date(previous.session.date)},
                }
    sections = []
    for section in form.sections:
        required = None
        if section.required:
            label = model_field(ReadinessReport, section.required).verbose_name
            required = {
                "name": section.required,
                "message": _("Pilih %(field)s sebelum mengirim laporan.") % {"field": label},
            }
        sections.append(
            {
                "key": section.key,
                "fields": form.names(section),
                "lines": editor.lines[section.lines].prefix if section.lines in editor.lines else "",
                "confirm": f"confirm_{section.key}" if f"confirm_{section.key}" in form.fields else "",
                "required": required,
            }
        )
    dates = [field.name for field in FIELDS if field.kind == Kind.DATE and field.name in form.fields]
    return {
        "fields": {
            name: field_rule(field)
            for name, field in form.fields.items()
            if not isinstance(field.widget, forms.HiddenInput | forms.CheckboxInput)
        },
        "calendar": {
            "fields": dates,
            "start": election.calendar_start.isoformat(),
            "end": election.calendar_end.isoformat(),
            "message": _("Tanggal harus di antara %(start)s dan %(end)s.")
            % {"start": long_date(election.calendar_start), "end": long_date(election.calendar_end)},
        },
        "sections": sections,
        "unchanged": unchanged_sections(editor),
        "unconfirmed": _("Centang jika bagian ini masih akurat, atau ubah isinya."),
        "unusual": unusual,
        "unusualFactor": UNUSUAL_FACTOR,
        "unusualMinDifference": UNUSUAL_MIN_DIFFERENCE,
        "summary": _("Belum disimpan di perangkat. Perbaiki isian yang ditandai; isian Anda tetap ada."),
    }
