"""Every URL pattern of the URLconf as a concrete path: shared by the anonymous walk and the
role × URL × method matrix, so that a URL added later is covered by both without a new line."""

import re

from django.urls import URLPattern, URLResolver
from django.urls.resolvers import RegexPattern, RoutePattern

ROUTE_PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")
REGEX_GROUP = re.compile(r"\((?:\?P<\w+>)?(?P<body>[^)]*)\)")


def fill_route(route: str, value: str) -> str:
    return ROUTE_PARAMETER.sub(value, route)


def fill_regex(regex: str, value: str) -> str:
    """A path matching an admin-style regex: a literal group gives its first alternative, others ``value``."""

    def group(match: re.Match) -> str:
        body = match.group("body")
        return body.split("|")[0] if re.fullmatch(r"[\w|]+", body) else value

    return REGEX_GROUP.sub(group, regex).lstrip("^").rstrip("$").replace("\\", "")


def walk(patterns, prefix: str = "", namespace: str = "", value: str = "1"):
    """Yield (name, path, callback) for every URL pattern, descending into includes."""
    for entry in patterns:
        pattern = entry.pattern
        if isinstance(pattern, RoutePattern):
            piece = fill_route(str(pattern), value)
        elif isinstance(pattern, RegexPattern):
            piece = fill_regex(pattern.regex.pattern, value)
        else:  # LocalePrefixPattern and the like
            piece = str(pattern)
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry.url_patterns, prefix + piece, inner, value)
        elif isinstance(entry, URLPattern):
            yield f"{namespace}{entry.name}" if entry.name else None, "/" + prefix + piece, entry.callback
