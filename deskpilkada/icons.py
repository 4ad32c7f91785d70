"""The interface's icons: ``{% icon "send" %}`` draws one symbol of ``static/img/icons.svg``, a sprite
holding only the Bootstrap Icons the desk shows.

The icon font drew the same icons but carried all two thousand of them: 134 kB compressed, more than
half of what an operator's phone fetched on its first visit. The sprite is built by ``manage.py
build_icons`` from the npm package's SVG files, for the names the source uses: ``{% icon "name" %}``
in a template, and the name wrapped in ``Icon(...)`` where code picks the icon (a template then
writes ``{% icon row.state.icon %}``), so that reading the source finds every name. A name the
sprite lacks draws nothing, so the tests check the sprite against the source (tests/test_icons.py).

The tag is a template builtin (settings.TEMPLATES), so no template needs to load it.
"""

import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import NewType

from django import template
from django.apps import apps
from django.conf import settings
from django.http import HttpRequest
from django.template import Context, engines
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import SafeString

Icon = NewType("Icon", str)

PACKAGE = settings.BASE_DIR / "node_modules" / "bootstrap-icons"
SPRITE = settings.BASE_DIR / "static" / "img" / "icons.svg"
SPRITE_STATIC = "img/icons.svg"
SPRITE_CONTEXT = "icon_sprite"
IN_TEMPLATES = re.compile(r'{%\s*icon\s+"([a-z0-9-]+)"')
IN_CODE = re.compile(r'\bIcon\("([a-z0-9-]+)"\)')
SOURCE_SVG = re.compile(r'<svg [^>]*viewBox="(?P<viewbox>[^"]+)"[^>]*>(?P<body>.*)</svg>', re.DOTALL)

register = template.Library()


def sprite_address(request: HttpRequest) -> dict[str, str]:
    """Context processor: the sprite's address (its hashed name in production), looked up once per
    page rather than once per icon, since a page such as the national dashboard draws thousands."""
    return {SPRITE_CONTEXT: static(SPRITE_STATIC)}


@register.simple_tag(takes_context=True)
def icon(context: Context, name: str, classes: str = "") -> SafeString:
    """One icon, hidden from screen readers: the words beside it (or the control's aria-label) say
    what it means. A template rendered without the context processor (a mail, say) looks the sprite
    up itself."""
    return format_html(
        '<svg class="bi{}" aria-hidden="true"><use href="{}#{}"/></svg>',
        f" {classes}" if classes else "",
        context.get(SPRITE_CONTEXT) or static(SPRITE_STATIC),
        name,
    )


def names_used() -> set[str]:
    """Every icon name the project's templates and Python code write."""
    names: set[str] = set()
    for folder in source_folders():
        for path in folder.rglob("*.html"):
            names.update(IN_TEMPLATES.findall(path.read_text()))
        for path in folder.rglob("*.py"):
            names.update(IN_CODE.findall(path.read_text()))
    return names


def source_folders() -> list[Path]:
    """The template folders and the project's own apps (not Django's or the libraries')."""
    folders = [Path(folder) for engine in engines.all() for folder in engine.dirs]
    root = settings.BASE_DIR.resolve()
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        if path.is_relative_to(root) and "site-packages" not in path.parts:
            folders.append(path)
    return folders


def sprite(names: Iterable[str]) -> str:
    """The sprite holding one ``<symbol id="name">`` per name, in order of name. Raises
    FileNotFoundError for a name that is not a Bootstrap Icon."""
    version = json.loads((PACKAGE / "package.json").read_text())["version"]
    lines = [
        '<svg xmlns="http://www.w3.org/2000/svg">',
        f"<!-- Bootstrap Icons {version} (MIT License, https://icons.getbootstrap.com), the icons the"
        " desk uses. Written by `manage.py build_icons`; do not edit. -->",
        *(symbol(name) for name in sorted(set(names))),
        "</svg>",
    ]
    return "\n".join(lines) + "\n"


def symbol(name: str) -> str:
    source = (PACKAGE / "icons" / f"{name}.svg").read_text()
    match = SOURCE_SVG.search(source)
    if match is None:
        raise ValueError(f"{name}.svg is not an <svg> with a viewBox")
    body = "".join(line.strip() for line in match["body"].splitlines())
    return f'<symbol id="{name}" viewBox="{match["viewbox"]}">{body}</symbol>'


def symbols_in_sprite() -> set[str]:
    return set(re.findall(r'<symbol id="([a-z0-9-]+)"', SPRITE.read_text()))
