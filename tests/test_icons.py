"""The icons come from one small sprite (static/img/icons.svg) that holds every icon the pages draw
and no other; each is hidden from screen readers, the words beside it saying what it means."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.template import Context, Template
from django.templatetags.static import static
from django.urls import reverse

from deskpilkada.icons import names_used, sprite, symbols_in_sprite
from reports.assessment import RULES
from reports.rollup.lights import Light, ReportState

ICON = re.compile(r'<svg class="bi[^"]*" aria-hidden="true"><use href="([^"#]+)#([a-z0-9-]+)"/></svg>')


def test_the_sprite_holds_exactly_the_icons_the_source_uses():
    call_command("build_icons", check=True)  # raises CommandError when out of date
    assert symbols_in_sprite() == names_used()


def test_every_icon_a_template_names_is_in_the_sprite():
    named = set()
    for path in Path(settings.BASE_DIR, "templates").rglob("*.html"):
        named.update(re.findall(r'{%\s*icon\s+"([^"]+)"', path.read_text()))
    assert named, "no {% icon %} found in the templates"
    assert named - symbols_in_sprite() == set()


def test_every_icon_the_code_picks_is_in_the_sprite():
    picked = {member.icon for kind in (Light, ReportState) for member in kind} | {rule.icon for rule in RULES}
    assert picked - symbols_in_sprite() == set()


def test_no_page_uses_the_icon_font_any_more():
    font_icon = re.compile(r'class="bi |\bbi-[a-z]')
    for folder in ("templates", "static"):
        for path in Path(settings.BASE_DIR, folder).rglob("*"):
            if path.suffix in {".html", ".js", ".css", ".py"}:
                assert not font_icon.search(path.read_text()), path
    assert not any("bootstrap-icons" in str(folder) for folder in settings.STATICFILES_DIRS)


def test_an_icon_is_drawn_from_the_sprite_and_hidden_from_screen_readers():
    html = Template('{% icon "send" %} {% icon name classes="text-success" %}').render(
        Context({"name": "check2"})
    )
    url = static("img/icons.svg")
    assert html == (
        f'<svg class="bi" aria-hidden="true"><use href="{url}#send"/></svg> '
        f'<svg class="bi text-success" aria-hidden="true"><use href="{url}#check2"/></svg>'
    )


def test_a_name_that_is_not_a_bootstrap_icon_is_refused(monkeypatch):
    with pytest.raises(FileNotFoundError):
        sprite(["send", "no-such-icon"])
    monkeypatch.setattr("reports.management.commands.build_icons.names_used", lambda: {"no-such-icon"})
    with pytest.raises(CommandError, match="no-such-icon"):
        call_command("build_icons", check=True)


@pytest.mark.parametrize(
    ("username", "page"),
    [("operator.bontang", "reports:report_form"), ("sekretariat", "reports:dashboard")],
)
def test_the_icons_a_page_draws_are_all_in_the_sprite(client, demo, username, page):
    client.force_login(User.objects.get(username=username))
    html = client.get(reverse(page)).content.decode()
    drawn = ICON.findall(html)
    assert len(drawn) >= 5
    assert {url for url, _ in drawn} == {static("img/icons.svg")}
    assert {name for _, name in drawn} <= symbols_in_sprite()
    assert html.count('<svg class="bi') == len(drawn), "an icon drawn otherwise, or not hidden"
