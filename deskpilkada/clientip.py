"""The client's address, the same for login throttling, the audit trail and the access log.

Behind ``PROXY_COUNT`` reverse proxies that append to ``CLIENT_IP_HEADER`` (e.g. X-Forwarded-For),
the client is the entry the outermost trusted proxy appended: counted from the right, because
everything to its left was sent by the client and can be forged. Without a proxy it is REMOTE_ADDR.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def meta_key(header: str) -> str:
    """``X-Forwarded-For`` → ``HTTP_X_FORWARDED_FOR``; META keys pass through."""
    key = header.strip().upper().replace("-", "_")
    if key in ("REMOTE_ADDR", "") or key.startswith("HTTP_"):
        return key
    return f"HTTP_{key}"


def valid_ip(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str | None:
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.PROXY_COUNT
    key = meta_key(settings.CLIENT_IP_HEADER)
    if count > 0 and key not in ("", "REMOTE_ADDR"):
        entries = [entry for entry in request.META.get(key, "").split(",") if entry.strip()]
        if len(entries) >= count:
            return valid_ip(entries[-count])
    return valid_ip(remote)
