"""Read an HTML form the way a browser submits it: every field with its current value, and the
submit buttons, so the benchmark can post the operator's report form without knowing its fields."""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlencode

SKIPPED_TYPES = {"submit", "button", "reset", "image", "file"}


@dataclass
class Form:
    action: str
    method: str
    fields: list[tuple[str, str]] = field(default_factory=list)
    buttons: list[tuple[str, str]] = field(default_factory=list)

    def value(self, name: str) -> str | None:
        return next((value for key, value in self.fields if key == name), None)

    def names_ending(self, suffix: str) -> list[str]:
        return [key for key, _ in self.fields if key == suffix or key.endswith(f"-{suffix}")]

    def replace(self, name: str, value: str) -> None:
        self.fields = [(key, value if key == name else old) for key, old in self.fields]

    def submit_button(self) -> tuple[str, str] | None:
        """The button that submits the report (rather than saving a draft), else the first one."""
        for name, value in self.buttons:
            if any(word in f"{name} {value}".lower() for word in ("submit", "kirim")):
                return name, value
        return self.buttons[0] if self.buttons else None

    def encode(self, button: tuple[str, str] | None = None) -> str:
        return urlencode(self.fields + ([button] if button and button[0] else []))


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.select: tuple[str, list[tuple[str, bool]]] | None = None
        self.textarea: list | None = None
        self.option: list | None = None
        self.templates = 0  # inside <template>: inert, a browser does not submit it

    def handle_starttag(self, tag, attrs):
        attrs = {key: value if value is not None else "" for key, value in attrs}
        if tag == "template":
            self.templates += 1
        if self.templates:
            return
        if tag == "form":
            self.forms.append(Form(attrs.get("action", ""), attrs.get("method", "get").lower()))
            return
        if not self.forms or "disabled" in attrs:
            return
        form = self.forms[-1]
        name = attrs.get("name")
        kind = attrs.get("type", "text" if tag == "input" else "submit").lower()
        if tag in ("input", "button") and kind == "submit":
            form.buttons.append((name or "", attrs.get("value", "")))
        elif tag == "input" and name and kind not in SKIPPED_TYPES:
            if kind not in ("checkbox", "radio") or "checked" in attrs:
                form.fields.append((name, attrs.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select" and name:
            self.select = (name, [])
        elif tag == "option" and self.select is not None:
            self.option = [attrs.get("value"), "selected" in attrs, ""]
        elif tag == "textarea" and name:
            self.textarea = [name, ""]

    def handle_data(self, data):
        if self.option is not None:
            self.option[2] += data
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "template":
            self.templates -= 1
        elif tag == "option" and self.option is not None and self.select is not None:
            value, selected, text = self.option
            self.select[1].append((text.strip() if value is None else value, selected))
            self.option = None
        elif tag == "select" and self.select is not None:
            name, options = self.select
            chosen = [value for value, selected in options if selected] or [v for v, _ in options[:1]]
            self.forms[-1].fields.extend((name, value) for value in chosen)
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            name, text = self.textarea
            # A browser drops the one newline that may follow <textarea>.
            self.forms[-1].fields.append((name, text[1:] if text.startswith("\n") else text))
            self.textarea = None


def forms(html: str) -> list[Form]:
    parser = _Parser()
    parser.feed(html)
    parser.close()
    return parser.forms


def post_form(html: str, marker: str = "csrfmiddlewaretoken") -> Form | None:
    """The largest POST form of the page that carries ``marker`` (the page's main form)."""
    candidates = [form for form in forms(html) if form.method == "post" and form.value(marker) is not None]
    return max(candidates, key=lambda form: len(form.fields), default=None)
