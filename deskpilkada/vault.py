"""Secrets kept in the database, encrypted with a key derived from ``SECRET_KEY`` (HKDF-SHA256), so
that a copy of the database alone does not reveal them. Changing ``SECRET_KEY`` makes them
unreadable: the admin then uploads them again."""

import base64

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

__all__ = ["InvalidToken", "lock", "unlock"]


def _fernet(purpose: bytes) -> Fernet:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"desk-pilkada " + purpose).derive(
        settings.SECRET_KEY.encode()
    )
    return Fernet(base64.urlsafe_b64encode(key))


def lock(data: bytes, purpose: bytes) -> bytes:
    return _fernet(purpose).encrypt(data)


def unlock(token: bytes, purpose: bytes) -> bytes:
    """The data; ``InvalidToken`` when it was locked under another ``SECRET_KEY`` or altered."""
    return _fernet(purpose).decrypt(bytes(token))
