"""Recovery codes: the way back into an account after a forgotten password, with no
e-mail address needed.

Each account has one code at a time, shown once (at sign-up, or when the person makes a
new one from "My data"), and kept only as a password hash: nobody at cyberaide can read
it back. With it, the person sets a new password (``accounts.views.recover``); using it
spends it, and a new one is shown. Wrong codes count as failed logins for that username
and address (django-axes), so they are throttled exactly like passwords.

A code is 16 characters from 32 that cannot be mistaken for one another when copied by
hand (no 0/O, no 1/I), in four groups: 80 bits, which no throttled guessing reaches.
"""

import secrets

from django.contrib.auth.hashers import check_password, make_password
from django.utils import timezone

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
GROUPS, GROUP_LENGTH = 4, 4
LENGTH = GROUPS * GROUP_LENGTH


def issue(user):
    """Make a new code for ``user``, which voids the previous one; return it, grouped.

    The caller shows it once and keeps it nowhere."""
    plain = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    user.recovery_code = make_password(plain)
    user.recovery_code_made_at = timezone.now()
    user.save(update_fields=["recovery_code", "recovery_code_made_at"])
    return grouped(plain)


def grouped(plain):
    return "-".join(plain[i : i + GROUP_LENGTH] for i in range(0, LENGTH, GROUP_LENGTH))


def normalized(typed):
    """What the person typed, as stored: capitals, without spaces or dashes."""
    return "".join(char for char in typed.upper() if char.isalnum())


def matches(user, typed):
    """Whether ``typed`` is ``user``'s current code. ``user`` may be None (no such
    account): the check then takes as long as a real one, so timing tells nothing."""
    code = normalized(typed)
    if user is None or not user.recovery_code:
        make_password(code)
        return False
    return len(code) == LENGTH and check_password(code, user.recovery_code)


def spend(user):
    """The code has been used: it never works again."""
    user.recovery_code = ""
    user.recovery_code_made_at = None
    user.save(update_fields=["recovery_code", "recovery_code_made_at"])
