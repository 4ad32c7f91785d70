"""Helpers for the operator tests: read the report form as a browser would submit it."""

import re
from html import unescape
from html.parser import HTMLParser

from django.urls import reverse

from reports.registry import SECTIONS


class FormReader(HTMLParser):
    """The values a browser would post from the form with id ``form_id`` (rows inside <template>
    are not part of the form until JavaScript adds them)."""

    def __init__(self, form_id: str = "report-form"):
        super().__init__()
        self.form_id = form_id
        self.data: dict[str, str] = {}
        self.in_form = self.in_template = False
        self.select = self.textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == self.form_id:
            self.in_form = True
        if tag == "template":
            self.in_template = True
        if not self.in_form or self.in_template:
            return
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") != "submit":
            if attrs.get("type") in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.data[name] = attrs.get("value") or "on"
            else:
                self.data[name] = attrs.get("value") or ""
        elif tag == "select":
            self.select = name
            self.data.setdefault(name, "")
        elif tag == "option" and self.select and "selected" in attrs:
            self.data[self.select] = attrs.get("value") or ""
        elif tag == "textarea":
            self.textarea = name
            self.data[name] = ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        elif tag == "template":
            self.in_template = False
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.textarea and self.in_form and not self.in_template:
            self.data[self.textarea] += data.removeprefix("\n") if not self.data[self.textarea] else data


def form_data(response, form_id: str = "report-form") -> dict[str, str]:
    reader = FormReader(form_id)
    reader.feed(response.content.decode())
    return reader.data


def report_url(session) -> str:
    return reverse("reports:session_report", args=[session.pk])


def open_form(client, session) -> dict[str, str]:
    response = client.get(report_url(session))
    assert response.status_code == 200
    return form_data(response)


def post_form(client, session, data: dict, action: str = "draft", **changes):
    return client.post(report_url(session), {**data, **changes, "action": action})


def confirm_all(data: dict) -> dict:
    """Tick every "Bagian ini masih akurat" box shown."""
    return {**data, **{f"confirm_{key}": "on" for key in (s.key for s in SECTIONS)}}


def errors_beside(response, name: str) -> list[str]:
    """The messages the page shows beside the field posted as ``name`` (crispy's error spans)."""
    pattern = rf'id="error_\d+_id_{re.escape(name)}"[^>]*>\s*(?:<small>)?<strong>(.*?)</strong>'
    return [unescape(message) for message in re.findall(pattern, response.content.decode(), re.S)]
