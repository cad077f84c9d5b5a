"""The codes a pupil or a staff member hands over: single use, shown once, stored only as
their SHA-256, valid for ``CYBERAIDE_CODE_VALID_DAYS``."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from evidence.models import Event
from evidence.refusals import Refused

Action = Event.Action


# No 0/O, 1/I/L or U: a code is read aloud and typed on a phone.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"


CODE_LENGTH = 12  # 29^12, about 2^58: not guessable, even without throttling


class CodeRefused(Refused):
    """A code that cannot be used; ``message`` says why, in the user's language."""


def new_code():
    """A fresh code, formatted for reading (``ABCD-EFGH-JKMN``), and its hash."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, CODE_LENGTH, 4)), code_hash(raw)


def code_hash(code):
    """The hash of a code as typed: case, spaces and dashes do not matter."""
    normalized = "".join(character for character in code.upper() if character.isalnum())
    return hashlib.sha256(normalized.encode()).hexdigest()


def code_expiry():
    return timezone.now() + timedelta(days=settings.CYBERAIDE_CODE_VALID_DAYS)
