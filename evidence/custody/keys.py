"""The server keys that wrap each dossier's own key (envelope encryption).

``CYBERAIDE_STORAGE_KEY`` is the current key: exactly 32 random bytes in URL-safe base64,
never derived from anything else (rotating ``SECRET_KEY`` must not make evidence
unreadable). ``CYBERAIDE_STORAGE_KEY_FALLBACKS`` lists older keys still accepted for
reading, until ``manage.py rotate_storage_key`` has re-wrapped every dossier key with the
current one. Each wrapped key records the id of the key that wrapped it, and its
associated data binds it to its dossier: a wrapped key copied onto another dossier does
not open.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import uuid

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from evidence.refusals import Refused

KEY_BYTES = 32
FORMAT_VERSION = b"\x01"
NONCE_SIZE = 12
# What dossier keys wrapped before key ids existed were bound to (no dossier).
LEGACY_ASSOCIATED_DATA = b"dossier-key"


class DossierUnreadable(Refused):
    """A dossier whose key cannot be opened with the server keys configured: a key
    changed or missing on the server. Nothing is lost; the operator must restore it."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "This dossier cannot be opened right now: the server is missing the key that "
                "protects it. Nothing has been lost or changed. The people who run this "
                "service have to restore the key; try again later."
            )
        )


def parse_key(text: str) -> bytes:
    """The key a setting gives, or ``ValueError`` saying what is wrong with it."""
    try:
        key = base64.urlsafe_b64decode(text.strip().encode("ascii"))
    except (binascii.Error, UnicodeEncodeError, ValueError) as error:
        raise ValueError("it is not URL-safe base64") from error
    if len(key) != KEY_BYTES:
        raise ValueError(f"it is {len(key)} bytes long, not {KEY_BYTES}")
    return key


def new_key_text() -> str:
    """A fresh server key, as the setting takes it."""
    return base64.urlsafe_b64encode(os.urandom(KEY_BYTES)).decode("ascii")


def key_id(key: bytes) -> str:
    """A name for a key that does not reveal it."""
    return hashlib.sha256(b"cyberaide-storage-key-id:" + key).hexdigest()[:16]


def configuration_problems() -> list[str]:
    """What is wrong with the configured keys, in the operator's words (English)."""
    problems = []
    if not settings.CYBERAIDE_STORAGE_KEY:
        problems.append("CYBERAIDE_STORAGE_KEY is not set")
    else:
        try:
            parse_key(settings.CYBERAIDE_STORAGE_KEY)
        except ValueError as error:
            problems.append(f"CYBERAIDE_STORAGE_KEY is not a storage key: {error}")
    for position, text in enumerate(settings.CYBERAIDE_STORAGE_KEY_FALLBACKS, start=1):
        try:
            parse_key(text)
        except ValueError as error:
            problems.append(f"CYBERAIDE_STORAGE_KEY_FALLBACKS entry {position}: {error}")
    return problems


def require_configured_keys() -> None:
    """Refuse to serve with a missing or malformed key (the WSGI entry point calls it)."""
    problems = configuration_problems()
    if problems:
        raise ImproperlyConfigured(
            "; ".join(problems) + '. Generate one with `python -c "import base64, os; '
            'print(base64.urlsafe_b64encode(os.urandom(32)).decode())"`.'
        )


def current_key() -> tuple[str, bytes]:
    if not settings.CYBERAIDE_STORAGE_KEY:
        raise ImproperlyConfigured("CYBERAIDE_STORAGE_KEY is not set.")
    key = parse_key(settings.CYBERAIDE_STORAGE_KEY)
    return key_id(key), key


def known_keys() -> dict[str, bytes]:
    """Every key accepted for reading, by id: the current one first."""
    keys = [parse_key(settings.CYBERAIDE_STORAGE_KEY)] if settings.CYBERAIDE_STORAGE_KEY else []
    keys += [parse_key(text) for text in settings.CYBERAIDE_STORAGE_KEY_FALLBACKS]
    return {key_id(key): key for key in keys}


def _associated_data(public_id: uuid.UUID) -> bytes:
    return b"dossier-key:" + str(public_id).encode("ascii")


def wrap(dossier_key: bytes, public_id: uuid.UUID) -> tuple[bytes, str]:
    """``dossier_key`` wrapped by the current key for this dossier, and that key's id."""
    wrapping_id, wrapping_key = current_key()
    nonce = os.urandom(NONCE_SIZE)
    sealed = AESGCM(wrapping_key).encrypt(nonce, dossier_key, _associated_data(public_id))
    return FORMAT_VERSION + nonce + sealed, wrapping_id


def new_dossier_key(public_id: uuid.UUID) -> tuple[bytes, str]:
    """A fresh dossier key, wrapped: ready for ``Dossier.wrapped_key`` and ``key_id``."""
    return wrap(AESGCM.generate_key(bit_length=KEY_BYTES * 8), public_id)


def unwrap(wrapped: bytes | memoryview, wrapping_id: str, public_id: uuid.UUID) -> bytes:
    """The dossier key, or ``DossierUnreadable`` when no configured key opens it."""
    blob = bytes(wrapped)
    if blob[:1] != FORMAT_VERSION:
        raise DossierUnreadable
    nonce, sealed = blob[1 : 1 + NONCE_SIZE], blob[1 + NONCE_SIZE :]
    keys = known_keys()
    if wrapping_id:
        candidates = (
            [(keys[wrapping_id], _associated_data(public_id))] if wrapping_id in keys else []
        )
    else:  # wrapped before key ids: bound to no dossier, by one of the known keys
        candidates = [(key, LEGACY_ASSOCIATED_DATA) for key in keys.values()]
    for key, associated_data in candidates:
        try:
            return AESGCM(key).decrypt(nonce, sealed, associated_data)
        except InvalidTag:
            continue
    raise DossierUnreadable
