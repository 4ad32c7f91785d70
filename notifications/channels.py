"""The channels a notification goes out through, behind one interface, each set by environment.

``NOTIFY_CHANNELS`` lists the channels in use (``aplikasi``, ``email``, ``gateway``). E-mail goes
through Django's mail (``EMAIL_*``); the gateway is any WhatsApp Business or SMS provider that takes
an HTTP POST (``NOTIFY_GATEWAY_URL``, ``_TOKEN``, ``_TEMPLATE``, ``_TIMEOUT``, ``_RETRIES``); in-app
notices are the recorded rows themselves. WhatsApp click-to-chat needs no channel: it is a link the
desk user opens (``notifications.phones.whatsapp_link``).
"""

import json
import string
import time
import urllib.error
import urllib.request
from typing import Protocol

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import EmailMessage
from django.utils.translation import gettext as _

from notifications.models import Notification


class DeliveryError(Exception):
    """The channel could not deliver; ``str()`` is what the log shows."""


class Channel(Protocol):
    @property
    def name(self) -> str:
        """The channel's ``Notification.Channel`` value."""

    def address(self, user: User) -> str | None:
        """Where this channel reaches ``user``, or None when it cannot."""

    def send(self, notification: Notification) -> None:
        """Deliver, or raise DeliveryError."""


class InAppChannel:
    """The bell: the recorded row is the notice, so sending has nothing left to do."""

    name = Notification.Channel.IN_APP

    def address(self, user: User) -> str | None:
        return ""

    def send(self, notification: Notification) -> None:
        return None


class EmailChannel:
    name = Notification.Channel.EMAIL

    def address(self, user: User) -> str | None:
        return user.email or None

    def send(self, notification: Notification) -> None:
        message = EmailMessage(
            notification.subject, notification.message, settings.DEFAULT_FROM_EMAIL, [notification.address]
        )
        try:
            message.send()
        except (OSError, ValueError) as exc:  # smtplib's errors are OSErrors
            raise DeliveryError(f"{type(exc).__name__}: {exc}") from exc


class GatewayChannel:
    """A POST of a JSON body built from ``NOTIFY_GATEWAY_TEMPLATE`` (``$phone``, ``$subject`` and
    ``$message`` replaced in its strings), with a bearer token, a timeout per attempt, and retries
    after a timeout, a connection error or a 5xx answer; a 4xx answer is final."""

    name = Notification.Channel.GATEWAY

    def address(self, user: User) -> str | None:
        contact = getattr(user, "contact", None)
        return contact.phone if contact is not None else None

    def send(self, notification: Notification) -> None:
        config = settings.NOTIFY_GATEWAY
        body = json.dumps(
            _fill(
                json.loads(config["TEMPLATE"]),
                {
                    "phone": notification.address,
                    "subject": notification.subject,
                    "message": notification.message,
                },
            )
        ).encode()
        headers = {"Content-Type": "application/json"}
        if config["TOKEN"]:
            headers["Authorization"] = f"Bearer {config['TOKEN']}"
        error = ""
        for attempt in range(1 + config["RETRIES"]):
            if attempt:
                time.sleep(config["BACKOFF"] * attempt)
            request = urllib.request.Request(config["URL"], data=body, headers=headers, method="POST")
            try:
                with urllib.request.urlopen(request, timeout=config["TIMEOUT"]) as response:  # noqa: S310 - URL from settings
                    response.read()
                return
            except urllib.error.HTTPError as exc:
                error = f"HTTP {exc.code}"
                if exc.code < 500:
                    break
            except OSError as exc:  # URLError, a timeout, a refused or reset connection
                reason = getattr(exc, "reason", exc)
                error = _("waktu habis") if isinstance(reason, TimeoutError) else str(reason)
        raise DeliveryError(
            _("%(error)s setelah %(attempts)s percobaan") % {"error": error, "attempts": attempt + 1}
        )


def _fill(value: object, fields: dict[str, str]) -> object:
    """The template with its placeholders replaced in every string, JSON-safe by construction."""
    if isinstance(value, str):
        return string.Template(value).safe_substitute(fields)
    if isinstance(value, dict):
        return {key: _fill(item, fields) for key, item in value.items()}
    if isinstance(value, list):
        return [_fill(item, fields) for item in value]
    return value


ALL_CHANNELS: tuple[Channel, ...] = (InAppChannel(), EmailChannel(), GatewayChannel())
CHANNELS: dict[str, Channel] = {channel.name: channel for channel in ALL_CHANNELS}


def enabled_channels() -> list[Channel]:
    return [CHANNELS[name] for name in settings.NOTIFY_CHANNELS]
